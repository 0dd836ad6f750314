package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
	"amiable/mailroom"
)

// openB2BCase opens a case between two companies with two invoices under
// L441-10 penalties, F-1 with its 40 € indemnity.
func openB2BCase(t *testing.T) (*UI, *caseView) {
	t.Helper()
	u, st := newTestUI(t)
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	deb := saveParty(t, st, company("Brasserie du Nord", "552100554"))
	c := debt.Case{
		Creditor: cred, Debtors: []debt.CaseDebtor{{Party: deb}}, Nature: debt.NatureInvoice, Interest: debt.InterestTerms{Kind: debt.InterestBusiness},
		Lines: []debt.ClaimLine{
			{Kind: debt.LinePrincipal, Label: "Facture F-1", DocNumber: "F-1", IssueDate: debt.MustDate("2025-11-15"), DueDate: debt.MustDate("2025-12-15"), Amount: 100000},
			{Kind: debt.LineIndemnity, Label: "Indemnité F-1", DocNumber: "F-1", DueDate: debt.MustDate("2025-12-16"), Amount: debt.FixedIndemnity},
			{Kind: debt.LinePrincipal, Label: "Facture F-2", DocNumber: "F-2", IssueDate: debt.MustDate("2025-12-15"), DueDate: debt.MustDate("2026-01-15"), Amount: 50000},
		},
	}
	saved, err := st.CreateCase(ctx, c, "test", testNow)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	u.openCase(saved.ID)
	return u, u.cases.view
}

// TestClaimLineFormOneIndemnityPerInvoice: the claim line form refuses a
// second 40 € indemnity for invoice F-1 (Code de commerce D441-5: one per
// late invoice) and writes nothing; F-2's is accepted.
func TestClaimLineFormOneIndemnityPerInvoice(t *testing.T) {
	u, v := openB2BCase(t)
	v.selectTab("Créance")
	test.Tap(button(t, v.content, "Ajouter une ligne"))
	f := v.lineDialog
	var entries []*entry
	var kind *widget.Select
	walk(f.content, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *entry:
			entries = append(entries, w)
		case *widget.Select:
			kind = w
		}
	})
	label, number, due := entries[0], entries[1], entries[3]
	kind.SetSelected(debt.LineIndemnity.Label())
	number.SetText("F-1")
	due.SetText("16/12/2025")
	test.Tap(f.confirm)
	if f.closed || !strings.Contains(f.errs.Text, "une seule indemnité de 40 € par facture") {
		t.Fatalf("second indemnity for F-1: closed %v, errors %q", f.closed, f.errs.Text)
	}
	if c, _ := u.store.Case(ctx, v.id); len(c.Lines) != 3 {
		t.Fatalf("%d lines after a refused indemnity, want 3", len(c.Lines))
	}
	label.SetText("Indemnité F-2")
	number.SetText("F-2")
	due.SetText("16/01/2026")
	test.Tap(f.confirm)
	if !f.closed {
		t.Fatalf("F-2's indemnity refused: %q", f.errs.Text)
	}
	if c, _ := u.store.Case(ctx, v.id); len(c.Lines) != 4 {
		t.Errorf("%d lines after F-2's indemnity, want 4", len(c.Lines))
	}
}

// TestPaymentFormDebtorsChoice: the payment form offers the debtor's
// choice of invoice (C. civ. 1342-10 al. 1) and says the legal order
// otherwise; choosing F-2, the newest, puts the payment on F-2 only.
func TestPaymentFormDebtorsChoice(t *testing.T) {
	u, v := openB2BCase(t)
	pressShortcut(u, fyne.KeyE)
	f := v.payDialog
	if !hasText(f.content, "1342-10") {
		t.Errorf("payment form does not state the legal order: %q", texts(f.content))
	}
	var choice *widget.CheckGroup
	walk(f.content, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.CheckGroup); ok {
			choice = c
		}
	})
	if choice == nil {
		t.Fatal("no choice of lines in the payment form")
	}
	var f2 string
	for _, o := range choice.Options {
		if strings.HasPrefix(o, "Facture F-2") {
			f2 = o
		}
	}
	choice.SetSelected([]string{f2})
	test.Type(v.payAmount, "100")
	v.payAmount.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.closed {
		t.Fatalf("payment refused: %q", f.errs.Text)
	}
	ps, err := u.store.Payments(ctx, v.id)
	if err != nil || len(ps) != 1 {
		t.Fatalf("payments = %+v, %v", ps, err)
	}
	c, _ := u.store.Case(ctx, v.id)
	var f2id int64
	for _, l := range c.Lines {
		if l.DocNumber == "F-2" && l.Kind == debt.LinePrincipal {
			f2id = l.ID
		}
	}
	if len(ps[0].Allocation) != 1 || ps[0].Allocation[0].LineID != f2id || ps[0].Allocation[0].Interest == 0 {
		t.Errorf("allocation = %+v, want F-2 only, its interest first", ps[0].Allocation)
	}
}

// TestFormalNoticeBeforeReminderDeadlineAsksConfirmation: the same day as
// a first reminder, the letter dialog asks before issuing a formal notice,
// naming the day the reminder's deadline expires; « Oui » issues it.
func TestFormalNoticeBeforeReminderDeadlineAsksConfirmation(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	rem, _, err := mailroom.Issue(ctx, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder1}, "test", testNow)
	if err != nil {
		t.Fatalf("first reminder: %v", err)
	}
	u.openCase(c.ID)
	v := u.cases.view
	pressShortcut(u, fyne.KeyL)
	d := v.letterDlg
	d.kind.SetSelectedIndex(kindIndex(letters.FormalNotice))
	test.Type(d.tracking, "RW 799 210 633 FR")
	test.Tap(d.f.confirm)
	if d.f.closed {
		t.Fatal("the formal notice was issued without confirmation")
	}
	top := topOverlay(t, u)
	if !hasText(top, "Le délai de la relance expire le "+rem.Deadline.String()) {
		t.Fatalf("confirmation = %q, want the reminder's deadline %s", texts(top), rem.Deadline)
	}
	if ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID}); len(ls) != 1 {
		t.Fatalf("%d letters before confirming, want the reminder only", len(ls))
	}
	test.Tap(button(t, top, "Oui"))
	if !d.f.closed {
		t.Fatalf("dialog still open after confirming: %q", d.f.errs.Text)
	}
	ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID})
	if len(ls) != 2 {
		t.Fatalf("%d letters after confirming, want 2", len(ls))
	}
}

// TestInterruptionForm: the plan tab's « Acte interruptif… » records a
// signed acknowledgement of debt (C. civ. 2240) with its scan; a date in
// the future is refused and writes nothing; the limitation date moves.
func TestInterruptionForm(t *testing.T) {
	u, st, v := openSeededCase(t) // 1 200,00 € due 15/01/2026 against a consumer: 2 years
	v.selectTab(tabPlan)
	test.Tap(button(t, v.planBtns, "Acte interruptif…"))
	top := topOverlay(t, u)
	if !hasText(top, "Prescription actuelle : le 15/01/2028") {
		t.Errorf("form intro = %q", texts(top))
	}
	u.onEscape()
	f := v.onInterruption()
	var kind *widget.Select
	var date, doc *entry
	walk(f.content, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Select:
			kind = w
		case *entry:
			switch {
			case w.PlaceHolder == "JJ/MM/AAAA":
				date = w
			case strings.HasPrefix(w.PlaceHolder, "Chemin du fichier"):
				doc = w
			}
		}
	})
	kind.SetSelectedIndex(0) // reconnaissance de dette
	retype(date, testNow.AddDate(0, 0, 3).Format("02/01/2006"))
	test.Tap(f.confirm)
	if f.closed || !strings.Contains(f.errs.Text, "La date de l'acte est dans le futur") {
		t.Fatalf("future act: closed %v, errors %q", f.closed, f.errs.Text)
	}
	if its, _ := st.Interruptions(ctx, v.id); len(its) != 0 {
		t.Fatalf("a refused act was written: %+v", its)
	}
	scan := filepath.Join(t.TempDir(), "reconnaissance.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 reconnaissance signée"), 0o644)
	retype(date, "10/02/2026")
	doc.SetText(scan)
	test.Tap(f.confirm)
	if !f.closed {
		t.Fatalf("act refused: %q", f.errs.Text)
	}
	its, _ := st.Interruptions(ctx, v.id)
	if len(its) != 1 || its[0].Kind != debt.LimitationAcknowledgement || its[0].DocID == 0 {
		t.Fatalf("acts = %+v", its)
	}
	if v.fig.Limitation.Expires.ISO() != "2028-02-10" {
		t.Errorf("limitation after the acknowledgement = %s, want 10/02/2028", v.fig.Limitation.Expires)
	}
}

// TestCaseFormRefusesCommercialPenaltiesForAConsumer: « Pénalités de retard
// (taux BCE + 10 points) » against Mme Claire MARTIN, a consumer, is
// refused by the case form with why and what to choose instead (Code de
// commerce L441-10); nothing is written; legal interest is accepted.
func TestCaseFormRefusesCommercialPenaltiesForAConsumer(t *testing.T) {
	u, st := newTestUI(t)
	saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	pressShortcut(u, fyne.KeyN)
	cf := u.cases.form
	test.Tap(button(t, cf.f.content, "Choisir…"))
	test.Type(cf.chooser.search, "Boulang")
	settle(u)
	cf.chooser.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Tap(button(t, cf.f.content, "Ajouter un débiteur…"))
	test.Type(cf.chooser.search, "Martin")
	settle(u)
	cf.chooser.list.Select(0)
	test.Type(cf.basis, "Devis signé le 01/09/2025")
	cf.interest.SetSelected(debt.InterestBusiness.Label())
	test.Tap(cf.f.confirm)
	if cf.f.closed || !strings.Contains(cf.f.errs.Text, "L. 441-10") || !strings.Contains(cf.f.errs.Text, "taux légal") {
		t.Fatalf("L441-10 against a consumer: closed %v, errors %q", cf.f.closed, cf.f.errs.Text)
	}
	if rows, _ := st.ListCases(ctx, data.CaseQuery{}); len(rows) != 0 {
		t.Fatalf("a refused case was written: %d cases", len(rows))
	}
	cf.interest.SetSelected(debt.InterestLegal.Label())
	test.Tap(cf.f.confirm)
	if !cf.f.closed {
		t.Fatalf("legal interest refused: %q", cf.f.errs.Text)
	}
}

// TestSameLetterTwiceTheSameDayAsksConfirmation: a second reminder of the
// same kind the same day is held by a question naming the first one's
// reference; « Non » issues nothing, « Oui » issues the second.
func TestSameLetterTwiceTheSameDayAsksConfirmation(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	first := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder2})
	u.openCase(c.ID)
	v := u.cases.view
	for _, yes := range []bool{false, true} {
		pressShortcut(u, fyne.KeyL)
		d := v.letterDlg
		d.kind.SetSelectedIndex(kindIndex(letters.Reminder2))
		test.Tap(d.f.confirm)
		if d.f.closed {
			t.Fatal("the second reminder was issued without confirmation")
		}
		top := topOverlay(t, u)
		want := "Deuxième relance déjà émise aujourd'hui (réf. " + first.Ref + ") : en émettre une seconde ?"
		if !hasText(top, want) {
			t.Fatalf("question = %q, want %q", texts(top), want)
		}
		if ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID}); len(ls) != 1 {
			t.Fatalf("%d letters before confirming, want the first reminder only", len(ls))
		}
		if !yes {
			test.Tap(button(t, top, "Non"))
			if ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID}); len(ls) != 1 || d.f.closed {
				t.Fatalf("after « Non »: %d letters, dialog closed %v; want 1 and the dialog open", len(ls), d.f.closed)
			}
			d.f.onCancel()
			continue
		}
		test.Tap(button(t, top, "Oui"))
		if !d.f.closed {
			t.Fatalf("dialog still open after confirming: %q", d.f.errs.Text)
		}
		u.onEscape()
	}
	if ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID}); len(ls) != 2 {
		t.Fatalf("%d letters after confirming, want 2", len(ls))
	}
}

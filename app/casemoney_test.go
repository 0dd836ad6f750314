package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
)

// newTestUIAt opens a window whose clock is pinned to now, over a real
// SQLite file.
func newTestUIAt(t *testing.T, now time.Time) (*UI, *data.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatalf("data.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	u := New(a, st, Options{Author: "Claire Martin", Now: func() time.Time { return now }})
	t.Cleanup(func() {
		u.win.Close()
		u.worker.wait()
		testQueue.discard()
	})
	u.win.Resize(fyne.NewSize(1400, 900))
	settle(u)
	return u, st
}

// paris is a civil instant in Paris.
func paris(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, debt.Paris())
	if err != nil {
		panic(err)
	}
	return t
}

// saveCaseOn creates, at the instant now, a case of creditor against
// debtor with one principal line of amount cents due on due, with the
// interest terms given.
func saveCaseOn(t *testing.T, st *data.Store, creditor, debtor debt.Party, amount debt.Cents, due string, interest debt.InterestKind, now time.Time) debt.Case {
	t.Helper()
	d := debt.MustDate(due)
	c := debt.Case{
		Creditor: creditor, Debtors: []debt.CaseDebtor{{Party: debtor}}, Nature: debt.NatureInvoice, Interest: debt.InterestTerms{Kind: interest},
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-1", IssueDate: d.AddDays(-30), DueDate: d, Amount: amount}},
	}
	saved, err := st.CreateCase(ctx, c, "test", now)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return saved
}

// TestCaseStatementUsesAddedRates: legal interest from the formal notice,
// a semester without rates shown as a warning (statement without
// interest), then the rate added in Paramètres → Taux and used.
func TestCaseStatementUsesAddedRates(t *testing.T) {
	u, st := newTestUIAt(t, paris("2026-09-15 09:30"))
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	deb := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	c := saveCaseOn(t, st, cred, deb, 120000, "2026-01-15", debt.InterestLegal, paris("2026-03-02 10:00"))
	if err := st.ChangeStatus(ctx, c.ID, debt.StatusFormalNotice, "", "test", paris("2026-03-02 10:00")); err != nil {
		t.Fatal(err)
	}
	u.openCase(c.ID)
	v := u.cases.view
	if got, want := v.balance.Text, "Solde dû : "+eur(120000)+" (hors intérêts)"; got != want {
		t.Errorf("balance without the 2026 S2 rate = %q, want %q", got, want)
	}
	v.selectTab(tabStatement)
	for _, want := range []string{"Taux légal du 2e semestre 2026 non renseigné : ajoutez-le dans Paramètres → Taux", "présenté sans intérêts",
		"Mise en demeure du 02/03/2026 (date de son envoi"} {
		if !hasText(v.statement, want) {
			t.Errorf("statement %q lacks %q", texts(v.statement), want)
		}
	}

	test.Tap(button(t, v.statement, "Paramètres → Taux"))
	r := u.settings.rates
	test.Tap(button(t, r.content, "Ajouter un semestre…"))
	test.Type(r.consumer, "6,50")
	test.Type(r.other, "2,40")
	enter(r.other)
	if !r.dialog.closed {
		t.Fatalf("2026 S2 refused: %q", r.dialog.errs.Text)
	}
	pressShortcut(u, fyne.Key2) // back to the case, refreshed
	if u.cases.view != v {
		t.Fatal("the case view was closed by going to Paramètres")
	}
	// creditor is a company: "autres cas" rates, from the day after the notice
	//   2026 S1: 120000 × 120 d × 2,62 % / 365 = 10,34 €
	//   2026 S2: 120000 ×  77 d × 2,40 % / 365 =  6,08 €
	if got, want := v.balance.Text, "Solde hors intérêts : "+eur(120000)+" · avec intérêts à ce jour : "+eur(121642); got != want {
		t.Errorf("balance with 2026 S2 = %q, want %q", got, want)
	}
	for _, want := range []string{
		"    du 03/03/2026 au 30/06/2026 : 120 jours à 2,62\u00a0% sur " + eur(120000) + " = " + eur(1034),
		"    du 01/07/2026 au 15/09/2026 : 77 jours à 2,40\u00a0% sur " + eur(120000) + " = " + eur(608),
		"Reste dû au 15/09/2026 : " + eur(121642),
	} {
		if !hasText(v.statement, want) {
			t.Errorf("statement %q lacks %q", texts(v.statement), want)
		}
	}
	if hasText(v.statement, "non renseigné") {
		t.Error("the missing-rate warning stays after the rate was added")
	}
	// the line's row: principal, interest, accessories, paid, balance
	var row []string
	for _, o := range v.statement.Objects {
		if cells := texts(o); len(cells) == 7 && cells[0] == "Facture F-1" {
			row = cells
		}
	}
	if want := []string{"Facture F-1", "15/01/2026", eur(120000), eur(1642), eur(0), eur(0), eur(121642)}; strings.Join(row, "|") != strings.Join(want, "|") {
		t.Errorf("statement row = %q, want %q", row, want)
	}
	// limitation on the summary: professional against a consumer, 2 years
	for _, want := range []string{"Prescription le 15/01/2028", "Action d'un professionnel contre un consommateur (2 ans) — Code de la consommation L218-2",
		"Délai courant depuis le 15/01/2026 (point de départ)"} {
		if !hasText(v.limitation, want) {
			t.Errorf("limitation %q lacks %q", texts(v.limitation), want)
		}
	}
}

func TestCaseLimitationColours(t *testing.T) {
	u, st := newTestUI(t)
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	deb := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	tests := []struct {
		due  string
		msg  string
		want widget.Importance
	}{
		{"2024-09-01", "Prescription le 01/09/2026", widget.MediumImportance},
		{"2024-06-20", "Prescription le 20/06/2026 : plus que 36 jours", widget.WarningImportance},
		{"2024-06-01", "Prescription le 01/06/2026 : plus que 17 jours", widget.DangerImportance},
		{"2024-03-01", "Créance prescrite depuis le 02/03/2026", widget.DangerImportance},
	}
	for _, tt := range tests {
		c := saveCaseOn(t, st, cred, deb, 50000, tt.due, debt.InterestNone, testNow)
		u.openCase(c.ID)
		alert := u.cases.view.limitation.Objects[0].(*widget.Label)
		if !strings.HasPrefix(alert.Text, tt.msg) || alert.Importance != tt.want {
			t.Errorf("due %s: limitation %q (importance %v), want %q (importance %v)", tt.due, alert.Text, alert.Importance, tt.msg, tt.want)
		}
	}
}

// instalmentRows returns the state labels of the running plan's table.
func instalmentStates(v *caseView) []*widget.Label {
	var out []*widget.Label
	for _, o := range v.planBox.Objects {
		grid, ok := o.(*fyne.Container)
		if !ok || len(grid.Objects) != 6 {
			continue
		}
		if l, ok := grid.Objects[5].(*widget.Label); ok && l.Text != "État" {
			out = append(out, l)
		}
	}
	return out
}

func TestCasePlanPreviewSaveAndStates(t *testing.T) {
	u, st, v := openSeededCase(t) // 1 200,00 € due 15/01/2026, no interest; today 15/05/2026
	v.selectTab(tabPlan)
	if !hasText(v.planBox, "Aucun échéancier en cours. Solde à échelonner au 15/05/2026 : "+eur(120000)) {
		t.Errorf("empty plan tab = %q", texts(v.planBox))
	}
	test.Tap(button(t, v.planBtns, "Nouvel échéancier…"))
	pf := v.planForm
	if pf.first.Text != "15/06/2026" || u.win.Canvas().Focused() != pf.count {
		t.Errorf("plan dialog: first due %q, focus %T; want 15/06/2026 and the count", pf.first.Text, u.win.Canvas().Focused())
	}
	// more than 24 months: a warning in the preview
	test.Type(pf.count, "30")
	enter(pf.count)
	if !pf.warnings.Visible() || !strings.Contains(pf.warnings.Text, "L'échéancier court sur plus de 24 mois") {
		t.Errorf("30 monthly instalments: warning %q (visible %v)", pf.warnings.Text, pf.warnings.Visible())
	}
	// nothing is saved before a preview of these very terms
	pf.every.SetSelected(debt.Weekly.Label())
	retype(pf.count, "6")
	retype(pf.first, "20/04/2026")
	if !pf.f.confirm.Disabled() {
		t.Error("Enregistrer is enabled for terms not previewed")
	}
	enter(pf.first)
	if !hasText(pf.preview, "Aperçu : 6 échéances du 20/04/2026 au 25/05/2026, total "+eur(120000)) || pf.f.confirm.Disabled() || pf.warnings.Visible() {
		t.Fatalf("preview = %q, confirm disabled %v, warning %q", texts(pf.preview), pf.f.confirm.Disabled(), pf.warnings.Text)
	}
	if plans, _ := st.Plans(ctx, v.id, testNow); len(plans) != 0 {
		t.Fatalf("the preview saved a plan: %+v", plans)
	}
	enter(pf.count) // the preview is current: Enter saves
	if !pf.f.closed {
		t.Fatalf("plan not saved: %q", pf.f.errs.Text)
	}
	plans, _ := st.Plans(ctx, v.id, testNow)
	if len(plans) != 1 || len(plans[0].Instalments) != 6 || plans[0].Total != 120000 {
		t.Fatalf("plans = %+v, want one plan of 6 instalments for 1 200,00 €", plans)
	}
	if v.status.Text != debt.StatusPlan.Label() {
		t.Errorf("status = %q, want %q", v.status.Text, debt.StatusPlan.Label())
	}

	// at 15/05/2026, 10 days of grace: 20/04, 27/04, 04/05 missed; 11/05 late; 18/05, 25/05 upcoming
	wantStates := func(when string, want []string, imps []widget.Importance) {
		t.Helper()
		states := instalmentStates(v)
		if len(states) != len(want) {
			t.Fatalf("%s: %d instalments shown, want %d", when, len(states), len(want))
		}
		for i, l := range states {
			if l.Text != want[i] || l.Importance != imps[i] {
				t.Errorf("%s: instalment %d = %q (importance %v), want %q (importance %v)", when, i+1, l.Text, l.Importance, want[i], imps[i])
			}
		}
	}
	missed, late, upcoming, paid := widget.DangerImportance, widget.WarningImportance, widget.MediumImportance, widget.SuccessImportance
	wantStates("saved", []string{"Impayée", "Impayée", "Impayée", "En retard", "À venir", "À venir"},
		[]widget.Importance{missed, missed, missed, late, upcoming, upcoming})
	for _, want := range []string{"Montant en retard : " + eur(80000), "Prochaine échéance : 20/04/2026 — " + eur(20000) + " à payer (impayée)",
		"Aucun courrier d'accord émis.", "Non signé"} {
		if !hasText(v.planBox, want) {
			t.Errorf("plan tab %q lacks %q", texts(v.planBox), want)
		}
	}

	// the debtor signed: limitation restarts on that date
	test.Tap(button(t, v.planBtns, "Signature reçue le…"))
	d := v.signDialog
	var date *entry
	walk(d.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			date = e
		}
	})
	retype(date, "16/05/2026")
	enter(date)
	if !strings.Contains(d.errs.Text, "La date de signature doit être connue et passée.") {
		t.Errorf("future signature: errors %q", d.errs.Text)
	}
	retype(date, "14/05/2026")
	enter(date)
	if !d.closed || !hasText(v.planBox, "Signé par le débiteur le 14/05/2026") {
		t.Fatalf("signature: closed %v, errors %q, plan %q", d.closed, d.errs.Text, texts(v.planBox))
	}
	if !hasText(v.limitation, "Délai courant depuis le 14/05/2026 (échéancier signé)") {
		t.Errorf("limitation after signature = %q", texts(v.limitation))
	}

	// a payment of 200 € pays the oldest instalment
	pay(t, u, v, "200")
	test.Tap(button(t, topOverlay(t, u), "Non"))
	wantStates("after 200 €", []string{"Payée", "Impayée", "Impayée", "En retard", "À venir", "À venir"},
		[]widget.Importance{paid, missed, missed, late, upcoming, upcoming})

	// renegotiate the remaining 1 000 €: the running plan is closed, kept in the history
	test.Tap(button(t, v.planBtns, "Renégocier…"))
	pf = v.planForm
	if !hasText(pf.f.content, "L'échéancier en cours (n° 1) sera clos comme renégocié") || !hasText(pf.f.content, eur(100000)) {
		t.Errorf("renegotiation dialog = %q", texts(pf.f.content))
	}
	test.Type(pf.amount, "250")
	enter(pf.amount)
	if !hasText(pf.preview, "Aperçu : 4 échéances du 15/06/2026 au 15/09/2026, total "+eur(100000)) {
		t.Fatalf("renegotiation preview = %q (errors %q)", texts(pf.preview), pf.f.errs.Text)
	}
	test.Tap(pf.f.confirm)
	if !pf.f.closed {
		t.Fatalf("renegotiated plan not saved: %q", pf.f.errs.Text)
	}
	if !hasText(v.planBox, "Échéancier n° 2 du 15/05/2026 : "+eur(100000)+" en 4 échéances (mensuelle)") ||
		!hasText(v.planBox, "Échéanciers précédents") || !hasText(v.planBox, "clos le 15/05/2026 : Renégocié : remplacé par l'échéancier n° 2") {
		t.Errorf("plan tab after renegotiation = %q", texts(v.planBox))
	}
	if n := len(instalmentStates(v)); n != 4 {
		t.Errorf("renegotiated plan shows %d instalments, want 4", n)
	}
}

// pay records a payment of amount through Ctrl+E and the keyboard only.
func pay(t *testing.T, u *UI, v *caseView, amount string) {
	t.Helper()
	pressShortcut(u, fyne.KeyE)
	f := v.payDialog
	if f == nil || f.closed {
		t.Fatal("Ctrl+E opened no payment dialog")
	}
	focused := u.win.Canvas().Focused()
	if focused != v.payAmount {
		t.Fatalf("focus in the payment dialog = %T, want the amount", focused)
	}
	test.Type(focused, amount) // typed where the focus is
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.closed {
		t.Fatalf("payment of %s not saved: %q", amount, f.errs.Text)
	}
}

func TestCasePaymentsKeyboardCancelAndSettle(t *testing.T) {
	u, st, v := openSeededCase(t) // 1 200,00 €, no interest, today 15/05/2026

	// refused input: French messages, nothing written
	pressShortcut(u, fyne.KeyE)
	f := v.payDialog
	for _, tt := range []struct{ amount, date, want string }{
		{"", "15/05/2026", "Saisissez le montant reçu"},
		{"-5", "15/05/2026", "Montant : Montant invalide : « -5 » est négatif"},
		{"0", "15/05/2026", "Le montant doit être supérieur à zéro"},
		{"100", "16/05/2026", "La date de réception est dans le futur"},
		{"100", "14/05/2026", "La date de réception (14/05/2026) précède l'ouverture du dossier (15/05/2026)."},
	} {
		retype(v.payAmount, tt.amount)
		var date *entry
		walk(f.content, func(o fyne.CanvasObject) {
			if e, ok := o.(*entry); ok && e.PlaceHolder == "JJ/MM/AAAA" {
				date = e
			}
		})
		retype(date, tt.date)
		enter(v.payAmount)
		if f.closed || !strings.Contains(f.errs.Text, tt.want) {
			t.Errorf("amount %q date %q: closed %v, errors %q; want %q", tt.amount, tt.date, f.closed, f.errs.Text, tt.want)
		}
	}
	if ps, _ := st.Payments(ctx, v.id); len(ps) != 0 {
		t.Fatalf("refused input recorded payments: %+v", ps)
	}
	u.onEscape()

	// 200 € from the keyboard: the balance updates at once
	pay(t, u, v, "200")
	top := topOverlay(t, u)
	for _, want := range []string{"Encaissement de " + eur(20000) + " du 15/05/2026 enregistré.", "Imputé sur : principal " + eur(20000),
		"l'information du créancier est mise en attente", "Reste dû : " + eur(100000), "Émettre la quittance de ce paiement (R124-6) ?"} {
		if !hasText(top, want) {
			t.Errorf("after-payment message %q lacks %q", texts(top), want)
		}
	}
	// The receipt is offered: yes opens the letter dialog on it.
	test.Tap(button(t, top, "Oui"))
	if v.letterDlg == nil || v.letterDlg.kind.Selected != letters.Receipt.Label() {
		t.Fatalf("after accepting the receipt, letter dialog = %+v", v.letterDlg)
	}
	u.onEscape()
	if got, want := v.balance.Text, "Solde dû : "+eur(100000); got != want {
		t.Errorf("balance after 200 € = %q, want %q", got, want)
	}
	v.selectTab(tabPayments)
	for _, want := range []string{"15/05/2026 — " + eur(20000) + " — Virement", "    Facture F-1 : principal " + eur(20000), "Saisi par Claire Martin le 15/05/2026 à 09:30"} {
		if !hasText(v.paysBox, want) {
			t.Errorf("payments tab %q lacks %q", texts(v.paysBox), want)
		}
	}

	// cancel it: a reason is required; the payment stays, marked
	test.Tap(button(t, v.paysBox, "Annuler l'encaissement…"))
	c := v.cancelPayDialog
	reason := u.win.Canvas().Focused()
	if reason == nil {
		t.Fatal("the cancel dialog does not focus its reason")
	}
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(c.errs.Text, "Indiquez pourquoi l'encaissement est annulé") {
		t.Errorf("cancel without reason: errors %q", c.errs.Text)
	}
	test.Type(reason, "Chèque impayé")
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !c.closed {
		t.Fatalf("cancel refused: %q", c.errs.Text)
	}
	if !hasText(v.paysBox, "Annulé : Chèque impayé") || hasText(v.paysBox, "Annuler l'encaissement…") {
		t.Errorf("payments tab after cancel = %q", texts(v.paysBox))
	}
	if got, want := v.balance.Text, "Solde dû : "+eur(120000); got != want {
		t.Errorf("balance after the cancel = %q, want %q", got, want)
	}
	if ps, _ := st.Payments(ctx, v.id); len(ps) != 1 || !ps[0].Cancelled || ps[0].Reason != "Chèque impayé" {
		t.Errorf("stored payments = %+v, want the payment kept and cancelled", ps)
	}

	// 1 250 € settles the case with 50 € to refund: closing as paid is proposed
	pay(t, u, v, "1250")
	top = topOverlay(t, u)
	for _, want := range []string{"Trop-perçu de " + eur(5000), "la dette est soldée", "Clore le dossier au statut « Soldé » ?"} {
		if !hasText(top, want) {
			t.Errorf("settled message %q lacks %q", texts(top), want)
		}
	}
	test.Tap(button(t, top, "Oui"))
	if got, _ := st.Case(ctx, v.id); got.Status != debt.StatusPaid {
		t.Errorf("status after confirming = %s, want %s", got.Status, debt.StatusPaid)
	}
	// The statement that the debt is settled is offered next.
	if v.letterDlg == nil || v.letterDlg.kind.Selected != letters.Settled.Label() {
		t.Fatalf("after closing as paid, letter dialog kind = %v; want %s", v.letterDlg, letters.Settled.Label())
	}
	u.onEscape()
	if got, want := v.balance.Text, "Solde dû : "+eur(0)+" · trop-perçu "+eur(5000); got != want || v.status.Text != "Soldé" {
		t.Errorf("header = %q / %q, want %q / Soldé", got, v.status.Text, want)
	}
}

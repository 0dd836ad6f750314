package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
)

// openCalculator shows Calculette with Ctrl+7 and waits for its rates.
func openCalculator(t *testing.T, u *UI) *calculator {
	t.Helper()
	pressShortcut(u, fyne.Key7)
	settle(u)
	if got := u.screens[u.tabs.SelectedIndex()].title; got != "Calculette" {
		t.Fatalf("Ctrl+7 showed %q, want Calculette", got)
	}
	return u.calc
}

// enter presses Enter in a field.
func enter(e *entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// retype replaces a field's text as a person would.
func retype(e *entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func eur(cents int64) string { return debt.Cents(cents).String() }

// breakdown returns the texts of the interest breakdown's rows, header
// first.
func breakdown(c *calculator) [][]string {
	var out [][]string
	for _, row := range c.interestOut.Objects[2].(*fyne.Container).Objects {
		out = append(out, texts(row))
	}
	return out
}

func TestCalculatorInterest(t *testing.T) {
	u, _ := newTestUI(t)
	c := openCalculator(t, u)
	if u.win.Canvas().Focused() != c.principal {
		t.Errorf("focus after Ctrl+7 = %T, want the principal field", u.win.Canvas().Focused())
	}
	if c.to.Text != "15/05/2026" {
		t.Errorf("end date proposed = %q, want today 15/05/2026", c.to.Text)
	}

	// The worked example: 1 234,56 € at the private-person legal rate from
	// 10/03/2025 to 15/02/2026 (rates of the brief, 365-day divisor):
	//   2025 S1: 123456 × 112 d × 7,21 % / 365 = 27,31 €
	//   2025 S2: 123456 × 184 d × 6,65 % / 365 = 41,39 €
	//   2026 S1: 123456 ×  46 d × 6,67 % / 365 = 10,38 €   total 79,08 €
	test.Type(u.win.Canvas().Focused(), "1 234,56")
	test.Type(c.from, "10/03/2025")
	retype(c.to, "15/02/2026")
	enter(c.to)
	want := [][]string{
		{"du 11/03/2025 au 30/06/2025", "112", eur(123456), "7,21\u00a0%", eur(2731)},
		{"du 01/07/2025 au 31/12/2025", "184", eur(123456), "6,65\u00a0%", eur(4139)},
		{"du 01/01/2026 au 15/02/2026", "46", eur(123456), "6,67\u00a0%", eur(1038)},
	}
	rows := breakdown(c)
	if len(rows) != len(want)+1 {
		t.Fatalf("breakdown has %d rows, want 3 periods and a header: %q", len(rows), rows)
	}
	for i, row := range want {
		if got := strings.Join(rows[i+1], "|"); got != strings.Join(row, "|") {
			t.Errorf("period %d = %q, want %q", i+1, got, strings.Join(row, "|"))
		}
	}
	if !hasText(c.interestOut, "Total des intérêts : "+eur(7908)) {
		t.Errorf("result %q lacks the total of 79,08 €", texts(c.interestOut))
	}

	test.Tap(c.interestCopy)
	clip := u.app.Clipboard().Content()
	for _, w := range []string{"Intérêts sur " + eur(123456) + " du 10/03/2025 (exclu) au 15/02/2026 (inclus)",
		"Taux légal, créancier particulier", "du 01/07/2025 au 31/12/2025 : 184 jours à 6,65\u00a0% sur " + eur(123456) + " = " + eur(4139),
		"Total des intérêts : " + eur(7908)} {
		if !strings.Contains(clip, w) {
			t.Errorf("clipboard %q lacks %q", clip, w)
		}
	}

	// the other rates, same dates (hand computed from the brief's rates)
	tests := []struct {
		name           string
		creditor, kind string
		principal      string
		rate, from, to string
		total          int64
		periods        int
	}{
		{"legal, professional creditor (3,71 / 2,76 / 2,62 %)", labelProfessionalCreditor, labelLegalRate, "1 234,56", "", "10/03/2025", "15/02/2026", 1405 + 1718 + 408, 3},
		{"business penalties, ECB + 10 points (13,15 / 12,15 / 12,15 %)", labelProfessionalCreditor, labelBusinessRate, "1 234,56", "", "10/03/2025", "15/02/2026", 4982 + 7562 + 1890, 3},
		{"fixed 10 % on 31 days", labelConsumerCreditor, labelFixedRate, "1000", "10", "31/12/2025", "31/01/2026", 849, 1},
	}
	for _, tt := range tests {
		c.creditor.SetSelected(tt.creditor)
		c.rateKind.SetSelected(tt.kind)
		if c.rate.Disabled() != (tt.kind != labelFixedRate) {
			t.Errorf("%s: rate field disabled = %v", tt.name, c.rate.Disabled())
		}
		retype(c.principal, tt.principal)
		retype(c.rate, tt.rate)
		retype(c.from, tt.from)
		retype(c.to, tt.to)
		enter(c.from)
		if got := len(breakdown(c)) - 1; got != tt.periods || !hasText(c.interestOut, "Total des intérêts : "+eur(tt.total)) {
			t.Errorf("%s: %d periods, result %q; want %d periods and %s", tt.name, got, texts(c.interestOut), tt.periods, eur(tt.total))
		}
	}

	// wrong input: French messages naming the field, nothing copied
	retype(c.principal, "12,345")
	retype(c.from, "31/02/2026")
	enter(c.principal)
	for _, w := range []string{"Principal : Montant invalide : « 12,345 » (deux décimales au plus)", "Date de départ : Date invalide : « 31/02/2026 » n'existe pas"} {
		if !hasText(c.interestOut, w) {
			t.Errorf("errors %q lack %q", texts(c.interestOut), w)
		}
	}
	if !c.interestCopy.Disabled() {
		t.Error("Copier stays enabled after a refused computation")
	}
}

// TestCalculatorMissingRateThenAdded: a period in a semester without rates
// names the semester; once the rate is added in Paramètres → Taux, the
// same computation uses it.
func TestCalculatorMissingRateThenAdded(t *testing.T) {
	u, st := newTestUI(t)
	c := openCalculator(t, u)
	test.Type(c.principal, "1000")
	test.Type(c.from, "30/06/2026")
	retype(c.to, "31/07/2026")
	enter(c.to)
	if want := "Taux légal du 2e semestre 2026 non renseigné : ajoutez-le dans Paramètres → Taux"; !hasText(c.interestOut, want) {
		t.Fatalf("result %q, want %q", texts(c.interestOut), want)
	}
	test.Tap(button(t, c.interestOut, "Ouvrir Paramètres → Taux"))
	if u.tabs.SelectedIndex() != u.settings.index() || u.settings.tabs.Selected().Text != sectionRates {
		t.Fatalf("the button showed screen %d, section %q; want Paramètres → Taux", u.tabs.SelectedIndex(), u.settings.tabs.Selected().Text)
	}
	r := u.settings.rates
	test.Tap(button(t, r.content, "Ajouter un semestre…"))
	test.Type(r.consumer, "6,50")
	test.Type(r.other, "2,40")
	enter(r.other)
	if !r.dialog.closed {
		t.Fatalf("2026 S2 not added: %q", r.dialog.errs.Text)
	}
	if rates, _ := st.Rates(ctx); rates[len(rates)-1].Semester != (debt.Semester{Year: 2026, Half: 2}) {
		t.Fatalf("rates end with %v, want 2026 S2", rates[len(rates)-1].Semester)
	}

	c = openCalculator(t, u)
	enter(c.to)
	// 100000 × 31 d × 6,50 % / 365 = 5,52 €
	if !hasText(c.interestOut, "du 01/07/2026 au 31/07/2026") || !hasText(c.interestOut, "Total des intérêts : "+eur(552)) {
		t.Errorf("result with 2026 S2 = %q, want one period at 6,50 %% totalling 5,52 €", texts(c.interestOut))
	}
}

func TestCalculatorDeadline(t *testing.T) {
	u, _ := newTestUI(t)
	c := openCalculator(t, u)
	if c.dlFrom.Text != "15/05/2026" || c.dlCount.Text != "8" || c.dlUnit.Selected != labelDays {
		t.Errorf("deadline defaults = %q, %q %q; want today, 8 jours", c.dlFrom.Text, c.dlCount.Text, c.dlUnit.Selected)
	}
	tests := []struct {
		from, count, unit string
		alsace            bool
		end, move         string
	}{
		// Friday 15 May + 8 days = Saturday 23, Sunday 24, Whit Monday 25 → Tuesday 26
		{"15/05/2026", "8", labelDays, false, "Fin du délai : mardi 26 mai 2026", "samedi 23 mai → mardi 26 mai (dimanche, lundi de Pentecôte) : report au premier jour ouvrable (CPC 642)."},
		// 31 January + 1 month = 28 February (Saturday) → Monday 2 March
		{"31/01/2026", "1", labelMonths, false, "Fin du délai : lundi 2 mars 2026", "samedi 28 février → lundi 2 mars (dimanche)"},
		// Good Friday 3 April 2026 is a working day outside Alsace-Moselle
		{"26/03/2026", "8", labelDays, false, "Fin du délai : vendredi 3 avril 2026", "Le vendredi 3 avril est un jour ouvrable : pas de report."},
		{"26/03/2026", "8", labelDays, true, "Fin du délai : mardi 7 avril 2026", "vendredi 3 avril → mardi 7 avril (vendredi saint (Alsace-Moselle), samedi, dimanche, lundi de Pâques)"},
		// across the year: Christmas, then New Year's Day on a Thursday
		{"24/12/2025", "8", labelDays, false, "Fin du délai : vendredi 2 janvier 2026", "jeudi 1er janvier → vendredi 2 janvier (jour de l'an)"},
	}
	for _, tt := range tests {
		retype(c.dlFrom, tt.from)
		retype(c.dlCount, tt.count)
		c.dlUnit.SetSelected(tt.unit)
		c.dlAlsace.SetChecked(tt.alsace)
		enter(c.dlCount)
		if !hasText(c.deadlineOut, tt.end) || !hasText(c.deadlineOut, tt.move) {
			t.Errorf("%s + %s %s (Alsace %v) = %q, want %q and %q", tt.from, tt.count, tt.unit, tt.alsace, texts(c.deadlineOut), tt.end, tt.move)
		}
	}
	test.Tap(c.deadlineCopy)
	if clip := u.app.Clipboard().Content(); !strings.Contains(clip, "Fin du délai : vendredi 2 janvier 2026") || !strings.Contains(clip, "à compter du mercredi 24 décembre 2025") {
		t.Errorf("clipboard = %q", clip)
	}
	retype(c.dlCount, "huit")
	enter(c.dlCount)
	if !hasText(c.deadlineOut, "Saisissez la durée du délai : un nombre entier") || !c.deadlineCopy.Disabled() {
		t.Errorf("bad count: %q, copy disabled %v", texts(c.deadlineOut), c.deadlineCopy.Disabled())
	}
}

func TestCalculatorLimitation(t *testing.T) {
	u, _ := newTestUI(t)
	c := openCalculator(t, u)

	// 5 years from 10/03/2021, acknowledged on 01/06/2023: a new full period;
	// a formal notice interrupts nothing
	c.lmMode.SetSelected(labelByYears)
	if c.lmByClaim.Visible() || !c.lmByYears.Visible() {
		t.Errorf("years mode shows claim fields %v, years field %v", c.lmByClaim.Visible(), c.lmByYears.Visible())
	}
	test.Type(c.lmYears, "5")
	test.Type(c.lmStart, "10/03/2021")
	c.lmKind.SetSelected(debt.LimitationAcknowledgement.Label())
	test.Type(c.lmDate, "01/06/2023")
	enter(c.lmDate)
	c.lmKind.SetSelected(debt.LimitationFormalNotice.Label())
	test.Type(c.lmDate, "15/09/2021")
	enter(c.lmDate)
	if !hasText(c.lmEventsBox, "01/06/2023 — Reconnaissance de dette") || !hasText(c.lmEventsBox, "15/09/2021 — Mise en demeure") {
		t.Errorf("interruptions = %q", texts(c.lmEventsBox))
	}
	enter(c.lmStart)
	for _, w := range []string{"Prescription acquise après le 1er juin 2028", "Délai de 5 ans",
		"Délai courant depuis le 01/06/2023 (reconnaissance de dette)",
		"Non retenu : Mise en demeure du 15/09/2021 (une mise en demeure n'interrompt pas la prescription)"} {
		if !hasText(c.limitationOut, w) {
			t.Errorf("result %q lacks %q", texts(c.limitationOut), w)
		}
	}
	test.Tap(c.limitationCopy)
	if clip := u.app.Clipboard().Content(); !strings.Contains(clip, "Prescription acquise après le 1er juin 2028") {
		t.Errorf("clipboard = %q", clip)
	}
	// removing the acknowledgement brings back the first period
	test.Tap(button(t, c.lmEventsBox, "Retirer"))
	if !hasText(c.limitationOut, "Prescription acquise après le 10 mars 2026") {
		t.Errorf("without the acknowledgement: %q", texts(c.limitationOut))
	}

	// the period from the claim: a professional against a consumer, 2 years;
	// colours by what is left at 15/05/2026 (warning 90 days, urgent 30)
	c.lmMode.SetSelected(labelByClaim)
	c.lmNature.SetSelected(debt.NatureInvoice.Label())
	c.lmCred.SetSelected(debt.Professional.Label())
	c.lmDebt.SetSelected(debt.Consumer.Label())
	if want := "Action d'un professionnel contre un consommateur (2 ans) — Code de la consommation L218-2"; c.lmPeriod.Text != want {
		t.Errorf("period = %q, want %q", c.lmPeriod.Text, want)
	}
	for len(c.lmEvents) > 0 {
		test.Tap(button(t, c.lmEventsBox, "Retirer"))
	}
	tests := []struct {
		start string
		imp   widget.Importance
		msg   string
	}{
		{"01/09/2024", widget.MediumImportance, "Prescription le 01/09/2026"},
		{"20/06/2024", widget.WarningImportance, "Prescription le 20/06/2026 : plus que 36 jours"},
		{"01/06/2024", widget.DangerImportance, "Prescription le 01/06/2026 : plus que 17 jours"},
		{"01/03/2024", widget.DangerImportance, "Créance prescrite depuis le 02/03/2026"},
	}
	for _, tt := range tests {
		retype(c.lmStart, tt.start)
		enter(c.lmStart)
		last := c.limitationOut.Objects[len(c.limitationOut.Objects)-1].(*widget.Label)
		if !strings.HasPrefix(last.Text, tt.msg) || last.Importance != tt.imp {
			t.Errorf("start %s: alert %q (importance %v), want %q (importance %v)", tt.start, last.Text, last.Importance, tt.msg, tt.imp)
		}
	}
	c.lmTitle.SetChecked(true)
	if !strings.HasPrefix(c.lmPeriod.Text, "Exécution d'un titre exécutoire (10 ans)") {
		t.Errorf("period with a title = %q", c.lmPeriod.Text)
	}
}

package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
)

// rateRows returns the texts of the rates table's rows (header first).
func rateRows(r *ratesSection) [][]string {
	var out [][]string
	for _, row := range r.table.Objects {
		var cells []string
		walk(row, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				cells = append(cells, l.Text)
			}
		})
		out = append(out, cells)
	}
	return out
}

func TestSettingsRates(t *testing.T) {
	u, st := newTestUI(t)
	pressShortcut(u, fyne.Key6)
	u.settings.showSection(sectionRates)
	r := u.settings.rates
	seeded, err := st.Rates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows := rateRows(r)
	if len(rows) != len(seeded)+1 {
		t.Fatalf("rates table has %d rows, want a header and the %d seeded semesters: %q", len(rows), len(seeded), rows)
	}
	if want := "2026 S1|6,67\u00a0%|2,62\u00a0%|2,15\u00a0% (pénalités 12,15\u00a0%)|Taux BCE à confirmer sur le site de la Banque de France avant un décompte de pénalités"; strings.Join(rows[1], "|") != want {
		t.Errorf("newest row = %q, want %q", strings.Join(rows[1], "|"), want)
	}
	if !hasText(r.journal, "Aucun changement de taux depuis l'installation") {
		t.Errorf("journal before any change = %q", texts(r.journal))
	}

	test.Tap(button(t, r.content, "Ajouter un semestre…"))
	f := r.dialog
	if r.semester.Text != "2026 S2" {
		t.Errorf("semester proposed = %q, want 2026 S2", r.semester.Text)
	}
	if u.win.Canvas().Focused() != r.consumer {
		t.Errorf("focus = %T, want the first rate", u.win.Canvas().Focused())
	}
	tests := []struct {
		semester, consumer, other, ecb string
		want                           string
	}{
		{"2026 S2", "abc", "2,40", "", "Taux légal particulier : Taux invalide : « abc » (attendu par exemple 4,47)"},
		{"2026 S2", "6,50", "", "", "Saisissez les deux taux légaux du semestre (créancier particulier et autres cas)"},
		{"2026 S2", "", "", "", "Saisissez au moins le taux légal ou le taux BCE du 2e semestre 2026."},
		{"2026 S3", "6,50", "2,40", "", "Semestre « 2026 S3 » invalide (attendu par exemple 2026 S1)"},
		{"2026 S1", "6,50", "2,40", "", "Le 1er semestre 2026 figure déjà dans le tableau : corrigez-le avec son bouton « Corriger… »"},
		{"2026 S2", "6,50", "2,40", "150", "Taux BCE : Taux invalide : « 150 » dépasse 100 %"},
	}
	for _, tt := range tests {
		retype(r.semester, tt.semester)
		retype(r.consumer, tt.consumer)
		retype(r.other, tt.other)
		retype(r.ecb, tt.ecb)
		enter(r.ecb)
		if f.closed || !strings.Contains(f.errs.Text, tt.want) {
			t.Errorf("%+v: dialog closed %v, errors %q; want %q", tt, f.closed, f.errs.Text, tt.want)
		}
	}
	if rates, _ := st.Rates(ctx); len(rates) != len(seeded) {
		t.Fatalf("refused input wrote rates: %d semesters", len(rates))
	}
	retype(r.ecb, "2,15")
	test.Type(r.note, "Arrêté du 20 juin 2026")
	test.Tap(f.confirm)
	if !f.closed {
		t.Fatalf("valid rates refused: %q", f.errs.Text)
	}
	rows = rateRows(r)
	if want := "2026 S2|6,50\u00a0%|2,40\u00a0%|2,15\u00a0% (pénalités 12,15\u00a0%)|Arrêté du 20 juin 2026"; strings.Join(rows[1], "|") != want {
		t.Errorf("new row = %q, want %q", strings.Join(rows[1], "|"), want)
	}
	rates, _ := st.Rates(ctx)
	if got, ok := rates.Find(debt.Semester{Year: 2026, Half: 2}); !ok || got.LegalConsumerBP != 650 || got.LegalOtherBP != 240 || got.ECBBP != 215 || !got.HasECB {
		t.Errorf("stored 2026 S2 = %+v", got)
	}

	// correct a value of 2026 S1: journaled with the old and new values
	var edit *widget.Button
	walk(r.table.Objects[2], func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			edit = b
		}
	})
	test.Tap(edit)
	f = r.dialog
	if r.consumer.Text != "6,67" || r.other.Text != "2,62" || r.ecb.Text != "2,15" {
		t.Errorf("correction dialog = %q %q %q, want the stored 2026 S1 values", r.consumer.Text, r.other.Text, r.ecb.Text)
	}
	retype(r.consumer, "6,68")
	enter(r.consumer)
	if !f.closed {
		t.Fatalf("correction refused: %q", f.errs.Text)
	}
	for _, want := range []string{
		"Taux du 1er semestre 2026 corrigés : légal particulier 6,67\u00a0%, légal autres cas 2,62\u00a0%, BCE 2,15\u00a0% → légal particulier 6,68\u00a0%, légal autres cas 2,62\u00a0%, BCE 2,15\u00a0%",
		"Taux du 2e semestre 2026 ajoutés : légal particulier 6,50\u00a0%, légal autres cas 2,40\u00a0%, BCE 2,15\u00a0%",
		"15/05/2026 à 09:30 — Claire Martin",
	} {
		if !hasText(r.journal, want) {
			t.Errorf("journal %q lacks %q", texts(r.journal), want)
		}
	}
	if first := r.journal.Objects[1].(*widget.Label).Text; !strings.Contains(first, "corrigés") {
		t.Errorf("journal starts with %q, want the newest change first", first)
	}
}

func TestSettingsRules(t *testing.T) {
	u, st := newTestUI(t)
	pressShortcut(u, fyne.Key6)
	u.settings.showSection(sectionRules)
	r := u.settings.rules
	if r.warn.Text != "90" || r.urgent.Text != "30" || r.grace.Text != "10" || r.noticeFrom.Selected != labelNoticeSent || r.alsace.Checked || r.leap366.Checked {
		t.Errorf("defaults = warn %q urgent %q grace %q notice %q alsace %v leap %v", r.warn.Text, r.urgent.Text, r.grace.Text, r.noticeFrom.Selected, r.alsace.Checked, r.leap366.Checked)
	}
	if !hasText(r.content, "Les juridictions n'ont pas de pratique unique") || hasText(r.content, "non vérifié") {
		t.Error("the 366-day divisor lacks its help text")
	}

	test.Type(r.closureDate, "26/05/2026")
	enter(r.closureDate)
	test.Type(r.closureDate, "24/12/2026")
	enter(r.closureDate)
	test.Type(r.closureDate, "26/05/2026")
	enter(r.closureDate)
	if !r.errs.Visible() || !strings.Contains(r.errs.Text, "Le 26/05/2026 figure déjà parmi les jours de fermeture") {
		t.Errorf("duplicate closure: errors %q", r.errs.Text)
	}
	r.closureDate.SetText("")
	if !hasText(r.closuresBox, "mardi 26 mai 2026") || !hasText(r.closuresBox, "jeudi 24 décembre 2026") {
		t.Errorf("closures = %q", texts(r.closuresBox))
	}
	r.alsace.SetChecked(true)
	r.leap366.SetChecked(true)
	r.noticeFrom.SetSelected(labelNoticePresented)

	tests := []struct {
		warn, urgent, grace string
		want                string
	}{
		{"abc", "30", "10", "Alerte de prescription : nombre de jours entier attendu"},
		{"90", "120", "10", "L'alerte urgente doit être comprise entre 1 et 90 jours"},
		{"90", "30", "61", "Le délai de grâce des échéances doit être compris entre 0 et 60 jours"},
	}
	for _, tt := range tests {
		retype(r.warn, tt.warn)
		retype(r.urgent, tt.urgent)
		retype(r.grace, tt.grace)
		enter(r.grace)
		if !strings.Contains(r.errs.Text, tt.want) || r.saved.Text != "" {
			t.Errorf("%+v: errors %q, saved %q; want %q", tt, r.errs.Text, r.saved.Text, tt.want)
		}
	}
	if got, _ := st.Rules(ctx); got.Calendar.Alsace {
		t.Fatal("refused rules were saved")
	}
	retype(r.warn, "120")
	retype(r.urgent, "45")
	retype(r.grace, "15")
	test.Tap(r.save)
	if r.errs.Visible() || r.saved.Text != "Enregistré le 15/05/2026 à 09:30" {
		t.Fatalf("valid rules: errors %q, saved %q", r.errs.Text, r.saved.Text)
	}
	got, _ := st.Rules(ctx)
	if !got.Calendar.Alsace || len(got.Calendar.Closures) != 2 || !got.LeapDivisor366 || !got.NoticeFromPresentation ||
		got.LimitationWarnDays != 120 || got.LimitationUrgentDays != 45 || got.PlanGraceDays != 15 {
		t.Errorf("stored rules = %+v", got)
	}

	// the calculator uses them: Whit Monday then the closure day
	c := openCalculator(t, u)
	if !c.dlAlsace.Checked {
		t.Error("the calculator does not start from the office's Alsace-Moselle setting")
	}
	enter(c.dlCount)
	if want := "samedi 23 mai → mercredi 27 mai (dimanche, lundi de Pentecôte, fermeture de l'étude)"; !hasText(c.deadlineOut, want) {
		t.Errorf("deadline with the closure day = %q, want %q", texts(c.deadlineOut), want)
	}

	// a restart shows what was saved
	u2 := newTestUIOn(t, u.app, st)
	u2.settings.showSection(sectionRules)
	r2 := u2.settings.rules
	if r2.warn.Text != "120" || !r2.alsace.Checked || r2.noticeFrom.Selected != labelNoticePresented || len(r2.closures) != 2 {
		t.Errorf("reloaded rules: warn %q alsace %v notice %q closures %v", r2.warn.Text, r2.alsace.Checked, r2.noticeFrom.Selected, r2.closures)
	}
}

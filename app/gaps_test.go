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

// TestPlanFormRefusesAFirstInstalmentMoreThanAYearAhead: the plan form
// follows the store's rule (data.CheckFirstInstalment), as the command
// line does: a first due date after 15/05/2027 is refused and saves
// nothing; a year to the day is previewed.
func TestPlanFormRefusesAFirstInstalmentMoreThanAYearAhead(t *testing.T) {
	_, st, v := openSeededCase(t) // today 15/05/2026
	v.selectTab(tabPlan)
	test.Tap(button(t, v.planBtns, "Nouvel échéancier…"))
	pf := v.planForm
	test.Type(pf.count, "3")
	retype(pf.first, "16/05/2027")
	enter(pf.first)
	if !pf.f.errs.Visible() || !strings.Contains(pf.f.errs.Text, "La première échéance du 16/05/2027 est à plus d'un an : au plus tard le 15/05/2027.") {
		t.Errorf("first instalment in 2027 + 1 day: errors %q (visible %v)", pf.f.errs.Text, pf.f.errs.Visible())
	}
	if !pf.f.confirm.Disabled() {
		t.Error("Enregistrer is enabled for a refused plan")
	}
	enter(pf.count)
	if pf.f.closed {
		t.Fatal("the refused plan was saved")
	}
	if plans, _ := st.Plans(ctx, v.id, testNow); len(plans) != 0 {
		t.Fatalf("a refused plan was saved: %+v", plans)
	}
	retype(pf.first, "15/05/2027")
	enter(pf.first)
	if !hasText(pf.preview, "Aperçu : 3 échéances du 15/05/2027 au 15/07/2027") || pf.f.confirm.Disabled() {
		t.Fatalf("a year to the day: preview %q, errors %q", texts(pf.preview), pf.f.errs.Text)
	}
}

// TestDailySettingsEvidenceCheck: Paramètres › Tâche quotidienne shows how
// often the stored documents are all read again, saves a new frequency
// (a zero is refused), and gives the last check's result: an altered
// letter is reported until its flag is handled.
func TestDailySettingsEvidenceCheck(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	l := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder2})
	u.settings.showSection(sectionDaily)
	settle(u)
	d := u.settings.daily
	if d.verifyDays.Text != "7" || !strings.Contains(d.verify.Text, "jamais été toutes relues") {
		t.Fatalf("before any check: every %q, status %q", d.verifyDays.Text, d.verify.Text)
	}
	if err := os.Chmod(l.Path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(l.Path, []byte("%PDF-1.4 changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := st.VerifyDocuments(ctx, data.VerifyOptions{BackupDirs: []string{}}, testNow); err != nil {
		t.Fatal(err)
	}
	d.load()
	for _, want := range []string{"Dernier contrôle complet des pièces : le 15/05/2026", "Prochain contrôle à partir du vendredi 22 mai 2026",
		"1 pièce absente ou altérée reste à traiter"} {
		if !strings.Contains(d.verify.Text, want) {
			t.Errorf("after the check: status %q lacks %q", d.verify.Text, want)
		}
	}
	if d.verify.Importance != widget.DangerImportance {
		t.Errorf("status importance = %v, want danger", d.verify.Importance)
	}
	retype(d.verifyDays, "0")
	test.Tap(d.save)
	if !d.errs.Visible() || !strings.Contains(d.errs.Text, "tous les 1 à 365 jours") {
		t.Fatalf("every 0 days: errors %q", d.errs.Text)
	}
	if s, _ := st.DailySettings(ctx); s.VerifyDays != 7 {
		t.Fatalf("a refused frequency was saved: %d", s.VerifyDays)
	}
	retype(d.verifyDays, "30")
	d.verifyDays.OnSubmitted(d.verifyDays.Text)
	if d.errs.Visible() {
		t.Fatalf("every 30 days: errors %q", d.errs.Text)
	}
	if s, _ := st.DailySettings(ctx); s.VerifyDays != 30 {
		t.Fatalf("stored every %d days, want 30", s.VerifyDays)
	}
	if !strings.Contains(d.verify.Text, "Prochain contrôle à partir du dimanche 14 juin 2026") {
		t.Errorf("after saving 30 days: status %q", d.verify.Text)
	}
	if due, _ := st.VerifyDue(ctx, testNow.AddDate(0, 0, 29)); due {
		t.Error("the check is due after 29 days, want every 30")
	}
}

// TestAlteredDocumentIsNeitherOpenedNorCopied: a letter kept in the
// document store opens while intact; once its file is changed, « Ouvrir »
// and « Enregistrer sous… » refuse it with a French reason and nothing
// reaches a viewer or the chosen folder.
func TestAlteredDocumentIsNeitherOpenedNorCopied(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	opened := recordOpened(t, u)
	l := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder2})
	u.openCase(c.ID)
	settle(u)
	v := u.cases.view
	test.Tap(button(t, v.lettersBox, "Ouvrir"))
	if len(*opened) != 1 || !sameBytes(t, openedPath(t, (*opened)[0]), l.Path) {
		t.Fatalf("intact letter: opened %q", *opened)
	}
	if err := os.Chmod(l.Path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(l.Path, []byte("%PDF-1.4 falsified"), 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(t, v.lettersBox, "Ouvrir"))
	if len(*opened) != 1 {
		t.Fatalf("altered letter opened: %q", *opened)
	}
	if top := topOverlay(t, u); !hasText(top, "Cette pièce a été modifiée depuis son enregistrement") || !hasText(top, "ne vaut plus preuve") {
		t.Fatalf("altered letter: message %q", texts(top))
	}
	u.onEscape()

	dir := t.TempDir()
	test.Tap(button(t, v.lettersBox, "Enregistrer sous…"))
	f := u.saveAsDlg
	var fields []*entry
	walk(f.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			fields = append(fields, e)
		}
	})
	fields[0].SetText(dir)
	test.Tap(f.confirm)
	if top := topOverlay(t, u); !hasText(top, "ni ouverte ni copiée") {
		t.Fatalf("altered letter saved as: message %q", texts(top))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("an altered letter was copied: %v", entries)
	}
	u.onEscape()

	// Gone altogether: said so too.
	if err := os.Remove(l.Path); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(t, v.lettersBox, "Ouvrir"))
	if top := topOverlay(t, u); len(*opened) != 1 || !hasText(top, "Le fichier de cette pièce est introuvable dans le dossier des documents : il n'est pas ouvert") {
		t.Fatalf("missing letter: opened %q, message %q", *opened, texts(top))
	}
}

// TestCasePlanTabListsLimitationActs: the Échéancier tab lists the acts
// recorded on the case (kind and article, date, running or ended
// suspension, document); « Fin de la suspension… » ends a running
// mediation, refusing an end before its start, and the limitation date
// moves on.
func TestCasePlanTabListsLimitationActs(t *testing.T) {
	u, st, v := openSeededCase(t) // 1 200,00 € due 15/01/2026 against a consumer: 2 years; today 15/05/2026
	opened := recordOpened(t, u)
	v.selectTab(tabPlan)
	if !hasText(v.planBox, "Aucun acte enregistré.") {
		t.Errorf("plan tab without acts = %q", texts(v.planBox))
	}
	if _, err := st.RecordInterruption(ctx, v.id, data.InterruptionInput{Kind: debt.LimitationAcknowledgement, Date: debt.MustDate("2026-02-10"),
		DocName: "reconnaissance.pdf", Doc: []byte("%PDF-1.4 reconnaissance signée")}, "test", testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordInterruption(ctx, v.id, data.InterruptionInput{Kind: debt.LimitationMediation, Date: debt.MustDate("2026-03-01"),
		Note: "Médiateur de la consommation"}, "test", testNow); err != nil {
		t.Fatal(err)
	}
	v.reload()
	for _, want := range []string{"Reconnaissance de dette du 10/02/2026 (Code civil 2240) — pièce : " + v.c.Ref + " reconnaissance.pdf",
		"Conciliation ou médiation du 01/03/2026 (Code civil 2238) — suspension en cours — Médiateur de la consommation"} {
		if !hasText(v.planBox, want) {
			t.Errorf("plan tab %q lacks %q", texts(v.planBox), want)
		}
	}
	test.Tap(button(t, v.planBox, "Ouvrir la pièce"))
	if len(*opened) != 1 || filepath.Base(openedPath(t, (*opened)[0])) != v.c.Ref+" reconnaissance.pdf" {
		t.Errorf("Ouvrir la pièce opened %q", *opened)
	}
	if !v.fig.Limitation.Suspended {
		t.Fatalf("limitation during the mediation = %+v, want suspended", v.fig.Limitation)
	}
	test.Tap(button(t, v.planBox, "Fin de la suspension…"))
	top := topOverlay(t, u)
	var end *entry
	walk(top, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			end = e
		}
	})
	if end == nil || end.Text != "15/05/2026" {
		t.Fatalf("end of suspension form = %q", texts(top))
	}
	retype(end, "20/02/2026")
	enter(end)
	if top := topOverlay(t, u); !hasText(top, "La fin (20/02/2026) précède le début (01/03/2026).") {
		t.Fatalf("end before start: %q", texts(top))
	}
	if its, _ := st.Interruptions(ctx, v.id); !its[1].End.IsZero() {
		t.Fatalf("a refused end was written: %+v", its[1])
	}
	retype(end, "31/03/2026")
	enter(end)
	if top := topOverlay(t, u); !hasText(top, "Conciliation ou médiation du 01/03/2026 terminée le 31/03/2026.") {
		t.Fatalf("after the end: %q", texts(top))
	}
	u.onEscape()
	if its, _ := st.Interruptions(ctx, v.id); its[1].End.ISO() != "2026-03-31" {
		t.Fatalf("stored end = %s, want 31/03/2026", its[1].End)
	}
	if v.fig.Limitation.Suspended || !hasText(v.planBox, "suspension terminée le 31/03/2026") {
		t.Errorf("after the end: limitation %+v, tab %q", v.fig.Limitation, texts(v.planBox))
	}
	if n := countButtons(v.planBox, "Fin de la suspension…"); n != 0 {
		t.Errorf("%d « Fin de la suspension… » left after it ended", n)
	}
}

func countButtons(o fyne.CanvasObject, label string) int {
	n := 0
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			n++
		}
	})
	return n
}

// TestCalculatorLimitationActs: the calculator offers the acts of the law
// of limitation, as `calc prescription -interrupted KIND:D[:FIN]` does: a
// mediation (C. civ. 2238) and the small-claims procedure (CPCE L125-1)
// suspend, a running one counted until today; an enforcement measure
// (2244) interrupts; an enforceable title (L111-4) gives 10 years.
func TestCalculatorLimitationActs(t *testing.T) {
	u, _ := newTestUI(t) // today 15/05/2026
	c := openCalculator(t, u)
	c.lmMode.SetSelected(labelByYears)
	test.Type(c.lmYears, "2")
	test.Type(c.lmStart, "15/01/2024")
	add := func(k debt.LimitationEventKind, date, end string) {
		t.Helper()
		c.lmKind.SetSelected(k.Label())
		if c.lmEnd.Visible() != k.Suspends() {
			t.Errorf("%s: end of suspension shown %v", k.Label(), c.lmEnd.Visible())
		}
		retype(c.lmDate, date)
		if end != "" {
			retype(c.lmEnd, end)
		}
		enter(c.lmDate)
	}
	clear := func() {
		for len(c.lmEvents) > 0 {
			test.Tap(button(t, c.lmEventsBox, "Retirer"))
		}
	}
	tests := []struct {
		kind       debt.LimitationEventKind
		date, end  string
		shown      string
		wantResult []string
	}{
		// 91 days of mediation move 15/01/2026 to 16/04/2026.
		{debt.LimitationMediation, "01/06/2025", "31/08/2025", "01/06/2025 — Conciliation ou médiation jusqu'au 31/08/2025",
			[]string{"Prescription acquise après le 16 avril 2026"}},
		{debt.LimitationEnforcement, "05/01/2026", "", "05/01/2026 — Mesure d'exécution",
			[]string{"Prescription acquise après le 5 janvier 2028", "Délai courant depuis le 05/01/2026 (mesure d'exécution)"}},
		// Running since 01/12/2025, counted until 15/05/2026: at least six
		// months after that day (2238 al. 2).
		{debt.LimitationSmallClaims, "01/12/2025", "", "01/12/2025 — Procédure des petites créances (suspension en cours)",
			[]string{"Prescription acquise après le 15 novembre 2026", "Suspension en cours, comptée jusqu'au 15/05/2026"}},
		{debt.LimitationTitleObtained, "20/11/2025", "", "20/11/2025 — Titre exécutoire",
			[]string{"Prescription acquise après le 20 novembre 2035"}},
	}
	for _, tt := range tests {
		clear()
		add(tt.kind, tt.date, tt.end)
		if !hasText(c.lmEventsBox, tt.shown) {
			t.Errorf("%s: acts = %q, want %q", tt.kind.Label(), texts(c.lmEventsBox), tt.shown)
		}
		enter(c.lmStart)
		for _, w := range tt.wantResult {
			if !hasText(c.limitationOut, w) {
				t.Errorf("%s: result %q lacks %q", tt.kind.Label(), texts(c.limitationOut), w)
			}
		}
	}
	clear()
	add(debt.LimitationMediation, "01/06/2025", "31/05/2025")
	if len(c.lmEvents) != 0 || !hasText(c.limitationOut, "Fin de la suspension : le 31/05/2025 précède son début (01/06/2025)") {
		t.Errorf("end before start: %d acts, %q", len(c.lmEvents), texts(c.limitationOut))
	}
}

package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
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
	if top := topOverlay(t, u); len(*opened) != 1 || !hasText(top, "absent du dossier des documents") {
		t.Fatalf("missing letter: opened %q, message %q", *opened, texts(top))
	}
}

package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
	"amiable/schedule"
)

// reviewJob is the daily job as main hands it to the window.
type reviewJob struct {
	job *schedule.Job
	at  string
}

func (j *reviewJob) RunDaily(ctx context.Context, now time.Time) (string, error) {
	r, err := j.job.Sweep(ctx, now)
	return r.Summary(), err
}

func (j *reviewJob) Reschedule(at string) error { j.at = at; return nil }

// seedFlags prepares, on Friday 15 May 2026, a failed backup (the
// office's), a plan whose first instalment (20 April) is missed, and a
// formal notice whose deadline expired on 11 May; then sweeps the day.
func seedFlags(t *testing.T, st *data.Store) (plan, notice debt.Case) {
	t.Helper()
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	plan = saveCase(t, st, cred, saveParty(t, st, person("Claire", "Martin", "59800", "Lille")), 60000)
	if _, _, err := st.CreatePlan(ctx, plan.ID, debt.PlanSpec{Count: 3, First: debt.MustDate("2026-04-20"), Every: debt.Monthly}, "test", testNow); err != nil {
		t.Fatalf("CreatePlan: %v", err)
	}
	notice = saveCase(t, st, cred, saveParty(t, st, person("Paul", "Bernard", "59000", "Lille")), 45000)
	if _, err := st.IssueLetter(ctx, data.NewLetter{CaseID: notice.ID, Kind: debt.LetterFormalNotice, KindLabel: "Mise en demeure",
		RecipientID: notice.FirstDebtor().ID, Ref: notice.Ref + "-01", Date: debt.MustDate("2026-04-27"), Deadline: debt.MustDate("2026-05-11"),
		PDF: []byte("%PDF-1.4\n% mise en demeure\n"), JSON: []byte("{}"), Recipient: notice.FirstDebtor().Name(), FormalNotice: true,
		StatusAfter: debt.StatusFormalNotice}, "test", testNow); err != nil {
		t.Fatalf("IssueLetter: %v", err)
	}
	today := debt.DateOf(testNow)
	if err := st.RaiseOfficeFlag(ctx, debt.BackupFlag(today, "le disque de sauvegarde est débranché."), today, testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SweepDay(ctx, today, testNow); err != nil {
		t.Fatalf("SweepDay: %v", err)
	}
	return plan, notice
}

// rows renders every row of the review's list through its callbacks.
func rows(r *reviewScreen) []string {
	var out []string
	for i := 0; i < r.list.Length(); i++ {
		o := r.list.CreateItem()
		r.list.UpdateItem(i, o)
		out = append(out, strings.Join(texts(o), " | "))
	}
	return out
}

func railText(u *UI, i int) string { return u.tabs.Items[i].Text }

func TestMorningReview(t *testing.T) {
	u, st := newTestUI(t)
	plan, notice := seedFlags(t, st)
	u.RefreshReview()
	settle(u)
	if got := railText(u, u.review.index()); got != "À traiter (3)" {
		t.Fatalf("rail = %q, want the count of flags to handle", got)
	}
	u.ShowReview()
	settle(u)
	r := u.review
	got := rows(r)
	want := []string{"Sauvegarde en échec (1)", "Étude", "Échéances impayées (1)", plan.Ref, "Mises en demeure expirées (1)", notice.Ref}
	if len(got) != len(want) {
		t.Fatalf("list = %q", got)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("row %d = %q, want %q (groups by urgency)", i, got[i], w)
		}
	}
	if !strings.HasPrefix(got[1], "La sauvegarde du 15/05/2026 a échoué") {
		t.Errorf("office row = %q", got[1])
	}
	if !strings.Contains(got[3], "20/04/2026") || !strings.Contains(got[3], "200,00") {
		t.Errorf("instalment row = %q, want its due date and the amount late", got[3])
	}
	if !strings.HasPrefix(r.facts.Text, "3 alertes à traiter · calcul du 15/05/2026") {
		t.Errorf("facts = %q", r.facts.Text)
	}
	// The first flag is selected: the office's, which has no case.
	if r.caseLbl.Text != "L'étude" || !r.openBtn.Disabled() || r.handleBtn.Disabled() || u.win.Canvas().Focused() != r.list {
		t.Fatalf("first selection: %q, open disabled %v, handle disabled %v, focus %T", r.caseLbl.Text, r.openBtn.Disabled(), r.handleBtn.Disabled(), u.win.Canvas().Focused())
	}
	// Arrows skip the groups' headers.
	r.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if f := r.selected(); f == nil || f.CaseID != plan.ID || !strings.Contains(r.caseLbl.Text, plan.Ref+" — Mme Claire MARTIN") {
		t.Fatalf("after ↓: %+v, %q", f, r.caseLbl.Text)
	}
	if !strings.Contains(r.advice.Text, "Appelez le débiteur") || !strings.Contains(r.dates.Text, "relevée le 15/05/2026") {
		t.Errorf("detail = %q / %q", r.advice.Text, r.dates.Text)
	}
	// Entrée opens the case on its plan.
	r.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(u)
	v := u.cases.view
	if u.tabs.SelectedIndex() != u.cases.index() || v == nil || v.id != plan.ID || v.tabs.Selected().Text != tabPlan {
		t.Fatalf("Entrée opened screen %d, case view %v, tab %q; want the case on its plan", u.tabs.SelectedIndex(), v != nil, v.tabs.Selected().Text)
	}
	// E records a payment: the case opens on its payments with the dialog.
	u.ShowReview()
	settle(u)
	if f := r.selected(); f == nil || f.CaseID != plan.ID {
		t.Fatalf("back on the review, selection = %+v; want the same flag", f)
	}
	r.list.TypedRune('e')
	settle(u)
	if v := u.cases.view; v == nil || v.payDialog == nil || v.tabs.Selected().Text != tabPayments {
		t.Fatal("E did not open the payment dialog on the case's payments")
	}
	u.onEscape()
	u.ShowReview()
	settle(u)
	r.list.TypedRune('a')
	settle(u)
	if v := u.cases.view; v == nil || v.callDialog == nil {
		t.Fatal("A did not open the call dialog")
	}
	u.onEscape()
	u.ShowReview()
	settle(u)

	// T: handled, with a comment, journaled.
	r.list.TypedRune('t')
	if r.handleDialog == nil {
		t.Fatal("T opened no dialog")
	}
	test.Type(r.handleComment, "Appelée : virement promis lundi")
	test.Tap(r.handleDialog.confirm)
	settle(u)
	if got := railText(u, r.index()); got != "À traiter (2)" || !strings.Contains(r.status.Text, "traitée") {
		t.Fatalf("after handling: rail %q, status %q", got, r.status.Text)
	}
	flags, _ := st.CaseFlags(ctx, plan.ID)
	if len(flags) != 1 || flags[0].State != debt.FlagHandled || flags[0].ClosedBy != "Claire Martin" || flags[0].Comment != "Appelée : virement promis lundi" {
		t.Fatalf("handled flag = %+v", flags)
	}
	evs, _ := st.Events(ctx, plan.ID)
	if last := evs[len(evs)-1]; !strings.Contains(last.Text, "Alerte traitée") || last.Author != "Claire Martin" {
		t.Errorf("last journal entry = %+v", last)
	}
	// The selection moved to a neighbour: the notice. R: snooze it.
	if f := r.selected(); f == nil || f.CaseID != notice.ID {
		t.Fatalf("selection after handling = %+v, want the next flag", f)
	}
	r.list.TypedRune('r')
	if r.snoozeDialog == nil || r.snoozeDate.Text != "22/05/2026" {
		t.Fatalf("R: dialog %v, date %q; want a week later", r.snoozeDialog != nil, r.snoozeDate.Text)
	}
	r.snoozeDate.SetText("15/05/2026")
	test.Tap(r.snoozeDialog.confirm)
	if !r.snoozeDialog.errs.Visible() || !strings.Contains(r.snoozeDialog.errs.Text, "postérieure") {
		t.Fatalf("snooze to today: errors %q", r.snoozeDialog.errs.Text)
	}
	r.snoozeDate.SetText("20/05/2026")
	r.snoozeDate.OnSubmitted(r.snoozeDate.Text)
	settle(u)
	if got := railText(u, r.index()); got != "À traiter (1)" {
		t.Fatalf("after snoozing: rail %q", got)
	}
	if n, _ := st.CountOpenFlags(ctx, debt.MustDate("2026-05-20")); n != 2 {
		t.Errorf("flags to handle on 20/05 = %d, want the snoozed one back", n)
	}

	// The printable list, written in the test's temporary folder.
	t.Setenv("TMPDIR", t.TempDir())
	var opened string
	u.openURL = func(link string) error { opened = link; return nil }
	test.Tap(r.print)
	if !strings.HasSuffix(opened, "a-traiter-2026-05-15.pdf") {
		t.Fatalf("print opened %q", opened)
	}
	pdf, err := os.ReadFile(filepath.Join(os.TempDir(), "amiable-apercus", "a-traiter-2026-05-15.pdf"))
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("printed list: %v", err)
	}

	// Recalculer runs the daily job (its backup fails: no folder chosen).
	if r.rerun.Visible() {
		t.Fatal("Recalculer is shown without a daily job")
	}
	job := &reviewJob{job: &schedule.Job{Store: st, Explain: data.Message, Logf: func(string, ...any) {},
		Backup: func(ctx context.Context, now time.Time) (string, error) {
			res, err := st.DailyBackup(ctx, now)
			return res.Path, err
		}}}
	u.SetDailyJob(job)
	test.Tap(r.rerun)
	settle(u)
	if !strings.HasPrefix(r.status.Text, "Calcul du 15/05/2026 : ") || !strings.Contains(r.status.Text, "Sauvegarde en échec") {
		t.Fatalf("status after Recalculer = %q", r.status.Text)
	}

	// The last flag handled: the empty page leads to the open cases.
	r.selectRow(r.flagRow(0, 1))
	r.onHandle()
	test.Tap(r.handleDialog.confirm)
	settle(u)
	if r.split.Visible() || !r.empty.content.Visible() || railText(u, r.index()) != "À traiter" {
		t.Fatalf("nothing left: split %v, empty %v, rail %q", r.split.Visible(), r.empty.content.Visible(), railText(u, r.index()))
	}
	test.Tap(button(t, r.scr.content, "Ouvrir les dossiers en cours"))
	settle(u)
	if u.tabs.SelectedIndex() != u.cases.index() || !strings.HasPrefix(u.cases.filter.Selected, "En cours") {
		t.Errorf("after Ouvrir les dossiers en cours: screen %d, filter %q", u.tabs.SelectedIndex(), u.cases.filter.Selected)
	}
}

func TestDailySettingsSection(t *testing.T) {
	u, st := newTestUI(t)
	job := &reviewJob{}
	u.SetDailyJob(job)
	u.settings.showSection(sectionDaily)
	settle(u)
	d := u.settings.daily
	if d.at.Text != "07:30" || d.arDays.Text != "21" || d.idleDays.Text != "30" || d.keep.Text != "14" || d.dir.Text != "" {
		t.Fatalf("defaults = %q %q %q %q %q", d.at.Text, d.arDays.Text, d.idleDays.Text, d.keep.Text, d.dir.Text)
	}
	if !strings.Contains(d.last.Text, "Aucune sauvegarde") {
		t.Errorf("last backup = %q", d.last.Text)
	}
	d.at.SetText("02:30")
	d.arDays.SetText("vingt")
	test.Tap(d.save)
	if !d.errs.Visible() || !strings.Contains(d.errs.Text, "nombre entier") {
		t.Fatalf("errors = %q", d.errs.Text)
	}
	d.arDays.SetText("25")
	test.Tap(d.save)
	if !strings.Contains(d.errs.Text, "02:00-02:59") {
		t.Fatalf("errors for 02:30 = %q", d.errs.Text)
	}
	dir := t.TempDir()
	d.at.SetText("8h15")
	d.dir.SetText(dir)
	d.keep.SetText("7")
	d.keep.OnSubmitted(d.keep.Text)
	if d.errs.Visible() || d.at.Text != "08:15" || job.at != "08:15" || !strings.Contains(d.saved.Text, "08:15") {
		t.Fatalf("after saving: errors %q, at %q, rescheduled to %q, saved %q", d.errs.Text, d.at.Text, job.at, d.saved.Text)
	}
	s, _ := st.DailySettings(ctx)
	fr, _ := st.FlagRules(ctx)
	if s.At != "08:15" || s.BackupDir != dir || s.BackupKeep != 7 || fr.ARDays != 25 || fr.IdleDays != 30 {
		t.Fatalf("stored %+v %+v", s, fr)
	}
	test.Tap(d.backupNow)
	settle(u)
	if _, err := os.Stat(filepath.Join(dir, "amiable-2026-05-15.db")); err != nil || !strings.Contains(d.last.Text, "amiable-2026-05-15.db") {
		t.Fatalf("Sauvegarder maintenant: %v, %q", err, d.last.Text)
	}
	test.Tap(d.choose)
	if d.folderDialog == nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Choisir… opened no folder dialog")
	}
}

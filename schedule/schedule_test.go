package schedule_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
	"amiable/schedule"
)

var ctx = context.Background()

// at returns the instant hh:mm in Paris on the ISO day d.
func at(d string, hh, mm int) time.Time {
	x := debt.MustDate(d)
	return time.Date(x.Year(), x.Month(), x.Day(), hh, mm, 0, 0, debt.Paris())
}

// office opens a store with a case of 600 € and a plan of 6 × 100 € from
// Tuesday 10 March 2026 (10 days of grace: the first instalment is missed
// from Saturday 21 March).
func office(t *testing.T) (*data.Store, debt.Case) {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "amiable.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	t0 := at("2026-03-02", 9, 30)
	cred, err := st.SaveParty(ctx, debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: "SCI Les Tilleuls", LegalForm: "SCI",
		SIREN: "732829320", Addresses: []debt.Address{{Street: "3 place du Théâtre", Postcode: "59800", Town: "Lille", Current: true}}}, "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	debtor, err := st.SaveParty(ctx, debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: "Mme", FirstName: "Claire", LastName: "Martin",
		Addresses: []debt.Address{{Street: "12 rue des Lilas", Postcode: "59000", Town: "Lille", Current: true}}}, "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cred}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: debtor}}}, Nature: debt.NatureRent,
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Loyers", DueDate: debt.MustDate("2026-01-05"), Amount: 60000}}}, "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 6, First: debt.MustDate("2026-03-10"), Every: debt.Monthly}, "test", t0); err != nil {
		t.Fatal(err)
	}
	return st, c
}

func job(st *data.Store) *schedule.Job {
	return &schedule.Job{Store: st, Explain: data.Message, Logf: func(string, ...any) {},
		Backup: func(ctx context.Context, now time.Time) (string, error) {
			r, err := st.DailyBackup(ctx, now)
			return r.Path, err
		}}
}

func days(r schedule.Report) string {
	var s []string
	for _, d := range r.Days {
		s = append(s, d.Day.ISO())
	}
	return strings.Join(s, " ")
}

// The desk is off from Wednesday 18 to Sunday 22 March 2026. On Monday
// morning the catch-up sweeps each missed day, oldest first, so the
// instalment missed on Saturday 21 is flagged as of that day; the backup
// runs once, after the sweeps.
func TestCatchUpAfterFiveDaysOff(t *testing.T) {
	st, c := office(t)
	dir := t.TempDir()
	if err := st.SaveDailySettings(ctx, data.DailySettings{At: "07:30", BackupDir: dir, BackupKeep: 14}, "test", at("2026-03-02", 9, 0)); err != nil {
		t.Fatal(err)
	}
	j := job(st)
	if r, err := j.CatchUp(ctx, at("2026-03-17", 7, 45), "07:30"); err != nil || days(r) != "2026-03-17" {
		t.Fatalf("first run on Tuesday 17 = %q, %v", days(r), err)
	}
	r, err := j.CatchUp(ctx, at("2026-03-23", 7, 10), "07:30")
	if err != nil || days(r) != "2026-03-18 2026-03-19 2026-03-20 2026-03-21 2026-03-22" {
		t.Fatalf("catch-up on Monday 23 before 07:30 = %q, %v; want Wednesday to Sunday", days(r), err)
	}
	if s := r.Summary(); !strings.HasPrefix(s, "Calcul du 18/03/2026 au 22/03/2026 (5 jours) : 1 nouvelle alerte, 0 résolue ; ") {
		t.Errorf("Summary() = %q", s)
	}
	r, err = j.CatchUp(ctx, at("2026-03-23", 8, 5), "07:30")
	if err != nil || days(r) != "2026-03-23" || r.Backup != filepath.Join(dir, "amiable-2026-03-23.db") || r.BackupErr != "" {
		t.Fatalf("run of Monday 23 = %q, backup %q %q, %v", days(r), r.Backup, r.BackupErr, err)
	}
	if s := r.Summary(); !strings.HasPrefix(s, "Calcul du 23/03/2026 : ") || !strings.Contains(s, "Sauvegarde : "+r.Backup) {
		t.Errorf("Summary() = %q", s)
	}
	if r, err := j.CatchUp(ctx, at("2026-03-23", 9, 0), "07:30"); err != nil || len(r.Days) != 0 || r.Backup != "" {
		t.Fatalf("catch-up once Monday is swept = %q, %q, %v; want nothing", days(r), r.Backup, err)
	}
	flags, _ := st.OpenFlags(ctx, debt.MustDate("2026-03-23"))
	var missed []data.FlagRow
	for _, f := range flags {
		if f.Kind == debt.FlagInstalmentMissed && f.CaseID == c.ID {
			missed = append(missed, f)
		}
	}
	if len(missed) != 1 || missed[0].Since != debt.MustDate("2026-03-21") {
		t.Fatalf("missed instalment flags = %+v; want one, raised as of Saturday 21 March", missed)
	}
	runs, _ := st.Sweeps(ctx, 10)
	if len(runs) != 7 || runs[0].Day != debt.MustDate("2026-03-23") || runs[6].Day != debt.MustDate("2026-03-17") {
		t.Fatalf("sweeps log = %d runs from %v; want Tuesday 17 to Monday 23", len(runs), runs)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "amiable-*.db"))
	if len(entries) != 2 {
		t.Fatalf("backups = %q; want one on the 17th and one on the 23rd", entries)
	}
}

// Sweep (the command line, "Recalculer") sweeps today again, never an
// earlier day than the last one swept; a store never swept starts today.
func TestSweepRerunsTodayButNeverGoesBack(t *testing.T) {
	st, _ := office(t)
	j := &schedule.Job{Store: st, Logf: func(string, ...any) {}}
	for _, d := range []string{"2026-03-21", "2026-03-21"} {
		if r, err := j.Sweep(ctx, at(d, 16, 0)); err != nil || days(r) != d || r.Open() == 0 {
			t.Fatalf("Sweep(%s) = %q (%d open), %v", d, days(r), r.Open(), err)
		}
	}
	if r, err := j.Sweep(ctx, at("2026-03-24", 16, 0)); err != nil || days(r) != "2026-03-22 2026-03-23 2026-03-24" {
		t.Fatalf("Sweep(24/03) = %q, %v; want the days missed too", days(r), err)
	}
	if _, err := j.Sweep(ctx, at("2026-03-20", 16, 0)); !errors.Is(err, schedule.ErrPast) {
		t.Fatalf("Sweep of a day before the last one = %v, want ErrPast", err)
	}
}

// A failed backup raises the office's flag with the French reason; the
// next backup that works resolves it.
func TestFailedBackupIsAFlag(t *testing.T) {
	st, _ := office(t)
	j := job(st)
	r, err := j.Sweep(ctx, at("2026-03-17", 7, 30))
	if err != nil || !strings.Contains(r.BackupErr, "Paramètres") {
		t.Fatalf("Sweep with no backup folder = %+v, %v; want the backup error in French", r, err)
	}
	flags, _ := st.OpenFlags(ctx, debt.MustDate("2026-03-17"))
	if len(flags) == 0 || flags[0].Kind != debt.FlagBackupFailed || !strings.Contains(flags[0].Text, "Aucun dossier de sauvegarde") {
		t.Fatalf("flags = %+v; want the failed backup first", flags)
	}
	if err := st.SaveDailySettings(ctx, data.DailySettings{At: "07:30", BackupDir: t.TempDir(), BackupKeep: 14}, "test", at("2026-03-17", 9, 0)); err != nil {
		t.Fatal(err)
	}
	if r, err := j.Sweep(ctx, at("2026-03-18", 7, 30)); err != nil || r.Backup == "" {
		t.Fatalf("Sweep with a folder = %+v, %v", r, err)
	}
	flags, _ = st.OpenFlags(ctx, debt.MustDate("2026-03-18"))
	for _, f := range flags {
		if f.Kind == debt.FlagBackupFailed {
			t.Fatalf("the backup worked but its flag is still open: %+v", f)
		}
	}
}

func TestDueDayAndCronSpecAcrossDST(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{at("2026-03-23", 7, 29), "2026-03-22"},
		{at("2026-03-23", 7, 30), "2026-03-23"},
		{at("2026-03-23", 0, 5), "2026-03-22"},
		{time.Date(2026, 3, 23, 6, 45, 0, 0, time.UTC), "2026-03-23"}, // 07:45 in Paris
		{time.Date(2026, 3, 29, 5, 45, 0, 0, time.UTC), "2026-03-29"}, // 07:45 summer time
	} {
		if got, err := schedule.DueDay(tt.now, "07:30"); err != nil || got.ISO() != tt.want {
			t.Errorf("DueDay(%s) = %s, %v; want %s", tt.now, got.ISO(), err, tt.want)
		}
	}
	spec, err := schedule.Spec("07:30")
	if err != nil || spec != "30 7 * * *" {
		t.Fatalf("Spec(07:30) = %q, %v", spec, err)
	}
	if _, err := schedule.Spec("25:00"); err == nil {
		t.Error("Spec(25:00) was accepted")
	}
	sched, err := cron.ParseStandard(spec)
	if err != nil {
		t.Fatal(err)
	}
	// Across the change to summer time (29 March 2026) and back (25
	// October): 07:30 in Paris every day, once.
	for _, tt := range []struct{ from, want string }{
		{"2026-03-28 08:00", "2026-03-29 05:30"},
		{"2026-03-29 08:00", "2026-03-30 05:30"},
		{"2026-10-24 08:00", "2026-10-25 06:30"},
	} {
		from, _ := time.ParseInLocation("2006-01-02 15:04", tt.from, debt.Paris())
		if got := sched.Next(from).UTC().Format("2006-01-02 15:04"); got != tt.want {
			t.Errorf("next run after %s (Paris) = %s UTC, want %s UTC", tt.from, got, tt.want)
		}
	}
}

// The scheduler catches up as soon as it runs, checks again on its tick,
// moves to another hour, and stops with its context.
func TestSchedulerCatchesUpAndStops(t *testing.T) {
	st, _ := office(t)
	if _, err := st.SweepDay(ctx, debt.MustDate("2026-03-17"), at("2026-03-17", 7, 30)); err != nil {
		t.Fatal(err)
	}
	ran := make(chan schedule.Report, 4)
	j := &schedule.Job{Store: st, Logf: func(string, ...any) {}, OnRun: func(r schedule.Report) { ran <- r }}
	s, err := schedule.NewScheduler(j, "07:30")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reschedule("2h15"); err == nil {
		t.Error("Reschedule(2h15) was accepted")
	}
	if err := s.Reschedule("08:00"); err != nil || s.At() != "08:00" {
		t.Fatalf("Reschedule(08:00) = %v, at %s", err, s.At())
	}
	var now atomic.Pointer[time.Time] // read by the scheduler's goroutine
	setNow := func(t time.Time) { now.Store(&t) }
	setNow(at("2026-03-20", 7, 59)) // before 08:00: due through Thursday 19
	s.Now = func() time.Time { return *now.Load() }
	s.CheckEvery = 20 * time.Millisecond
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { s.Run(runCtx); close(done) }()
	select {
	case r := <-ran:
		if days(r) != "2026-03-18 2026-03-19" {
			t.Errorf("catch-up at start = %q, want 18 and 19 March", days(r))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no catch-up at start")
	}
	setNow(at("2026-03-20", 8, 1)) // the desk wakes up after the hour
	select {
	case r := <-ran:
		if days(r) != "2026-03-20" {
			t.Errorf("catch-up on the tick = %q, want 20 March", days(r))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no catch-up on the tick")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop with its context")
	}
	if last, _ := st.LastSweep(ctx); last != debt.MustDate("2026-03-20") {
		t.Fatalf("LastSweep = %s", last)
	}
}

// debt names the letter kinds it flags without importing letters: the
// codes must be the letters package's.
func TestLetterKindCodesMatchTheLettersPackage(t *testing.T) {
	for code, kind := range map[string]letters.Kind{
		debt.LetterReminder1: letters.Reminder1, debt.LetterReminder2: letters.Reminder2,
		debt.LetterFormalNotice: letters.FormalNotice, debt.LetterSmallClaims: letters.SmallClaims,
	} {
		if code != string(kind) {
			t.Errorf("debt letter code %q, letters kind %q", code, kind)
		}
	}
}

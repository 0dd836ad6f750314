package schedule_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
)

// A desk whose clock ran ahead swept 1 June 2027. Back on the right day
// (11 March 2026), the daily job says so, raises the office's flag and
// goes on from today, backup included; the next day runs as usual.
func TestClockAheadDoesNotFreezeTheDailyJob(t *testing.T) {
	st, _ := office(t)
	dir := t.TempDir()
	if err := st.SaveDailySettings(ctx, data.DailySettings{At: "07:30", BackupDir: dir, BackupKeep: 14}, "test", at("2026-03-02", 9, 0)); err != nil {
		t.Fatal(err)
	}
	j := job(st)
	ahead := at("2027-06-01", 8, 0)
	j.Clock = func() time.Time { return ahead }
	if _, err := j.Sweep(ctx, ahead); err != nil {
		t.Fatal(err)
	}
	now := at("2026-03-11", 8, 0)
	j.Clock = func() time.Time { return now }
	rep, err := j.CatchUp(ctx, now, "07:30")
	if err != nil {
		t.Fatalf("CatchUp after the clock ran ahead: %v", err)
	}
	if days(rep) != "2026-03-11" || rep.Backup == "" || !strings.Contains(rep.Clock, "01/06/2027") || !strings.Contains(rep.Summary(), "horloge") {
		t.Fatalf("CatchUp = %+v (%s); want today swept, backed up, the clock told", rep, rep.Summary())
	}
	if last, _ := st.LastSweep(ctx); last != debt.MustDate("2026-03-11") {
		t.Fatalf("LastSweep = %s, want 2026-03-11", last)
	}
	flags, err := st.OpenFlags(ctx, debt.MustDate("2026-03-11"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range flags {
		found = found || f.Kind == debt.FlagClockAhead
	}
	if !found {
		t.Fatalf("no clock flag among %+v", flags)
	}
	now = at("2026-03-12", 8, 0)
	if rep, err := j.CatchUp(ctx, now, "07:30"); err != nil || days(rep) != "2026-03-12" || rep.Clock != "" {
		t.Fatalf("next day's CatchUp = %+v, %v", rep, err)
	}
	// An explicit day before the last sweep is still refused.
	if _, err := j.Sweep(ctx, at("2026-03-05", 12, 0)); err == nil {
		t.Fatal("a sweep of a past day was accepted")
	}
}

// failingSweeps is a store whose sweeps fail.
type failingSweeps struct{ *data.Store }

func (failingSweeps) SweepDay(context.Context, debt.Date, time.Time) (debt.SweepReport, error) {
	return debt.SweepReport{}, errors.New("sweep broken")
}

func (failingSweeps) SweepNewDay(context.Context, debt.Date, time.Time) (debt.SweepReport, bool, error) {
	return debt.SweepReport{}, false, errors.New("sweep broken")
}

// A day whose sweep fails is still backed up.
func TestBackupRunsWhenTheSweepFails(t *testing.T) {
	st, _ := office(t)
	dir := t.TempDir()
	if err := st.SaveDailySettings(ctx, data.DailySettings{At: "07:30", BackupDir: dir, BackupKeep: 14}, "test", at("2026-03-02", 9, 0)); err != nil {
		t.Fatal(err)
	}
	j := job(st)
	j.Store = failingSweeps{st}
	rep, err := j.Sweep(ctx, at("2026-03-11", 8, 0))
	if err == nil || rep.Backup == "" {
		t.Fatalf("Sweep with a failing sweep = %+v, %v; want the error and a backup", rep, err)
	}
}

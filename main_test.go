package main

import (
	"context"
	"log"
	"path/filepath"
	"testing"
	"time"

	"amiable/cli"
	"amiable/data"
	"amiable/debt"
)

// A fresh install has chosen no backup folder yet: the daily job skips the
// backup without raising « Sauvegarde en échec »; once a folder is chosen,
// the backup runs (and a failure would be an alert again).
func TestDailyJobWaitsForBackupFolder(t *testing.T) {
	ctx := context.Background()
	st, err := data.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	job := cli.DailyJob(st, log.Printf)
	job.Backup = backupOnceChosen(st, job.Backup)
	now := time.Date(2026, 5, 15, 9, 30, 0, 0, debt.Paris())
	rep, err := job.Sweep(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	counts, _ := st.CountOpenFlagsByKind(ctx, debt.DateOf(now))
	for _, c := range counts {
		if c.Kind == debt.FlagBackupFailed {
			t.Fatalf("a fresh install raised %d backup alerts (report %+v)", c.Count, rep)
		}
	}
	d := data.DefaultDailySettings()
	d.BackupDir = t.TempDir()
	if err := st.SaveDailySettings(ctx, d, "test", now); err != nil {
		t.Fatal(err)
	}
	rep, err = job.Sweep(ctx, now.Add(24*time.Hour))
	if err != nil || rep.Backup == "" || rep.BackupErr != "" {
		t.Errorf("with a folder chosen, report = %+v, %v; want a backup", rep, err)
	}
}

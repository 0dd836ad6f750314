package main

import (
	"context"
	"log"
	"time"

	"fyne.io/fyne/v2"

	"amiable/app"
	"amiable/data"
	"amiable/schedule"
)

// dailyRunner is the daily job as the window drives it (app.DailyJob).
type dailyRunner struct {
	job   *schedule.Job
	sched *schedule.Scheduler
}

func (d dailyRunner) RunDaily(ctx context.Context, now time.Time) (string, error) {
	r, err := d.job.Sweep(ctx, now)
	if err != nil {
		return "", err
	}
	return r.Summary(), nil
}

func (d dailyRunner) Reschedule(at string) error { return d.sched.Reschedule(at) }

// startDaily runs the daily job beside the window: it catches up the days
// missed at once, then runs every day at the office's hour (and when the
// desk wakes up late); the morning review refreshes after each run. The
// returned function stops it and waits for a run in progress.
func startDaily(st *data.Store, ui *app.UI) (stop func()) {
	job := dailyJob(st, log.Printf)
	job.OnRun = func(schedule.Report) { fyne.Do(ui.RefreshReview) }
	at := data.DefaultDailySettings().At
	if d, err := st.DailySettings(context.Background()); err != nil {
		log.Printf("daily settings: %v", err)
	} else {
		at = d.At
	}
	sched, err := schedule.NewScheduler(job, at)
	if err != nil {
		log.Printf("daily job: %v", err)
		return func() {}
	}
	ui.SetDailyJob(dailyRunner{job: job, sched: sched})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		sched.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

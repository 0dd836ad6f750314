// Command amiable is Amiable: the desktop application of a French
// commissaire de justice office for amicable debt recovery, and its command
// line for scripts, scheduled tasks and support.
//
//	amiable [-db PATH|URL]             opens the window (AMIABLE_DB, else the
//	                                   base chosen in Paramètres, else the desk's file)
//	amiable [-db PATH] COMMAND [flags] runs a command (package cli)
//
// main is the composition root: it hands the command line to cli, or
// opens the store and wires it to the window and the daily job.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"time"
	_ "time/tzdata" // Windows desks may lack zone data: Europe/Paris must exist.

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"amiable/app"
	"amiable/assets"
	"amiable/cli"
	"amiable/data"
	_ "amiable/internal/cloc" // before Fyne reads the locale: see the package comment
	"amiable/schedule"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr, func(path string) int { return runWindow(path, os.Stderr) })
	stop()
	os.Exit(code)
}

// AppID is Amiable's Fyne application ID (preferences and storage live under it).
const AppID = "fr.amiable.app"

// runWindow opens the store and the main window, and blocks until the
// window is closed. A database that cannot be opened is explained in a
// small French window rather than a crash. The whole-file integrity check
// runs once the first screen is shown (data.OpenChecking: writes wait for
// it), or after checkDelay if the window is not usable by then; a damaged
// file then replaces the window with that explanation.
func runWindow(path string, stderr io.Writer) int {
	trace := readyTrace(stderr)
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	chosen := false // the shared base chosen in Paramètres
	if path == "" { // neither -db nor AMIABLE_DB: the base chosen in Paramètres, else the desk's file
		if path = app.ChosenBase(a.Preferences()); path != "" {
			chosen = true
		} else {
			p, err := data.DefaultPath()
			if err != nil {
				fmt.Fprintln(stderr, "amiable : impossible de trouver le dossier des données de l'utilisateur :", err)
				return 1
			}
			path = p
		}
	}
	start := make(chan struct{})
	var once sync.Once
	startCheck := func() { once.Do(func() { close(start) }) }
	time.AfterFunc(checkDelay, startCheck)
	code := 0
	var closers []func()
	// open shows the main window on the opened store, or why it could not
	// be opened; on the UI goroutine.
	open := func(st *data.Store, checked <-chan error, err error) {
		if err != nil {
			code = 1
			fmt.Fprintln(stderr, "amiable :", data.Message(err))
			var local []fyne.CanvasObject
			if chosen { // a way back to this desk's own file
				local = append(local, widget.NewButton("Revenir à la base de ce poste", func() {
					app.ForgetChosenBase(a.Preferences())
					if exe, err := os.Executable(); err == nil {
						exec.Command(exe).Start()
					}
					a.Quit()
				}))
			}
			fatalWindow(a, data.Message(err), local...).Show()
			return
		}
		closers = append(closers, func() { st.Close() })
		ready := func() {
			startCheck()
			if trace != nil {
				trace()
			}
		}
		ui := app.New(a, st, app.Options{Author: cli.SessionUser(), Ready: ready, OpenDemo: openDemo(path)})
		damaged := func(err error) { // on the UI goroutine
			code = 1
			fmt.Fprintln(stderr, "amiable :", data.Message(err))
			fatalWindow(a, data.Message(err)).Show()
			ui.Window().Hide()
		}
		// The daily job (daily.go): flags of the morning review, backups.
		closers = append(closers, startDaily(st, ui, checked, damaged))
		ui.ShowStart() // the welcome assistant on a new base, else À traiter
		ui.Show()
		if dir := os.Getenv("AMIABLE_SCREEN_TOUR"); dir != "" {
			// make screens: every screen captured into dir, then quit.
			ui.ScreenTour(dir, func(_ []app.TourShot, err error) {
				if err != nil {
					code = 1
					fmt.Fprintln(stderr, "amiable : tour des écrans :", err)
				}
				a.Quit()
			})
		}
	}
	if data.NeedsUpgrade(path) {
		// A database of an earlier version is migrated first, which can
		// take a minute on a large office: a window says so meanwhile.
		upgrading := app.UpgradeWindow(a)
		upgrading.Show()
		go func() {
			st, checked, err := data.OpenChecking(path, start)
			fyne.Do(func() {
				open(st, checked, err)
				upgrading.Close()
			})
		}()
	} else {
		st, checked, err := data.OpenChecking(path, start)
		open(st, checked, err)
	}
	a.Run()
	for i := len(closers) - 1; i >= 0; i-- {
		closers[i]()
	}
	return code
}

// checkDelay is when the integrity check starts at the latest, should the
// window not be usable by then (a first screen that fails to load).
const checkDelay = 3 * time.Second

// started is when the process began, near enough (package initialisation).
var started = time.Now()

// readyTrace returns the window's Ready hook for the start-up benchmark
// (main_bench_test.go), nil unless asked for: with AMIABLE_TRACE_READY
// set, it writes "ready MS" (milliseconds since start) to stderr once the
// window is usable; with AMIABLE_CPUPROFILE=FILE, the CPU profile of the
// start-up, up to that moment, goes to FILE.
func readyTrace(stderr io.Writer) func() {
	trace := os.Getenv("AMIABLE_TRACE_READY") != ""
	profile := os.Getenv("AMIABLE_CPUPROFILE")
	if !trace && profile == "" {
		return nil
	}
	var prof *os.File
	if profile != "" {
		f, err := os.Create(profile)
		if err == nil {
			if err = pprof.StartCPUProfile(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			log.Printf("cpu profile: %v", err)
		} else {
			prof = f
		}
	}
	return func() {
		if prof != nil {
			pprof.StopCPUProfile()
			prof.Close()
		}
		if trace {
			fmt.Fprintf(stderr, "ready %d\n", time.Since(started).Milliseconds())
		}
	}
}

// fatalWindow is a small window with a French message saying why Amiable
// cannot go on; Quitter, or closing it, quits; more are other buttons.
func fatalWindow(a fyne.App, msg string, more ...fyne.CanvasObject) fyne.Window {
	w := a.NewWindow("Amiable")
	w.SetOnClosed(a.Quit)
	quit := widget.NewButton("Quitter", func() { a.Quit() })
	quit.Importance = widget.HighImportance
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(widget.NewLabelWithStyle("Amiable ne peut pas ouvrir la base de données", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(append([]fyne.CanvasObject{quit}, more...)...), nil, nil, label))
	w.Resize(fyne.NewSize(560, 220))
	return w
}

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

// startDaily runs the daily job beside the window: once checked says the
// file is sound, it catches up the days missed, then runs every day at the
// office's hour (and when the desk wakes up late); the morning review
// refreshes after each run. A failed check goes to damaged, on the UI
// goroutine, and the job never runs. The returned function stops it and
// waits for a run in progress.
func startDaily(st *data.Store, ui *app.UI, checked <-chan error, damaged func(error)) (stop func()) {
	job := cli.DailyJob(st, log.Printf)
	job.Backup = backupOnceChosen(st, job.Backup)
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
		sched = nil
	} else {
		ui.SetDailyJob(dailyRunner{job: job, sched: sched})
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case err := <-checked:
			if err != nil {
				fyne.Do(func() { damaged(err) })
				return
			}
		case <-ctx.Done():
			return
		}
		if sched != nil {
			sched.Run(ctx)
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// backupOnceChosen skips the daily backup while the office has not
// chosen a backup folder yet (the welcome assistant or Paramètres asks for it): a
// fresh install raises no « Sauvegarde en échec » for a step it has not
// asked for. Once a folder is chosen, a failure is an alert again.
func backupOnceChosen(st *data.Store, backup schedule.BackupFunc) schedule.BackupFunc {
	if backup == nil {
		return nil
	}
	return func(ctx context.Context, now time.Time) (string, error) {
		if d, err := st.DailySettings(ctx); err == nil && d.BackupDir == "" {
			return "", nil
		}
		return backup(ctx, now)
	}
}

// openDemo returns the welcome assistant's « Ouvrir une étude de
// démonstration »: a demonstration office in its own file beside the
// office's (built once by `amiable demo`), opened by a second Amiable
// process, so that the office's own base stays empty.
func openDemo(path string) func() {
	return func() {
		exe, err := os.Executable()
		if err != nil {
			log.Printf("demo: %v", err)
			return
		}
		dir := filepath.Dir(path)
		if data.IsSharedURL(path) { // the demonstration stays on this desk
			p, err := data.DefaultPath()
			if err != nil {
				log.Printf("demo: %v", err)
				return
			}
			dir = filepath.Dir(p)
		}
		demo := filepath.Join(dir, "demonstration.db")
		go func() {
			if _, err := os.Stat(demo); err != nil {
				if out, err := exec.Command(exe, "-db", demo, "demo", "-cases", "300").CombinedOutput(); err != nil {
					log.Printf("demo: %v: %s", err, out)
					return
				}
			}
			if err := exec.Command(exe, "-db", demo).Start(); err != nil {
				log.Printf("demo: %v", err)
			}
		}()
	}
}

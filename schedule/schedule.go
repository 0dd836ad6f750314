// Package schedule runs Amiable's daily job: the sweep that raises the
// flags of the morning review, then the backup.
//
// The job is a plain function of the instant (Job.Sweep, Job.CatchUp):
// tests call it with fixed dates. A Scheduler only decides when to call
// it: robfig/cron in Europe/Paris at the office's hour (07:30 by default),
// with recover and skip-if-still-running, and a check every minute that
// catches up the days missed while the desk was off or asleep, one sweep
// per day, oldest first. Each day's sweep is one transaction of the store;
// the last day swept is what the store remembers, so a day is never
// missed and never swept twice by the catch-up, even by two desks of the
// shared base catching up at once (Store.SweepNewDay checks under the
// store's write lock).
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"amiable/debt"
)

// Store is what the daily job needs from the database (*data.Store).
type Store interface {
	LastSweep(ctx context.Context) (debt.Date, error)
	SweepDay(ctx context.Context, day debt.Date, now time.Time) (debt.SweepReport, error)
	// SweepNewDay sweeps a day unless it (or a later one) was swept
	// meanwhile, by another desk of the shared base: swept false then.
	SweepNewDay(ctx context.Context, day debt.Date, now time.Time) (rep debt.SweepReport, swept bool, err error)
	RaiseOfficeFlag(ctx context.Context, f debt.Flag, day debt.Date, now time.Time) error
	ResolveOfficeFlags(ctx context.Context, kind debt.FlagKind, reason string, now time.Time) (int, error)
	// RaiseClockAhead raises the office's flag of a last sweep (last)
	// after today and forgets the sweeps after today.
	RaiseClockAhead(ctx context.Context, last, today debt.Date, now time.Time) error
}

// VerifyFunc runs the scheduled check of the stored documents when it is
// due, and says in French what it found ("" when it did not run).
type VerifyFunc func(ctx context.Context, now time.Time) (string, error)

// BackupFunc writes the day's backup and returns the path of the copy.
type BackupFunc func(ctx context.Context, now time.Time) (string, error)

// MaxCatchUp bounds the days one catch-up sweeps (a desk off for more than
// a year, or a clock set years ahead, does not sweep for hours): the
// oldest missed days beyond it are skipped.
const MaxCatchUp = 366

// ErrRunning is returned when the job is already running.
var ErrRunning = errors.New("le calcul quotidien est déjà en cours")

// ErrPast is wrapped by the error of a sweep asked for a day before the
// last one swept.
var ErrPast = errors.New("jour déjà dépassé")

// Job is the daily job over a store.
type Job struct {
	Store  Store
	Backup BackupFunc // nil: no backup
	Verify VerifyFunc // nil: no check of the documents
	// Clock returns the instant the desk believes it is (nil: time.Now):
	// a last sweep recorded after its day means a clock ran ahead.
	Clock func() time.Time
	// Explain turns an error into one French sentence for a person (the
	// flag of a failed backup); nil: the error's text.
	Explain func(error) string
	// Logf logs what the job did and its errors; nil: log.Printf.
	Logf func(format string, args ...any)
	// OnRun is called after each run, from the goroutine that ran it (the
	// window wraps it in fyne.Do).
	OnRun func(Report)

	mu sync.Mutex
}

// Report is what one run did.
type Report struct {
	Days      []debt.SweepReport `json:"days"`             // the days swept, oldest first
	Backup    string             `json:"backup,omitempty"` // the copy written
	BackupErr string             `json:"backup_error,omitempty"`
	Verify    string             `json:"verify,omitempty"` // what the check of the documents found
	Clock     string             `json:"clock,omitempty"`  // French: the last sweep was after today
}

// Open returns the flags to handle after the run (0 when no day was swept).
func (r Report) Open() int {
	if len(r.Days) == 0 {
		return 0
	}
	return r.Days[len(r.Days)-1].Open
}

// Summary says in French what the run did: "Calcul du 18/03/2026 au
// 23/03/2026 (6 jours) : 4 nouvelles alertes, 1 résolue ; 12 à traiter.
// Sauvegarde : /media/cle/amiable-2026-03-23.db".
func (r Report) Summary() string {
	if len(r.Days) == 0 {
		return "Calcul quotidien déjà fait : rien de nouveau."
	}
	var raised, resolved int
	for _, d := range r.Days {
		raised += d.Raised + d.Reopened
		resolved += d.Resolved
	}
	first, last := r.Days[0].Day, r.Days[len(r.Days)-1].Day
	s := "Calcul du " + last.String()
	if len(r.Days) > 1 {
		s = fmt.Sprintf("Calcul du %s au %s (%d jours)", first, last, len(r.Days))
	}
	s += fmt.Sprintf(" : %s, %s ; %d à traiter.", plural(raised, "nouvelle alerte", "nouvelles alertes"), plural(resolved, "résolue", "résolues"), r.Open())
	switch {
	case r.Backup != "":
		s += " Sauvegarde : " + r.Backup + "."
	case r.BackupErr != "":
		s += " Sauvegarde en échec : " + r.BackupErr
	}
	if r.Verify != "" {
		s += " " + r.Verify
	}
	if r.Clock != "" {
		s = r.Clock + " " + s
	}
	return s
}

func plural(n int, one, many string) string {
	if n <= 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (j *Job) logf(format string, args ...any) {
	if j.Logf != nil {
		j.Logf(format, args...)
		return
	}
	log.Printf(format, args...)
}

func (j *Job) explain(err error) string {
	if j.Explain != nil {
		return j.Explain(err)
	}
	return err.Error()
}

// Sweep runs the daily job at now: every day from the day after the last
// one swept through now's day (Paris), oldest first, then the backup.
// Today is swept again when it already was: a sweep is idempotent and
// picks up what changed since (the command line and "Recalculer"). A store
// never swept starts with today.
func (j *Job) Sweep(ctx context.Context, now time.Time) (Report, error) {
	if !j.mu.TryLock() {
		return Report{}, ErrRunning
	}
	defer j.mu.Unlock()
	return j.run(ctx, debt.DateOf(now), now, true)
}

// CatchUp runs the days missed up to the last day whose hour (at, "07:30")
// has come at now, oldest first, then the backup; it does nothing when
// that day was already swept. The scheduler calls it at start-up, at the
// hour, and whenever the desk wakes up.
func (j *Job) CatchUp(ctx context.Context, now time.Time, at string) (Report, error) {
	if !j.mu.TryLock() {
		return Report{}, ErrRunning
	}
	defer j.mu.Unlock()
	due, err := DueDay(now, at)
	if err != nil {
		return Report{}, err
	}
	return j.run(ctx, due, now, false)
}

// DueDay returns the last day whose daily run should have happened at
// now: today once the hour at (Paris) has come, else yesterday.
func DueDay(now time.Time, at string) (debt.Date, error) {
	h, m, err := parseClock(at)
	if err != nil {
		return debt.Date{}, err
	}
	p := now.In(debt.Paris())
	today := debt.DateOf(now)
	if p.Hour()*60+p.Minute() < h*60+m {
		return today.AddDays(-1), nil
	}
	return today, nil
}

func parseClock(at string) (int, int, error) {
	var h, m int
	if _, err := fmt.Sscanf(at, "%d:%d", &h, &m); err != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("heure du calcul quotidien « %s » invalide (attendu HH:MM)", at)
	}
	return h, m, nil
}

// run sweeps the days after the last one swept through through (through
// itself again when rerun), then backs up when a day was swept.
func (j *Job) run(ctx context.Context, through debt.Date, now time.Time, rerun bool) (Report, error) {
	var rep Report
	last, err := j.Store.LastSweep(ctx)
	if err != nil {
		return rep, err
	}
	clock := time.Now
	if j.Clock != nil {
		clock = j.Clock
	}
	if today := debt.DateOf(clock()); last.After(through) && last.After(today) {
		// A desk's clock ran ahead and swept days still to come: say so,
		// raise the office's flag and go on from today, rather than wait
		// for that day with no flags and no backups meanwhile.
		rep.Clock = ClockAheadMessage(last, today)
		j.logf("schedule: the last sweep recorded (%s) is after today (%s): going on from today", last.ISO(), today.ISO())
		if err := j.Store.RaiseClockAhead(ctx, last, today, now); err != nil {
			return rep, err
		}
		if last, err = j.Store.LastSweep(ctx); err != nil {
			return rep, err
		}
	}
	first := last.AddDays(1)
	switch {
	case last.IsZero():
		first = through
	case rerun && through.Before(last):
		// Sweeping an earlier day would resolve the flags raised since.
		return rep, fmt.Errorf("%w : le calcul quotidien a déjà été fait jusqu'au %s, il ne peut pas revenir au %s", ErrPast, last, through)
	case rerun && through.Equal(last):
		first = through
	}
	if through.DaysSince(first) >= MaxCatchUp {
		j.logf("schedule: %d days missed since %s: sweeping the last %d only", through.DaysSince(first)+1, first.ISO(), MaxCatchUp)
		first = through.AddDays(-MaxCatchUp + 1)
	}
	for d := first; !d.After(through); d = d.AddDays(1) {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		// A day after the last one swept is swept once, whatever the
		// desks sharing the base (the store checks under its write lock);
		// today swept again on request is swept again.
		var r debt.SweepReport
		swept := true
		if d.After(last) {
			r, swept, err = j.Store.SweepNewDay(ctx, d, now)
		} else {
			r, err = j.Store.SweepDay(ctx, d, now)
		}
		if err != nil {
			j.logf("schedule: sweep of %s failed: %v", d.ISO(), err)
			// The flags wait, the backup does not: what the office
			// recorded is saved even on a day the sweep fails.
			if ctx.Err() == nil {
				j.backup(ctx, d, now, &rep)
			}
			return rep, err
		}
		if !swept {
			j.logf("schedule: %s was swept meanwhile by another desk", d.ISO())
			continue
		}
		rep.Days = append(rep.Days, r)
	}
	if len(rep.Days) == 0 {
		return rep, nil
	}
	j.logf("schedule: swept %d day(s) through %s: %d flag(s) to handle", len(rep.Days), through.ISO(), rep.Open())
	j.backup(ctx, through, now, &rep)
	j.verify(ctx, now, &rep)
	if j.OnRun != nil {
		j.OnRun(rep)
	}
	return rep, nil
}

// backup writes the backup; a failure raises the office's flag, a success
// resolves the earlier ones.
func (j *Job) backup(ctx context.Context, day debt.Date, now time.Time, rep *Report) {
	if j.Backup == nil {
		return
	}
	path, err := j.Backup(ctx, now)
	if err != nil {
		j.logf("schedule: backup failed: %v", err)
		rep.BackupErr = j.explain(err)
		if err := j.Store.RaiseOfficeFlag(ctx, debt.BackupFlag(day, rep.BackupErr), day, now); err != nil {
			j.logf("schedule: raising the backup flag failed: %v", err)
		}
		return
	}
	rep.Backup = path
	if _, err := j.Store.ResolveOfficeFlags(ctx, debt.FlagBackupFailed, "sauvegarde réussie le "+debt.DateOf(now).String(), now); err != nil {
		j.logf("schedule: resolving the backup flags failed: %v", err)
	}
}

// verify runs the scheduled check of the documents; a failure is logged
// and told, the sweep and the backup stand.
func (j *Job) verify(ctx context.Context, now time.Time, rep *Report) {
	if j.Verify == nil {
		return
	}
	msg, err := j.Verify(ctx, now)
	if err != nil {
		j.logf("schedule: check of the documents failed: %v", err)
		rep.Verify = "Contrôle des pièces en échec : " + j.explain(err)
		return
	}
	rep.Verify = msg
}

// ClockAheadMessage says in French that the last sweep recorded is after today.
func ClockAheadMessage(last, today debt.Date) string {
	return fmt.Sprintf("Le dernier calcul quotidien est daté du %s, après aujourd'hui (%s) : l'horloge d'un poste a été en avance ; le calcul reprend à partir d'aujourd'hui.", last, today)
}

// Scheduler calls a job every day at the office's hour, and catches up
// the days missed.
type Scheduler struct {
	job *Job
	// Now returns the current instant; tests pin it.
	Now func() time.Time
	// CheckEvery is how often Run checks for a missed day (a desk waking
	// up from sleep after the hour): one minute by default.
	CheckEvery time.Duration

	mu   sync.Mutex
	cron *cron.Cron
	id   cron.EntryID
	at   string
	ctx  context.Context // Run's: cron's runs end with it
}

// Spec returns the cron spec ("30 7 * * *") of the hour at ("07:30").
func Spec(at string) (string, error) {
	h, m, err := parseClock(at)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d %d * * *", m, h), nil
}

// NewScheduler prepares a scheduler of job at the hour at (Paris).
func NewScheduler(job *Job, at string) (*Scheduler, error) {
	s := &Scheduler{job: job, Now: time.Now, CheckEvery: time.Minute, ctx: context.Background()}
	logger := cron.PrintfLogger(printf(job.logf))
	s.cron = cron.New(cron.WithLocation(debt.Paris()), cron.WithLogger(logger),
		cron.WithChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)))
	if err := s.Reschedule(at); err != nil {
		return nil, err
	}
	return s, nil
}

type printf func(format string, args ...any)

func (p printf) Printf(format string, args ...any) { p(format, args...) }

// At returns the hour of the daily run.
func (s *Scheduler) At() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.at
}

// Reschedule moves the daily run to the hour at ("07:30").
func (s *Scheduler) Reschedule(at string) error {
	spec, err := Spec(at)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, err := s.cron.AddFunc(spec, func() { s.check(s.context()) })
	if err != nil {
		return fmt.Errorf("cron %q: %w", spec, err)
	}
	if s.id != 0 {
		s.cron.Remove(s.id)
	}
	s.id, s.at = id, at
	return nil
}

func (s *Scheduler) context() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx
}

// Next returns when cron will next run the job.
func (s *Scheduler) Next() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cron.Entry(s.id).Next
}

// check runs the catch-up, unless the job is running already.
func (s *Scheduler) check(ctx context.Context) {
	defer func() {
		if r := recover(); r != nil {
			s.job.logf("schedule: daily job panicked: %v", r)
		}
	}()
	if _, err := s.job.CatchUp(ctx, s.Now(), s.At()); err != nil && !errors.Is(err, ErrRunning) && !errors.Is(err, context.Canceled) {
		s.job.logf("schedule: catch-up failed: %v", err)
	}
}

// Run catches up at once, starts cron, and checks every CheckEvery for a
// day missed (the desk was asleep at the hour) until ctx ends; it then
// stops cron and waits for a run in progress. Start it in its own
// goroutine.
func (s *Scheduler) Run(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	s.check(ctx)
	s.cron.Start()
	t := time.NewTicker(s.CheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			<-s.cron.Stop().Done()
			s.job.mu.Lock() // wait for a run started by hand
			s.job.mu.Unlock()
			return
		case <-t.C:
			s.check(ctx)
		}
	}
}

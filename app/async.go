package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// searchDelay is how long typing must pause before a search runs.
const searchDelay = 250 * time.Millisecond

// uiPost hands a function to the UI goroutine. It is fyne.Do; the tests
// replace it with a queue they drain on the test goroutine, which is what
// the desktop driver does with its main goroutine (Fyne's test driver runs
// fyne.Do inline on the calling goroutine instead).
var uiPost = fyne.Do

// worker runs the window's database reads one after the other on a single
// goroutine, off the UI goroutine, and hands each result back through
// fyne.Do. It stops when its context ends (the window closed).
type worker struct {
	ctx  context.Context
	jobs chan func()
	// busy counts queued jobs and pending debounced calls; tests wait on
	// it before they look at the widgets.
	busy sync.WaitGroup
}

func newWorker(ctx context.Context) *worker {
	w := &worker{ctx: ctx, jobs: make(chan func(), 64)}
	go w.run()
	return w
}

func (w *worker) run() {
	for {
		select {
		case <-w.ctx.Done():
			// release the jobs still queued (they return at once: the
			// context is done), so that wait does not wait for them
			for {
				select {
				case job := <-w.jobs:
					job()
				default:
					return
				}
			}
		case job := <-w.jobs:
			job()
		}
	}
}

// do queues work; the function it returns, if not nil, then runs on the UI
// goroutine. work gets the worker's context for the store calls.
func (w *worker) do(work func(ctx context.Context) func()) {
	w.busy.Add(1)
	job := func() {
		defer w.busy.Done()
		if w.ctx.Err() != nil {
			return
		}
		if apply := work(w.ctx); apply != nil {
			uiPost(apply)
		}
	}
	select {
	case w.jobs <- job:
	case <-w.ctx.Done():
		w.busy.Done()
	}
}

// wait blocks until every queued job and pending debounced call is done.
func (w *worker) wait() { w.busy.Wait() }

// debouncer calls a function once typing has paused for delay.
type debouncer struct {
	w     *worker
	delay time.Duration
	mu    sync.Mutex
	timer *time.Timer
}

func newDebouncer(w *worker, delay time.Duration) *debouncer {
	return &debouncer{w: w, delay: delay}
}

// call (re)arms the timer; f runs on the UI goroutine after the pause.
func (d *debouncer) call(f func()) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil && d.timer.Stop() {
		d.w.busy.Done()
	}
	d.w.busy.Add(1)
	d.timer = time.AfterFunc(d.delay, func() {
		defer d.w.busy.Done()
		if d.w.ctx.Err() == nil {
			uiPost(f)
		}
	})
}

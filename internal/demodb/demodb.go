// Package demodb builds the demonstration office: the cases, parties,
// plans, payments, e-mails and journal that demo.Fill writes, then the
// letters those cases received, composed and rendered by the letters
// package and kept as exact PDFs like any issued letter, with their
// registered post and AR outcomes. It also keeps built databases in a
// cache for the benchmarks.
package demodb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/demo"
	"amiable/letters"
	"amiable/mailroom"
)

// Options sets the size, randomness and day of the demo office.
type Options struct {
	Cases int
	Seed  uint64
	Now   time.Time
	// Progress is called during each stage ("dossiers", "courriers") with
	// what is done out of the total; may be nil.
	Progress func(stage string, done, total int)
}

// Build fills the empty database st with the demo office (see demo.Fill)
// and issues the letters of its cases' stories. The same seed and day give
// the same office.
func Build(ctx context.Context, st *data.Store, opt Options) (demo.Result, error) {
	progress := opt.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	res, err := demo.Fill(ctx, st, demo.Options{Cases: opt.Cases, Seed: opt.Seed, Now: opt.Now,
		Progress: func(done, total int) { progress("dossiers", done, total) }})
	if err != nil {
		return res, err
	}
	res.Issued, err = issueLetters(ctx, st, res.Letters, func(done int) { progress("courriers", done, len(res.Letters)) })
	return res, err
}

// issueLetters issues the demo's letters through mailroom, as the office
// did on the day of each: composed with the case's figures of that day,
// rendered, kept, printed, posted, and for registered letters with the AR
// outcome recorded when the card came back. The letters of one case are
// issued in order (each letter's reference follows the previous one);
// cases are shared between workers, which compose and render in parallel
// while the store writes one at a time.
func issueLetters(ctx context.Context, st *data.Store, todo []demo.Letter, progress func(int)) (int, error) {
	byCase := map[int64][]demo.Letter{}
	var order []int64
	for _, l := range todo {
		if _, ok := byCase[l.CaseID]; !ok {
			order = append(order, l.CaseID)
		}
		byCase[l.CaseID] = append(byCase[l.CaseID], l)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cases := make(chan int64)
	var (
		mu       sync.Mutex
		issued   int
		done     int
		firstErr error
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range cases {
				n, err := issueCase(ctx, st, byCase[id])
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				issued += n
				done += len(byCase[id])
				if done%200 < len(byCase[id]) {
					progress(done)
				}
				mu.Unlock()
			}
		}()
	}
	for _, id := range order {
		if ctx.Err() != nil {
			break
		}
		cases <- id
	}
	close(cases)
	wg.Wait()
	progress(done)
	if firstErr != nil {
		return issued, firstErr
	}
	return issued, ctx.Err()
}

// issueCase issues one case's letters in order and returns how many were
// issued. A letter its checks refuse (the case's facts do not allow it)
// is left out, as the office would not have sent it.
func issueCase(ctx context.Context, st *data.Store, ls []demo.Letter) (int, error) {
	n := 0
	for _, l := range ls {
		req := mailroom.Request{CaseID: l.CaseID, Kind: letters.Kind(l.Kind), Date: debt.DateOf(l.At)}
		if l.Tracking != "" {
			req.Post = debt.Registered{Level: debt.LevelR1, AR: true, Tracking: l.Tracking}
		}
		row, err := mailroom.IssueHistory(ctx, st, req, l.Author, l.At)
		if errors.Is(err, mailroom.ErrRefused) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("courrier de démonstration %s du dossier %d : %w", l.Kind, l.CaseID, err)
		}
		n++
		printed := l.At.Add(20 * time.Minute)
		if err := st.MarkPrinted(ctx, []int64{row.ID}, l.Author, printed); err != nil {
			return n, err
		}
		deposit := l.Deposit
		if deposit.IsZero() {
			deposit = debt.DateOf(l.At)
		}
		postedAt := time.Date(deposit.Year(), deposit.Month(), deposit.Day(), 17, 30, 0, 0, debt.Paris())
		if err := st.MarkPosted(ctx, []int64{row.ID}, deposit, l.Author, postedAt); err != nil {
			return n, err
		}
		if l.AR.Outcome != "" {
			back := l.AR.Received
			at := time.Date(back.Year(), back.Month(), back.Day(), 10, 15, 0, 0, debt.Paris())
			if err := st.RecordAR(ctx, row.ID, l.AR, "", nil, l.Author, at); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// Cached returns the path of a demo database of n cases for seed and the
// day of now, building it in dir the first time and reusing it after
// (benchmarks on 50 000 cases share one). The name carries the schema and
// demo versions, so a database of an older program is never reused.
func Cached(ctx context.Context, dir string, n int, seed uint64, now time.Time) (string, error) {
	name := fmt.Sprintf("demo-%d-s%d-v%d.%d-%s.db", n, seed, data.SchemaVersion(), demo.Version, debt.DateOf(now).ISO())
	path := filepath.Join(dir, name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	// Another process (a benchmark, `amiable demo` into a ".build-…" file)
	// building the same database: wait for it rather than build it twice.
	if waitForBuilder(ctx, dir, name) {
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
	}
	// Built under a name of its own beside the final one, then renamed: two
	// processes building the same cache never see each other's half-built
	// file. Documents go to the shared documents/ folder, named by their
	// content, so every cached database finds its files.
	built := filepath.Join(dir, fmt.Sprintf(".build-%d-%s", os.Getpid(), name))
	defer func() {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(built + suffix)
		}
		os.Remove(data.LockPath(built)) // closed: nobody holds it
	}()
	s, err := data.Open(built)
	if err != nil {
		return "", err
	}
	if _, err := Build(ctx, s, Options{Cases: n, Seed: seed, Now: now}); err != nil {
		s.Close()
		return "", err
	}
	if err := s.Checkpoint(ctx); err != nil {
		s.Close()
		return "", err
	}
	if err := s.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(built, path); err != nil {
		return "", err
	}
	return path, nil
}

// waitForBuilder waits while a ".build-…" file of that name in dir is being
// written (its database or log changed within the last two minutes) and
// reports whether it waited.
func waitForBuilder(ctx context.Context, dir, name string) bool {
	waited := false
	for {
		busy := false
		files, _ := filepath.Glob(filepath.Join(dir, ".build-*"+name+"*"))
		for _, f := range files {
			if fi, err := os.Stat(f); err == nil && time.Since(fi.ModTime()) < 2*time.Minute {
				busy = true
			}
		}
		if !busy {
			return waited
		}
		waited = true
		select {
		case <-ctx.Done():
			return waited
		case <-time.After(5 * time.Second):
		}
	}
}

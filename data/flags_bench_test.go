package data

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"amiable/debt"
)

// sweepStore opens a private copy of the cached 50 000-case demo database:
// the sweep writes flags and journal entries, which the other benchmarks
// sharing the cache must not see.
func sweepStore(b *testing.B, n int) *Store {
	b.Helper()
	shared := benchStore(b, n)
	src := shared.Path()
	shared.Close()
	dst := filepath.Join(b.TempDir(), "sweep.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	in.Close()
	out.Close()
	s, err := Open(dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkSweep50k is the daily sweep over the 50 000-case demo office
// (with its plans, payments and remittances): the first sweep, which
// raises every flag and journals it, is reported as first-ms; each timed
// iteration is the sweep of the next day (what the office's desk runs
// every morning). Per-query times of the last run are reported too.
func BenchmarkSweep50k(b *testing.B) { benchSweep(b, 50000) }

// BenchmarkSweep5k is the same on 5 000 cases, for the growth curve.
func BenchmarkSweep5k(b *testing.B) { benchSweep(b, 5000) }

func benchSweep(b *testing.B, n int) {
	s := sweepStore(b, n)
	ctx := context.Background()
	day := debt.DateOf(benchNow)
	at := func(d debt.Date) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 7, 30, 0, 0, debt.Paris()) }
	start := time.Now()
	first, err := s.SweepDay(ctx, day, at(day))
	if err != nil {
		b.Fatal(err)
	}
	firstTook := time.Since(start)
	names := []string{"plans", "letters", "limitation", "idle", "settled", "funds", "mails", "write"}
	took := make([]time.Duration, len(names))
	traceSweep = func(i, _ int, d time.Duration) { took[i] = d }
	defer func() { traceSweep = nil }()
	var last debt.SweepReport
	cpu0 := cpuTime()
	for b.Loop() {
		day = day.AddDays(1)
		if last, err = s.SweepDay(ctx, day, at(day)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(firstTook.Milliseconds()), "first-ms")
	b.ReportMetric(float64(first.Raised), "flags")
	for i, name := range names {
		b.ReportMetric(float64(took[i].Microseconds())/1000, name+"-ms")
	}
	b.Logf("first sweep %+v; last %+v", first, last)
}

// cpuTime is the CPU time (user and system) the process used so far: on a
// machine shared with other work, it says what the sweep costs when the
// wall clock says how long it waited.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

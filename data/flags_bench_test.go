package data_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/internal/benchkit"
)

// sweepStore opens a private copy of the cached 50 000-case demo database:
// the sweep writes flags and journal entries, which the other benchmarks
// sharing the cache must not see.
// AMIABLE_SWEEP_DB names another database to copy instead (a
// development copy, while the cache is being rebuilt).
func sweepStore(b *testing.B, n int) *data.Store {
	b.Helper()
	src := os.Getenv("AMIABLE_SWEEP_DB")
	if src == "" {
		src = benchPath(b, n)
	}
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
	s, err := data.Open(dst)
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
// every morning). Per-query times of the last run are reported too, and
// the Go heap's peak (HeapInuse) during the first sweep and during the
// daily ones: the first sweep runs at start-up beside the window, whose
// peak memory it sets.
func BenchmarkSweep50k(b *testing.B) { benchSweep(b, 50000) }

// BenchmarkSweep5k is the same on 5 000 cases, for the growth curve.
func BenchmarkSweep5k(b *testing.B) { benchSweep(b, 5000) }

// BenchmarkSweep20k is the same on 20 000 cases, for the growth curve.
func BenchmarkSweep20k(b *testing.B) { benchSweep(b, 20000) }

// BenchmarkSweep200k is the same on 200 000 cases (AMIABLE_BENCH_200K=1).
func BenchmarkSweep200k(b *testing.B) { benchSweep(b, 200000) }

func benchSweep(b *testing.B, n int) {
	s := sweepStore(b, n)
	ctx := context.Background()
	day := debt.DateOf(benchNow)
	at := func(d debt.Date) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 7, 30, 0, 0, debt.Paris()) }
	peak := startHeapPeak()
	start := time.Now()
	first, err := s.SweepDay(ctx, day, at(day))
	if err != nil {
		b.Fatal(err)
	}
	firstTook := time.Since(start)
	firstPeak, base := peak.stop()
	// The first sweep journals a flag in most cases: their search
	// documents are folded in the background, not counted as the sweep's.
	start = time.Now()
	s.WaitFold()
	firstFold := time.Since(start)
	names := append(data.SweepStepNames(), "write")
	took := make([]time.Duration, len(names))
	data.SetTraceSweep(func(i, _ int, d time.Duration) { took[i] = d })
	defer data.SetTraceSweep(nil)
	var last debt.SweepReport
	cpu0 := benchkit.CPUTime()
	peak = startHeapPeak()
	var fold, foldCPU time.Duration
	for b.Loop() {
		day = day.AddDays(1)
		if last, err = s.SweepDay(ctx, day, at(day)); err != nil {
			b.Fatal(err)
		}
		// The day's new journal entries are folded into the search
		// documents after the sweep, in the background: timed apart.
		b.StopTimer()
		st, c := time.Now(), benchkit.CPUTime()
		s.WaitFold()
		fold += time.Since(st)
		foldCPU += benchkit.CPUTime() - c
		b.StartTimer()
	}
	b.ReportMetric(float64(fold.Microseconds())/1000/float64(b.N), "fold-ms")
	dayPeak, dayBase := peak.stop()
	b.ReportMetric(float64((benchkit.CPUTime()-cpu0-foldCPU).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(mb(firstPeak), "peak-heap-MB")
	b.ReportMetric(mb(firstPeak-base), "peak-heap-growth-MB")
	b.ReportMetric(mb(dayPeak), "day-peak-heap-MB")
	// The sweep holds the active flags' ids and hashes, never the day's
	// flags: a few hundred bytes a case at most (it held 62 MB at 50 000
	// cases when it listed them), above the collector's 4 MB minimum.
	if growth, budget := firstPeak-base, uint64(8<<20+100*n); growth > budget {
		b.Errorf("first sweep: the heap grew by %.1f MB, more than %.1f MB", mb(growth), mb(budget))
	}
	if growth, budget := dayPeak-dayBase, uint64(8<<20+400*n); growth > budget {
		b.Errorf("daily sweep: the heap grew by %.1f MB, more than %.1f MB", mb(growth), mb(budget))
	}
	b.ReportMetric(float64(firstTook.Milliseconds()), "first-ms")
	b.ReportMetric(float64(firstFold.Milliseconds()), "first-fold-ms")
	b.ReportMetric(float64(first.Raised), "flags")
	for i, name := range names {
		b.ReportMetric(float64(took[i].Microseconds())/1000, name+"-ms")
	}
	if ref, user, ok := sqlite3Reference(b, s.Path(), day, debt.DefaultRules(), debt.DefaultFlagRules()); ok {
		b.ReportMetric(float64(ref.Microseconds())/1000, "sqlite3-ms")
		b.ReportMetric(float64(user.Microseconds())/1000, "sqlite3-cpu-ms")
	}
	b.Logf("first sweep %+v; last %+v", first, last)
}

// sqlite3Reference runs the sweep's fact queries (with the values of day
// written in) in the sqlite3 shell on the same database, and returns the
// wall and user time the shell reports: the reference the Go figures
// compare with (the Go side adds reading the rows and the rules).
func sqlite3Reference(b *testing.B, path string, day debt.Date, rules debt.Rules, fr debt.FlagRules) (real, user time.Duration, ok bool) {
	b.Helper()
	shell, err := benchkit.SQLiteShell(b)
	if err != nil {
		b.Logf("no sqlite3 shell: no reference (%v)", err)
		return 0, 0, false
	}
	next := day.AddDays(-fr.IdleDays + 1)
	idleCut := data.Instant(time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, debt.Paris()))
	lit := func(s string) string { return "'" + s + "'" }
	queries := []struct {
		sql    string
		params []string
	}{
		{data.PlanFlagsSQL, []string{day.ISO()}},
		{data.LetterFlagsSQL, []string{day.ISO(), day.AddDays(-fr.ARDays).ISO()}},
		{data.LimitationFlagsSQL, []string{day.AddDays(rules.LimitationWarnDays).AddYears(-data.ShortestLimitation).ISO()}},
		{data.IdleFlagsSQL, []string{idleCut}},
		{data.SettledFlagsSQL, nil},
		{data.FundsFlagsSQL, []string{data.OverdueCut(day).ISO()}},
	}
	script := ".timer on\n.output /dev/null\n"
	for _, q := range queries {
		text := q.sql
		for i := len(q.params); i > 0; i-- {
			text = strings.ReplaceAll(text, "?"+strconv.Itoa(i), lit(q.params[i-1]))
		}
		script += text + ";\n"
	}
	cmd := exec.Command(shell, "-readonly", path)
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Logf("sqlite3 reference: %v\n%s", err, out)
		return 0, 0, false
	}
	// "Run Time: real 0.123 user 0.100000 sys 0.020000"
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 8 && f[0] == "Run" && f[2] == "real" {
			r, _ := strconv.ParseFloat(f[3], 64)
			u, _ := strconv.ParseFloat(f[5], 64)
			real += time.Duration(r * float64(time.Second))
			user += time.Duration(u * float64(time.Second))
		}
	}
	return real, user, real > 0
}

// heapPeak samples the Go heap in use (HeapInuse) every 2 ms until stop.
type heapPeak struct {
	done chan struct{}
	wg   sync.WaitGroup
	base uint64
	max  uint64
}

// startHeapPeak collects garbage first, so that the peak is the sweep's
// and not what earlier work left for the collector, and records the
// heap in use then as the base.
func startHeapPeak() *heapPeak {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p := &heapPeak{done: make(chan struct{}), base: ms.HeapInuse, max: ms.HeapInuse}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			p.max = max(p.max, ms.HeapInuse)
			select {
			case <-p.done:
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// stop ends the sampling and returns the peak and the base, in bytes.
func (p *heapPeak) stop() (peak, base uint64) {
	close(p.done)
	p.wg.Wait()
	return p.max, p.base
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

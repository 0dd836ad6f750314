package app

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
	"amiable/internal/demodb"
)

// reviewBenchStore opens a private copy of the n-case demo database after
// its first sweep (which writes flags and journal entries the benchmarks
// sharing the cache must not see). AMIABLE_REVIEW_BENCH_DB names another
// source file (an older demo, while the current one is being built).
func reviewBenchStore(b *testing.B, n int) *data.Store {
	b.Helper()
	src := os.Getenv("AMIABLE_REVIEW_BENCH_DB")
	if src == "" {
		var err error
		if src, err = demodb.Cached(ctx, filepath.Join(os.TempDir(), "amiable-bench"), n, 1, benchNow); err != nil {
			b.Fatal(err)
		}
	}
	dst := filepath.Join(b.TempDir(), "review.db")
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := data.Open(dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	day := debt.DateOf(benchNow)
	if _, err := st.SweepDay(ctx, day, time.Date(day.Year(), day.Month(), day.Day(), 7, 30, 0, 0, debt.Paris())); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkReview50k opens the morning screen ("À traiter") on the
// 50 000-case demo after its first sweep: each iteration is what showing
// the screen does (read the flags to handle, fill the list, select the
// first flag). Reported: flags to handle, heap-MB (Go heap in use after
// a GC, the screen open) and rows-in-memory (the flags the screen holds).
func BenchmarkReview50k(b *testing.B) {
	st := reviewBenchStore(b, 50000)
	total, err := st.CountOpenFlags(ctx, debt.DateOf(benchNow))
	if err != nil {
		b.Fatal(err)
	}
	if total < 1000 {
		b.Fatalf("%d flags to handle after the first sweep: the benchmark needs thousands", total)
	}
	u := New(test.NewTempApp(b), st, Options{Author: "bench", Now: func() time.Time { return benchNow }})
	b.Cleanup(func() { u.win.Close(); u.worker.wait(); testQueue.discard() })
	u.win.Resize(fyne.NewSize(1280, 800))
	settle(u)
	u.ShowReview()
	settle(u)
	r := u.review
	for b.Loop() {
		r.reload()
		settle(u)
	}
	if r.selected() == nil || r.list.Length() < total {
		b.Fatalf("after opening: selection %v, %d rows for %d flags", r.selected(), r.list.Length(), total)
	}
	held := reviewRowsInMemory(r)
	if held > maxReviewRows {
		b.Fatalf("%d flags in memory, more than %d", held, maxReviewRows)
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(total), "flags")
	b.ReportMetric(float64(held), "rows-in-memory")
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
}

// maxReviewRows bounds the flags the review holds: the pages the pager
// keeps.
const maxReviewRows = maxPages * pageSize

func reviewRowsInMemory(r *reviewScreen) int { return r.rows.loaded() }

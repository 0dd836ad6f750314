package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"amiable/data"
)

// benchStore opens a demo database of n cases (seed 1), built once and kept
// in the temporary folder between runs; data's benchmarks share it.
func benchStore(b *testing.B, n int) *data.Store {
	b.Helper()
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	path, err := data.CachedDemo(ctx, filepath.Join(os.TempDir(), "amiable-bench"), n, 1, now)
	if err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkCaseList50k times what the Dossiers screen does on 50 000 cases
// between a keystroke (or a header click) and the table showing rows: count,
// counts per status, first page, table refresh. The table then shows 100
// rows and keeps at most 12 pages of 100 in memory.
func BenchmarkCaseList50k(b *testing.B) {
	st := benchStore(b, 50000)
	u := New(test.NewTempApp(b), st, Options{Author: "bench", Now: func() time.Time { return testNow }})
	b.Cleanup(func() { u.win.Close(); u.worker.wait(); testQueue.discard() })
	settle(u)
	l := u.cases
	cases := []struct {
		name   string
		search string
		sort   data.CaseSort
		desc   bool
		filter int
	}{
		{"all by ref", "", data.SortRef, true, 0},
		{"all by balance", "", data.SortBalance, true, 0},
		{"open by debtor", "", data.SortDebtor, false, 1},
		{"search Martin", "Martin", data.SortRef, true, 0},
		{"search Lille", "Lille", data.SortRef, true, 0},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			l.search.SetText(c.search)
			l.sort, l.desc, l.filterAt = c.sort, c.desc, c.filter
			settle(u) // the debounced search the SetText armed
			for b.Loop() {
				l.reload()
				settle(u)
			}
			if l.rows.len() == 0 {
				b.Fatalf("%s: no rows", c.name)
			}
		})
	}
	b.Run("deep page", func(b *testing.B) {
		l.search.SetText("")
		l.sort, l.desc, l.filterAt = data.SortRef, true, 0
		settle(u)
		l.reload()
		settle(u)
		for b.Loop() {
			l.rows.reset(l.rows.total, nil, l.rows.fetch)
			if _, ok := l.rows.row(49_950); ok {
				b.Fatal("row 49 950 in memory before its page loaded")
			}
			settle(u)
			if _, ok := l.rows.row(49_950); !ok {
				b.Fatal("row 49 950 not loaded")
			}
		}
	})
}

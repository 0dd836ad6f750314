package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/internal/benchkit"
	"amiable/internal/demodb"
)

// benchNow is the day the benchmark databases are built for.
var benchNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// benchStore opens a demo database of n cases (seed 1), built once and kept
// in the temporary folder between runs; data's benchmarks share it.
func benchStore(b *testing.B, n int) *data.Store {
	b.Helper()
	path, err := demodb.Cached(ctx, filepath.Join(os.TempDir(), "amiable-bench"), n, 1, benchNow)
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

// BenchmarkOpenCase50k times opening, from the Dossiers screen, the case of
// the 50 000-case demo with the most journal entries: the case view reads
// the case, its documents, journal, figures, plans, payments and letters,
// builds its tabs and lays them out (issue 8: < 100 ms with 500 entries).
// "journal tab" then shows the Journal tab, which lays out every entry.
// It is skipped while the demo has no case with 500 entries.
func BenchmarkOpenCase50k(b *testing.B) { benchOpenCase(b, 50000) }

// BenchmarkOpenCase5k is the same on the 5 000-case demo.
func BenchmarkOpenCase5k(b *testing.B) { benchOpenCase(b, 5000) }

func benchOpenCase(b *testing.B, n int) {
	st := benchStore(b, n)
	id, events := benchkit.BiggestCase(b, st.Path())
	if events < 500 {
		b.Skipf("the %d-case demo's biggest journal has %d entries (case id %d): this benchmark needs 500", n, events, id)
	}
	u := New(test.NewTempApp(b), st, Options{Author: "bench", Now: func() time.Time { return benchNow }})
	b.Cleanup(func() { u.win.Close(); u.worker.wait(); testQueue.discard() })
	u.win.Resize(fyne.NewSize(1280, 800))
	settle(u)
	u.showScreen(u.cases.index())
	settle(u)
	var cpu time.Duration // process CPU time of the timed part
	// open is a double click on the case's row: the list is shown, the
	// case view replaces it; going back to the list is not timed.
	open := func(b *testing.B) *caseView {
		b.StopTimer()
		if u.cases.view != nil {
			u.cases.back()
			settle(u)
		}
		b.StartTimer()
		cpu0 := benchkit.CPUTime()
		u.cases.open(id)
		settle(u)
		cpu += benchkit.CPUTime() - cpu0
		v := u.cases.view
		if v == nil || v.id != id {
			b.Fatal("the case view did not open")
		}
		return v
	}
	b.Run("open", func(b *testing.B) {
		cpu = 0
		for b.Loop() {
			open(b)
		}
		b.ReportMetric(float64(events), "events")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
	b.Run("journal tab", func(b *testing.B) {
		cpu = 0
		for b.Loop() {
			v := open(b)
			cpu0 := benchkit.CPUTime()
			v.tabs.SelectIndex(len(v.tabs.Items) - 1)
			cpu += benchkit.CPUTime() - cpu0
			if got := len(v.journal.Objects); got < 2*min(events, journalPage) {
				b.Fatalf("journal shows %d objects for %d entries", got, events)
			}
		}
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
}

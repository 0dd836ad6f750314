package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchNow is the day the benchmark databases are built for.
var benchNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// benchStore opens a demo database of n cases (seed 1), built once and kept
// in the temporary folder between benchmark runs (building 50 000 cases
// takes a while; BenchmarkDemo measures it).
func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	start := time.Now()
	path, err := CachedDemo(context.Background(), filepath.Join(os.TempDir(), "amiable-bench"), n, 1, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("built %d-case demo database in %s", n, d.Round(time.Millisecond))
	}
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkDemo measures building a 5 000-case demo database (the 50 000
// figure in BENCHMARKS.md comes from `amiable demo -cases 50000`).
func BenchmarkDemo5000(b *testing.B) {
	for b.Loop() {
		s, err := Open(filepath.Join(b.TempDir(), "d.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Demo(context.Background(), DemoOptions{Cases: 5000, Seed: 1, Now: benchNow}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkSearchByName50k is `amiable cases -q NAME` on 50 000 cases:
// the full list of matches, as the CLI prints it.
func BenchmarkSearchByName50k(b *testing.B) {
	s := benchStore(b, 50000)
	ctx := context.Background()
	names := []string{"Lefèvre", "Martin", "Benali", "Roubaix", "orange.fr", "Boulangerie", "Dupont Lille", "2024-00042"}
	for b.Loop() {
		for _, n := range names {
			rows, err := s.ListCases(ctx, CaseQuery{Text: n})
			if err != nil || len(rows) == 0 {
				b.Fatalf("ListCases(%q) = %d rows, %v", n, len(rows), err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(names))/1000, "ms/query")
}

// BenchmarkCaseListFirstPage50k is the first page of the Dossiers screen
// sorted by debtor, with its count and status counts.
func BenchmarkCaseListFirstPage50k(b *testing.B) {
	s := benchStore(b, 50000)
	ctx := context.Background()
	for b.Loop() {
		q := CaseQuery{Sort: SortDebtor, Limit: 100}
		if rows, err := s.ListCases(ctx, q); err != nil || len(rows) != 100 {
			b.Fatal(err)
		}
		if _, err := s.CountCases(ctx, q); err != nil {
			b.Fatal(err)
		}
		if _, err := s.StatusCounts(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

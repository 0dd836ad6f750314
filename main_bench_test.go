package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"amiable/data"
)

// BenchmarkCasesSearchCLI50k is `amiable -db demo.db cases -q NAME -json`
// on the 50 000-case demo: open the database, search, print every match.
func BenchmarkCasesSearchCLI50k(b *testing.B) {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	path, err := data.CachedDemo(context.Background(), filepath.Join(os.TempDir(), "amiable-bench"), 50000, 1, now)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"Lefèvre", "Martin", "Roubaix"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if code := run(context.Background(), []string{"-db", path, "cases", "-q", name, "-json"}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

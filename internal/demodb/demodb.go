// Package demodb builds the demonstration office: the cases, parties,
// plans, payments, e-mails and journal that data.Demo writes, then the
// letters those cases received, composed and rendered by the letters
// package and kept as exact PDFs like any issued letter. It also keeps
// built databases in a cache for the benchmarks.
package demodb

import (
	"context"
	"time"

	"amiable/data"
)

// Cached returns the path of a demo database of n cases for seed and the
// day of now, building it in dir the first time and reusing it after.
func Cached(ctx context.Context, dir string, n int, seed uint64, now time.Time) (string, error) {
	return data.CachedDemo(ctx, dir, n, seed, now)
}

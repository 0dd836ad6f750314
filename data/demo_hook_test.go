package data

import (
	"context"
	"time"
)

// The demo generator lives in package demo, which imports data: the tests
// of this package reach it through DemoFill, which demo_link_test.go
// (package data_test, linked into the same test binary) sets.

// DemoOptions are demo.Options as these tests give them.
type DemoOptions struct {
	Cases int
	Seed  uint64
	Now   time.Time
}

// DemoResult counts what the demo wrote; Full is the whole demo.Result.
type DemoResult struct {
	Cases, Mails int
	Full         any
}

// DemoFill is demo.Fill (set by demo_link_test.go).
var DemoFill func(ctx context.Context, s *Store, opt DemoOptions) (DemoResult, error)

// Demo fills the empty store s with the demo office.
func (s *Store) Demo(ctx context.Context, opt DemoOptions) (DemoResult, error) {
	return DemoFill(ctx, s, opt)
}

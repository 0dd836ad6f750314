package data

// Exports for the external benchmarks (package data_test), which must live
// outside package data to get their databases from internal/demodb (that
// package imports mailroom, which imports data).

import (
	"context"
	"time"

	"amiable/debt"
)

// benchNow is the day the benchmark databases are built for.
var benchNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// The sweep's fact queries, for the sqlite3 shell reference.
var (
	PlanFlagsSQL       = planFlagsSQL
	LetterFlagsSQL     = letterFlagsSQL
	LimitationFlagsSQL = limitationFlagsSQL
	IdleFlagsSQL       = idleFlagsSQL
	SettledFlagsSQL    = settledFlagsSQL
	FundsFlagsSQL      = fundsFlagsSQL
	ShortestLimitation = shortestLimitation
)

// SetTraceSweep sets (nil: clears) the function told how long each sweep
// step took.
func SetTraceSweep(f func(i, n int, d time.Duration)) { traceSweep = f }

// Instant is how the store writes an instant.
func Instant(t time.Time) string { return instant(t) }

// OverdueCut is the last receipt date whose funds are overdue at today.
func OverdueCut(today debt.Date) debt.Date { return overdueCut(today) }

// CaseListSQL returns the queries the case list runs for q (the page and
// the counts per status, as the store would plan them now) with their
// arguments, for the sqlite3 shell reference.
func (s *Store) CaseListSQL(ctx context.Context, q CaseQuery) (list, statuses string, listArgs, statusArgs []any, err error) {
	plan, err := s.textPlan(ctx, q)
	if err != nil {
		return
	}
	d := s.dialect()
	list, listArgs = listCasesSQL(d, q, plan)
	if m := d.searchQuery(q.Text); m != "" {
		statuses, statusArgs = d.searchCounts(m, s.codes)
	} else {
		statuses, statusArgs = statusCountsSQL(d, q)
	}
	return
}

// SweepStepNames are the sweep's steps in their order (traceSweep's i).
func SweepStepNames() []string {
	names := make([]string, len(sweepSteps))
	for i, st := range sweepSteps {
		names[i] = st.name
	}
	return names
}

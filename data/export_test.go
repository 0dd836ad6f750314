package data

// Exports for the external benchmarks (package data_test), which must live
// outside package data to get their databases from internal/demodb (that
// package imports mailroom, which imports data).

import (
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

// CaseListSQL returns the queries the case list runs for q (the page, the
// count, the counts per status) with their arguments, for the sqlite3
// shell reference.
func CaseListSQL(q CaseQuery) (list, count, statuses string, listArgs, countArgs, statusArgs []any) {
	list, listArgs = listCasesSQL(q)
	count, countArgs = countCasesSQL(q)
	statuses, statusArgs = statusCountsSQL(q)
	return
}

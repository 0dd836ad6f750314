//go:build unix

// Package benchkit holds what the benchmarks of several packages share:
// the process's CPU time and the demo case with the longest journal.
package benchkit

import (
	"database/sql"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3" // the driver the demo databases are read with
)

// CPUTime is the CPU time (user and system) the process used so far: on a
// machine shared with other work, it says what a step costs when the wall
// clock says how long it waited.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BiggestCase returns the case of the database at path with the most
// journal entries, and their number.
func BiggestCase(b *testing.B, path string) (id int64, events int) {
	b.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT case_id, count(*) FROM events WHERE case_id IS NOT NULL
		GROUP BY case_id ORDER BY count(*) DESC LIMIT 1`).Scan(&id, &events); err != nil {
		b.Fatal(err)
	}
	return id, events
}

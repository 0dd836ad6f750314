package data

import (
	"context"
	"database/sql"
	"io"
)

// The store runs on two engines: SQLite (one desk, the default) and
// PostgreSQL (the shared office base). The business logic and nearly all
// of its SQL are written once, in the portable subset both engines accept
// ("?" placeholders, rewritten for PostgreSQL by pgdriver.go; INSERT … ON
// CONFLICT DO NOTHING; RETURNING id; ||, coalesce, CASE). What differs is
// a dialect fragment, named here and given once per engine:
//
//	engine_sqlite.go    SQLite: file store beside the database, FTS5 search words
//	engine_postgres.go  PostgreSQL: documents in the blobs table, advisory-lock writers
//
// A new query that needs engine-specific SQL (date arithmetic, julianday,
// full-text search) adds a field here and its two values in those files;
// schema changes add a numbered file to both data/migrations/sqlite/
// and data/migrations/postgres/ (same number).
type dialect struct {
	name string // "sqlite" or "postgres"

	// beginWrite runs first in every write transaction: PostgreSQL takes
	// the office-wide writer lock there (SQLite's BEGIN IMMEDIATE does it).
	beginWrite func(ctx context.Context, tx *sql.Tx) error
	// readTx are the options of a read transaction (a consistent snapshot).
	readTx *sql.TxOptions

	// like is the LIKE that ignores ASCII case (SQLite's LIKE does).
	like string

	// foldWords: the store folds the search words its writes left pending
	// (case_words, folded from case_words_pending, see words.go): SQLite.
	// On PostgreSQL the triggers of migrations/postgres/0012_case_words.sql
	// rewrite each case's document within the write (search_postgres.go).
	foldWords bool

	// The document store: files by SHA-256 beside the SQLite file, rows of
	// the blobs table on PostgreSQL. Each is content-addressed, never
	// overwrites a blob and verifies the content on read.
	putBlob    func(s *Store, r io.Reader) (sum string, size int64, err error)
	openBlob   func(s *Store, sum string) (io.ReadCloser, error)
	verifyBlob func(s *Store, sum string) error

	// checkBlob re-hashes a stored blob for the evidence check
	// (VerifyDocuments): "" sound, ProblemMissing, ProblemAltered; err
	// when the store could not be read (the check stops). restoresBlobs:
	// a blob found missing or altered is put back from a backup folder
	// (SQLite only: the shared base is saved and restored on its server).
	checkBlob     func(s *Store, sum string) (Problem, error)
	restoresBlobs bool

	// daysBefore is the SQL of the ISO date ("AAAA-MM-JJ", text) days
	// days before date, both SQL expressions (the sweep's grace days).
	daysBefore func(date, days string) string
	// groupConcat is the aggregate joining the text values of expr with
	// commas (the engine's own: string_agg on PostgreSQL, twice as fast
	// as the group_concat of migration 0001).
	groupConcat func(expr string) string

	// The case search (search.go): searchQuery turns what a person typed
	// into the engine's query ("" when nothing searchable: FTS5 on SQLite,
	// a tsquery on PostgreSQL, both from searchTerms), searchCond is the
	// condition "case c matches query m" of a case query read with plan,
	// searchCounts the one row of the highest case id and the count of
	// matching cases per status code of codes, searchHits the count of
	// matching cases and the highest case id that choose the plan (see
	// textPlan), and rebuildWords rewrites every case's
	// search document (after the demo's bulk load).
	searchQuery  func(text string) string
	searchCond   func(m string, plan textPlan) (string, []any)
	searchCounts func(m string, codes []int64) (string, []any)
	searchHits   func(m string) (string, []any)
	rebuildWords func(ctx context.Context, tx *sql.Tx) error
}

// dialect returns the store's engine (SQLite for a Store built without one).
func (s *Store) dialect() *dialect {
	if s.engine == nil {
		return &sqliteDialect
	}
	return s.engine
}

// IsShared reports whether the store is the office's shared PostgreSQL base.
func (s *Store) IsShared() bool { return s.dialect().name == "postgres" }

// insertID runs an INSERT of one row and returns its id, through
// RETURNING id (both engines; pgx has no LastInsertId).
func insertID(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Package data is Amiable's store: one SQLite database (WAL, foreign keys,
// immediate transactions, one writer connection) with embedded numbered
// migrations, an append-only journal enforced by triggers, full-text search
// (FTS5) over cases, parties and the journal, and a document store beside
// the database where every file is kept under its SHA-256.
//
// Every exported method runs in one transaction and takes the instant of the
// action as a parameter; helpers that take a *sql.Tx compose them.
package data

// Package pgtest gives the window's and the command line's tests a fresh
// database on the PostgreSQL server named by AMIABLE_PG_URL (started by
// scripts/postgres.sh, or scripts/test.sh). Without a server the tests that
// need one skip, saying so, except in CI (CI=true) where they fail: CI must
// run them. The data package's own tests have the same rule
// (data/engines_test.go).
package pgtest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Need skips (fails in CI) a test that needs the PostgreSQL server.
func Need(t testing.TB) {
	t.Helper()
	if os.Getenv("AMIABLE_PG_URL") != "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("AMIABLE_PG_URL n'est pas défini : la CI doit lancer les tests PostgreSQL (scripts/postgres.sh start)")
	}
	t.Skip("pas de serveur PostgreSQL (AMIABLE_PG_URL vide : lancez eval \"$(scripts/postgres.sh start /tmp/amiable-pg)\")")
}

var serial atomic.Int64

// admin connects to AMIABLE_PG_URL's own database.
func admin() (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(os.Getenv("AMIABLE_PG_URL"))
	if err != nil {
		return nil, err
	}
	return stdlib.OpenDB(*cfg), nil
}

// URL is AMIABLE_PG_URL with another database.
func URL(t testing.TB, base string) string {
	t.Helper()
	u, err := url.Parse(os.Getenv("AMIABLE_PG_URL"))
	if err != nil {
		t.Fatalf("AMIABLE_PG_URL: %v", err)
	}
	u.Path = "/" + base
	return u.String()
}

// NewDatabase creates an empty database, dropped at the end of t, and
// returns its URL (no password in it: PGPASSWORD gives it).
func NewDatabase(t testing.TB) string {
	t.Helper()
	Need(t)
	db, err := admin()
	if err != nil {
		t.Fatalf("PostgreSQL admin: %v", err)
	}
	defer db.Close()
	name := fmt.Sprintf("amiable_t%d_x%d", os.Getpid(), serial.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("CREATE DATABASE %s: %v", name, err)
	}
	t.Cleanup(func() {
		if db, err := admin(); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	return URL(t, name)
}

package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// The store's tests run on both engines: a fresh SQLite file, and, when
// AMIABLE_PG_URL names a PostgreSQL server (scripts/postgres.sh, started
// by scripts/test.sh), a fresh database on it. Without a server the
// PostgreSQL subtests skip, saying so, except in CI (CI=true) where they
// fail: CI must run them.
//
// AMIABLE_TEST_ENGINE=postgres makes openTest open the shared base too:
// the tests not yet written with forEachEngine then show what is left to
// port (see /work/notes/h16.md, or run them with -run).

// forEachEngine runs fn on a new SQLite store, then on a new PostgreSQL one.
func forEachEngine(t *testing.T, fn func(t *testing.T, st *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openTestSQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, openTestPG(t)) })
}

// TestMain drops the template database the PostgreSQL tests cloned.
func TestMain(m *testing.M) {
	code := m.Run()
	if pgTemplate.name != "" {
		if admin, err := pgAdmin(); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + pgTemplate.name + " WITH (FORCE)")
			admin.Close()
		}
	}
	os.Exit(code)
}

var (
	pgTemplate struct {
		once sync.Once
		name string
		err  error
	}
	pgSerial atomic.Int64
)

// pgAdmin connects to AMIABLE_PG_URL's own database to create and drop
// the tests' databases.
func pgAdmin() (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(os.Getenv("AMIABLE_PG_URL"))
	if err != nil {
		return nil, err
	}
	return stdlib.OpenDB(*cfg), nil
}

// pgURL is AMIABLE_PG_URL with another database.
func pgURL(t *testing.T, base string) string {
	u, err := url.Parse(os.Getenv("AMIABLE_PG_URL"))
	if err != nil {
		t.Fatalf("AMIABLE_PG_URL: %v", err)
	}
	u.Path = "/" + base
	return u.String()
}

// needPG skips (fails in CI) a test that needs the PostgreSQL server.
func needPG(t *testing.T) {
	t.Helper()
	if os.Getenv("AMIABLE_PG_URL") != "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("AMIABLE_PG_URL n'est pas défini : la CI doit lancer les tests PostgreSQL (scripts/postgres.sh start)")
	}
	t.Skip("pas de serveur PostgreSQL (AMIABLE_PG_URL vide : lancez eval \"$(scripts/postgres.sh start /tmp/amiable-pg)\")")
}

// newPGDatabase creates an empty database and drops it at the end of t.
func newPGDatabase(t *testing.T, template string) string {
	t.Helper()
	needPG(t)
	admin, err := pgAdmin()
	if err != nil {
		t.Fatalf("PostgreSQL admin: %v", err)
	}
	defer admin.Close()
	name := fmt.Sprintf("amiable_t%d_%d", os.Getpid(), pgSerial.Add(1))
	q := "CREATE DATABASE " + name
	if template != "" {
		q += " TEMPLATE " + template
	}
	if _, err := admin.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	t.Cleanup(func() {
		if admin, err := pgAdmin(); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	})
	return pgURL(t, name)
}

// openTestPG opens a new shared base, cloned from a migrated template.
func openTestPG(t *testing.T) *Store {
	t.Helper()
	needPG(t)
	pgTemplate.once.Do(func() {
		admin, err := pgAdmin()
		if err != nil {
			pgTemplate.err = err
			return
		}
		defer admin.Close()
		dropStaleTestDatabases(admin)
		name := fmt.Sprintf("amiable_tpl%d", os.Getpid())
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			pgTemplate.err = err
			return
		}
		pgTemplate.name = name
		s, err := Open(pgURL(t, name))
		if err != nil {
			pgTemplate.err = err
			return
		}
		pgTemplate.err = s.Close()
	})
	if pgTemplate.err != nil {
		t.Fatalf("PostgreSQL template: %v", pgTemplate.err)
	}
	s, err := Open(newPGDatabase(t, pgTemplate.name))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// tempSQLitePath is a new SQLite path (for tests that open and reopen).
func tempSQLitePath(t *testing.T) string { return filepath.Join(t.TempDir(), "amiable.db") }

func TestEnginesOpenMigrated(t *testing.T) {
	forEachEngine(t, func(t *testing.T, st *Store) {
		var n int
		if err := st.ro.QueryRowContext(context.Background(), "SELECT count(*) FROM case_status_codes").Scan(&n); err != nil || n != 9 {
			t.Fatalf("case_status_codes = %d, %v; want 9", n, err)
		}
		if len(st.codes) != 9 {
			t.Errorf("codes = %v", st.codes)
		}
	})
}

// blobBytes reads a stored document back on either engine (a file beside
// the SQLite database, a row of the shared base).
func blobBytes(s *Store, sum string) ([]byte, error) {
	r, err := s.OpenBlob(sum)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// dropStaleTestDatabases drops the test databases of test processes that
// are gone (killed before their cleanup).
func dropStaleTestDatabases(admin *sql.DB) {
	if _, err := os.Stat("/proc/self"); err != nil { // no /proc: cannot tell
		return
	}
	rows, err := admin.Query("SELECT datname FROM pg_database WHERE datname ~ '^amiable_(tpl|t)[0-9]+'")
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		digits := strings.TrimLeft(strings.TrimPrefix(name, "amiable_"), "tpl")
		pid, _, _ := strings.Cut(digits, "_")
		if _, err := os.Stat("/proc/" + pid); errors.Is(err, fs.ErrNotExist) {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	}
}

package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"amiable/debt"
)

// ApplicationID marks an SQLite file as an Amiable database ("AMIB").
const ApplicationID = 0x414D4942

//go:embed migrations/sqlite/*.sql
var migrationFS embed.FS

// Store is the Amiable database and its document store.
type Store struct {
	path       string
	docDir     string
	rw         *sql.DB       // one connection: SQLite has one writer
	ro         *sql.DB       // readers, concurrent with the writer thanks to WAL
	fold       folder        // background folding of the search words
	lastSearch searchCount   // the last search's count, for its page's plan
	codes      []int64       // status codes of the search documents' rowids, ascending
	statuses   []debt.Status // the status of each code
	lock       *os.File      // the shared lock of the database (lock.go)
	engine     *dialect      // nil: SQLite (engine.go)
}

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the SQLite migrations (data/migrations/sqlite).
func migrations() ([]migration, error) { return loadMigrations(migrationFS, "sqlite") }

// loadMigrations reads the numbered migrations of one engine's folder
// (data/migrations/sqlite or data/migrations/postgres: the same numbers),
// in order, refusing a gap or a file not named by its number.
func loadMigrations(fsys fs.FS, engine string) ([]migration, error) {
	dir := "migrations/" + engine
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s/%q: name must start with its number", engine, e.Name())
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: engine + "/" + e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion returns the schema version this program writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Set("_foreign_keys", "on")
	v.Set("_busy_timeout", "10000")
	v.Set("_stmt_cache_size", "128")
	if readOnly {
		v.Set("mode", "ro")
	} else {
		v.Set("_journal_mode", "WAL")
		v.Set("_synchronous", "NORMAL")
		v.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + v.Encode()
}

// DefaultPath returns the database path in the user's data folder:
// os.UserConfigDir()/Amiable/amiable.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("user config dir: %w", err)
	}
	return filepath.Join(dir, "Amiable", "amiable.db"), nil
}

var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the database at path, creating it (and its folder) when
// missing. A file that is not an Amiable database, a database written by a
// newer version, or a corrupt database is refused with a French message and
// left untouched: it is inspected read-only before anything is written.
func Open(path string) (*Store, error) {
	if isPostgresURL(path) {
		return openPostgres(context.Background(), path, false)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		return nil, &Error{Code: EREFUSED, Message: fmt.Sprintf("« %s » est un dossier, pas une base de données.", abs)}
	case err == nil && fi.Size() > 0:
		if err := inspect(abs, len(ms)); err != nil {
			return nil, err
		}
	case err == nil || errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de créer le dossier des données « %s ».", filepath.Dir(abs)), Err: err}
		}
	default:
		return nil, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de lire « %s ».", abs), Err: err}
	}

	lock, err := lockShared(abs)
	if err != nil {
		return nil, err
	}
	if err := createPrivate(abs); err != nil {
		releaseLock(lock)
		if d := diagnose(abs, err); d != nil {
			return nil, d
		}
		return nil, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de créer la base « %s ».", abs), Err: err}
	}
	rw, err := sql.Open("sqlite3", dsn(abs, false))
	if err != nil {
		releaseLock(lock)
		return nil, err
	}
	rw.SetMaxOpenConns(1)
	rw.SetConnMaxIdleTime(0)
	s := &Store{path: abs, docDir: filepath.Join(filepath.Dir(abs), "documents"), rw: rw, lock: lock}
	if err := s.migrate(context.Background(), ms); err != nil {
		rw.Close()
		releaseLock(lock)
		if d := diagnose(abs, err); d != nil {
			return nil, d
		}
		return nil, err
	}
	ro, err := sql.Open("sqlite3", dsn(abs, true))
	if err != nil {
		rw.Close()
		releaseLock(lock)
		return nil, err
	}
	ro.SetMaxOpenConns(4)
	s.ro = ro
	if err := s.startSearch(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenExisting opens the database at path like Open, but refuses a
// missing or empty (0-byte) file instead of making it a new, empty office:
// every command but the window's first start and the demonstration.
func OpenExisting(path string) (*Store, error) {
	if isPostgresURL(path) {
		// A shared base that was never initialised is not made here.
		// Any other refusal (an older schema) is Open's to handle.
		st, err := openPostgres(context.Background(), path, true)
		if errors.Is(err, ErrNotFound) {
			return nil, err
		}
		if err == nil {
			st.Close()
		}
		return Open(path)
	}
	if err := mustExist(path); err != nil {
		return nil, err
	}
	return Open(path)
}

// mustExist refuses a path that holds no database: missing, empty or a folder.
func mustExist(path string) error {
	fi, err := os.Stat(path)
	if err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
		return nil
	}
	if err == nil && fi.IsDir() {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("« %s » est un dossier, pas une base de données.", path)}
	}
	what := "n'existe pas"
	if err == nil {
		what = "est vide (0 octet)"
	}
	return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("Aucune base Amiable ici : « %s » %s. Ouvrez Amiable une fois pour créer l'étude, ou indiquez la bonne base avec -db ; rien n'a été créé.", path, what), Err: err}
}

// createPrivate creates the database file, when missing or empty, readable
// by its owner only (0600): SQLite gives its -wal and -shm files the same
// mode.
func createPrivate(path string) error {
	fi, err := os.Stat(path)
	if err == nil && fi.Size() > 0 {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	return os.Chmod(path, 0o600)
}

// OpenReadOnly opens an existing database for reading only (the command
// line's listings): nothing can be written, so the whole-file integrity
// check of Open is left out and a damaged page shows as an error on the
// read that meets it. Foreign files and other schema versions are refused.
func OpenReadOnly(path string) (*Store, error) {
	if isPostgresURL(path) {
		return openPostgres(context.Background(), path, true)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path: %w", err)
	}
	if err := mustExist(abs); err != nil {
		return nil, err
	}
	if err := inspectFile(abs, SchemaVersion(), false); err != nil {
		return nil, err
	}
	lock, err := lockShared(abs)
	if err != nil {
		return nil, err
	}
	ro, err := sql.Open("sqlite3", dsn(abs, true))
	if err != nil {
		releaseLock(lock)
		return nil, err
	}
	ro.SetMaxOpenConns(4)
	s := &Store{path: abs, docDir: filepath.Join(filepath.Dir(abs), "documents"), rw: ro, ro: ro, lock: lock}
	if err := s.loadCodes(context.Background()); err != nil {
		ro.Close()
		releaseLock(lock)
		return nil, err
	}
	return s, nil
}

// inspect checks an existing file read-only: SQLite header, application ID,
// schema version, integrity.
func inspect(path string, known int) error { return inspectFile(path, known, true) }

// inspectFile checks an existing file read-only; integrity runs PRAGMA
// quick_check, which reads the whole file (about 0,5 s for 240 Mo).
func inspectFile(path string, known int, integrity bool) error {
	appID, version, db, err := sqliteIdentity(context.Background(), path)
	if errors.Is(err, errNotSQLite) {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("« %s » n'est pas une base de données Amiable (ce n'est pas un fichier SQLite). Il n'a pas été modifié.", path)}
	}
	if err != nil {
		return err
	}
	defer db.Close()
	if appID != ApplicationID {
		var tables int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return corrupt(path, err)
		}
		if appID != 0 || tables > 0 {
			return &Error{Code: EREFUSED, Message: fmt.Sprintf("« %s » est une base SQLite d'un autre programme, pas une base Amiable. Elle n'a pas été modifiée.", path)}
		}
	}
	if version > known {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base « %s » a été écrite par une version plus récente d'Amiable (schéma %d, cette version connaît le schéma %d). Mettez Amiable à jour ; la base n'a pas été modifiée.", path, version, known)}
	}
	if !integrity {
		if version < known {
			return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base « %s » date d'une version précédente d'Amiable : ouvrez-la une fois avec Amiable pour la mettre à jour.", path)}
		}
		return nil
	}
	var check string
	if err := db.QueryRow("PRAGMA quick_check").Scan(&check); err != nil {
		return corrupt(path, err)
	}
	if check != "ok" {
		return corrupt(path, errors.New(check))
	}
	return nil
}

// NeedsUpgrade reports whether path is an Amiable database of an earlier
// schema, which Open will migrate (the window says so meanwhile). Anything
// else, including a file Open refuses, is false: Open explains it.
func NeedsUpgrade(path string) bool {
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return false
	}
	appID, version, db, err := sqliteIdentity(context.Background(), path)
	if err != nil {
		return false
	}
	db.Close()
	return appID == ApplicationID && version > 0 && version < SchemaVersion()
}

// errNotSQLite: the file does not start with SQLite's header.
var errNotSQLite = errors.New("not an SQLite file")

// sqliteIdentity reads an SQLite file's application ID and schema version
// through a read-only connection, which it returns open for more checks.
func sqliteIdentity(ctx context.Context, path string) (appID, version int, db *sql.DB, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, nil, &Error{Code: ENOTFOUND, Message: fmt.Sprintf("« %s » est introuvable ou illisible.", path), Err: err}
	}
	head := make([]byte, len(sqliteHeader))
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return 0, 0, nil, errNotSQLite
	}
	if db, err = sql.Open("sqlite3", dsn(path, true)); err != nil {
		return 0, 0, nil, err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		db.Close()
		return 0, 0, nil, corrupt(path, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		db.Close()
		return 0, 0, nil, corrupt(path, err)
	}
	return appID, version, db, nil
}

// corrupt refuses the database at path as damaged, unless what failed is
// around it (permissions, a lock, a full disk): diagnose says that instead,
// since restoring a backup over a sound base would lose work.
func corrupt(path string, err error) error {
	if d := diagnose(path, err); d != nil {
		return d
	}
	return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base « %s » est endommagée : restaurez la dernière sauvegarde. Elle n'a pas été modifiée.", path), Err: err}
}

// migrate applies the missing migrations, each in its own transaction with
// its user_version bump.
func (s *Store) migrate(ctx context.Context, ms []migration) error {
	var version int
	if err := s.rw.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return corrupt(s.path, err)
	}
	if version == 0 {
		if _, err := s.rw.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return fmt.Errorf("set application id: %w", err)
		}
	}
	for _, m := range ms[version:] {
		tx, err := s.rw.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// Checkpoint copies the write-ahead log into the database file and empties
// it: the file is then complete on its own (to copy or rename it).
func (s *Store) Checkpoint(ctx context.Context) error {
	if s.IsShared() { // the server keeps its own log
		return nil
	}
	_, err := s.rw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// Close closes the database.
func (s *Store) Close() error {
	s.stopFold()
	err := s.ro.Close()
	if s.rw != s.ro {
		if e := s.rw.Close(); err == nil {
			err = e
		}
	}
	releaseLock(s.lock)
	s.lock = nil
	return err
}

// Path returns the database file's absolute path.
func (s *Store) Path() string { return s.path }

// DocDir returns the folder of the document store.
func (s *Store) DocDir() string { return s.docDir }

// write runs fn in one immediate transaction on the writer connection.
// The search words fn wrote are folded before the commit when they concern
// a few cases (what was just typed is found with the rest of its case at
// once, even while a bulk write's words wait for the background), after
// it in the background otherwise.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if !s.dialect().foldWords {
		return s.rawWrite(ctx, fn)
	}
	more := false
	err := s.rawWrite(ctx, func(tx *sql.Tx) error {
		before, err := lastPending(ctx, tx)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		more, err = foldPending(ctx, tx, before, foldInWrite)
		return err
	})
	if err == nil && more {
		s.foldLater()
	}
	return err
}

// writeBulk is write for one of many writes in a row (each message of a
// mail sync): the search words are folded in the background once the
// writes pause, each case once however many of its writes there were.
func (s *Store) writeBulk(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := s.rawWrite(ctx, fn)
	if err == nil && s.dialect().foldWords {
		s.foldLater()
	}
	return err
}

// rawWrite runs fn in one immediate transaction on the writer connection,
// which raises the write generation (see Generation).
func (s *Store) rawWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.writeTx(ctx, true, fn)
}

// writeTx runs fn in one immediate transaction; bump raises the write
// generation (everything but the store's own bookkeeping, such as the log
// of backups, which must not make a base look newer than its backup).
func (s *Store) writeTx(ctx context.Context, bump bool, fn func(tx *sql.Tx) error) error {
	tx, err := s.rw.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := s.dialect().beginWrite(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	if bump {
		if _, err := tx.ExecContext(ctx, "UPDATE generation SET n = n + 1"); err != nil {
			tx.Rollback()
			return fmt.Errorf("write generation: %w", err)
		}
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// read runs fn in one read transaction (a consistent snapshot).
func (s *Store) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.ro.BeginTx(ctx, s.dialect().readTx)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// Timestamps are stored UTC with a fixed width, so that text order is time order.
const instantLayout = "2006-01-02T15:04:05.000000Z"

func instant(t time.Time) string { return t.UTC().Format(instantLayout) }

func parseInstant(s string) time.Time {
	t, err := time.Parse(instantLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}

// isConstraint reports a SQLite constraint violation.
func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint || isPgConstraint(err)
}

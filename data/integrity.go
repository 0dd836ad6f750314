package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// OpenChecking opens the database like Open, except that the whole-file
// integrity check (PRAGMA quick_check, which reads every page: about a
// second for the 50 000-case demo's 240 Mo) runs beside the caller rather
// than before it returns, so that the window can show its first screen
// meanwhile; it begins once start is closed (nil: at once), which the
// caller must eventually do. Reads start at once; every write waits for
// the check, which holds the store's only writing connection from the
// start, and when the check fails the store refuses all writes (that
// connection is closed) and the returned channel carries the same refusal
// as Open's. The channel receives exactly one value, nil when the file is
// sound.
//
// Only a file already at this version's schema is checked in the
// background: a file to create or to migrate, a foreign or newer one go
// through Open and its checks first, as before.
func OpenChecking(path string, start <-chan struct{}) (*Store, <-chan error, error) {
	done := make(chan error, 1)
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, nil, fmt.Errorf("database path: %w", err)
	}
	if fi, err := os.Stat(abs); err != nil || fi.IsDir() || fi.Size() == 0 || inspectFile(abs, SchemaVersion(), false) != nil {
		s, err := Open(path)
		if err != nil {
			return nil, nil, err
		}
		done <- nil
		return s, done, nil
	}
	lock, err := lockShared(abs)
	if err != nil {
		return nil, nil, err
	}
	rw, err := sql.Open("sqlite3", dsn(abs, false))
	if err != nil {
		releaseLock(lock)
		return nil, nil, err
	}
	rw.SetMaxOpenConns(1)
	rw.SetConnMaxIdleTime(0)
	ctx := context.Background()
	// Taken before the store is handed out: no write can come first.
	conn, err := rw.Conn(ctx)
	if err != nil {
		rw.Close()
		releaseLock(lock)
		return nil, nil, corrupt(abs, err)
	}
	ro, err := sql.Open("sqlite3", dsn(abs, true))
	if err != nil {
		conn.Close()
		rw.Close()
		releaseLock(lock)
		return nil, nil, err
	}
	ro.SetMaxOpenConns(4)
	s := &Store{path: abs, docDir: filepath.Join(filepath.Dir(abs), "documents"), rw: rw, ro: ro, lock: lock}
	if err := s.startSearch(ctx); err != nil {
		conn.Close()
		rw.Close()
		ro.Close()
		releaseLock(lock)
		return nil, nil, corrupt(abs, err)
	}
	go func() {
		if start != nil {
			<-start
		}
		err := quickCheck(ctx, conn, abs)
		if err != nil {
			// Closed before the connection goes back: the writes waiting
			// for it fail instead of running on a damaged file.
			rw.Close()
		}
		conn.Close()
		done <- err
	}()
	return s, done, nil
}

// quickCheck runs PRAGMA quick_check on conn; a damaged file is refused
// with Open's message.
func quickCheck(ctx context.Context, conn *sql.Conn, path string) error {
	var check string
	if err := conn.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return corrupt(path, err)
	}
	if check != "ok" {
		return corrupt(path, errors.New(check))
	}
	return nil
}

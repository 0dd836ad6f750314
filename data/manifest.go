package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A backup's manifest (amiable-AAAA-MM-JJ.db.manifeste.json, beside the
// copy) says what the copy is and what it needs: the database file's size
// and SHA-256, its schema and write generation, the rows of its tables,
// and every document it refers to (SHA-256 and size) with where the copy
// of each stands in the backup folder's documents/. A restore checks the
// backup against it and refuses an incomplete one.

// Manifest describes one backup copy.
type Manifest struct {
	Created    time.Time        `json:"created"`
	Database   ManifestFile     `json:"database"`
	Schema     int              `json:"schema"`
	Generation int64            `json:"generation"`
	Rows       map[string]int64 `json:"rows"`
	Documents  []ManifestFile   `json:"documents"`
	// Missing lists the documents of the base that no correct copy could
	// be found for, neither in the document store nor in the backup.
	Missing []string `json:"missing,omitempty"`
}

// ManifestFile is one file of a backup.
type ManifestFile struct {
	Name   string `json:"name,omitempty"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	// ModTime is the backup copy's modification time when it was last
	// found correct (nanoseconds): a later backup re-reads only copies
	// whose size or time changed since.
	ModTime int64 `json:"mtime,omitempty"`
}

// ManifestPath returns the manifest of the backup copy at path.
func ManifestPath(path string) string { return path + ".manifeste.json" }

// readManifest reads the manifest of the copy at path (ok false when it
// has none).
func readManifest(path string) (Manifest, bool, error) {
	var m Manifest
	b, err := os.ReadFile(ManifestPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return m, false, nil
	}
	if err != nil {
		return m, false, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, false, fmt.Errorf("manifest %s: %w", ManifestPath(path), err)
	}
	return m, true, nil
}

// writeManifest writes m beside the copy at path (temporary file, sync,
// rename), readable by its owner only.
func writeManifest(path string, m Manifest) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return writeFileAtomic(ManifestPath(path), b, 0o600)
}

// writeFileAtomic writes b to path through a temporary file of the same
// folder, synced, then renamed: path holds the old content or the whole
// new one, never a part.
func writeFileAtomic(path string, b []byte, mode os.FileMode) error {
	if err := writeAtomic(path, bytes.NewReader(b), mode); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeAtomic writes what r gives to path through a temporary file of the
// same folder, synced, given mode, then renamed (the caller syncs the
// folder, once for many files).
func writeAtomic(path string, r io.Reader, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ecriture-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// hashFile returns the SHA-256 (hex) and size of the file at path.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// describe reads from the database file at path what its manifest holds:
// schema, generation, rows per table, documents referred to.
func describe(ctx context.Context, path string) (Manifest, error) {
	var m Manifest
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return m, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&m.Schema); err != nil {
		return m, err
	}
	if m.Generation, err = generation(ctx, db); err != nil {
		return m, err
	}
	if m.Rows, err = rowCounts(ctx, db); err != nil {
		return m, err
	}
	rows, err := db.QueryContext(ctx, "SELECT sha256, max(size) FROM documents GROUP BY sha256 ORDER BY sha256")
	if err != nil {
		return m, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f ManifestFile
		if err := rows.Scan(&f.SHA256, &f.Size); err != nil {
			return m, err
		}
		m.Documents = append(m.Documents, f)
	}
	return m, rows.Err()
}

// generation returns the write generation of a database (the journal's
// highest id for a base older than the generation).
func generation(ctx context.Context, q queryer) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, "SELECT n FROM generation").Scan(&n)
	if err == nil {
		return n, nil
	}
	if !strings.Contains(err.Error(), "no such table") {
		return 0, fmt.Errorf("write generation: %w", err)
	}
	err = q.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM events").Scan(&n)
	return n, err
}

// Generation returns the store's write generation: a number every write
// raises, never lowered (a restore compares it, not a clock).
func (s *Store) Generation(ctx context.Context) (int64, error) { return generation(ctx, s.ro) }

// rowCounts counts the rows of the base's own tables (the search's
// virtual tables and their shadows left out: they are rebuilt from them).
func rowCounts(ctx context.Context, db *sql.DB) (map[string]int64, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	virtual := map[string]bool{}
	vrows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'`)
	if err != nil {
		return nil, err
	}
	for vrows.Next() {
		var n string
		vrows.Scan(&n)
		virtual[n] = true
	}
	vrows.Close()
	out := map[string]int64{}
	for _, n := range names {
		shadow := false
		for v := range virtual {
			shadow = shadow || strings.HasPrefix(n, v+"_")
		}
		if shadow {
			continue
		}
		var c int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "`+strings.ReplaceAll(n, `"`, `""`)+`"`).Scan(&c); err != nil {
			return nil, fmt.Errorf("count %s: %w", n, err)
		}
		out[n] = c
	}
	return out, nil
}

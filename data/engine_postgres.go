package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
)

// postgresDialect is the shared office base.
var postgresDialect = dialect{
	name:       "postgres",
	beginWrite: pgWriterLock,
	// REPEATABLE READ: every statement of a read sees the same snapshot,
	// as a read transaction does on SQLite in WAL mode.
	readTx:     &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	like:       "ILIKE",
	foldWords:  false,
	putBlob:    putRowBlob,
	openBlob:   openRowBlob,
	verifyBlob: verifyRowBlob,

	checkBlob:     checkRowBlob,
	restoresBlobs: false,

	daysBefore: func(date, days string) string {
		return "to_char(CAST(" + date + " AS date) - CAST(" + days + " AS integer), 'YYYY-MM-DD')"
	},
	groupConcat: func(expr string) string { return "string_agg(CAST(" + expr + " AS text), ',')" },

	searchQuery:  tsQuery,
	searchCond:   tsCond,
	searchCounts: tsCountsSQL,
	searchHits:   tsHitsSQL,
	rebuildWords: rebuildTSWords,
}

// pgWriterLock serialises the office's write transactions, whatever desk
// they come from, as SQLite's single writer does: every read-then-write of
// the store (the next case reference, a balance) stays correct at READ
// COMMITTED. The lock is released by the commit or rollback.
func pgWriterLock(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", int64(ApplicationID))
	if err != nil {
		return fmt.Errorf("writer lock: %w", err)
	}
	return nil
}

// putRowBlob stores r in the blobs table under its SHA-256; an existing
// blob is kept as it is (ON CONFLICT DO NOTHING, and a trigger refuses any
// update or delete).
func putRowBlob(s *Store, r io.Reader) (string, int64, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxDocumentSize+1))
	if err != nil {
		return "", 0, fmt.Errorf("document store: read: %w", err)
	}
	if len(b) > MaxDocumentSize {
		return "", 0, invalid("Le fichier dépasse %d Mo : il n'a pas été enregistré.", MaxDocumentSize>>20)
	}
	h := sha256.Sum256(b)
	sum := hex.EncodeToString(h[:])
	if _, err := s.rw.Exec("INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING", sum, int64(len(b)), b); err != nil {
		return "", 0, fmt.Errorf("document store: %w", err)
	}
	return sum, int64(len(b)), nil
}

func rowBlob(s *Store, sum string) ([]byte, error) {
	var b []byte
	err := s.ro.QueryRow("SELECT content FROM blobs WHERE sha256 = ?", sum).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, notFound("Le fichier %s… est absent de la base partagée.", sum[:12])
	}
	if err != nil {
		return nil, fmt.Errorf("document store: %w", err)
	}
	if err := checkSum(b, sum); err != nil {
		return nil, err
	}
	return b, nil
}

func openRowBlob(s *Store, sum string) (io.ReadCloser, error) {
	b, err := rowBlob(s, sum)
	if err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func verifyRowBlob(s *Store, sum string) error {
	_, err := rowBlob(s, sum)
	return err
}

// errSharedBackup: the shared base is saved on its server (pg_dump, the
// server's own backups), not by a desk copying a file.
func errSharedBackup(s *Store) error {
	return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base partagée %s se sauvegarde sur son serveur (pg_dump ou la sauvegarde du serveur), pas depuis un poste.", redactURL(s.path))}
}

// checkRowBlob re-hashes a row of the blobs table on the server (sha256()
// of its content, without sending the content to the desk).
func checkRowBlob(s *Store, sum string) (Problem, error) {
	var got string
	err := s.ro.QueryRow("SELECT encode(sha256(content), 'hex') FROM blobs WHERE sha256 = ?", sum).Scan(&got)
	switch {
	case err == sql.ErrNoRows:
		return ProblemMissing, nil
	case err != nil:
		return "", fmt.Errorf("document store: %w", err)
	case got != sum:
		return ProblemAltered, nil
	}
	return "", nil
}

package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// sqliteDialect is the embedded engine of a single desk.
var sqliteDialect = dialect{
	name:       "sqlite",
	beginWrite: func(context.Context, *sql.Tx) error { return nil }, // _txlock=immediate
	readTx:     &sql.TxOptions{ReadOnly: true},
	like:       "LIKE",
	foldWords:  true,
	putBlob:    func(s *Store, r io.Reader) (string, int64, error) { return putBlob(s.docDir, r) },
	openBlob:   openFileBlob,
	verifyBlob: verifyFileBlob,

	checkBlob:     func(s *Store, sum string) (Problem, error) { return checkBlob(blobPath(s.docDir, sum), sum), nil },
	restoresBlobs: true,

	daysBefore:  func(date, days string) string { return "date(" + date + ", '-' || " + days + " || ' days')" },
	groupConcat: func(expr string) string { return "group_concat(" + expr + ")" },

	searchQuery:  ftsQuery,
	searchCond:   textCond,
	searchCounts: searchCountsSQL,
	searchHits:   searchHitsSQL,
	rebuildWords: rebuildCaseWords,
}

// openFileBlob reads a stored file whole and checks its SHA-256.
func openFileBlob(s *Store, sum string) (io.ReadCloser, error) {
	b, err := os.ReadFile(blobPath(s.docDir, sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFound("Le fichier %s… est absent du dossier des documents.", sum[:12])
	}
	if err != nil {
		return nil, err
	}
	if err := checkSum(b, sum); err != nil {
		return nil, err
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func verifyFileBlob(s *Store, sum string) error {
	f, err := os.Open(blobPath(s.docDir, sum))
	if errors.Is(err, fs.ErrNotExist) {
		return notFound("Le fichier %s… est absent du dossier des documents.", sum[:12])
	}
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		return altered(sum)
	}
	return nil
}

// checkSum verifies content read back against the SHA-256 it is kept under.
func checkSum(b []byte, sum string) error {
	h := sha256.Sum256(b)
	if hex.EncodeToString(h[:]) != sum {
		return altered(sum)
	}
	return nil
}

func altered(sum string) error {
	return &Error{Code: EINTERNAL, Message: fmt.Sprintf("Le fichier %s… a été altéré : son empreinte ne correspond plus.", sum[:12])}
}

package data

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"amiable/debt"
)

// AddDocument stores a file in the document store (by SHA-256) and records
// it on the case, with a journal entry. The file is written and synced
// before the database row, so a row always points to a complete file.
func (s *Store) AddDocument(ctx context.Context, caseID int64, kind debt.DocKind, name string, r io.Reader, author string, now time.Time) (debt.Document, error) {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	if name == "" || name == "." || name == "/" {
		return debt.Document{}, invalid("Le document doit avoir un nom.")
	}
	if utf8.RuneCountInString(name) > 255 {
		return debt.Document{}, invalid("Le nom du document dépasse 255 caractères.")
	}
	valid := false
	for _, k := range debt.DocKinds {
		valid = valid || k == kind
	}
	if !valid {
		return debt.Document{}, invalid("Type de document inconnu.")
	}
	if err := caseExists(ctx, s.ro, caseID); err != nil {
		return debt.Document{}, err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return debt.Document{}, fmt.Errorf("read document: %w", err)
	}
	head = head[:n]
	if n == 0 {
		return debt.Document{}, invalid("Le fichier « %s » est vide : il n'a pas été enregistré.", name)
	}
	sum, size, err := s.PutBlob(io.MultiReader(strings.NewReader(string(head)), r))
	if err != nil {
		return debt.Document{}, err
	}
	d := debt.Document{CaseID: caseID, Kind: kind, SHA256: sum, Size: size, MediaType: mediaType(name, head),
		OriginalName: name, Added: now.UTC()}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var err error
		d.ID, err = insertDocument(ctx, tx, d, author)
		if err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventDocument,
			Text: fmt.Sprintf("%s ajouté : « %s » (%s, empreinte SHA-256 %s…)", kind.Label(), name, humanSize(size), sum[:12]), DocIDs: []int64{d.ID}})
		return err
	})
	d.Path = s.BlobPath(sum)
	return d, err
}

func insertDocument(ctx context.Context, tx *sql.Tx, d debt.Document, author string) (int64, error) {
	var caseID any
	if d.CaseID != 0 {
		caseID = d.CaseID
	}
	id, err := insertID(ctx, tx, `INSERT INTO documents (case_id, kind, sha256, size, media_type, original_name, added_at, author)
		VALUES (?,?,?,?,?,?,?,?)`, caseID, string(d.Kind), d.SHA256, d.Size, d.MediaType, d.OriginalName, instant(d.Added), author)
	if err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return id, nil
}

func mediaType(name string, head []byte) string {
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		return t
	}
	return http.DetectContentType(head)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f Mo", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d ko", n>>10)
	}
	return fmt.Sprintf("%d octets", n)
}

// Documents returns a case's documents, oldest first, with their paths.
func (s *Store) Documents(ctx context.Context, caseID int64) ([]debt.Document, error) {
	if err := caseExists(ctx, s.ro, caseID); err != nil {
		return nil, err
	}
	rows, err := s.ro.QueryContext(ctx, `SELECT id, kind, sha256, size, media_type, original_name, added_at FROM documents
		WHERE case_id = ? ORDER BY added_at, id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	docs := []debt.Document{}
	for rows.Next() {
		d := debt.Document{CaseID: caseID}
		var kind, added string
		if err := rows.Scan(&d.ID, &kind, &d.SHA256, &d.Size, &d.MediaType, &d.OriginalName, &added); err != nil {
			return nil, err
		}
		d.Kind, d.Added, d.Path = debt.DocKind(kind), parseInstant(added), s.BlobPath(d.SHA256)
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"amiable/debt"
)

// TestJournalSearchAfterMigration builds a database at schema 8 (the
// journal indexed by event id), migrates it, and checks that the journal's
// words still find their cases, entries written afterwards too, and that
// the index holds one row per case entry, keyed by case.
func TestJournalSearchAfterMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	old := &Store{path: path, docDir: filepath.Join(filepath.Dir(path), "documents"), rw: db, ro: db}
	if err := old.migrate(ctx, ms[:8]); err != nil {
		t.Fatal(err)
	}
	a, b := newCase(t, old, "Lefèvre"), newCase(t, old, "Bernard")
	for _, e := range []debt.Event{
		{CaseID: a.ID, Text: "Le débiteur promet un virement vendredi"},
		{CaseID: b.ID, Text: "Message laissé sur le répondeur"},
		{CaseID: b.ID, Text: "Relance téléphonique sans réponse"},
		{Text: "Reversement groupé aux créanciers (entrée de l'étude)"},
	} {
		e.At, e.Author, e.Kind = t0, "test", debt.EventNote
		if err := old.write(ctx, func(tx *sql.Tx) error { _, err := insertEvent(ctx, tx, e); return err }); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AddEvent(ctx, debt.Event{CaseID: a.ID, At: t0, Author: "test", Kind: debt.EventNote, Text: "Accord pour un échéancier"}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"virement": a.Ref, "répondeur": b.Ref, "relance": b.Ref, "echeancier": a.Ref, "reversement": "",
	} {
		rows, err := s.ListCases(ctx, CaseQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, r := range rows {
			got += r.Ref
		}
		if got != want {
			t.Errorf("search %q = %q; want %q", q, got, want)
		}
	}
	var rows, keyed int
	if err := s.ro.QueryRow(`SELECT count(*), count(*) FILTER (WHERE rowid >> 24 IN (?, ?)) FROM journal_fts`, a.ID, b.ID).Scan(&rows, &keyed); err != nil {
		t.Fatal(err)
	}
	var entries int
	s.ro.QueryRow(`SELECT count(*) FROM events WHERE case_id IS NOT NULL`).Scan(&entries)
	if rows != entries || keyed != entries {
		t.Errorf("journal_fts: %d rows, %d keyed by the two cases; want %d", rows, keyed, entries)
	}
}

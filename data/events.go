package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"amiable/debt"
)

// insertEvent appends an entry to the journal (case_id NULL when CaseID is 0).
func insertEvent(ctx context.Context, tx *sql.Tx, e debt.Event) (int64, error) {
	if e.At.IsZero() {
		return 0, fmt.Errorf("event without instant")
	}
	if strings.TrimSpace(e.Author) == "" {
		e.Author = "Amiable"
	}
	var caseID any
	if e.CaseID != 0 {
		caseID = e.CaseID
	}
	id, err := insertID(ctx, tx, `INSERT INTO events (case_id, at, author, kind, text, outcome) VALUES (?, ?, ?, ?, ?, ?)`,
		caseID, instant(e.At), e.Author, string(e.Kind), e.Text, string(e.Outcome))
	if err != nil {
		return 0, fmt.Errorf("insert event: %w", err)
	}
	for _, d := range e.DocIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_documents (event_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, d); err != nil {
			return 0, fmt.Errorf("link event document: %w", err)
		}
	}
	return id, nil
}

// AddEvent appends a note or a phone call to a case's journal. The journal
// is append-only: an entry is never changed; a correction is a new entry.
func (s *Store) AddEvent(ctx context.Context, e debt.Event) (int64, error) {
	var errs []debt.FieldError
	switch e.Kind {
	case debt.EventNote:
		errs = debt.CheckText("text", "La note", e.Text, true, debt.MaxLongText)
	case debt.EventCall:
		errs = debt.CheckText("text", "Le compte rendu d'appel", e.Text, false, debt.MaxLongText)
		valid := false
		for _, o := range debt.CallOutcomes {
			valid = valid || o == e.Outcome
		}
		if !valid {
			errs = append(errs, debt.FieldError{Field: "outcome", Message: "Choisissez l'issue de l'appel"})
		}
	default:
		errs = debt.CheckText("text", "Le texte", e.Text, true, debt.MaxLongText)
	}
	if len(errs) > 0 {
		return 0, debt.ValidationError(errs)
	}
	e.Text = strings.TrimSpace(e.Text)
	if e.Kind == debt.EventCall {
		e.Text = strings.TrimSpace("Appel : " + e.Outcome.Label() + ". " + e.Text)
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := caseExists(ctx, tx, e.CaseID); err != nil {
			return err
		}
		var err error
		id, err = insertEvent(ctx, tx, e)
		return err
	})
	return id, err
}

// Events returns a case's journal, oldest first.
func (s *Store) Events(ctx context.Context, caseID int64) ([]debt.Event, error) {
	var evs []debt.Event
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := caseExists(ctx, tx, caseID); err != nil {
			return err
		}
		var err error
		evs, err = caseEvents(ctx, tx, caseID)
		return err
	})
	return evs, err
}

func caseEvents(ctx context.Context, q queryer, caseID int64) ([]debt.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.at, e.author, e.kind, e.text, e.outcome,
		  (SELECT group_concat(doc_id) FROM event_documents d WHERE d.event_id = e.id)
		FROM events e WHERE e.case_id = ? ORDER BY e.at, e.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var evs []debt.Event
	for rows.Next() {
		var e debt.Event
		var at, kind, outcome string
		var docs sql.NullString
		if err := rows.Scan(&e.ID, &at, &e.Author, &kind, &e.Text, &outcome, &docs); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		e.CaseID, e.At, e.Kind, e.Outcome = caseID, parseInstant(at), debt.EventKind(kind), debt.CallOutcome(outcome)
		e.DocIDs = parseIDList(docs.String)
		evs = append(evs, e)
	}
	return evs, rows.Err()
}

// OfficeEvents returns the office-wide journal (settings changes), newest first.
func (s *Store) OfficeEvents(ctx context.Context, limit int) ([]debt.Event, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT id, at, author, kind, text FROM events WHERE case_id IS NULL ORDER BY at DESC, id DESC LIMIT ?`, max(limit, 1))
	if err != nil {
		return nil, fmt.Errorf("office events: %w", err)
	}
	defer rows.Close()
	var evs []debt.Event
	for rows.Next() {
		var e debt.Event
		var at, kind string
		if err := rows.Scan(&e.ID, &at, &e.Author, &kind, &e.Text); err != nil {
			return nil, err
		}
		e.At, e.Kind = parseInstant(at), debt.EventKind(kind)
		evs = append(evs, e)
	}
	return evs, rows.Err()
}

func parseIDList(s string) []int64 {
	if s == "" {
		return nil
	}
	var ids []int64
	for _, p := range strings.Split(s, ",") {
		var id int64
		fmt.Sscan(p, &id)
		ids = append(ids, id)
	}
	return ids
}

func caseExists(ctx context.Context, q queryer, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM cases WHERE id = ?", id).Scan(&one)
	if err == sql.ErrNoRows {
		return notFound("Dossier introuvable (n° interne %d).", id)
	}
	return err
}

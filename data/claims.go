package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"amiable/debt"
)

func insertLine(ctx context.Context, tx *sql.Tx, caseID int64, l debt.ClaimLine, now time.Time) (int64, error) {
	id, err := insertID(ctx, tx, `INSERT INTO claim_lines (case_id, kind, label, doc_number, issue_date, due_date, amount_cents, created_at)
		VALUES (?,?,?,?,?,?,?,?)`, caseID, string(l.Kind), strings.TrimSpace(l.Label), strings.TrimSpace(l.DocNumber),
		l.IssueDate.ISO(), l.DueDate.ISO(), int64(l.Amount), instant(now))
	if err != nil {
		return 0, fmt.Errorf("insert claim line: %w", err)
	}
	for _, d := range l.Proofs {
		if err := linkProof(ctx, tx, caseID, id, d); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func caseLines(ctx context.Context, q queryer, caseID int64) ([]debt.ClaimLine, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.id, l.kind, l.label, l.doc_number, l.issue_date, l.due_date, l.amount_cents,
		  (SELECT group_concat(doc_id) FROM claim_proofs p WHERE p.line_id = l.id)
		FROM claim_lines l WHERE l.case_id = ? AND l.removed_at = '' ORDER BY l.due_date, l.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("claim lines: %w", err)
	}
	defer rows.Close()
	lines := []debt.ClaimLine{}
	for rows.Next() {
		var l debt.ClaimLine
		var kind, issue, due string
		var proofs sql.NullString
		if err := rows.Scan(&l.ID, &kind, &l.Label, &l.DocNumber, &issue, &due, &l.Amount, &proofs); err != nil {
			return nil, err
		}
		l.Kind = debt.ClaimKind(kind)
		l.IssueDate, _ = debt.ParseDate(issue)
		l.DueDate, _ = debt.ParseDate(due)
		l.Proofs = parseIDList(proofs.String)
		lines = append(lines, l)
	}
	return lines, rows.Err()
}

func describeLine(l debt.ClaimLine) string {
	s := fmt.Sprintf("%s « %s » de %s, échéance %s", l.Kind.Label(), l.Label, l.Amount, l.DueDate)
	if l.DocNumber != "" {
		s += ", pièce n° " + l.DocNumber
	}
	return s
}

// SaveClaimLine adds a claim line (l.ID == 0) or changes one, validated
// against the case, and journals it. A change keeps the old line's figures
// in the journal.
func (s *Store) SaveClaimLine(ctx context.Context, caseID int64, l debt.ClaimLine, author string, now time.Time) (int64, error) {
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if c.Status.Closed() {
			return invalid("Le dossier %s est clos : rouvrez-le avant de modifier la créance.", c.Ref)
		}
		if errs := l.Validate(c, debt.DateOf(now)); len(errs) > 0 {
			return debt.ValidationError(errs)
		}
		if err := checkLineCommercial(c, l); err != nil {
			return err
		}
		var text string
		if l.ID == 0 {
			if l.ID, err = insertLine(ctx, tx, caseID, l, now); err != nil {
				return err
			}
			text = "Ligne ajoutée : " + describeLine(l)
		} else {
			var old *debt.ClaimLine
			for i := range c.Lines {
				if c.Lines[i].ID == l.ID {
					old = &c.Lines[i]
				}
			}
			if old == nil {
				return notFound("Ligne de créance introuvable dans le dossier %s.", c.Ref)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE claim_lines SET kind=?, label=?, doc_number=?, issue_date=?, due_date=?, amount_cents=?
				WHERE id = ? AND case_id = ?`, string(l.Kind), strings.TrimSpace(l.Label), strings.TrimSpace(l.DocNumber),
				l.IssueDate.ISO(), l.DueDate.ISO(), int64(l.Amount), l.ID, caseID); err != nil {
				return fmt.Errorf("update claim line: %w", err)
			}
			for _, d := range l.Proofs {
				if err := linkProof(ctx, tx, caseID, l.ID, d); err != nil {
					return err
				}
			}
			text = "Ligne modifiée : " + describeLine(*old) + " → " + describeLine(l)
		}
		if err := refreshCase(ctx, tx, caseID); err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged, Text: text})
		return err
	})
	return l.ID, err
}

// DeleteClaimLine removes a claim line from the claim with a reason. The
// line is kept in the database, marked removed, and the journal says why.
func (s *Store) DeleteClaimLine(ctx context.Context, caseID, lineID int64, reason, author string, now time.Time) error {
	if errs := debt.CheckText("reason", "Le motif du retrait", reason, true, debt.MaxLongText); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if c.Status.Closed() {
			return invalid("Le dossier %s est clos : rouvrez-le avant de modifier la créance.", c.Ref)
		}
		var line *debt.ClaimLine
		for i := range c.Lines {
			if c.Lines[i].ID == lineID {
				line = &c.Lines[i]
			}
		}
		if line == nil {
			return notFound("Ligne de créance introuvable dans le dossier %s.", c.Ref)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE claim_lines SET removed_at = ? WHERE id = ?", instant(now), lineID); err != nil {
			return fmt.Errorf("remove claim line: %w", err)
		}
		if err := refreshCase(ctx, tx, caseID); err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged,
			Text: "Ligne retirée : " + describeLine(*line) + ". Motif : " + strings.TrimSpace(reason)})
		return err
	})
}

func linkProof(ctx context.Context, tx *sql.Tx, caseID, lineID, docID int64) error {
	var docCase sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT case_id FROM documents WHERE id = ?", docID).Scan(&docCase)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("Document introuvable (n° interne %d).", docID)
	}
	if err != nil {
		return err
	}
	if !docCase.Valid || docCase.Int64 != caseID {
		return invalid("Ce document n'appartient pas à ce dossier.")
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO claim_proofs (line_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING", lineID, docID); err != nil {
		return fmt.Errorf("link proof: %w", err)
	}
	return nil
}

// LinkProof attaches a document of the case to a claim line as its proof.
func (s *Store) LinkProof(ctx context.Context, caseID, lineID, docID int64, author string, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var label, name string
		err := tx.QueryRowContext(ctx, "SELECT label FROM claim_lines WHERE id = ? AND case_id = ? AND removed_at = ''", lineID, caseID).Scan(&label)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Ligne de créance introuvable dans ce dossier.")
		} else if err != nil {
			return err
		}
		if err := linkProof(ctx, tx, caseID, lineID, docID); err != nil {
			return err
		}
		tx.QueryRowContext(ctx, "SELECT original_name FROM documents WHERE id = ?", docID).Scan(&name)
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged,
			Text: fmt.Sprintf("Justificatif « %s » rattaché à la ligne « %s »", name, label), DocIDs: []int64{docID}})
		return err
	})
}

// checkLineCommercial applies L441-10 and D441-5 (debt.CheckCommercial) to
// case c once line l is saved in it, and reports what concerns l: a 40 €
// indemnity between professionals only, one per invoice.
func checkLineCommercial(c debt.Case, l debt.ClaimLine) error {
	at := -1
	for i := range c.Lines {
		if l.ID != 0 && c.Lines[i].ID == l.ID {
			c.Lines[i], at = l, i
		}
	}
	if at < 0 {
		c.Lines, at = append(c.Lines, l), len(c.Lines)
	}
	var errs []debt.FieldError
	for _, e := range debt.CheckCommercial(c) {
		if e.Field == fmt.Sprintf("lines[%d].kind", at) {
			errs = append(errs, debt.FieldError{Field: "kind", Message: e.Message})
		}
	}
	if len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return nil
}

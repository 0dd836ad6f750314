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

// WithdrawProof withdraws a document wrongly attached as a claim line's
// proof: a correction, journaled with its reason (required) and the
// document, so the journal shows what was attached, when, and why it was
// withdrawn. The file stays in the evidence store and in the case's
// documents; only its link to the line goes, so the line (and the
// verification checklist) no longer counts it.
func (s *Store) WithdrawProof(ctx context.Context, caseID, lineID, docID int64, reason, author string, now time.Time) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalid("Indiquez pourquoi la pièce est retirée (mauvais fichier, autre dossier, doublon…).")
	}
	if len([]rune(reason)) > 200 {
		return invalid("Le motif est trop long (200 caractères au plus).")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var label, name string
		err := tx.QueryRowContext(ctx, "SELECT label FROM claim_lines WHERE id = ? AND case_id = ? AND removed_at = ''", lineID, caseID).Scan(&label)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Ligne de créance introuvable dans ce dossier.")
		} else if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM claim_proofs WHERE line_id = ? AND doc_id = ?", lineID, docID)
		if err != nil {
			return fmt.Errorf("withdraw proof: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return invalid("Cette pièce ne justifie pas la ligne « %s ».", label)
		}
		tx.QueryRowContext(ctx, "SELECT original_name FROM documents WHERE id = ?", docID).Scan(&name)
		_, err = insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged,
			Text:   fmt.Sprintf("Justificatif « %s » retiré de la ligne « %s » (correction ; le fichier reste conservé). Motif : %s", name, label, reason),
			DocIDs: []int64{docID}})
		return err
	})
}

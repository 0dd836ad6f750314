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

// RuleNoCase marks a mail a person filed « sans dossier » (newsletter,
// spam, not a debtor): it leaves the triage list and stays kept, with the
// reason, in the office's journal.
const RuleNoCase = "sans_dossier"

// FileMailWithoutCase takes a mail out of the triage list as belonging to
// no case, for the reason given (required), and journals it office-wide.
// The message and its raw file stay kept; a mail already in a case is
// refused (move it with FileMail).
func (s *Store) FileMailWithoutCase(ctx context.Context, mailID int64, reason, author string, now time.Time) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalid("Indiquez pourquoi ce courriel ne concerne aucun dossier (lettre d'information, publicité, personne sans dossier…).")
	}
	if len([]rune(reason)) > 200 {
		return invalid("Le motif est trop long (200 caractères au plus).")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var from, subject, rule string
		var caseID sql.NullInt64
		var rawID int64
		err := tx.QueryRowContext(ctx, "SELECT from_addr, subject, case_id, rule, raw_doc_id FROM mails WHERE id = ?", mailID).Scan(&from, &subject, &caseID, &rule, &rawID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Courriel introuvable.")
		} else if err != nil {
			return err
		}
		if caseID.Valid {
			return invalid("Ce courriel est classé dans un dossier : déplacez-le plutôt vers le bon dossier.")
		}
		if rule == RuleNoCase {
			return invalid("Ce courriel est déjà classé sans dossier.")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mails SET rule = ?, reason = ? WHERE id = ?", RuleNoCase, reason, mailID); err != nil {
			return err
		}
		_, err = insertEvent(ctx, tx, debt.Event{At: now, Author: author, Kind: debt.EventEmail, DocIDs: []int64{rawID},
			Text: fmt.Sprintf("Courriel « %s » de %s classé sans dossier. Motif : %s", subject, from, reason)})
		return err
	})
}

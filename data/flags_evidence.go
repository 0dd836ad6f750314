package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"amiable/debt"
)

// Flags of evidence and of the clock: raised by the check of the stored
// documents (verify.go) and by the daily job when the last sweep recorded
// is after today, never by the sweep of the cases' facts (they are not in
// debt.SweepKinds, so the sweep does not resolve them): staff handle them.

// raiseFlagTx raises f (on its case, or on the office when CaseID is 0)
// with a journal entry; an identical open flag is not raised twice, a
// resolved or handled one comes back.
func raiseFlagTx(ctx context.Context, tx *sql.Tx, f debt.Flag, day debt.Date, now time.Time) error {
	var caseID any
	if f.CaseID != 0 {
		caseID = f.CaseID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO flags (case_id, kind, object, due, since, amount_cents, text) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT `+flagsKeyTarget+` DO UPDATE SET state = 'ouverte', text = excluded.text, since = excluded.since, closed_at = '', closed_by = '', comment = ''
		WHERE flags.state IN ('resolue', 'traitee')`,
		caseID, string(f.Kind), f.Object, f.Due.ISO(), day.ISO(), int64(f.Amount), f.Text)
	if err != nil {
		return fmt.Errorf("raise flag: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	_, err = insertEvent(ctx, tx, debt.Event{CaseID: f.CaseID, At: now, Author: "Amiable", Kind: debt.EventFlag, Text: "Alerte : " + f.Text})
	return err
}

// evidenceFlag is the flag of a document found missing or altered.
func evidenceFlag(p DocumentProblem, day debt.Date) debt.Flag {
	text := fmt.Sprintf("Pièce « %s » %s (empreinte SHA-256 %s…)", p.Name, p.label(), p.SHA256[:12])
	if p.RestoredFrom != "" {
		text += " : restaurée depuis la sauvegarde « " + p.RestoredFrom + " »"
	} else if p.shared {
		text += " : " + sharedRestore
	} else {
		text += " : aucune sauvegarde n'en a de copie correcte"
	}
	return debt.Flag{CaseID: p.CaseID, Kind: debt.FlagEvidence, Object: fmt.Sprintf("document:%d", p.DocID), Due: day, Text: text}
}

// ClockAheadFlag is the office's flag of a last sweep recorded after today.
func ClockAheadFlag(last, today debt.Date) debt.Flag {
	return debt.Flag{Kind: debt.FlagClockAhead, Object: "clock:" + last.ISO(), Due: today,
		Text: fmt.Sprintf("Le dernier calcul quotidien est daté du %s, après aujourd'hui (%s) : l'horloge d'un poste a été en avance. Le calcul reprend à partir d'aujourd'hui.", last, today)}
}

// RaiseClockAhead raises the office's flag of a last sweep after today
// and resets the record of the days swept to today, so that the daily job
// goes on from today: the sweeps of the days after it are removed from
// the log of sweeps (their flags and journal entries stay).
func (s *Store) RaiseClockAhead(ctx context.Context, last, today debt.Date, now time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sweeps WHERE day > ?", today.ISO()); err != nil {
			return fmt.Errorf("sweeps after today: %w", err)
		}
		return raiseFlagTx(ctx, tx, ClockAheadFlag(last, today), today, now)
	})
}

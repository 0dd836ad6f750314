package data

import (
	"context"
	"database/sql"

	"fmt"
	"strings"
	"time"

	"amiable/debt"
)

// Rates returns the table of legal and ECB rates per semester, oldest first.
func (s *Store) Rates(ctx context.Context) (debt.RateTable, error) {
	return loadRates(ctx, s.ro)
}

func loadRates(ctx context.Context, q queryer) (debt.RateTable, error) {
	rows, err := q.QueryContext(ctx, "SELECT semester, legal_consumer_bp, legal_other_bp, ecb_bp, note FROM rates ORDER BY semester")
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	defer rows.Close()
	var t debt.RateTable
	for rows.Next() {
		var sem, note string
		var cons, other, ecb sql.NullInt64
		if err := rows.Scan(&sem, &cons, &other, &ecb, &note); err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		p, err := debt.ParseSemester(sem)
		if err != nil {
			return nil, fmt.Errorf("rates: %w", err)
		}
		t = append(t, debt.SemesterRates{Semester: p, LegalConsumerBP: cons.Int64, LegalOtherBP: other.Int64, ECBBP: ecb.Int64,
			HasLegal: cons.Valid && other.Valid, HasECB: ecb.Valid, Note: note})
	}
	return t, rows.Err()
}

// SaveRates adds or corrects the rates of one semester and journals the
// change with the old and new values (office-wide journal).
func (s *Store) SaveRates(ctx context.Context, r debt.SemesterRates, author string, now time.Time) error {
	if errs := (debt.RateTable{r}).Validate(); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	if !r.HasLegal && !r.HasECB {
		return invalid("Saisissez au moins le taux légal ou le taux BCE du %s.", r.Semester.Label())
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		old, err := loadRates(ctx, tx)
		if err != nil {
			return err
		}
		prev, existed := old.Find(r.Semester)
		null := func(ok bool, v int64) any {
			if ok {
				return v
			}
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rates (semester, legal_consumer_bp, legal_other_bp, ecb_bp, note) VALUES (?,?,?,?,?)
			ON CONFLICT (semester) DO UPDATE SET legal_consumer_bp = excluded.legal_consumer_bp,
			legal_other_bp = excluded.legal_other_bp, ecb_bp = excluded.ecb_bp, note = excluded.note`,
			r.Semester.String(), null(r.HasLegal, r.LegalConsumerBP), null(r.HasLegal, r.LegalOtherBP), null(r.HasECB, r.ECBBP),
			strings.TrimSpace(r.Note)); err != nil {
			return fmt.Errorf("save rates: %w", err)
		}
		text := "Taux du " + r.Semester.Label() + " ajoutés : " + describeRates(r)
		if existed {
			if describeRates(prev) == describeRates(r) {
				return nil
			}
			text = "Taux du " + r.Semester.Label() + " corrigés : " + describeRates(prev) + " → " + describeRates(r)
		}
		_, err = insertEvent(ctx, tx, debt.Event{At: now, Author: author, Kind: debt.EventSettings, Text: text})
		return err
	})
}

// DeleteRates is refused: a published rate is corrected, never removed, so
// that past computations can be redone. It exists to say so in French.
func (s *Store) DeleteRates(context.Context, debt.Semester) error {
	return invalid("Un taux publié ne se supprime pas : corrigez-le si la valeur saisie est fausse.")
}

func describeRates(r debt.SemesterRates) string {
	var parts []string
	if r.HasLegal {
		parts = append(parts, "légal particulier "+debt.FormatRate(r.LegalConsumerBP), "légal autres cas "+debt.FormatRate(r.LegalOtherBP))
	} else {
		parts = append(parts, "légal non renseigné")
	}
	if r.HasECB {
		parts = append(parts, "BCE "+debt.FormatRate(r.ECBBP))
	} else {
		parts = append(parts, "BCE non renseigné")
	}
	return strings.Join(parts, ", ")
}

package data

import (
	"context"
	"database/sql"
	"fmt"

	"amiable/debt"
)

// CaseFigures is a case's statement of account and limitation at a date:
// what the case view, the letters and the CLI print.
type CaseFigures struct {
	Statement debt.Statement `json:"statement"`
	// StatementErr is the French reason the statement could not be
	// computed (a rate missing for a semester); Statement then holds the
	// claim without interest.
	StatementErr string               `json:"statement_error,omitempty"`
	NoticeDate   debt.Date            `json:"notice_date,omitzero"`
	Limitation   debt.Limitation      `json:"limitation"`
	Alert        debt.LimitationAlert `json:"limitation_alert"`
}

// Figures computes a case's statement of account (décompte) and limitation
// date at the date at, from its claim lines, payments, the rates table and
// the office rules, in one read transaction.
func (s *Store) Figures(ctx context.Context, caseID int64, at debt.Date) (CaseFigures, error) {
	var f CaseFigures
	err := s.read(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		rates, err := loadRates(ctx, tx)
		if err != nil {
			return err
		}
		rules := debt.DefaultRules()
		if _, err := getSetting(ctx, tx, "rules", &rules); err != nil {
			return err
		}
		var sent, presented string
		if err := tx.QueryRowContext(ctx, "SELECT notice_sent, notice_presented FROM cases WHERE id = ?", caseID).Scan(&sent, &presented); err != nil {
			return fmt.Errorf("notice dates: %w", err)
		}
		f.NoticeDate, _ = debt.ParseDate(sent)
		if p, _ := debt.ParseDate(presented); rules.NoticeFromPresentation && !p.IsZero() {
			f.NoticeDate = p
		}
		in := debt.StatementInput{Case: c, At: at, NoticeDate: f.NoticeDate, Rates: rates, LeapDivisor366: rules.LeapDivisor366}
		f.Statement, err = debt.ComputeStatement(in)
		if err != nil {
			f.StatementErr = Message(err)
			in.Case.Interest.Kind = debt.InterestNone
			if f.Statement, err = debt.ComputeStatement(in); err != nil {
				return err
			}
		}
		f.Limitation, err = debt.CaseLimitation(c, false, nil)
		if err == nil {
			f.Alert = debt.LimitationWarning(f.Limitation.Expires, at, rules.LimitationWarnDays)
		} else {
			f.Alert = debt.LimitationWarning(debt.Date{}, at, rules.LimitationWarnDays)
		}
		return nil
	})
	return f, err
}

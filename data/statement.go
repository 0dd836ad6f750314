package data

import (
	"context"
	"database/sql"
	"errors"
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
// date at the date at, from its claim lines, payments, plans, the rates
// table and the office rules, in one read transaction.
func (s *Store) Figures(ctx context.Context, caseID int64, at debt.Date) (CaseFigures, error) {
	var f CaseFigures
	err := s.read(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		var ctxStmt stmtContext
		f.Statement, ctxStmt, err = statementTx(ctx, tx, c, at)
		if err != nil {
			var missing *debt.MissingRateError
			if !errors.As(err, &missing) {
				return err
			}
			f.StatementErr = Message(err)
			c.Interest.Kind = debt.InterestNone
			if f.Statement, ctxStmt, err = statementTx(ctx, tx, c, at); err != nil {
				return err
			}
		}
		f.NoticeDate = ctxStmt.notice
		events, err := limitationEvents(ctx, tx, caseID, ctxStmt.payments)
		if err != nil {
			return err
		}
		f.Limitation, err = debt.CaseLimitationAt(c, events, at)
		if err == nil {
			f.Alert = debt.LimitationWarning(f.Limitation.Expires, at, ctxStmt.rules.LimitationWarnDays)
		} else {
			f.Alert = debt.LimitationWarning(debt.Date{}, at, ctxStmt.rules.LimitationWarnDays)
		}
		return nil
	})
	return f, err
}

// stmtContext is what a statement was computed from.
type stmtContext struct {
	notice   debt.Date
	rules    debt.Rules
	payments []Payment
}

// statementTx computes the statement of case c at the date at, with the
// case's payments (plus extra ones not yet recorded), the rates, the office
// rules and the formal notice date.
func statementTx(ctx context.Context, tx *sql.Tx, c debt.Case, at debt.Date, extra ...debt.Payment) (debt.Statement, stmtContext, error) {
	in, sc, err := statementInputTx(ctx, tx, c, at, extra...)
	if err != nil {
		return debt.Statement{}, sc, err
	}
	st, err := debt.ComputeStatement(in)
	return st, sc, err
}

// statementInputTx gathers what statementTx computes from.
func statementInputTx(ctx context.Context, tx *sql.Tx, c debt.Case, at debt.Date, extra ...debt.Payment) (debt.StatementInput, stmtContext, error) {
	var sc stmtContext
	rates, err := loadRates(ctx, tx)
	if err != nil {
		return debt.StatementInput{}, sc, err
	}
	sc.rules = debt.DefaultRules()
	if _, err := getSetting(ctx, tx, "rules", &sc.rules); err != nil {
		return debt.StatementInput{}, sc, err
	}
	var sent, presented string
	if err := tx.QueryRowContext(ctx, "SELECT notice_sent, notice_presented FROM cases WHERE id = ?", c.ID).Scan(&sent, &presented); err != nil {
		return debt.StatementInput{}, sc, fmt.Errorf("notice dates: %w", err)
	}
	sc.notice, _ = debt.ParseDate(sent)
	if p, _ := debt.ParseDate(presented); sc.rules.NoticeFromPresentation && !p.IsZero() {
		sc.notice = p
	}
	// With their recorded allocations: evidence, replayed by the
	// statement (debt.Payment.Recorded).
	if sc.payments, err = casePayments(ctx, tx, c.ID, true); err != nil {
		return debt.StatementInput{}, sc, err
	}
	in := debt.StatementInput{Case: c, At: at, NoticeDate: sc.notice, Rates: rates, LeapDivisor366: sc.rules.LeapDivisor366,
		Payments: append(debtPayments(sc.payments), extra...)}
	return in, sc, nil
}

// limitationEvents lists what interrupts or suspends the case's
// limitation: partial payments (not cancelled) and signed payment plans
// (Code civil 2240), and the acts recorded on the case (interruptions).
func limitationEvents(ctx context.Context, tx *sql.Tx, caseID int64, payments []Payment) ([]debt.LimitationEvent, error) {
	var evs []debt.LimitationEvent
	for _, p := range payments {
		if !p.Cancelled {
			evs = append(evs, debt.LimitationEvent{Kind: debt.LimitationPartialPayment, Date: p.Received})
		}
	}
	signed, err := stringList(ctx, tx, "SELECT signed_on FROM plans WHERE case_id = ? AND signed_on != ''", caseID)
	if err != nil {
		return nil, err
	}
	for _, s := range signed {
		if d, err := debt.ParseDate(s); err == nil {
			evs = append(evs, debt.LimitationEvent{Kind: debt.LimitationPlanSigned, Date: d})
		}
	}
	its, err := caseInterruptions(ctx, tx, caseID)
	if err != nil {
		return nil, err
	}
	for _, it := range its {
		evs = append(evs, debt.LimitationEvent{Kind: it.Kind, Date: it.Date, End: it.End})
	}
	return evs, nil
}

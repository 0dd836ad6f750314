package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"amiable/debt"
)

// Remittance is a transfer of collected funds to a creditor (reversement).
type Remittance struct {
	ID         int64      `json:"id"`
	CreditorID int64      `json:"creditor_id"`
	Sent       debt.Date  `json:"sent"`
	Amount     debt.Cents `json:"amount_cents"`
	Reference  string     `json:"reference"`
	Cancelled  bool       `json:"cancelled"`
	Reason     string     `json:"cancel_reason,omitempty"`
	Author     string     `json:"author"`
	Created    time.Time  `json:"created"`
}

// CreditorAccount is what the office holds for a creditor: collected from
// its debtors (overpayments excluded), remitted, and still to remit.
type CreditorAccount struct {
	CreditorID int64      `json:"creditor_id"`
	Name       string     `json:"name"`
	Collected  debt.Cents `json:"collected_cents"`
	Remitted   debt.Cents `json:"remitted_cents"`
	ToRemit    debt.Cents `json:"to_remit_cents"`
	// OldestUnremitted is the receipt date of the oldest payment not
	// covered by remittances (payments are covered oldest first); funds
	// held more than a month must be remitted (R124-6).
	OldestUnremitted debt.Date `json:"oldest_unremitted,omitzero"`
}

// Overdue reports whether funds have been held more than one month at today.
func (a CreditorAccount) Overdue(today debt.Date) bool {
	return a.ToRemit > 0 && !a.OldestUnremitted.IsZero() && today.After(a.OldestUnremitted.AddMonths(1))
}

// RecordRemittance records a transfer of funds to a creditor. It refuses
// to remit more than the office holds for that creditor.
func (s *Store) RecordRemittance(ctx context.Context, creditorID int64, sent debt.Date, amount debt.Cents, reference, author string, now time.Time) (Remittance, error) {
	r := Remittance{CreditorID: creditorID, Sent: sent, Amount: amount, Reference: strings.TrimSpace(reference), Author: author, Created: now.UTC()}
	var errs []debt.FieldError
	if amount <= 0 {
		errs = append(errs, debt.FieldError{Field: "amount", Message: "Le montant doit être supérieur à zéro"})
	}
	if sent.IsZero() || sent.After(debt.DateOf(now)) {
		errs = append(errs, debt.FieldError{Field: "sent", Message: "La date du reversement doit être connue et passée"})
	}
	errs = append(errs, debt.CheckText("reference", "La référence du virement", reference, false, 100)...)
	if len(errs) > 0 {
		return r, debt.ValidationError(errs)
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		acc, err := creditorAccount(ctx, tx, creditorID)
		if err != nil {
			return err
		}
		if amount > acc.ToRemit {
			return invalid("Le reversement (%s) dépasse les fonds détenus pour %s (%s).", amount, acc.Name, acc.ToRemit)
		}
		id, err := insertID(ctx, tx, `INSERT INTO remittances (creditor_id, sent, amount_cents, reference, created_at, author) VALUES (?,?,?,?,?,?)`,
			creditorID, sent.ISO(), int64(amount), r.Reference, instant(now), author)
		if err != nil {
			return fmt.Errorf("insert remittance: %w", err)
		}
		r.ID = id
		_, err = insertEvent(ctx, tx, debt.Event{At: now, Author: author, Kind: debt.EventPayment,
			Text: fmt.Sprintf("Reversement de %s à %s le %s (réf. %s)", amount, acc.Name, sent, r.Reference)})
		return err
	})
	return r, err
}

// CancelRemittance cancels a wrong remittance by a counter-entry.
func (s *Store) CancelRemittance(ctx context.Context, remittanceID int64, reason, author string, now time.Time) error {
	if errs := debt.CheckText("reason", "Le motif de l'annulation", reason, true, debt.MaxLongText); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var creditor, amount int64
		var cancels sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT creditor_id, amount_cents, cancels FROM remittances WHERE id = ?", remittanceID).Scan(&creditor, &amount, &cancels)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Reversement introuvable.")
		} else if err != nil {
			return err
		}
		var n int
		tx.QueryRowContext(ctx, "SELECT count(*) FROM remittances WHERE cancels = ?", remittanceID).Scan(&n)
		if cancels.Valid || n > 0 {
			return invalid("Ce reversement est déjà annulé ou est lui-même une annulation.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO remittances (creditor_id, sent, amount_cents, reference, cancels, reason, created_at, author)
			VALUES (?,?,?,'annulation',?,?,?,?)`, creditor, debt.DateOf(now).ISO(), amount, remittanceID, strings.TrimSpace(reason), instant(now), author); err != nil {
			return fmt.Errorf("cancel remittance: %w", err)
		}
		_, err = insertEvent(ctx, tx, debt.Event{At: now, Author: author, Kind: debt.EventPayment,
			Text: fmt.Sprintf("Reversement de %s à %s annulé. Motif : %s", debt.Cents(amount), partyName(ctx, tx, creditor), strings.TrimSpace(reason))})
		return err
	})
}

// Remittances returns a creditor's remittances, oldest first (counter-entries
// show as the Cancelled flag).
func (s *Store) Remittances(ctx context.Context, creditorID int64) ([]Remittance, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT r.id, r.sent, r.amount_cents, r.reference, r.created_at, r.author, c.id IS NOT NULL, coalesce(c.reason, '')
		FROM remittances r LEFT JOIN remittances c ON c.cancels = r.id
		WHERE r.creditor_id = ? AND +r.cancels IS NULL ORDER BY r.sent, r.id`, creditorID)
	if err != nil {
		return nil, fmt.Errorf("remittances: %w", err)
	}
	defer rows.Close()
	out := []Remittance{}
	for rows.Next() {
		r := Remittance{CreditorID: creditorID}
		var sent, created string
		if err := rows.Scan(&r.ID, &sent, &r.Amount, &r.Reference, &created, &r.Author, &r.Cancelled, &r.Reason); err != nil {
			return nil, err
		}
		r.Sent, r.Created = mustDate(sent), parseInstant(created)
		out = append(out, r)
	}
	return out, rows.Err()
}

// collectedSQL lists the valid payments of a creditor's cases with what
// the creditor is owed of each (the payment less any overpayment).
const collectedSQL = `SELECT p.received, p.amount_cents - p.credit_cents FROM payments p JOIN cases k ON k.id = p.case_id
	WHERE k.creditor_id = ? AND +p.cancels IS NULL AND NOT EXISTS (SELECT 1 FROM payments c WHERE c.cancels = p.id)
	ORDER BY p.received, p.id`

const remittedSQL = `SELECT coalesce(sum(r.amount_cents), 0) FROM remittances r WHERE r.creditor_id = ? AND +r.cancels IS NULL
	AND NOT EXISTS (SELECT 1 FROM remittances c WHERE c.cancels = r.id)`

func creditorAccount(ctx context.Context, q queryer, creditorID int64) (CreditorAccount, error) {
	a := CreditorAccount{CreditorID: creditorID}
	if err := q.QueryRowContext(ctx, "SELECT name FROM parties WHERE id = ?", creditorID).Scan(&a.Name); errors.Is(err, sql.ErrNoRows) {
		return a, notFound("Créancier introuvable (n° interne %d).", creditorID)
	} else if err != nil {
		return a, err
	}
	if err := q.QueryRowContext(ctx, remittedSQL, creditorID).Scan(&a.Remitted); err != nil {
		return a, err
	}
	rows, err := q.QueryContext(ctx, collectedSQL, creditorID)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	covered := a.Remitted
	for rows.Next() {
		var received string
		var amount debt.Cents
		if err := rows.Scan(&received, &amount); err != nil {
			return a, err
		}
		a.Collected += amount
		if covered >= amount {
			covered -= amount
		} else {
			covered = 0
			if a.OldestUnremitted.IsZero() {
				a.OldestUnremitted = mustDate(received)
			}
		}
	}
	a.ToRemit = a.Collected - a.Remitted
	return a, rows.Err()
}

// CreditorAccount returns what the office collected, remitted and still
// holds for one creditor.
func (s *Store) CreditorAccount(ctx context.Context, creditorID int64) (CreditorAccount, error) {
	return creditorAccount(ctx, s.ro, creditorID)
}

// CreditorAccounts returns the account of every creditor that has received
// a payment, largest sum to remit first.
func (s *Store) CreditorAccounts(ctx context.Context) ([]CreditorAccount, error) {
	ids, err := stringList(ctx, s.ro, `SELECT DISTINCT k.creditor_id FROM payments p JOIN cases k ON k.id = p.case_id`)
	if err != nil {
		return nil, err
	}
	var out []CreditorAccount
	for _, id := range ids {
		var cid int64
		fmt.Sscan(id, &cid)
		a, err := creditorAccount(ctx, s.ro, cid)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	sortAccounts(out)
	return out, nil
}

func sortAccounts(a []CreditorAccount) {
	slices.SortStableFunc(a, func(x, y CreditorAccount) int { return cmp.Compare(y.ToRemit, x.ToRemit) })
}

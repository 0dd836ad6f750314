package data

import (
	"context"
	"database/sql"
	"time"

	"amiable/debt"
)

// checkCommercialTx applies Code de commerce L441-10 and D441-5 to case c
// (its lines included) with the parties as the store holds them: the
// business penalty rate and the 40 € indemnity only between professionals,
// one indemnity per invoice (debt.CheckCommercial). The parties of c may
// carry their ids only.
func checkCommercialTx(ctx context.Context, tx *sql.Tx, c debt.Case) error {
	full := c
	var err error
	if full.Creditor, err = loadParty(ctx, tx, c.Creditor.ID); err != nil {
		return err
	}
	full.Debtors = make([]debt.CaseDebtor, len(c.Debtors))
	for i, d := range c.Debtors {
		full.Debtors[i].Jointly = d.Jointly
		if full.Debtors[i].Party, err = loadParty(ctx, tx, d.Party.ID); err != nil {
			return err
		}
	}
	if errs := debt.CheckCommercial(full); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return nil
}

// sameDebtors reports whether a and b have the same creditor and debtors.
func sameDebtors(a, b debt.Case) bool {
	if a.Creditor.ID != b.Creditor.ID || len(a.Debtors) != len(b.Debtors) {
		return false
	}
	for i := range a.Debtors {
		if a.Debtors[i].Party.ID != b.Debtors[i].Party.ID {
			return false
		}
	}
	return true
}

// MissingIndemnities proposes the 40 € indemnity of each late invoice of a
// case between professionals that has none (Code de commerce L441-10,
// D441-5: one per late invoice); nothing for any other case.
func (s *Store) MissingIndemnities(ctx context.Context, caseID int64, today debt.Date) ([]debt.ClaimLine, error) {
	var out []debt.ClaimLine
	err := s.read(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		out = debt.MissingIndemnities(c, today)
		return nil
	})
	return out, err
}

// AddMissingIndemnities adds, in one transaction, the indemnities
// MissingIndemnities proposes, each journaled, and returns them with
// their ids. A closed case or a case not between professionals is refused.
func (s *Store) AddMissingIndemnities(ctx context.Context, caseID int64, author string, now time.Time) ([]debt.ClaimLine, error) {
	var added []debt.ClaimLine
	err := s.write(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		if c.Status.Closed() {
			return invalid("Le dossier %s est clos : rouvrez-le avant de modifier la créance.", c.Ref)
		}
		if pro, _ := c.Between(); !pro {
			return invalid("Le dossier %s n'est pas entre professionnels : l'indemnité forfaitaire de 40 € (art. L. 441-10 du code de commerce) n'y est pas due.", c.Ref)
		}
		for _, l := range debt.MissingIndemnities(c, debt.DateOf(now)) {
			if l.ID, err = insertLine(ctx, tx, caseID, l, now); err != nil {
				return err
			}
			if _, err := insertEvent(ctx, tx, debt.Event{CaseID: caseID, At: now, Author: author, Kind: debt.EventClaimChanged,
				Text: "Ligne ajoutée : " + describeLine(l) + " (art. L. 441-10 et D. 441-5 du code de commerce)"}); err != nil {
				return err
			}
			added = append(added, l)
		}
		if len(added) == 0 {
			return nil
		}
		return refreshCase(ctx, tx, caseID)
	})
	return added, err
}

package data

import (
	"context"
	"database/sql"

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

package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"amiable/debt"
)

// PaymentDiff is a recorded payment whose allocation differs from what the
// law gives today (Code civil 1342-10 across debts, then 1343-1 inside
// each): Recorded is what its receipt states, Law what the rule gives when
// every payment of the case is allocated by it from the first.
type PaymentDiff struct {
	PaymentID int64                 `json:"payment_id"`
	Received  debt.Date             `json:"received"`
	Amount    debt.Cents            `json:"amount_cents"`
	Recorded  []debt.LineAllocation `json:"recorded"`
	Law       []debt.LineAllocation `json:"law"`
}

// AllocationDiff is a case with at least one such payment.
type AllocationDiff struct {
	CaseID   int64         `json:"-"`
	Ref      string        `json:"ref"`
	Payments []PaymentDiff `json:"payments"`
}

// AllocationCheck lists the cases whose past allocations would differ
// under the law, for the office to decide: the stored allocations are
// evidence (a receipt stated them) and are not changed. Unchecked names
// the cases whose statement could not be computed, with the reason.
type AllocationCheck struct {
	Checked   int               `json:"checked"` // cases with payments examined
	Differ    []AllocationDiff  `json:"differ"`
	Unchecked map[string]string `json:"unchecked,omitempty"`
}

// CheckAllocations compares, for every case with payments, each payment's
// recorded allocation with the one the law (debt.Allocate) gives, at the
// date today. It reads only.
func (s *Store) CheckAllocations(ctx context.Context, today debt.Date) (AllocationCheck, error) {
	res := AllocationCheck{Differ: []AllocationDiff{}}
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, err := int64List(ctx, tx, `SELECT DISTINCT case_id FROM payments WHERE cancels IS NULL ORDER BY case_id`)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := ctx.Err(); err != nil {
				return err
			}
			c, err := loadCase(ctx, tx, id)
			if err != nil {
				return err
			}
			diff, err := caseAllocationDiff(ctx, tx, c, today)
			if err != nil {
				var missing *debt.MissingRateError
				if !errors.As(err, &missing) && !errors.Is(err, debt.ErrStatement) {
					return err
				}
				if res.Unchecked == nil {
					res.Unchecked = map[string]string{}
				}
				res.Unchecked[c.Ref] = Message(err)
				continue
			}
			res.Checked++
			if len(diff.Payments) > 0 {
				res.Differ = append(res.Differ, diff)
			}
		}
		return nil
	})
	return res, err
}

// caseAllocationDiff recomputes case c's statement with every payment
// allocated by the law and lists the payments whose recorded allocation
// differs.
func caseAllocationDiff(ctx context.Context, tx *sql.Tx, c debt.Case, today debt.Date) (AllocationDiff, error) {
	diff := AllocationDiff{CaseID: c.ID, Ref: c.Ref}
	in, sc, err := statementInputTx(ctx, tx, c, today)
	if err != nil {
		return diff, err
	}
	for i := range in.Payments {
		in.Payments[i].Recorded = nil
	}
	st, err := debt.ComputeStatement(in)
	if err != nil {
		return diff, err
	}
	law := map[int64][]debt.LineAllocation{}
	for _, pa := range st.Payments {
		law[pa.Payment.ID] = pa.Lines
	}
	for _, p := range sc.payments {
		if p.Cancelled || p.Received.After(today) {
			continue
		}
		rec, now := nonZero(p.Allocation), nonZero(law[p.ID])
		if !slices.Equal(rec, now) {
			diff.Payments = append(diff.Payments, PaymentDiff{PaymentID: p.ID, Received: p.Received, Amount: p.Amount, Recorded: rec, Law: now})
		}
	}
	return diff, nil
}

// nonZero returns the parts that are not zero, by line id.
func nonZero(a []debt.LineAllocation) []debt.LineAllocation {
	out := []debt.LineAllocation{}
	for _, l := range a {
		if l.Principal != 0 || l.Interest != 0 || l.Accessory != 0 {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(x, y debt.LineAllocation) int {
		switch {
		case x.LineID < y.LineID:
			return -1
		case x.LineID > y.LineID:
			return 1
		}
		return 0
	})
	return out
}

// int64List runs a query returning one integer column.
func int64List(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

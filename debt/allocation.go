package debt

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// Amounts splits a sum into principal, interest and accessories (fixed
// recovery indemnity, contractual penalties, other accessories), the split
// letters must show (R124-4).
type Amounts struct {
	Principal Cents `json:"principal_cents"`
	Interest  Cents `json:"interest_cents"`
	Accessory Cents `json:"accessory_cents"`
}

// Total returns principal + interest + accessories.
func (a Amounts) Total() Cents { return a.Principal + a.Interest + a.Accessory }

// Add returns a + b.
func (a Amounts) Add(b Amounts) Amounts {
	return Amounts{a.Principal + b.Principal, a.Interest + b.Interest, a.Accessory + b.Accessory}
}

// Sub returns a − b.
func (a Amounts) Sub(b Amounts) Amounts {
	return Amounts{a.Principal - b.Principal, a.Interest - b.Interest, a.Accessory - b.Accessory}
}

// LineOwed is what is still owed on one claim line when a payment comes.
type LineOwed struct {
	LineID  int64 `json:"line_id"`
	DueDate Date  `json:"due_date"` // zero: treated as due long ago
	Amounts
}

// LineAllocation is the part of a payment that went to one claim line.
type LineAllocation struct {
	LineID int64 `json:"line_id"`
	Amounts
}

// Allocation is how one payment was allocated.
type Allocation struct {
	// Lines has one entry per line given to Allocate, in the same order,
	// with zero parts for the lines the payment did not reach.
	Lines []LineAllocation `json:"lines"`
	// Credit is the overpayment: what was left once everything owed was
	// paid. It is owed back to the debtor.
	Credit Cents `json:"credit_cents"`
}

// Overpaid reports whether the payment exceeded what was owed (the credit
// must be flagged for refund).
func (a Allocation) Overpaid() bool { return a.Credit > 0 }

// Allocated returns the sum of the parts given to the lines.
func (a Allocation) Allocated() Cents {
	var s Cents
	for _, l := range a.Lines {
		s += l.Total()
	}
	return s
}

// ErrAllocation is wrapped by the errors Allocate returns.
var ErrAllocation = errors.New("imputation du paiement impossible")

// Allocate imputes a payment received on a date over the claim lines.
//
// Across lines (Code civil 1342-10): the lines the debtor chose, if any,
// come first; then the lines already due on the day received, oldest due
// date first; then the lines not yet due, oldest first. Lines with the same
// due date share pro rata what is left for them.
//
// Within that order, the payment goes first to the accessory costs of every
// line, then to their interest, then to their principal (Code civil
// 1343-1: the debtor cannot impute on principal before interest without
// the creditor's consent, even on a chosen line).
//
// Nothing is created or lost: the parts plus the credit sum to the amount.
func Allocate(amount Cents, received Date, owed []LineOwed, chosen []int64) (Allocation, error) {
	if amount <= 0 {
		return Allocation{}, fmt.Errorf("%w : le montant doit être positif (%s)", ErrAllocation, amount)
	}
	ids := map[int64]int{}
	for i, l := range owed {
		if l.Principal < 0 || l.Interest < 0 || l.Accessory < 0 {
			return Allocation{}, fmt.Errorf("%w : montant dû négatif sur la ligne %d", ErrAllocation, l.LineID)
		}
		if l.LineID != 0 {
			if _, dup := ids[l.LineID]; dup {
				return Allocation{}, fmt.Errorf("%w : la ligne %d figure deux fois", ErrAllocation, l.LineID)
			}
			ids[l.LineID] = i
		}
	}
	first := make([]bool, len(owed))
	for _, id := range chosen {
		i, ok := ids[id]
		if !ok {
			return Allocation{}, fmt.Errorf("%w : la ligne %d choisie par le débiteur n'existe pas", ErrAllocation, id)
		}
		first[i] = true
	}
	parts, credit := allocate(amount, received, owed, first)
	res := Allocation{Lines: make([]LineAllocation, len(owed)), Credit: credit}
	for i, l := range owed {
		res.Lines[i] = LineAllocation{LineID: l.LineID, Amounts: parts[i]}
	}
	return res, nil
}

// allocate does the work of Allocate on validated input; chosen[i] marks
// the lines the debtor chose.
func allocate(amount Cents, received Date, owed []LineOwed, chosen []bool) ([]Amounts, Cents) {
	// rank orders lines: chosen first, then due, then by due date.
	type rank struct {
		notChosen, notDue bool
		due               Date
	}
	rankOf := func(i int) rank {
		d := owed[i].DueDate
		return rank{!chosen[i], !d.IsZero() && d.After(received), d}
	}
	order := make([]int, len(owed))
	for i := range order {
		order[i] = i
	}
	cmp := func(a, b rank) int {
		switch {
		case a.notChosen != b.notChosen:
			if a.notChosen {
				return 1
			}
			return -1
		case a.notDue != b.notDue:
			if a.notDue {
				return 1
			}
			return -1
		}
		return a.due.Compare(b.due)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp(rankOf(a), rankOf(b)) })

	// groups of lines sharing a rank, in order.
	var groups [][]int
	for k, i := range order {
		if k > 0 && cmp(rankOf(order[k-1]), rankOf(i)) == 0 {
			groups[len(groups)-1] = append(groups[len(groups)-1], i)
		} else {
			groups = append(groups, []int{i})
		}
	}
	// passes: the chosen lines, then the others, each accessory → interest
	// → principal.
	var passes [][][]int
	split := len(groups)
	for g, grp := range groups {
		if !chosen[grp[0]] {
			split = g
			break
		}
	}
	passes = append(passes, groups[:split], groups[split:])

	parts := make([]Amounts, len(owed))
	left := amount
	field := func(a *Amounts, k int) *Cents {
		switch k {
		case 0:
			return &a.Accessory
		case 1:
			return &a.Interest
		}
		return &a.Principal
	}
	for _, pass := range passes {
		for k := 0; k < 3; k++ {
			for _, grp := range pass {
				if left == 0 {
					return parts, 0
				}
				var due Cents
				for _, i := range grp {
					o := owed[i].Amounts
					due += *field(&o, k)
				}
				if due == 0 {
					continue
				}
				if left >= due {
					for _, i := range grp {
						o := owed[i].Amounts
						*field(&parts[i], k) += *field(&o, k)
					}
					left -= due
					continue
				}
				shares := proRata(left, grp, func(i int) Cents { o := owed[i].Amounts; return *field(&o, k) })
				for j, i := range grp {
					*field(&parts[i], k) += shares[j]
				}
				left = 0
			}
		}
	}
	return parts, left
}

// proRata splits amount (less than the sum of the weights) between the
// lines of grp in proportion to weight, by the largest remainder method:
// each share is rounded down, then the cents left go one by one to the
// largest remainders (the earliest line on a tie). Exact on 128 bits.
func proRata(amount Cents, grp []int, weight func(int) Cents) []Cents {
	var total Cents
	for _, i := range grp {
		total += weight(i)
	}
	shares := make([]Cents, len(grp))
	rems := make([]uint64, len(grp))
	var given Cents
	for j, i := range grp {
		hi, lo := bits.Mul64(uint64(amount), uint64(weight(i)))
		q, r := bits.Div64(hi, lo, uint64(total)) // hi < total since amount < total
		shares[j], rems[j] = Cents(q), r
		given += Cents(q)
	}
	idx := make([]int, len(grp))
	for j := range idx {
		idx[j] = j
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	for k := 0; given < amount; k++ {
		shares[idx[k]]++
		given++
	}
	return shares
}

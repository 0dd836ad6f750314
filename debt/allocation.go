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
	// Debt names the debt the line belongs to: the lines of one invoice
	// (its principal, its 40 € indemnity, its penalty) share it and are
	// one debt for Code civil 1342-10. Empty: the line is a debt of its own.
	Debt string `json:"debt,omitempty"`
	// RateBP is the annual rate of interest or late penalties the line
	// bears on the day the payment is received (0: it bears none yet).
	RateBP int64 `json:"rate_bp,omitempty"`
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

// Allocate imputes a payment received on a date over the claim lines, in
// two steps, as the law orders them.
//
// First, which debt (Code civil 1342-10). The lines are grouped into debts
// (LineOwed.Debt: an invoice with its indemnity and penalty is one debt).
// The debts the debtor chose when paying come first (1342-10 al. 1). Then,
// failing a choice (1342-10 al. 2): the debts already due on the day
// received before those not yet due; among them, the debt the debtor has
// most interest in paying, that is the one bearing the higher rate of
// interest or late penalties on that day; at equal interest, the oldest
// (earliest due date); all things equal, proportionally to what each owes.
//
// Then, inside each debt (Code civil 1343-1): the part of the payment a
// debt receives pays its interest first, then its accessories (the 40 €
// indemnity, penalties), and its principal last. The debtor cannot impute
// on principal before interest without the creditor's consent, even on a
// debt he chose.
//
// Nothing is created or lost: the parts plus the credit sum to the amount.
func Allocate(amount Cents, received Date, owed []LineOwed, chosen []int64) (Allocation, error) {
	if amount <= 0 {
		return Allocation{}, fmt.Errorf("%w : le montant doit être positif (%s)", ErrAllocation, amount)
	}
	ids := map[int64]int{}
	for i, l := range owed {
		if l.Principal < 0 || l.Interest < 0 || l.Accessory < 0 || l.RateBP < 0 {
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

// owedDebt is one debt of 1342-10: the lines it is made of and what ranks it.
type owedDebt struct {
	lines  []int // indices into the owed lines, in their order
	chosen bool  // the debtor chose it
	notDue bool  // not yet due on the day received
	rate   int64 // the highest rate its lines bear that day
	oldest Date  // its earliest due date (zero: due long ago)
	total  Cents // what it owes
}

// compareDebts orders debts as 1342-10 does: chosen first, then due before
// not due, then the higher rate, then the oldest. 0: equal, shared pro rata.
func compareDebts(a, b owedDebt) int {
	switch {
	case a.chosen != b.chosen:
		if a.chosen {
			return -1
		}
		return 1
	case a.notDue != b.notDue:
		if a.notDue {
			return 1
		}
		return -1
	case a.rate != b.rate:
		if a.rate > b.rate {
			return -1
		}
		return 1
	}
	return a.oldest.Compare(b.oldest)
}

// debtsOf groups the owed lines into debts, in the order of their first line.
func debtsOf(received Date, owed []LineOwed, chosen []bool) []owedDebt {
	var debts []owedDebt
	byKey := map[string]int{}
	for i, l := range owed {
		k := -1
		if l.Debt != "" {
			if j, ok := byKey[l.Debt]; ok {
				k = j
			}
		}
		if k < 0 {
			k = len(debts)
			debts = append(debts, owedDebt{oldest: l.DueDate})
			if l.Debt != "" {
				byKey[l.Debt] = k
			}
		}
		d := &debts[k]
		d.lines = append(d.lines, i)
		d.chosen = d.chosen || chosen[i]
		d.rate = max(d.rate, l.RateBP)
		if l.DueDate.Before(d.oldest) {
			d.oldest = l.DueDate
		}
		d.total += l.Total()
	}
	for k := range debts {
		d := &debts[k]
		d.notDue = !d.oldest.IsZero() && d.oldest.After(received)
	}
	return debts
}

// allocate does the work of Allocate on validated input; chosen[i] marks
// the lines the debtor chose.
func allocate(amount Cents, received Date, owed []LineOwed, chosen []bool) ([]Amounts, Cents) {
	debts := debtsOf(received, owed, chosen)
	order := make([]int, len(debts))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareDebts(debts[a], debts[b]) })

	parts := make([]Amounts, len(owed))
	left := amount
	for g := 0; g < len(order) && left > 0; {
		// The group of debts ranking equal with order[g].
		end := g + 1
		for end < len(order) && compareDebts(debts[order[g]], debts[order[end]]) == 0 {
			end++
		}
		grp := order[g:end]
		g = end
		var need Cents
		for _, k := range grp {
			need += debts[k].total
		}
		if need == 0 {
			continue
		}
		if left >= need {
			for _, k := range grp {
				payDebt(debts[k].total, debts[k].lines, owed, parts)
			}
			left -= need
			continue
		}
		// All things equal: proportionally to what each debt owes.
		shares := proRata(left, grp, func(k int) Cents { return debts[k].total })
		for j, k := range grp {
			payDebt(shares[j], debts[k].lines, owed, parts)
		}
		left = 0
	}
	return parts, left
}

// payDebt gives share (at most what the debt owes) to the lines of one
// debt: its interest first, then its accessories, then its principal
// (Code civil 1343-1); within one of these, the lines share pro rata.
func payDebt(share Cents, lines []int, owed []LineOwed, parts []Amounts) {
	field := func(a *Amounts, k int) *Cents {
		switch k {
		case 0:
			return &a.Interest
		case 1:
			return &a.Accessory
		}
		return &a.Principal
	}
	for k := 0; k < 3 && share > 0; k++ {
		weight := func(i int) Cents { o := owed[i].Amounts; return *field(&o, k) }
		var due Cents
		for _, i := range lines {
			due += weight(i)
		}
		if due == 0 {
			continue
		}
		if share >= due {
			for _, i := range lines {
				*field(&parts[i], k) += weight(i)
			}
			share -= due
			continue
		}
		for j, s := range proRata(share, lines, weight) {
			*field(&parts[lines[j]], k) += s
		}
		share = 0
	}
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

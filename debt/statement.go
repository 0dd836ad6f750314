package debt

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Payment is money received from a debtor (encaissement), as the statement
// of account needs it.
type Payment struct {
	ID       int64 `json:"id"`
	Received Date  `json:"received"`
	Amount   Cents `json:"amount_cents"`
	// Lines are the claim lines the debtor chose to pay, if any.
	Lines []int64 `json:"lines,omitempty"`
	// Cancelled payments (cancelled by a counter-entry) count for nothing.
	Cancelled bool `json:"cancelled"`
	// Recorded is the allocation written when the payment was taken, the
	// one its receipt states: evidence, replayed as it is while it still
	// fits what the claim owes (see ComputeStatement). Nil for a payment
	// not yet recorded: it is allocated by the law (Allocate).
	Recorded []LineAllocation `json:"recorded,omitempty"`
}

// StatementInput is what a statement of account needs.
type StatementInput struct {
	Case Case
	At   Date // the statement's date: interest runs to it, included
	// NoticeDate is the formal notice date from which legal interest runs
	// (the sending or the first presentation date, per the office
	// setting). The case's InterestTerms.From, when set, overrides it.
	// Zero with legal interest and no override: no interest yet.
	NoticeDate     Date
	Payments       []Payment
	Rates          RateTable
	LeapDivisor366 bool
}

// StatementLine is one claim line in a statement of account.
type StatementLine struct {
	LineID    int64     `json:"line_id"`
	Kind      ClaimKind `json:"kind"`
	Label     string    `json:"label"`
	DocNumber string    `json:"doc_number,omitempty"`
	DueDate   Date      `json:"due_date,omitzero"`
	// Owed is the line's amount (as principal or accessory) plus the
	// interest accrued on it to the statement's date.
	Owed    Amounts `json:"owed"`
	Paid    Amounts `json:"paid"`
	Balance Amounts `json:"balance"` // Owed − Paid
	// InterestFrom is the date interest runs from (excluded); zero when
	// the line bears none. Interest is its breakdown.
	InterestFrom Date           `json:"interest_from,omitzero"`
	Interest     InterestResult `json:"interest"`
}

// PaymentAllocation is how one payment was allocated in a statement.
type PaymentAllocation struct {
	Payment Payment          `json:"payment"`
	Lines   []LineAllocation `json:"lines"`        // the lines it reached
	Credit  Cents            `json:"credit_cents"` // overpayment
	// Reallocated: the payment had a recorded allocation that no longer
	// fits the claim (a line changed or was removed since): it was
	// allocated again by the law.
	Reallocated bool `json:"reallocated,omitempty"`
}

// Statement is the statement of account (décompte) of a case at a date.
type Statement struct {
	At           Date                `json:"at"`
	InterestKind InterestKind        `json:"interest_kind"`
	Lines        []StatementLine     `json:"lines"`
	Owed         Amounts             `json:"owed"`
	Paid         Amounts             `json:"paid"`
	Balance      Amounts             `json:"balance"`
	Credit       Cents               `json:"credit_cents"` // overpaid, owed back to the debtor
	Payments     []PaymentAllocation `json:"payments"`
}

// Due returns what the debtor still owes: the balance's total.
func (s Statement) Due() Cents { return s.Balance.Total() }

// Indemnities returns the fixed recovery indemnities (40 € per late
// invoice) claimed, a part of the accessories.
func (s Statement) Indemnities() Cents {
	var sum Cents
	for _, l := range s.Lines {
		if l.Kind == LineIndemnity {
			sum += l.Owed.Accessory
		}
	}
	return sum
}

// ErrStatement is wrapped by the errors ComputeStatement returns for bad
// input (a missing rate is a *MissingRateError instead).
var ErrStatement = errors.New("décompte impossible")

// ComputeStatement computes the statement of account of a case at a date:
// per claim line and in total, principal, interest accrued to that date
// with its breakdown, accessories (indemnities, penalties), the payments
// received up to that date and how each was allocated, and the balance.
//
// Interest is simple interest on principal lines only (no interest on
// interest or on accessories, Code civil 1343-2), of the case's
// InterestTerms kind:
//   - legal: from the formal notice date (or InterestTerms.From);
//   - business penalties and contractual rate: from each line's due date
//     (or InterestTerms.From), i.e. from the day after it;
//
// never before a line is due. Payments are taken in date order (then by
// ID); each is allocated (see Allocate) over what is owed on its day,
// interest accrued to that day included, and the principal it pays stops
// bearing interest from the next day. Cancelled payments and payments
// after At are left out.
func ComputeStatement(in StatementInput) (Statement, error) {
	c := in.Case
	st := Statement{At: in.At, InterestKind: c.Interest.Kind}
	if in.At.IsZero() {
		return st, fmt.Errorf("%w : date du décompte manquante", ErrStatement)
	}
	ids := map[int64]int{}
	for i, l := range c.Lines {
		if l.Amount < 0 {
			return st, fmt.Errorf("%w : montant négatif sur la ligne « %s »", ErrStatement, l.Label)
		}
		if l.ID != 0 {
			if _, dup := ids[l.ID]; dup {
				return st, fmt.Errorf("%w : la ligne %d figure deux fois", ErrStatement, l.ID)
			}
			ids[l.ID] = i
		}
	}

	var pays []Payment
	for _, p := range in.Payments {
		if p.Cancelled {
			continue
		}
		if p.Received.IsZero() || p.Amount <= 0 {
			return st, fmt.Errorf("%w : encaissement %d sans date ou de montant nul", ErrStatement, p.ID)
		}
		if !p.Received.After(in.At) {
			pays = append(pays, p)
		}
	}
	slices.SortStableFunc(pays, func(a, b Payment) int {
		if d := a.Received.Compare(b.Received); d != 0 {
			return d
		}
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})

	st.Lines = make([]StatementLine, len(c.Lines))
	// reductions[i] holds, per payment so far, the principal it paid on
	// line i (zero amounts included: every payment date splits interest,
	// so interest to a payment date is a prefix of interest to At).
	reductions := make([][]DatedAmount, len(c.Lines))
	for i, l := range c.Lines {
		sl := StatementLine{LineID: l.ID, Kind: l.Kind, Label: l.Label, DocNumber: l.DocNumber, DueDate: l.DueDate}
		if l.Kind == LinePrincipal {
			sl.Owed.Principal = l.Amount
			sl.InterestFrom = interestStart(c, l, in.NoticeDate)
		} else {
			sl.Owed.Accessory = l.Amount
		}
		st.Lines[i] = sl
	}
	interestTo := func(i int, to Date) (InterestResult, error) {
		sl := st.Lines[i]
		if sl.InterestFrom.IsZero() || !to.After(sl.InterestFrom) {
			return InterestResult{}, nil
		}
		return ComputeInterest(InterestInput{
			Principal: sl.Owed.Principal, From: sl.InterestFrom, To: to,
			Kind: c.Interest.Kind, Creditor: c.Creditor.LegalKind, RateBP: c.Interest.RateBP,
			Rates: in.Rates, Payments: reductions[i], LeapDivisor366: in.LeapDivisor366,
		})
	}

	for _, p := range pays {
		owed := make([]LineOwed, len(c.Lines))
		for i, sl := range st.Lines {
			r, err := interestTo(i, p.Received)
			if err != nil {
				return st, err
			}
			left := Amounts{Principal: sl.Owed.Principal, Interest: r.Total, Accessory: sl.Owed.Accessory}.Sub(sl.Paid)
			owed[i] = LineOwed{LineID: sl.LineID, DueDate: sl.DueDate, Debt: debtKey(c.Lines[i]), Amounts: left}
			// The rate the line bears on the day received ranks its debt
			// (1342-10: the debt the debtor has most interest in paying).
			if !sl.InterestFrom.IsZero() && p.Received.After(sl.InterestFrom) {
				rate, err := InterestInput{Kind: c.Interest.Kind, Creditor: c.Creditor.LegalKind, RateBP: c.Interest.RateBP,
					Rates: in.Rates}.rateOn(SemesterOf(p.Received))
				if err != nil {
					return st, err
				}
				owed[i].RateBP = rate
			}
		}
		chosen := make([]bool, len(c.Lines))
		for _, id := range p.Lines {
			i, ok := ids[id]
			if !ok {
				return st, fmt.Errorf("%w : l'encaissement %d désigne une ligne %d inconnue", ErrStatement, p.ID, id)
			}
			chosen[i] = true
		}
		parts, credit, replayed := replay(p, owed, ids)
		if !replayed {
			parts, credit = allocate(p.Amount, p.Received, owed, chosen)
		}
		pa := PaymentAllocation{Payment: p, Credit: credit, Reallocated: p.Recorded != nil && !replayed}
		for i, part := range parts {
			st.Lines[i].Paid = st.Lines[i].Paid.Add(part)
			reductions[i] = append(reductions[i], DatedAmount{Date: p.Received, Amount: part.Principal})
			if part.Total() != 0 {
				pa.Lines = append(pa.Lines, LineAllocation{LineID: st.Lines[i].LineID, Amounts: part})
			}
		}
		st.Credit += credit
		st.Payments = append(st.Payments, pa)
	}

	for i := range st.Lines {
		r, err := interestTo(i, in.At)
		if err != nil {
			return st, err
		}
		sl := &st.Lines[i]
		sl.Interest = r
		sl.Owed.Interest = r.Total
		sl.Balance = sl.Owed.Sub(sl.Paid)
		st.Owed = st.Owed.Add(sl.Owed)
		st.Paid = st.Paid.Add(sl.Paid)
		st.Balance = st.Balance.Add(sl.Balance)
	}
	return st, nil
}

// interestStart returns the date a principal line's interest runs from
// (excluded), or the zero Date when it bears none.
func interestStart(c Case, l ClaimLine, notice Date) Date {
	var start Date
	switch c.Interest.Kind {
	case InterestLegal:
		start = notice
	case InterestBusiness, InterestContractual:
		start = l.DueDate
	default:
		return Date{}
	}
	if !c.Interest.From.IsZero() {
		start = c.Interest.From
	}
	if start.IsZero() {
		return Date{}
	}
	if l.DueDate.After(start) {
		start = l.DueDate
	}
	return start
}

// debtKey names the debt a claim line belongs to for Code civil 1342-10:
// the lines carrying the same document number (an invoice, its 40 €
// indemnity, its penalty) are one debt; a line without one is its own.
func debtKey(l ClaimLine) string {
	if n := strings.TrimSpace(l.DocNumber); n != "" {
		return "piece:" + n
	}
	return ""
}

// replay returns the recorded allocation of p when it still fits what is
// owed: every line it names exists, no part exceeds what the line owes,
// the parts do not exceed the payment, and a credit only remains once
// everything is paid. ok is false otherwise (or when p has none).
func replay(p Payment, owed []LineOwed, ids map[int64]int) (parts []Amounts, credit Cents, ok bool) {
	if p.Recorded == nil {
		return nil, 0, false
	}
	parts = make([]Amounts, len(owed))
	var sum Cents
	for _, a := range p.Recorded {
		i, found := ids[a.LineID]
		if !found || a.Principal < 0 || a.Interest < 0 || a.Accessory < 0 {
			return nil, 0, false
		}
		parts[i] = parts[i].Add(a.Amounts)
		sum += a.Total()
	}
	var rest Cents
	for i, o := range owed {
		q := parts[i]
		if q.Principal > o.Principal || q.Interest > o.Interest || q.Accessory > o.Accessory {
			return nil, 0, false
		}
		rest += o.Total() - q.Total()
	}
	credit = p.Amount - sum
	if credit < 0 || (credit > 0 && rest > 0) {
		return nil, 0, false
	}
	return parts, credit, true
}

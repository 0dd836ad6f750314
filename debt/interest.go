package debt

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"time"
)

// BusinessMarginBP is what Code de commerce L441-10 adds to the ECB rate
// for business late penalties: 10 points.
const BusinessMarginBP = 1000

// InterestPeriod is one line of an interest breakdown: the days after From
// up to and including To, on a constant base at a constant rate.
type InterestPeriod struct {
	From    Date  `json:"from"` // excluded
	To      Date  `json:"to"`   // included
	Days    int   `json:"days"` // To − From
	Base    Cents `json:"base_cents"`
	RateBP  int64 `json:"rate_bp"`
	Divisor int   `json:"divisor"` // 365, or 366 in a leap year when that setting is on
	Amount  Cents `json:"amount_cents"`
}

// InterestResult is an interest computation: its breakdown, and the total,
// which is the sum of the rounded amounts of the periods.
type InterestResult struct {
	Periods []InterestPeriod `json:"periods"`
	Total   Cents            `json:"total_cents"`
}

// DatedAmount is an amount at a date; in an interest computation, a
// payment of principal received that day.
type DatedAmount struct {
	Date   Date  `json:"date"`
	Amount Cents `json:"amount_cents"`
}

// InterestInput is what an interest computation needs.
type InterestInput struct {
	Principal Cents // owed at From
	From      Date  // excluded: interest runs from the next day
	To        Date  // included
	// Kind chooses the rate: InterestLegal (the semester's legal rate for
	// the Creditor's kind), InterestBusiness (the semester's ECB rate + 10
	// points) or InterestContractual (RateBP). InterestNone and
	// InterestUnset give no interest.
	Kind     InterestKind
	Creditor LegalKind // chooses the legal rate
	RateBP   int64     // contractual annual rate
	Rates    RateTable
	// Payments of principal: each lowers the base from the day after it is
	// received. Every payment date inside the period also closes a
	// sub-period, so that the breakdown shows what was owed when it came.
	Payments []DatedAmount
	// LeapDivisor366 divides by 366 instead of 365 for days of a leap year
	// (an office setting, off by default).
	LeapDivisor366 bool
}

// ErrInterest is wrapped by the errors ComputeInterest returns for bad
// input (a missing rate is a *MissingRateError instead).
var ErrInterest = errors.New("calcul des intérêts impossible")

// ComputeInterest computes simple interest on the principal from From
// (excluded) to To (included), split at every semester boundary (a part
// ending 30 June includes it, the next starts 1 July) and at every payment
// date. Each part is base × days × rate / (100 × 365), rounded half away
// from zero to the cent with exact integer arithmetic; the total is the sum
// of the rounded parts. Parts whose base is zero are left out.
func ComputeInterest(in InterestInput) (InterestResult, error) {
	var res InterestResult
	if in.Kind == InterestNone || in.Kind == InterestUnset {
		return res, nil
	}
	if in.From.IsZero() || in.To.IsZero() {
		return res, fmt.Errorf("%w : dates de début et de fin obligatoires", ErrInterest)
	}
	if in.To.Before(in.From) {
		return res, fmt.Errorf("%w : la date de fin (%s) précède la date de début (%s)", ErrInterest, in.To, in.From)
	}
	if in.Principal < 0 {
		return res, fmt.Errorf("%w : principal négatif (%s)", ErrInterest, in.Principal)
	}
	switch in.Kind {
	case InterestLegal, InterestBusiness:
	case InterestContractual:
		if in.RateBP <= 0 || in.RateBP > maxRateBP {
			return res, fmt.Errorf("%w : taux contractuel %s invraisemblable", ErrInterest, FormatRate(in.RateBP))
		}
	default:
		return res, fmt.Errorf("%w : type d'intérêts « %s » inconnu", ErrInterest, in.Kind)
	}

	// The base at the start: payments received on or before From lower it
	// from the first day counted.
	base := in.Principal
	pays := slices.Clone(in.Payments)
	slices.SortStableFunc(pays, func(a, b DatedAmount) int { return a.Date.Compare(b.Date) })
	for _, p := range pays {
		if p.Date.IsZero() || p.Amount < 0 {
			return res, fmt.Errorf("%w : paiement sans date ou négatif", ErrInterest)
		}
	}
	i := 0
	for ; i < len(pays) && !pays[i].Date.After(in.From); i++ {
		base -= pays[i].Amount
	}
	base = max(base, 0)

	// One part per semester touched, plus one per payment inside.
	semesters := (in.To.Year()-in.From.Year())*2 + SemesterOf(in.To).Half - SemesterOf(in.From).Half + 1
	res.Periods = make([]InterestPeriod, 0, semesters+len(pays)-i)
	from := in.From
	for from.Before(in.To) {
		// The part ends at the earliest of To, the semester's end and the
		// next payment date.
		to := SemesterOf(from.AddDays(1)).End()
		if in.To.Before(to) {
			to = in.To
		}
		if i < len(pays) && pays[i].Date.Before(to) {
			to = pays[i].Date
		}
		if base > 0 {
			p, err := in.part(from, to, base)
			if err != nil {
				return InterestResult{}, err
			}
			res.Periods = append(res.Periods, p)
			res.Total += p.Amount
		}
		for ; i < len(pays) && !pays[i].Date.After(to); i++ {
			base = max(base-pays[i].Amount, 0)
		}
		from = to
	}
	return res, nil
}

// rateOn returns the annual rate of the input's kind in a semester: the
// legal rate for the creditor's kind (Code civil 1231-6, Code monétaire et
// financier L313-2), the ECB rate + 10 points (Code de commerce L441-10),
// or the contractual rate; 0 for no interest.
func (in InterestInput) rateOn(sem Semester) (int64, error) {
	switch in.Kind {
	case InterestLegal:
		return in.Rates.LegalRate(sem, in.Creditor)
	case InterestBusiness:
		r, err := in.Rates.ECBRate(sem)
		if err != nil {
			return 0, err
		}
		return r + BusinessMarginBP, nil
	case InterestContractual:
		return in.RateBP, nil
	}
	return 0, nil
}

// part computes one sub-period, all of whose days lie in one semester.
func (in InterestInput) part(from, to Date, base Cents) (InterestPeriod, error) {
	sem := SemesterOf(to)
	rate, err := in.rateOn(sem)
	if err != nil {
		return InterestPeriod{}, err
	}
	if rate < 0 {
		return InterestPeriod{}, fmt.Errorf("%w : taux négatif au %s", ErrInterest, sem.Label())
	}
	divisor := 365
	if in.LeapDivisor366 && isLeap(sem.Year) {
		divisor = 366
	}
	days := to.DaysSince(from)
	amount, ok := interestAmount(base, days, rate, divisor)
	if !ok {
		return InterestPeriod{}, fmt.Errorf("%w : montant hors limites", ErrInterest)
	}
	return InterestPeriod{From: from, To: to, Days: days, Base: base, RateBP: rate, Divisor: divisor, Amount: amount}, nil
}

// interestAmount returns base × days × rateBP / (divisor × 10 000) rounded
// half away from zero, computed exactly on 128 bits. All inputs are ≥ 0.
func interestAmount(base Cents, days int, rateBP int64, divisor int) (Cents, bool) {
	if base < 0 || days < 0 || rateBP < 0 || divisor <= 0 {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(base), uint64(days))
	if hi != 0 {
		return 0, false
	}
	hi, lo = bits.Mul64(lo, uint64(rateBP))
	d := uint64(divisor) * 10000
	if hi >= d {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, d)
	if 2*r >= d {
		q++
	}
	if q > 1<<62 {
		return 0, false
	}
	return Cents(q), true
}

func isLeap(y int) bool {
	return time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC).YearDay() == 366
}

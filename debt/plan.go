package debt

import (
	"errors"
	"fmt"
)

// Frequency is how often a payment plan's instalments fall due.
type Frequency string

const (
	Monthly Frequency = "mensuel"
	Weekly  Frequency = "hebdomadaire"
	Custom  Frequency = "personnalise"
)

// Label returns the French label of the frequency.
func (f Frequency) Label() string {
	switch f {
	case Monthly:
		return "Mensuelle"
	case Weekly:
		return "Hebdomadaire"
	case Custom:
		return "Dates libres"
	}
	return string(f)
}

// MaxPlanMonths is the usual ceiling of an amicable plan (a judge may grant
// up to two years, Code civil 1343-5): beyond it the plan gets a warning.
const MaxPlanMonths = 24

// Instalment is one due payment of a plan (échéance).
type Instalment struct {
	N      int   `json:"n"` // 0 for the down payment, then 1, 2…
	Due    Date  `json:"due"`
	Amount Cents `json:"amount_cents"`
}

// PlanSpec describes a plan to build from a balance.
type PlanSpec struct {
	Total Cents // the balance the plan settles
	// Down is an optional down payment, due on DownDate (default: First).
	Down     Cents
	DownDate Date
	// Either Count instalments, or instalments of Amount (the last one
	// smaller); for Custom, the Custom list itself.
	Count  int
	Amount Cents
	First  Date // first instalment's due date
	Every  Frequency
	// DayOfMonth for monthly plans (1-31, clamped to the month's last
	// day); 0 means First's day.
	DayOfMonth int
	Custom     []Instalment
}

// ErrPlan is wrapped by every error BuildPlan returns.
var ErrPlan = errors.New("échéancier impossible")

// BuildPlan computes the instalments of a plan. Equal instalments carry the
// rounding remainder on the last one; the instalments always sum to the
// total. It returns French warnings (a plan longer than 24 months) beside
// the instalments.
func BuildPlan(s PlanSpec) ([]Instalment, []string, error) {
	if s.Total <= 0 {
		return nil, nil, fmt.Errorf("%w : il ne reste rien à payer", ErrPlan)
	}
	if s.Down < 0 || s.Down >= s.Total {
		return nil, nil, fmt.Errorf("%w : l'acompte doit être positif et inférieur au solde (%s)", ErrPlan, s.Total)
	}
	if s.First.IsZero() && s.Every != Custom {
		return nil, nil, fmt.Errorf("%w : date de la première échéance manquante", ErrPlan)
	}
	var out []Instalment
	if s.Down > 0 {
		d := s.DownDate
		if d.IsZero() {
			d = s.First
		}
		if !s.First.IsZero() && d.After(s.First) {
			return nil, nil, fmt.Errorf("%w : l'acompte doit précéder la première échéance", ErrPlan)
		}
		out = append(out, Instalment{N: 0, Due: d, Amount: s.Down})
	}
	rest := s.Total - s.Down
	switch s.Every {
	case Custom:
		if len(s.Custom) == 0 {
			return nil, nil, fmt.Errorf("%w : aucune échéance saisie", ErrPlan)
		}
		var sum Cents
		prev := Date{}
		if len(out) > 0 {
			prev = out[0].Due
		}
		for i, in := range s.Custom {
			if in.Due.IsZero() || in.Amount <= 0 {
				return nil, nil, fmt.Errorf("%w : l'échéance %d doit avoir une date et un montant positif", ErrPlan, i+1)
			}
			if !prev.IsZero() && !in.Due.After(prev) {
				return nil, nil, fmt.Errorf("%w : les dates doivent se suivre (échéance %d le %s)", ErrPlan, i+1, in.Due)
			}
			prev = in.Due
			sum += in.Amount
			out = append(out, Instalment{N: i + 1, Due: in.Due, Amount: in.Amount})
		}
		if sum != rest {
			return nil, nil, fmt.Errorf("%w : les échéances totalisent %s au lieu de %s", ErrPlan, sum, rest)
		}
	case Monthly, Weekly:
		count := s.Count
		switch {
		case s.Count > 0 && s.Amount > 0:
			return nil, nil, fmt.Errorf("%w : indiquez soit le nombre d'échéances soit leur montant", ErrPlan)
		case s.Amount > 0:
			count = int((rest + s.Amount - 1) / s.Amount)
		case s.Count <= 0:
			return nil, nil, fmt.Errorf("%w : indiquez le nombre d'échéances ou leur montant", ErrPlan)
		}
		if count > 520 {
			return nil, nil, fmt.Errorf("%w : %d échéances, c'est trop", ErrPlan, count)
		}
		amount := s.Amount
		if amount == 0 {
			amount = rest / Cents(count)
			if amount == 0 {
				return nil, nil, fmt.Errorf("%w : %d échéances pour %s font moins d'un centime chacune", ErrPlan, count, rest)
			}
		}
		if s.DayOfMonth < 0 || s.DayOfMonth > 31 {
			return nil, nil, fmt.Errorf("%w : jour du mois %d impossible", ErrPlan, s.DayOfMonth)
		}
		for i := 0; i < count; i++ {
			due := s.First.AddDays(7 * i)
			if s.Every == Monthly {
				due = monthlyDue(s.First, s.DayOfMonth, i)
			}
			a := amount
			if i == count-1 {
				a = rest - amount*Cents(count-1)
			}
			out = append(out, Instalment{N: i + 1, Due: due, Amount: a})
		}
	default:
		return nil, nil, fmt.Errorf("%w : périodicité inconnue", ErrPlan)
	}
	var warnings []string
	first, last := out[0].Due, out[len(out)-1].Due
	if last.After(first.AddMonths(MaxPlanMonths)) {
		warnings = append(warnings, fmt.Sprintf("L'échéancier court sur plus de %d mois (jusqu'au %s) : au-delà de ce qu'un juge peut accorder (Code civil 1343-5).", MaxPlanMonths, last))
	}
	return out, warnings, nil
}

// monthlyDue returns the i-th monthly due date from first, on day (or
// first's day when day is 0), clamped to the month's last day.
func monthlyDue(first Date, day, i int) Date {
	if day == 0 {
		day = first.Day()
	}
	m := first.AddMonths(i)
	start := NewDate(m.Year(), m.Month(), 1)
	last := start.AddMonths(1).AddDays(-1).Day()
	return NewDate(m.Year(), m.Month(), min(day, last))
}

// InstalmentState is where an instalment stands.
type InstalmentState string

const (
	InstUpcoming InstalmentState = "a_venir"
	InstDue      InstalmentState = "exigible" // due today
	InstPaid     InstalmentState = "payee"
	InstPartly   InstalmentState = "partielle" // partly paid, not yet late
	InstLate     InstalmentState = "en_retard" // past due, within the grace days
	InstMissed   InstalmentState = "impayee"   // past due and past the grace days
)

// Label returns the French label of the state.
func (s InstalmentState) Label() string {
	switch s {
	case InstUpcoming:
		return "À venir"
	case InstDue:
		return "Exigible"
	case InstPaid:
		return "Payée"
	case InstPartly:
		return "Payée en partie"
	case InstLate:
		return "En retard"
	case InstMissed:
		return "Impayée"
	}
	return string(s)
}

// InstalmentStatus is an instalment with what was paid on it and its state.
type InstalmentStatus struct {
	Instalment
	Paid  Cents           `json:"paid_cents"`
	Left  Cents           `json:"left_cents"`
	State InstalmentState `json:"state"`
}

// PlanStatus applies the total paid under the plan to its instalments,
// oldest first, and grades each at today: an unpaid instalment is late
// from the day after its due date and missed once graceDays have passed.
func PlanStatus(inst []Instalment, paid Cents, today Date, graceDays int) []InstalmentStatus {
	out := make([]InstalmentStatus, len(inst))
	left := paid
	for i, in := range inst {
		st := InstalmentStatus{Instalment: in}
		st.Paid = min(left, in.Amount)
		if st.Paid < 0 {
			st.Paid = 0
		}
		left -= st.Paid
		st.Left = in.Amount - st.Paid
		switch {
		case st.Left == 0:
			st.State = InstPaid
		case today.Before(in.Due):
			st.State = InstUpcoming
			if st.Paid > 0 {
				st.State = InstPartly
			}
		case today.Equal(in.Due):
			st.State = InstDue
			if st.Paid > 0 {
				st.State = InstPartly
			}
		case !today.After(in.Due.AddDays(graceDays)):
			st.State = InstLate
		default:
			st.State = InstMissed
		}
		out[i] = st
	}
	return out
}

package debt

import "fmt"

// Rules are the office's settings for the computations: its calendar
// (Alsace-Moselle holidays, closure days), the leap-year divisor, where
// legal interest starts, and when a limitation date starts to warn.
type Rules struct {
	Calendar Calendar `json:"calendar"`
	// LeapDivisor366 divides interest by 366 for days of a leap year
	// (unverified in the brief: off by default).
	LeapDivisor366 bool `json:"leap_divisor_366"`
	// NoticeFromPresentation makes legal interest run from the formal
	// notice's first presentation instead of its sending (the default).
	NoticeFromPresentation bool `json:"notice_from_presentation"`
	// LimitationWarnDays and LimitationUrgentDays: a limitation date within
	// that many days raises a warning, then an urgent one.
	LimitationWarnDays   int `json:"limitation_warn_days"`
	LimitationUrgentDays int `json:"limitation_urgent_days"`
	// PlanGraceDays: an unpaid instalment counts as missed that many days
	// after its due date (practice: 8 to 15).
	PlanGraceDays int `json:"plan_grace_days"`
}

// DefaultRules returns the rules of a new office: rest of France, no
// closure days, 365-day divisor, interest from the sending of the notice,
// warnings 90 and 30 days before a limitation date, 10 days of grace before
// an instalment counts as missed.
func DefaultRules() Rules {
	return Rules{LimitationWarnDays: 90, LimitationUrgentDays: 30, PlanGraceDays: 10}
}

// Validate checks the rules a person typed.
func (r Rules) Validate() []FieldError {
	var errs []FieldError
	if r.LimitationWarnDays < 1 || r.LimitationWarnDays > 730 {
		errs = append(errs, FieldError{"limitation_warn_days", "Le délai d'alerte de prescription doit être compris entre 1 et 730 jours"})
	}
	if r.LimitationUrgentDays < 1 || r.LimitationUrgentDays > r.LimitationWarnDays {
		errs = append(errs, FieldError{"limitation_urgent_days", fmt.Sprintf("L'alerte urgente doit être comprise entre 1 et %d jours", r.LimitationWarnDays)})
	}
	if r.PlanGraceDays < 0 || r.PlanGraceDays > 60 {
		errs = append(errs, FieldError{"plan_grace_days", "Le délai de grâce des échéances doit être compris entre 0 et 60 jours"})
	}
	seen := map[Date]bool{}
	for _, d := range r.Calendar.Closures {
		if d.IsZero() {
			errs = append(errs, FieldError{"closures", "Un jour de fermeture est vide"})
		} else if seen[d] {
			errs = append(errs, FieldError{"closures", "Le jour de fermeture " + d.String() + " figure deux fois"})
		}
		seen[d] = true
	}
	return errs
}

package data

import (
	"context"
	"slices"
	"time"

	"amiable/debt"
)

// Rules returns the office's computation rules (defaults when never saved).
func (s *Store) Rules(ctx context.Context) (debt.Rules, error) {
	r := debt.DefaultRules()
	_, err := getSetting(ctx, s.ro, "rules", &r)
	return r, err
}

// SaveRules validates and stores the computation rules, journaling the change.
func (s *Store) SaveRules(ctx context.Context, r debt.Rules, author string, now time.Time) error {
	if errs := r.Validate(); len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	slices.SortFunc(r.Calendar.Closures, func(a, b debt.Date) int { return a.Compare(b) })
	return s.SaveSetting(ctx, "rules", r, "règles de calcul (calendrier, intérêts, prescription)", author, now)
}

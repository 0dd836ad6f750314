package data

import (
	"context"
	"fmt"

	"amiable/debt"
)

// PendingReminder returns the reminder of a case whose deadline has not
// expired on the day at (debt.PendingReminder): a formal notice dated at
// would come before it, which a person must confirm.
func (s *Store) PendingReminder(ctx context.Context, caseID int64, at debt.Date) (debt.IssuedStep, bool, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT kind, ref, letter_date, deadline FROM letters
		WHERE case_id = ? AND kind IN (?, ?) AND deadline != '' ORDER BY letter_date, id`, caseID, debt.LetterReminder1, debt.LetterReminder2)
	if err != nil {
		return debt.IssuedStep{}, false, fmt.Errorf("pending reminder: %w", err)
	}
	defer rows.Close()
	var steps []debt.IssuedStep
	for rows.Next() {
		var st debt.IssuedStep
		var date, deadline string
		if err := rows.Scan(&st.Kind, &st.Ref, &date, &deadline); err != nil {
			return debt.IssuedStep{}, false, err
		}
		st.Date, st.Deadline = mustDate(date), mustDate(deadline)
		steps = append(steps, st)
	}
	if err := rows.Err(); err != nil {
		return debt.IssuedStep{}, false, err
	}
	p, ok := debt.PendingReminder(steps, at)
	return p, ok, nil
}

package data

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"amiable/debt"
)

// The morning review pages its flags like the case list: the counts per
// kind (the groups' headers and the rail's badge) come from one GROUP BY,
// and each page from the partial index flags_active (kind, due), one kind
// after the other in the review's order. Sorting every flag to handle
// (tens of thousands after a first sweep of a large office) for each page
// would read them all; a kind's page reads its rows in due order and
// sorts only the ties (same due date) by case reference and id.

// activeFlagsWhere selects the flags to handle on the day ?1 (flags f):
// open ones, and snoozed ones whose date has come.
const activeFlagsWhere = `f.state IN ('ouverte', 'reportee') AND (f.state = 'ouverte' OR f.snoozed_until <= ?)`

// FlagCount is how many flags of a kind are to handle.
type FlagCount struct {
	Kind  debt.FlagKind
	Count int
}

// FlagQuery is a page of the flags to handle on Today, in SortFlags's
// order (most urgent kind first, then oldest due date, case reference,
// id). Kinds, when not empty, keeps only those kinds. Counts, when given,
// are CountOpenFlagsByKind's answer for the same day (the query then does
// not count again); Limit 0 means every row from Offset.
type FlagQuery struct {
	Today  debt.Date
	Kinds  []debt.FlagKind
	Counts []FlagCount
	Offset int
	Limit  int
}

// CountOpenFlagsByKind counts the flags to handle on today per kind, in
// the review's order (SortFlags's: most urgent kind first, unknown kinds
// last by name); kinds without a flag are left out.
func (s *Store) CountOpenFlagsByKind(ctx context.Context, today debt.Date) ([]FlagCount, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT f.kind, count(*) FROM flags f WHERE `+activeFlagsWhere+` GROUP BY f.kind`, today.ISO())
	if err != nil {
		return nil, fmt.Errorf("count flags: %w", err)
	}
	defer rows.Close()
	var out []FlagCount
	for rows.Next() {
		var c FlagCount
		if err := rows.Scan(&c.Kind, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count flags: %w", err)
	}
	slices.SortFunc(out, func(a, b FlagCount) int {
		return cmp.Or(cmp.Compare(a.Kind.Rank(), b.Kind.Rank()), cmp.Compare(a.Kind, b.Kind))
	})
	return out, nil
}

// FlagPage returns a page of the flags to handle, in SortFlags's order.
func (s *Store) FlagPage(ctx context.Context, q FlagQuery) ([]FlagRow, error) {
	counts := q.Counts
	if counts == nil {
		var err error
		if counts, err = s.CountOpenFlagsByKind(ctx, q.Today); err != nil {
			return nil, err
		}
	}
	offset, limit := max(q.Offset, 0), q.Limit
	out := []FlagRow{}
	for _, c := range counts {
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, c.Kind) {
			continue
		}
		if offset >= c.Count {
			offset -= c.Count
			continue
		}
		n := c.Count - offset
		if limit > 0 {
			n = min(n, limit-len(out))
		}
		rows, err := s.kindPage(ctx, q.Today, c.Kind, offset, n)
		if err != nil {
			return nil, err
		}
		out = append(out, rows...)
		offset = 0
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// kindPage reads n flags of one kind from offset, by due date, case
// reference and id.
func (s *Store) kindPage(ctx context.Context, today debt.Date, kind debt.FlagKind, offset, n int) ([]FlagRow, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT `+flagColumns+` FROM flags f LEFT JOIN cases k ON k.id = f.case_id
		WHERE f.kind = ? AND `+activeFlagsWhere+` ORDER BY f.due, coalesce(k.ref, ''), f.id LIMIT ? OFFSET ?`,
		string(kind), today.ISO(), n, offset)
	if err != nil {
		return nil, fmt.Errorf("flag page: %w", err)
	}
	return scanFlags(rows)
}

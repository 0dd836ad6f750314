package data

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"amiable/debt"
)

// ftsQuery turns what a person types into an FTS5 query: every word must
// match (AND), the last token of each word is a prefix, and a word made of
// several tokens ("2026-00042", "jean.dupont@mail.fr", "06.12.34") becomes a
// phrase. Every token is quoted, so FTS5 operators typed by a person are
// taken as text. It returns "" when nothing searchable was typed.
func ftsQuery(text string) string {
	var terms []string
	for _, word := range strings.Fields(text) {
		var tokens []string
		for _, t := range strings.FieldsFunc(word, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			tokens = append(tokens, t)
		}
		if len(tokens) == 0 {
			continue
		}
		terms = append(terms, `"`+strings.Join(tokens, " ")+`"*`)
	}
	return strings.Join(terms, " AND ")
}

// caseWhere builds the WHERE clause of a case query.
func caseWhere(q CaseQuery, withStatus bool) (string, []any) {
	var conds []string
	var args []any
	if m := ftsQuery(q.Text); m != "" {
		conds = append(conds, `c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ?
			UNION SELECT rowid >> 24 FROM journal_fts WHERE journal_fts MATCH ?
			UNION SELECT m.case_id FROM mail_fts JOIN mails m INDEXED BY mails_id_case ON m.id = mail_fts.rowid WHERE mail_fts MATCH ?)`)
		args = append(args, m, m, m)
	} else if strings.TrimSpace(q.Text) != "" {
		conds = append(conds, "0")
	}
	if withStatus && len(q.Statuses) > 0 {
		ph := strings.TrimSuffix(strings.Repeat("?,", len(q.Statuses)), ",")
		conds = append(conds, "c.status IN ("+ph+")")
		for _, s := range q.Statuses {
			args = append(args, string(s))
		}
	}
	if q.OpenOnly {
		conds = append(conds, "c.status NOT IN "+closedStatusList)
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// closedStatusList is the SQL list of the statuses that close a case.
var closedStatusList = func() string {
	var q []string
	for _, s := range debt.Statuses {
		if s.Closed() {
			q = append(q, "'"+string(s)+"'")
		}
	}
	return "(" + strings.Join(q, ", ") + ")"
}()

var sortColumns = map[CaseSort]string{
	SortRef:       "c.ref",
	SortCreditor:  "c.creditor_sort",
	SortDebtor:    "c.debtor_sort",
	SortStatus:    "c.status",
	SortPrincipal: "c.principal_cents",
	SortBalance:   "c.balance_cents",
	SortOpened:    "c.opened",
	SortDeadline:  "c.next_deadline = '', c.next_deadline",
}

func caseOrder(q CaseQuery) string {
	col, ok := sortColumns[q.Sort]
	if !ok {
		col = sortColumns[SortRef]
	}
	dir := ""
	if q.Desc {
		dir = " DESC"
	}
	cols := strings.Split(col, ", ")
	for i := range cols {
		if !strings.Contains(cols[i], "= ''") {
			cols[i] += dir
		}
	}
	return " ORDER BY " + strings.Join(cols, ", ") + ", c.id" + dir
}

// ListCases returns the cases matching q, in q's order, one page at a time
// when q.Limit is set.
func (s *Store) ListCases(ctx context.Context, q CaseQuery) ([]CaseRow, error) {
	query, args := listCasesSQL(q)
	rows, err := s.ro.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	defer rows.Close()
	out := []CaseRow{}
	for rows.Next() {
		var r CaseRow
		var status, opened, deadline string
		if err := rows.Scan(&r.ID, &r.Ref, &r.Creditor, &r.Debtor, &r.Debtors, &status, &r.Principal, &r.Balance, &opened, &deadline, &r.AssignedTo); err != nil {
			return nil, fmt.Errorf("list cases: %w", err)
		}
		r.Status = debt.Status(status)
		r.Opened, _ = debt.ParseDate(opened)
		r.NextDeadline, _ = debt.ParseDate(deadline)
		out = append(out, r)
	}
	return out, rows.Err()
}

// listCasesSQL is the query of ListCases and its arguments.
func listCasesSQL(q CaseQuery) (string, []any) {
	where, args := caseWhere(q, true)
	return `SELECT c.id, c.ref, c.creditor_name, c.debtor_name, c.debtor_count, c.status, c.principal_cents,
		c.balance_cents, c.opened, c.next_deadline, c.assigned_to FROM cases c` + where + caseOrder(q) + limitClause(q.Limit, q.Offset), args
}

// countCasesSQL is the query of CountCases and its arguments.
func countCasesSQL(q CaseQuery) (string, []any) {
	where, args := caseWhere(q, true)
	return "SELECT count(*) FROM cases c" + where, args
}

// statusCountsSQL is the query of StatusCounts and its arguments.
func statusCountsSQL(q CaseQuery) (string, []any) {
	where, args := caseWhere(q, false)
	return "SELECT c.status, count(*) FROM cases c" + where + " GROUP BY c.status", args
}

// CountCases counts the cases matching q (ignoring its limit).
func (s *Store) CountCases(ctx context.Context, q CaseQuery) (int, error) {
	query, args := countCasesSQL(q)
	var n int
	if err := s.ro.QueryRowContext(ctx, query, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}

// StatusCounts counts the cases matching q per status, ignoring q.Statuses
// (the counts shown beside the status filter).
func (s *Store) StatusCounts(ctx context.Context, q CaseQuery) (map[debt.Status]int, error) {
	query, args := statusCountsSQL(q)
	rows, err := s.ro.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("status counts: %w", err)
	}
	defer rows.Close()
	counts := map[debt.Status]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		counts[debt.Status(st)] = n
	}
	return counts, rows.Err()
}

package data

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"amiable/debt"
)

// searchTerms cuts what a person types into the terms of a search, each
// a list of tokens that must follow one another, the last one a prefix:
// every word is a term (all must match), a word made of several tokens
// ("2026-00042", "jean.dupont@mail.fr", "06.12.34") is one term, and so
// are numbers typed in groups ("06 67 27", "732 829 320"), which would
// otherwise match any dates and amounts of the case's journal. Tokens are
// runs of letters and digits, as the search documents' words are on both
// engines; nothing else a person types is kept, so no operator of either
// engine's query language can come through. No term: nothing searchable.
func searchTerms(text string) [][]string {
	var terms [][]string
	digits := false // the last term is a phrase of numbers, open to the next
	for _, word := range strings.Fields(text) {
		tokens := strings.FieldsFunc(word, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(tokens) == 0 {
			continue
		}
		numbers := !strings.ContainsFunc(strings.Join(tokens, ""), unicode.IsLetter)
		if numbers && digits {
			terms[len(terms)-1] = append(terms[len(terms)-1], tokens...)
			continue
		}
		digits = numbers
		terms = append(terms, tokens)
	}
	return terms
}

// ftsQuery turns what a person types into an FTS5 query (SQLite): the
// terms of searchTerms joined by AND, each a quoted phrase whose last token
// is a prefix. It returns "" when nothing searchable was typed.
func ftsQuery(text string) string {
	var terms []string
	for _, tokens := range searchTerms(text) {
		terms = append(terms, `"`+strings.Join(tokens, " ")+`"*`)
	}
	return strings.Join(terms, " AND ")
}

// textPlan is how a case query finds the cases of a search: which cases
// match is the same whatever the plan; what differs is what SQLite reads.
type textPlan int

const (
	// planFew: the matching cases are looked up, then sorted (a name, a
	// reference: a few hundred cases at most).
	planFew textPlan = iota
	// planMany: the cases are read in the list's order, each checked
	// against the set of matching cases, until the page is full.
	planMany
	// planMost: the same, checked against the set of cases NOT matching,
	// which is the smaller (a word found in most cases, "relance").
	planMost
)

// pendingHits is the subquery of the cases whose pending words (written
// since their document was last folded) match an FTS5 query.
const pendingHits = `SELECT p.case_id FROM case_words_pending p WHERE p.id IN (SELECT rowid FROM pending_words WHERE pending_words MATCH ?)`

// textCond is the condition "case c matches the FTS5 query m" for plan.
func textCond(m string, plan textPlan) (string, []any) {
	switch plan {
	case planMost:
		return `(+c.id NOT IN (SELECT ` + wordsCase + ` FROM case_words WHERE case_words MATCH ?) OR c.id IN (` + pendingHits + `))`,
			[]any{searchMissing(m), m}
	case planMany:
		return `+c.id IN (SELECT ` + wordsCase + ` FROM case_words WHERE case_words MATCH ? UNION ALL ` + pendingHits + `)`,
			[]any{searchMatch(m), m}
	default:
		return `c.id IN (SELECT ` + wordsCase + ` FROM case_words WHERE case_words MATCH ? UNION ALL ` + pendingHits + `)`,
			[]any{searchMatch(m), m}
	}
}

// caseWhere builds the WHERE clause of a case query, its search found
// with plan.
func caseWhere(d *dialect, q CaseQuery, withStatus bool, plan textPlan) (string, []any) {
	var conds []string
	var args []any
	if m := d.searchQuery(q.Text); m != "" {
		cond, a := d.searchCond(m, plan)
		conds = append(conds, cond)
		args = append(args, a...)
	} else if strings.TrimSpace(q.Text) != "" {
		conds = append(conds, "1 = 0")
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
	plan, err := s.textPlan(ctx, q)
	if err != nil {
		return nil, err
	}
	query, args := listCasesSQL(s.dialect(), q, plan)
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

// textPlan chooses how q's search is read, from the share of the cases
// whose documents match it: the count of the status counts just taken for
// the same words (the list screen asks for them first), or a count FTS5
// answers from its index alone.
func (s *Store) textPlan(ctx context.Context, q CaseQuery) (textPlan, error) {
	d := s.dialect()
	m := d.searchQuery(q.Text)
	if m == "" {
		return planFew, nil
	}
	hits, cases, ok := s.lastSearch.get(m)
	if !ok {
		query, args := d.searchHits(m)
		if err := s.ro.QueryRowContext(ctx, query, args...).Scan(&hits, &cases); err != nil {
			return planFew, fmt.Errorf("search: %w", err)
		}
	}
	switch {
	case hits*2 > cases:
		return planMost, nil
	case hits*20 > cases:
		return planMany, nil
	}
	return planFew, nil
}

// searchHitsSQL counts the documents matching the FTS5 query m (SQLite,
// from its index alone) and gives the highest case id: the share of the
// office a search finds, which chooses its plan.
func searchHitsSQL(m string) (string, []any) {
	return `SELECT (SELECT count(*) FROM case_words WHERE case_words MATCH ?), (SELECT coalesce(max(id), 0) FROM cases)`, []any{searchMatch(m)}
}

// listCasesSQL is the query of ListCases and its arguments.
func listCasesSQL(d *dialect, q CaseQuery, plan textPlan) (string, []any) {
	where, args := caseWhere(d, q, true, plan)
	return `SELECT c.id, c.ref, c.creditor_name, c.debtor_name, c.debtor_count, c.status, c.principal_cents,
		c.balance_cents, c.opened, c.next_deadline, c.assigned_to FROM cases c` + where + caseOrder(q) + limitClause(q.Limit, q.Offset), args
}

// statusCountsSQL is the query of StatusCounts without a search and its
// arguments.
func statusCountsSQL(d *dialect, q CaseQuery) (string, []any) {
	where, args := caseWhere(d, q, false, planFew)
	return "SELECT c.status, count(*) FROM cases c" + where + " GROUP BY c.status", args
}

// searchCountsSQL counts the cases matching the FTS5 query m per status
// code (SQLite), in one row: the highest case id (the size of the office,
// for the plan of the page that follows), then one column per code of
// codes: a case whose document is up to date counts under the status in
// its rowid (no lookup in cases), a case with pending words under its
// status in cases, matched by its document or its pending words.
func searchCountsSQL(m string, codes []int64) (string, []any) {
	return `SELECT (SELECT coalesce(max(id), 0) FROM cases), ` + filterColumns("r", codes) + ` FROM (
		SELECT rowid >> 32 AS r FROM case_words WHERE case_words MATCH ?
			AND ` + wordsCase + ` NOT IN (SELECT case_id FROM case_words_pending)
		UNION ALL
		SELECT k.code FROM cases c JOIN case_status_codes k ON k.status = c.status
		WHERE c.id IN (SELECT case_id FROM case_words_pending)
			AND (c.id IN (SELECT ` + wordsCase + ` FROM case_words WHERE case_words MATCH ?) OR c.id IN (` + pendingHits + `)))`,
		[]any{searchMatch(m), searchMatch(m), m}
}

// CountCases counts the cases matching q (ignoring its limit).
func (s *Store) CountCases(ctx context.Context, q CaseQuery) (int, error) {
	if strings.TrimSpace(q.Text) != "" {
		cq := q
		cq.Statuses, cq.OpenOnly = nil, false
		counts, err := s.StatusCounts(ctx, cq)
		if err != nil {
			return 0, err
		}
		return q.Count(counts), nil
	}
	where, args := caseWhere(s.dialect(), q, true, planFew)
	var n int
	if err := s.ro.QueryRowContext(ctx, "SELECT count(*) FROM cases c"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}

// StatusCounts counts the cases matching q per status, ignoring q.Statuses
// (the counts shown beside the status filter).
func (s *Store) StatusCounts(ctx context.Context, q CaseQuery) (map[debt.Status]int, error) {
	counts := map[debt.Status]int{}
	if m := s.dialect().searchQuery(q.Text); m != "" {
		query, args := s.dialect().searchCounts(m, s.codes)
		n := make([]int, len(s.codes))
		var cases int64
		ptrs := []any{&cases}
		for i := range n {
			ptrs = append(ptrs, &n[i])
		}
		if err := s.ro.QueryRowContext(ctx, query, args...).Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("status counts: %w", err)
		}
		total := 0
		for i, st := range s.statuses {
			total += n[i]
			if n[i] > 0 && !(q.OpenOnly && st.Closed()) {
				counts[st] = n[i]
			}
		}
		s.lastSearch.put(m, int64(total), cases)
		return counts, nil
	}
	query, args := statusCountsSQL(s.dialect(), q)
	rows, err := s.ro.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("status counts: %w", err)
	}
	defer rows.Close()
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

// searchCount remembers how many cases the last search counted per status
// matched, for the page that follows: it only chooses a plan, so a count
// a write made stale costs time, never a wrong answer.
type searchCount struct {
	mu          sync.Mutex
	m           string
	hits, cases int64
}

func (c *searchCount) get(m string) (hits, cases int64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.cases, c.m == m && m != ""
}

func (c *searchCount) put(m string, hits, cases int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.hits, c.cases = m, hits, cases
}

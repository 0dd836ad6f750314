package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The case search on PostgreSQL reads case_words(case_id, code, words):
// one tsvector per case, kept current by the triggers of
// migrations/postgres/0012_case_words.sql within each writing transaction
// (nothing is left pending), with the words SQLite's tokenizer gives (see
// amiable_words there: accents removed by unaccent, cut at every character
// that is not a letter or a digit, lower-cased by the "simple"
// configuration, never stemmed). What a person types becomes a tsquery of
// the same words, so that both engines find the same cases.

// tsQuery turns what a person types into the text of a tsquery: the terms
// of searchTerms joined by &, each a phrase of its tokens (<->) whose last
// token is a prefix (:*). Each token is quoted; it holds only letters and
// digits, so nothing typed can be taken as an operator. The database
// removes the accents (amiable_search_query) as it does for the documents.
// It returns "" when nothing searchable was typed.
func tsQuery(text string) string {
	var terms []string
	for _, tokens := range searchTerms(text) {
		quoted := make([]string, len(tokens))
		for i, tok := range tokens {
			quoted[i] = "'" + tok + "'"
		}
		term := strings.Join(quoted, " <-> ") + ":*"
		if len(tokens) > 1 {
			term = "(" + term + ")"
		}
		terms = append(terms, term)
	}
	return strings.Join(terms, " & ")
}

// tsMatches is the subquery of the cases whose documents match the tsquery
// text bound to its placeholder.
const tsMatches = `SELECT case_id FROM case_words WHERE words @@ amiable_search_query(?)`

// tsCond is the condition "case c matches the tsquery m" for plan. With
// planFew (a name, a phone: at most a twentieth of the office) the
// matching cases are read from the GIN index first (OFFSET 0 keeps the
// planner from folding the subquery into the list's order): PostgreSQL
// estimates a phrase as all of its words anywhere, so it would otherwise
// read a rare phone's "06 97 25" through every case in reference order,
// testing each document (0.4 s on 50 000 cases). Otherwise the planner
// chooses, and reads the list's order checking each case, which fills a
// page of a common word at once.
func tsCond(m string, plan textPlan) (string, []any) {
	if plan == planFew {
		return `c.id IN (` + tsMatches + ` OFFSET 0)`, []any{m}
	}
	return `c.id IN (` + tsMatches + `)`, []any{m}
}

// tsHitsSQL counts the documents matching the tsquery m and gives the
// highest case id, which choose the plan (as searchHitsSQL on SQLite).
func tsHitsSQL(m string) (string, []any) {
	return `SELECT (SELECT count(*) FROM (` + tsMatches + `) w), (SELECT coalesce(max(id), 0) FROM cases)`, []any{m}
}

// tsCountsSQL counts the cases matching the tsquery m per status code of
// codes, in one row after the highest case id, as searchCountsSQL does on
// SQLite: case_words.code is the case's status code, kept by the triggers.
func tsCountsSQL(m string, codes []int64) (string, []any) {
	return `SELECT (SELECT coalesce(max(id), 0) FROM cases), ` + filterColumns("r", codes) + ` FROM (
		SELECT code AS r FROM case_words WHERE words @@ amiable_search_query(?)) w`, []any{m}
}

// rebuildTSWords rewrites every case's search document at once (after the
// demo's bulk load; the triggers already kept them, this makes sure).
func rebuildTSWords(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{
		"DELETE FROM case_words_pending",
		"DELETE FROM pending_words",
		`INSERT INTO case_words (case_id, code)
			SELECT c.id, k.code FROM cases c JOIN case_status_codes k ON k.status = c.status
			ON CONFLICT (case_id) DO NOTHING`,
		"SELECT amiable_case_words(id) FROM cases",
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild search words: %w", err)
		}
	}
	return nil
}

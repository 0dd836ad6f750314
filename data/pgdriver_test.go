package data

import "testing"

func TestPgPlaceholders(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"WHERE x BETWEEN ?1 AND ?2 OR y = ?1", "WHERE x BETWEEN $1 AND $2 OR y = $1"},
		{"SELECT '?', 'it''s ?', ? FROM t", "SELECT '?', 'it''s ?', $1 FROM t"},
		{`SELECT "we?ird" FROM t WHERE a = ?`, `SELECT "we?ird" FROM t WHERE a = $1`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{"SELECT ? /* a ? b */ , ?", "SELECT $1 /* a ? b */ , $2"},
		{"SELECT $f$ ? $f$, ?", "SELECT $f$ ? $f$, $1"},
		{"SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1"},
		{"SELECT ? -- end?", "SELECT $1 -- end?"},
		{"SELECT 'open ?", "SELECT 'open ?"},
		{"VALUES (?,?,?,?,?,?,?,?,?,?,?)", "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"},
	} {
		if got := pgPlaceholders(c.in); got != c.want {
			t.Errorf("pgPlaceholders(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

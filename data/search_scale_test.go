package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestSearchScaleOnBothEngines is run by hand (AMIABLE_SEARCH_SCALE=50000):
// it builds a demo office of that many cases on SQLite (kept in the
// temporary folder, or AMIABLE_SEARCH_SCALE_DB), copies what the search
// reads into a new shared base (triggers and foreign keys off while it
// copies), rebuilds the shared base's documents, and checks that the
// twenty searches of BenchmarkSearch50k give the same counts and the same
// first page on both engines; it logs the time each engine takes (counts
// per status and first page of 100, as the Dossiers screen) and that of
// the case list without a search. The demo generator does not write to
// the shared base yet, hence the copy.
func TestSearchScaleOnBothEngines(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("AMIABLE_SEARCH_SCALE"))
	if n == 0 {
		t.Skip("run by hand: AMIABLE_SEARCH_SCALE=50000 (cases)")
	}
	ctx := context.Background()
	path := os.Getenv("AMIABLE_SEARCH_SCALE_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("amiable-search-scale-%d.db", n))
	}
	if _, err := os.Stat(path); err != nil {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		st := time.Now()
		if _, err := s.Demo(ctx, DemoOptions{Cases: n, Seed: 1, Now: benchNow}); err != nil {
			t.Fatal(err)
		}
		s.WaitFold()
		s.Close()
		t.Logf("demo %d cases in %s", n, time.Since(st))
	}
	lite, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg := openTestPG(t)
	// Copy what the search reads, triggers and foreign keys off.
	cfg, _ := pgx.ParseConfig(pg.path)
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SET session_replication_role = replica"); err != nil {
		t.Fatal(err)
	}
	st := time.Now()
	for _, table := range []string{"parties", "cases", "case_debtors", "case_fts", "events", "documents", "mails"} {
		rows, err := conn.Query(ctx, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()", table)
		if err != nil {
			t.Fatal(err)
		}
		pgCols := map[string]string{}
		for rows.Next() {
			var c, ty string
			rows.Scan(&c, &ty)
			pgCols[c] = ty
		}
		rows.Close()
		sel := "SELECT * FROM " + table
		if table == "case_fts" {
			sel = "SELECT rowid, refs, parties FROM case_fts"
		}
		lr, err := lite.ro.QueryContext(ctx, sel)
		if err != nil {
			t.Fatal(err)
		}
		liteCols, _ := lr.Columns()
		var cols []string
		var idx []int
		for i, c := range liteCols {
			if _, ok := pgCols[c]; ok {
				cols, idx = append(cols, c), append(idx, i)
			}
		}
		var data [][]any
		for lr.Next() {
			vals := make([]any, len(liteCols))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := lr.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			row := make([]any, len(idx))
			for j, i := range idx {
				v := vals[i]
				if b, ok := v.([]byte); ok && pgCols[cols[j]] == "text" {
					v = string(b)
				}
				row[j] = v
			}
			data = append(data, row)
		}
		lr.Close()
		if _, err := conn.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(data)); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
	if _, err := conn.Exec(ctx, "SET session_replication_role = DEFAULT"); err != nil {
		t.Fatal(err)
	}
	t.Logf("copied in %s", time.Since(st))
	st = time.Now()
	if err := pg.rawWrite(ctx, func(tx *sql.Tx) error { return rebuildTSWords(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	t.Logf("PostgreSQL documents of %d cases rebuilt in %s", n, time.Since(st))
	conn.Exec(ctx, "VACUUM ANALYZE")
	var size string
	conn.QueryRow(ctx, "SELECT pg_size_pretty(pg_total_relation_size('case_words'))").Scan(&size)
	t.Logf("case_words with its indexes: %s", size)

	var email, phone, credRef, first, last string
	lite.ro.QueryRow("SELECT creditor_ref FROM cases WHERE creditor_ref != '' AND id >= ? ORDER BY id LIMIT 1", n/2).Scan(&credRef)
	lite.ro.QueryRow(`SELECT p.first_name, p.last_name FROM case_debtors d JOIN parties p ON p.id = d.party_id
			WHERE p.type = 'personne' AND d.case_id >= ? ORDER BY d.case_id LIMIT 1`, n/2).Scan(&first, &last)
	lite.ro.QueryRow(`SELECT e.email FROM case_debtors d JOIN party_emails e ON e.party_id = d.party_id WHERE d.case_id >= ? ORDER BY d.case_id LIMIT 1`, n/2).Scan(&email)
	lite.ro.QueryRow(`SELECT substr(ph.phone, 1, 8) FROM case_debtors d JOIN party_phones ph ON ph.party_id = d.party_id
			WHERE d.case_id >= ? AND length(ph.phone) >= 8 ORDER BY d.case_id LIMIT 1`, n/2).Scan(&phone)
	queries := []string{
		"2024-00042", credRef, "Lille", "Roubaix", "Villeneuve-d'Ascq", "59100",
		"Martin", "Lefèvre", "Benali", first + " " + last, "Dupont Lille", "Martin Lille",
		"orange.fr", "gmail.com", email, "virement", "relance", "échéancier",
		phone, "Garage des Flandres",
	}
	screen := func(s *Store, text string) (int, []string) {
		q := CaseQuery{Text: text, Sort: SortRef, Desc: true}
		counts, err := s.StatusCounts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		m := q.Count(counts)
		q.Limit = 100
		rows, err := s.ListCases(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, r := range rows {
			refs = append(refs, r.Ref)
		}
		return m, refs
	}
	if os.Getenv("AMIABLE_SEARCH_SCALE_EXPLAIN") != "" {
		for _, text := range []string{"relance", "Lille", "06 97 25"} {
			m := tsQuery(text)
			cq, cargs := tsCountsSQL(m, pg.codes)
			lq, largs := listCasesSQL(pg.dialect(), CaseQuery{Text: text, Sort: SortRef, Desc: true, Limit: 100}, planFew)
			for _, q := range []struct {
				sql  string
				args []any
			}{{cq, cargs}, {lq, largs}} {
				rows, err := pg.ro.QueryContext(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+q.sql, q.args...)
				if err != nil {
					t.Fatal(err)
				}
				var plan []string
				for rows.Next() {
					var l string
					rows.Scan(&l)
					plan = append(plan, l)
				}
				rows.Close()
				t.Logf("%q:\n%s", text, strings.Join(plan, "\n"))
			}
		}
	}
	times := map[string][]time.Duration{}
	for _, q := range queries {
		ml, rl := screen(lite, q)
		mp, rp := screen(pg, q)
		same := ml == mp && slices.Equal(rl, rp)
		t.Logf("%-28q SQLite %5d  PostgreSQL %5d  same page %v", q, ml, mp, same)
		if !same {
			t.Errorf("%q differs", q)
		}
	}
	for range 5 {
		for _, q := range queries {
			for name, s := range map[string]*Store{"sqlite": lite, "postgres": pg} {
				st := time.Now()
				screen(s, q)
				times[name] = append(times[name], time.Since(st))
			}
		}
	}
	for name, d := range times {
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		t.Logf("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms", name, float64(d[len(d)/2])/1e6, float64(d[len(d)*95/100])/1e6, float64(d[len(d)-1])/1e6)
	}
	// The case list without a search.
	for name, s := range map[string]*Store{"sqlite": lite, "postgres": pg} {
		var ds []time.Duration
		for range 5 {
			for _, sortBy := range []CaseSort{SortRef, SortDebtor, SortBalance, SortDeadline} {
				st := time.Now()
				q := CaseQuery{Sort: sortBy}
				if _, err := s.StatusCounts(ctx, q); err != nil {
					t.Fatal(err)
				}
				q.Limit = 100
				if _, err := s.ListCases(ctx, q); err != nil {
					t.Fatal(err)
				}
				ds = append(ds, time.Since(st))
			}
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		t.Logf("case list %s: p50 %.1f ms, max %.1f ms", name, float64(ds[len(ds)/2])/1e6, float64(ds[len(ds)-1])/1e6)
	}
}

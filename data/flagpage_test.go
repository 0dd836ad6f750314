package data

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"amiable/debt"
)

// FlagPage pages the flags to handle in SortFlags's order, whatever the
// page size, on a varied set: a swept demo office, plus flags of the same
// kind and due on cases whose references run against the flags' ids, the
// office's flags (no case), an unknown kind, snoozed flags whose date has
// come or not, handled ones.
func TestFlagPageOrderIsSortFlags(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Demo(ctx, DemoOptions{Cases: 300, Seed: 5, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	today := debt.DateOf(benchNow)
	if _, err := s.SweepDay(ctx, today, benchNow); err != nil {
		t.Fatal(err)
	}
	variedFlags(t, s, today)
	checkFlagPages(t, s, today)
}

// variedFlags adds, on the last 12 cases by reference, flags of the same
// kind and due (the case reference decides, then the id), the office's
// flags, unknown kinds, snoozed flags whose date has come or not, and
// handled ones.
func variedFlags(t *testing.T, s *Store, today debt.Date) {
	t.Helper()
	var ids []int64
	rows, err := s.ro.Query("SELECT id FROM cases ORDER BY ref DESC LIMIT 12")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.rw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for i, id := range ids {
		// same kind and due on every case: the case reference decides
		exec(`INSERT INTO flags (case_id, kind, object, due, since, text) VALUES (?, ?, ?, '2026-10-01', ?, 'égalité')`,
			id, string(debt.FlagNoticeExpired), "test:"+string(rune('a'+i)), today.ISO())
		// twice on the same case and due: the id decides
		exec(`INSERT INTO flags (case_id, kind, object, due, since, text) VALUES (?, ?, 'test:bis', '2026-10-01', ?, 'égalité bis')`,
			id, string(debt.FlagNoticeExpired), today.ISO())
	}
	exec(`INSERT INTO flags (case_id, kind, object, due, since, text) VALUES (NULL, ?, 'office:1', '2026-11-20', ?, 'sauvegarde')`, string(debt.FlagBackupFailed), today.ISO())
	exec(`INSERT INTO flags (case_id, kind, object, due, since, text) VALUES (NULL, ?, 'office:2', '2026-11-20', ?, 'sauvegarde bis')`, string(debt.FlagBackupFailed), today.ISO())
	exec(`INSERT INTO flags (case_id, kind, object, due, since, text) VALUES (?, 'zz_inconnu', 'x', '2026-01-01', ?, 'inconnue')`, ids[0], today.ISO())
	exec(`INSERT INTO flags (case_id, kind, object, due, since, text) VALUES (?, 'aa_inconnu', 'x', '2026-12-01', ?, 'inconnue')`, ids[1], today.ISO())
	exec(`UPDATE flags SET state = 'reportee', snoozed_until = '2026-11-26' WHERE id IN (SELECT id FROM flags WHERE case_id IS NOT NULL ORDER BY id LIMIT 5)`)
	exec(`UPDATE flags SET state = 'reportee', snoozed_until = '2026-12-10' WHERE id IN (SELECT id FROM flags WHERE case_id IS NOT NULL ORDER BY id LIMIT 5 OFFSET 5)`)
	exec(`UPDATE flags SET state = 'traitee' WHERE id IN (SELECT id FROM flags WHERE case_id IS NOT NULL ORDER BY id LIMIT 5 OFFSET 10)`)

}

// checkFlagPages checks that FlagPage pages, whatever the page size and
// the kinds asked, in OpenFlags's order (SortFlags's).
func checkFlagPages(t *testing.T, s *Store, today debt.Date) {
	t.Helper()
	ctx := context.Background()
	want, err := s.OpenFlags(ctx, today) // SortFlags's order
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.CountOpenFlags(ctx, today)
	if len(want) < 100 || len(want) != n {
		t.Fatalf("%d flags to handle (count %d): the test needs a varied set", len(want), n)
	}
	counts, err := s.CountOpenFlagsByKind(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	var sum int
	var order []debt.FlagKind
	for _, c := range counts {
		sum += c.Count
		order = append(order, c.Kind)
	}
	var wantOrder []debt.FlagKind
	for _, f := range want {
		if len(wantOrder) == 0 || wantOrder[len(wantOrder)-1] != f.Kind {
			wantOrder = append(wantOrder, f.Kind)
		}
	}
	if sum != len(want) || !slices.Equal(order, wantOrder) {
		t.Fatalf("counts %v (sum %d), want the kinds %v and %d flags", counts, sum, wantOrder, len(want))
	}
	if len(order) < 6 || order[len(order)-2] != "aa_inconnu" || order[len(order)-1] != "zz_inconnu" {
		t.Fatalf("kinds %v: want a varied set, unknown kinds last by name", order)
	}
	for _, size := range []int{1, 7, 100, 0} {
		var got []FlagRow
		for off := 0; off < len(want); {
			q := FlagQuery{Today: today, Offset: off, Limit: size}
			if size == 7 {
				q.Counts = counts
			}
			page, err := s.FlagPage(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 || (size > 0 && len(page) > size) {
				t.Fatalf("page at %d of %d: %d rows", off, size, len(page))
			}
			got = append(got, page...)
			off += len(page)
		}
		if !slices.Equal(got, want) {
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("pages of %d: row %d = %+v, want %+v", size, i, got[i], want[i])
				}
			}
		}
	}
	if page, _ := s.FlagPage(ctx, FlagQuery{Today: today, Offset: len(want), Limit: 10}); len(page) != 0 {
		t.Errorf("page past the end: %d rows", len(page))
	}
	// One kind only.
	kinds := []debt.FlagKind{debt.FlagNoticeExpired, "zz_inconnu"}
	only := slices.DeleteFunc(slices.Clone(want), func(f FlagRow) bool { return !slices.Contains(kinds, f.Kind) })
	got, err := s.FlagPage(ctx, FlagQuery{Today: today, Kinds: kinds, Offset: 3, Limit: 1000})
	if err != nil || !slices.Equal(got, only[3:]) {
		t.Fatalf("kinds %v from 3: %d rows (%v), want %d", kinds, len(got), err, len(only)-3)
	}
}

// FlagPage on both engines, over flags of every kind the sweep raises,
// written on 30 cases with due dates that tie and cross.
func TestFlagPageOrderOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		today := debt.DateOf(benchNow)
		var cases []debt.Case
		for i := range 30 {
			cases = append(cases, newCase(t, s, fmt.Sprintf("Débiteur%02d", i)))
		}
		for i, c := range cases {
			for j, k := range debt.SweepKinds {
				if (i+j)%3 == 0 {
					continue
				}
				due := today.AddDays(-((i*7 + j*13) % 40))
				if _, err := s.rw.Exec(`INSERT INTO flags (case_id, kind, object, due, since, amount_cents, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					c.ID, string(k), fmt.Sprintf("test:%d:%d", i, j), due.ISO(), today.ISO(), int64(100*i+j), fmt.Sprintf("alerte %d %d", i, j)); err != nil {
					t.Fatal(err)
				}
			}
		}
		variedFlags(t, s, today)
		checkFlagPages(t, s, today)
	})
}

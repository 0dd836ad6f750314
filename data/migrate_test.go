package data

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// migrateSource is a desk's file with a small demo office in it.
func migrateSource(t *testing.T) *Store {
	t.Helper()
	s := openTestSQLite(t)
	if _, err := s.Demo(context.Background(), DemoOptions{Cases: 40, Seed: 9, Now: time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return s
}

// tableDigest is a digest of a table's rows in the shared base, to compare
// two moves of the same file.
func tableDigest(t *testing.T, s *Store, table string) string {
	t.Helper()
	var d string
	if err := s.ro.QueryRow("SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM " + table + " x").Scan(&d); err != nil {
		t.Fatalf("digest %s: %v", table, err)
	}
	return d
}

func TestMigrateMovesADeskIntoTheSharedBase(t *testing.T) {
	ctx := context.Background()
	src := migrateSource(t)
	dst := openTestPG(t)
	rep, err := src.MigrateTo(ctx, dst, MigrateOptions{ChunkRows: 64})
	if err != nil {
		t.Fatalf("MigrateTo: %v", err)
	}
	if rep.Resumed || rep.Documents == 0 || len(rep.Tables) < 20 {
		t.Fatalf("report = %+v", rep)
	}
	// Every table has the same count on both sides.
	for _, tb := range rep.Tables {
		var n int64
		if err := src.ro.QueryRow("SELECT count(*) FROM " + tb.Name).Scan(&n); err != nil || n != tb.Rows {
			t.Errorf("%s: %d rows on the desk (%v), %d in the shared base", tb.Name, n, err, tb.Rows)
		}
	}
	for _, name := range []string{"cases", "parties", "events", "documents", "mails", "payments", "plans", "instalments", "settings", "rates", "case_fts"} {
		found := false
		for _, tb := range rep.Tables {
			found = found || (tb.Name == name && tb.Rows > 0)
		}
		if !found {
			t.Errorf("table %s not moved (or empty): %+v", name, rep.Tables)
		}
	}
	// Every document is in the shared base, byte for byte.
	rows, err := src.ro.Query("SELECT DISTINCT sha256 FROM documents")
	if err != nil {
		t.Fatal(err)
	}
	var sums []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		sums = append(sums, s)
	}
	rows.Close()
	for _, sum := range sums {
		a, err1 := blobBytes(src, sum)
		b, err2 := blobBytes(dst, sum)
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Fatalf("document %s: desk %v, shared base %v, equal %v", sum[:12], err1, err2, bytes.Equal(a, b))
		}
	}
	// The office reads the same through the store, and goes on writing.
	la, _ := src.ListCases(ctx, CaseQuery{})
	lb, err := dst.ListCases(ctx, CaseQuery{})
	if err != nil || len(la) != len(lb) {
		t.Fatalf("ListCases: %d on the desk, %d in the shared base (%v)", len(la), len(lb), err)
	}
	for i := range la {
		if la[i].Ref != lb[i].Ref || la[i].Balance != lb[i].Balance || la[i].Debtor != lb[i].Debtor {
			t.Fatalf("case %d: %+v / %+v", i, la[i], lb[i])
		}
	}
	ea, _ := src.Events(ctx, la[3].ID)
	eb, _ := dst.Events(ctx, la[3].ID)
	if len(ea) != len(eb) || len(ea) == 0 || ea[len(ea)-1].Text != eb[len(eb)-1].Text {
		t.Fatalf("journal of %s: %d entries on the desk, %d in the shared base", la[3].Ref, len(ea), len(eb))
	}
	c := newCase(t, dst, "Après-migration") // new ids follow the copied ones
	if c.ID <= la[len(la)-1].ID {
		t.Fatalf("new case id %d, want after %d", c.ID, la[len(la)-1].ID)
	}
	// A complete move is not made twice, and a base in use is refused.
	if _, err := src.MigrateTo(ctx, dst, MigrateOptions{}); !errors.Is(err, ErrConflict) {
		t.Fatalf("second move = %v; want a refusal", err)
	}
	used := openTestPG(t)
	newCase(t, used, "Dupont")
	if _, err := src.MigrateTo(ctx, used, MigrateOptions{}); !errors.Is(err, ErrConflict) || !strings.Contains(Message(err), "n'est pas vide") {
		t.Fatalf("move into a base in use = %v; want « n'est pas vide »", err)
	}
	var n int64
	used.ro.QueryRow("SELECT count(*) FROM cases").Scan(&n)
	if n != 1 {
		t.Fatalf("the refused move changed the base in use: %d cases", n)
	}
}

// A move cut off at random chunks and started again ends with the same
// shared base as a move made in one go.
func TestMigrateResumesAfterAnInterruption(t *testing.T) {
	ctx := context.Background()
	src := migrateSource(t)
	whole := openTestPG(t)
	rep, err := src.MigrateTo(ctx, whole, MigrateOptions{ChunkRows: 16})
	if err != nil {
		t.Fatal(err)
	}
	chunks := 0
	cut := openTestPG(t)
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	interruptions := 0
	for {
		stopAt := 1 + r.IntN(60)
		cctx, cancel := context.WithCancel(ctx)
		seen := 0
		got, err := src.MigrateTo(cctx, cut, MigrateOptions{ChunkRows: 16, Progress: func(string, int64, int64) {
			chunks++
			if seen++; seen == stopAt {
				cancel()
			}
		}})
		cancel()
		if err == nil {
			if interruptions > 0 && !got.Resumed {
				t.Fatal("the last move does not say it resumed")
			}
			break
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted move = %v; want context.Canceled", err)
		}
		interruptions++
		if interruptions > 200 {
			t.Fatal("the move never ends")
		}
	}
	if interruptions < 2 {
		t.Fatalf("%d interruptions over %d chunks; want several", interruptions, chunks)
	}
	t.Logf("%d interruptions over %d chunks", interruptions, chunks)
	for _, tb := range append(rep.Tables, MigratedTable{Name: "blobs"}, MigratedTable{Name: "case_words"}) {
		if a, b := tableDigest(t, whole, tb.Name), tableDigest(t, cut, tb.Name); a != b {
			t.Errorf("table %s differs between the move in one go and the interrupted one", tb.Name)
		}
	}
	// A move under way is not resumed from a file changed since.
	other := openTestPG(t)
	cctx, cancel := context.WithCancel(ctx)
	n := 0
	if _, err := src.MigrateTo(cctx, other, MigrateOptions{ChunkRows: 16, Progress: func(string, int64, int64) {
		if n++; n == 3 {
			cancel()
		}
	}}); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted move = %v", err)
	}
	cancel()
	newCase(t, src, "Entre-temps")
	if _, err := src.MigrateTo(ctx, other, MigrateOptions{}); !errors.Is(err, ErrConflict) || !strings.Contains(Message(err), "une autre base") {
		t.Fatalf("resuming from a changed file = %v; want a refusal", err)
	}
}

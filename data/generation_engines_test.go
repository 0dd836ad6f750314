package data

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// The write generation (migration 0013) on both engines: every write
// transaction raises it by one, a refused one does not, nor does the
// store's own bookkeeping.
func TestWriteGenerationOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		gen := func() int64 {
			t.Helper()
			g, err := s.Generation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
		g0 := gen()
		newCase(t, s, "Martin") // creditor, debtor, case: three writes
		if g := gen(); g != g0+3 {
			t.Fatalf("generation after three writes = %d, want %d", g, g0+3)
		}
		if err := s.write(ctx, func(tx *sql.Tx) error { return errors.New("refused") }); err == nil {
			t.Fatal("a failing write succeeded")
		}
		if err := s.writeTx(ctx, false, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO backups (at, path) VALUES (?, ?)", instant(t0), "copie")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if g := gen(); g != g0+3 {
			t.Fatalf("generation after a refused write and the backups log = %d, want %d", g, g0+3)
		}
	})
}

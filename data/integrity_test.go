package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenCheckingSoundNewAndDamagedFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	// A new file goes through Open; the channel says sound at once.
	s, checked, err := OpenChecking(filepath.Join(dir, "new.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-checked; err != nil {
		t.Fatalf("new file: check = %v", err)
	}
	newCase(t, s, "Martin")
	s.Close()

	// A sound file at the current schema: checked beside, writes then work.
	good := filepath.Join(dir, "good.db")
	s, _ = Open(good)
	newCase(t, s, "Martin")
	s.rw.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	s.Close()
	start := make(chan struct{})
	s, checked, err = OpenChecking(good, start)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CountCases(ctx, CaseQuery{}); err != nil {
		t.Fatalf("a read waited for the check: %v", err)
	}
	select {
	case err := <-checked:
		t.Fatalf("the check ran before start: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(start)
	newCase(t, s, "Durand") // waits for the check
	if err := <-checked; err != nil {
		t.Fatalf("sound file: check = %v", err)
	}
	if n, err := s.CountCases(ctx, CaseQuery{}); err != nil || n != 2 {
		t.Fatalf("CountCases = %d, %v; want 2", n, err)
	}
	s.Close()

	// A damaged file (pages 2 to 6) whose header, application ID and
	// schema version read well: the store opens for reading, the check
	// refuses it as Open would, and no write reaches the file, not even
	// one asked before the check ended.
	b, _ := os.ReadFile(good)
	for i := 4096; i < len(b) && i < 4096*6; i++ {
		b[i] ^= 0x5a
	}
	damaged := filepath.Join(dir, "damaged.db")
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, checked, err = OpenChecking(damaged, nil)
	if err != nil {
		t.Fatalf("OpenChecking(damaged) = %v; want the refusal through the channel", err)
	}
	defer s.Close()
	werr := s.SaveSetting(ctx, "essai", 1, "essai", "test", t0)
	err = <-checked
	if err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(Message(err), "endommagée") {
		t.Fatalf("damaged file: check = %v; want the refusal of a damaged file", err)
	}
	if werr == nil {
		t.Fatal("a write went through on a damaged file")
	}
	if err := s.SaveSetting(ctx, "essai", 2, "essai", "test", t0); err == nil {
		t.Fatal("a write after the failed check went through")
	}
	if after, _ := os.ReadFile(damaged); !bytes.Equal(after, b) {
		t.Fatal("the damaged file was modified")
	}
}

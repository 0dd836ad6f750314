package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amiable/debt"
)

func caseRefs(t *testing.T, path string) []string {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer s.Close()
	rows, err := s.ListCases(context.Background(), CaseQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.Ref+" "+r.Debtor)
	}
	return refs
}

// Back up, change, restore, compare: the restored database is the one
// backed up, its documents are there, and the replaced one is kept.
func TestBackupThenRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "office", "amiable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := newCase(t, s, "Martin")
	doc, err := s.AddDocument(ctx, c.ID, debt.DocProof, "facture.pdf", strings.NewReader("%PDF-1.4 facture 12"), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "cle-usb")
	if _, err := s.Backup(ctx, backups, 14, t0); err == nil || !strings.Contains(Message(err), "introuvable") {
		t.Fatalf("Backup to a missing folder = %v, want a French error", err)
	}
	os.Mkdir(backups, 0o700)
	res, err := s.Backup(ctx, backups, 14, t0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != filepath.Join(backups, "amiable-2026-03-02.db") || res.Documents != 1 || res.Size == 0 {
		t.Fatalf("Backup = %+v; want amiable-2026-03-02.db with one document", res)
	}
	if again, err := s.Backup(ctx, backups, 14, t0.Add(time.Hour)); err != nil || again.Documents != 0 {
		t.Fatalf("second backup the same day = %+v, %v; want the documents already there", again, err)
	}
	if _, err := os.Stat(res.Path + "-wal"); err == nil {
		t.Error("the backup has a -wal file: it must be a single file")
	}
	if log, ok, err := s.LastBackup(ctx); !ok || err != nil || log.Error != "" || log.Path != res.Path {
		t.Fatalf("LastBackup = %+v, %v, %v", log, ok, err)
	}
	before := []string{c.Ref + " " + c.FirstDebtor().Name()}

	// Change: a second case, later than the backup.
	later := newCase(t, s, "Bernard")
	if _, err := s.AddEvent(ctx, debt.Event{CaseID: later.ID, At: t0.Add(2 * time.Hour), Author: "test", Kind: debt.EventNote, Text: "Appel du créancier"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := caseRefs(t, path); len(got) != 2 {
		t.Fatalf("cases before restoring = %q", got)
	}
	os.RemoveAll(filepath.Join(dir, "office", "documents"))

	if _, err := Restore(ctx, res.Path, path, false, t0.Add(48*time.Hour)); !errors.Is(err, ErrConflict) || !strings.Contains(Message(err), "-force") {
		t.Fatalf("Restore over a newer database without -force = %v, want a refusal naming -force", err)
	}
	if got := caseRefs(t, path); len(got) != 2 {
		t.Fatalf("a refused restore changed the database: %q", got)
	}
	r, err := Restore(ctx, res.Path, path, true, t0.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := caseRefs(t, path); strings.Join(got, "|") != strings.Join(before, "|") {
		t.Fatalf("cases after restoring = %q, want %q", got, before)
	}
	if r.Documents != 1 || r.Kept == "" {
		t.Fatalf("Restore = %+v; want the document copied back and the replaced database kept", r)
	}
	kept := caseRefs(t, r.Kept)
	if len(kept) != 2 || !strings.Contains(strings.Join(kept, "|"), later.Ref) {
		t.Fatalf("kept database = %q; want the two cases it held", kept)
	}
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if err := s2.VerifyBlob(doc.SHA256); err != nil {
		t.Fatalf("document after restoring: %v", err)
	}
}

func TestRestoreRefusesWhatIsNotASoundBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t)
	newCase(t, s, "Martin")
	res, err := s.Backup(ctx, dir, 0, t0)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "amiable.db")

	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("pas une base"), 0o600)
	// A copy whose pages were overwritten in the middle.
	b, _ := os.ReadFile(res.Path)
	for i := 4096 * 3; i < len(b)-4096 && i < 4096*6; i++ {
		b[i] = 0x5A
	}
	damaged := filepath.Join(dir, "abime.db")
	os.WriteFile(damaged, b, 0o600)

	for _, tt := range []struct {
		from, want string
	}{
		{filepath.Join(dir, "absente.db"), "introuvable"},
		{text, "pas une sauvegarde Amiable"},
		{damaged, "endommagée"},
	} {
		_, err := Restore(ctx, tt.from, target, true, t0)
		if err == nil || !strings.Contains(Message(err), tt.want) {
			t.Errorf("Restore(%s) = %v, want a refusal saying %q", filepath.Base(tt.from), err, tt.want)
		}
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("a refused restore created the database")
	}
	if _, err := Restore(ctx, res.Path, target, false, t0); err != nil {
		t.Fatalf("Restore into an empty place = %v", err)
	}
}

// The daily job keeps the last BackupKeep copies.
func TestDailyBackupKeepsTheLastCopies(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	newCase(t, s, "Martin")
	if _, err := s.DailyBackup(ctx, t0); err == nil || !strings.Contains(Message(err), "Paramètres") {
		t.Fatalf("DailyBackup with no folder = %v, want the way to choose one", err)
	}
	if log, ok, _ := s.LastBackup(ctx); !ok || log.Error == "" {
		t.Fatalf("a failed backup is not logged: %+v", log)
	}
	dir := t.TempDir()
	bad := DailySettings{At: "02:30", BackupDir: "sauvegardes", BackupKeep: 0}
	if err := s.SaveDailySettings(ctx, bad, "test", t0); err == nil || len(err.(debt.ValidationError)) != 3 {
		t.Fatalf("SaveDailySettings(%+v) = %v; want the hour, the folder and the count refused", bad, err)
	}
	if err := s.SaveDailySettings(ctx, DailySettings{At: "7h30", BackupDir: filepath.Join(dir, "absent"), BackupKeep: 3}, "test", t0); err == nil {
		t.Fatal("a missing backup folder was accepted")
	}
	if err := s.SaveDailySettings(ctx, DailySettings{At: "7h30", BackupDir: dir, BackupKeep: 3}, "test", t0); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DailySettings(ctx); d.At != "07:30" || d.BackupDir != dir || d.BackupKeep != 3 {
		t.Fatalf("DailySettings = %+v", d)
	}
	for i := range 5 {
		if _, err := s.DailyBackup(ctx, t0.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".db") {
			names = append(names, e.Name())
			if _, err := os.Stat(filepath.Join(dir, e.Name()) + ".manifeste.json"); err != nil {
				t.Errorf("copy %s has no manifest: %v", e.Name(), err)
			}
		}
	}
	want := "amiable-2026-03-04.db amiable-2026-03-05.db amiable-2026-03-06.db"
	if strings.Join(names, " ") != want {
		t.Fatalf("backup folder = %q, want %q", names, want)
	}
}

package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amiable/debt"
)

// officeWithDocuments is an office of one case holding three documents,
// closed so that its files can be changed under it.
func officeWithDocuments(t *testing.T) (path string, ref string, docs []debt.Document) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "office", "amiable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := newCase(t, s, "Martin")
	for _, n := range []string{"facture.pdf", "contrat.pdf", "relevé.pdf"} {
		d, err := s.AddDocument(ctx, c.ID, debt.DocProof, n, strings.NewReader("%PDF-1.4 "+n), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return path, c.Ref, docs
}

func backupOf(t *testing.T, path, dir string) BackupResult {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Backup(context.Background(), dir, 14, t0)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	return res
}

func overwrite(t *testing.T, path, content string) {
	t.Helper()
	os.Chmod(path, 0o600)
	if err := os.WriteFile(path, []byte(content), 0o400); err != nil {
		t.Fatal(err)
	}
}

// A backup whose documents were deleted or changed is refused by a
// restore that names what is missing, when no correct copy is anywhere;
// the store's own correct copies make it complete again.
func TestRestoreRefusesAnIncompleteBackup(t *testing.T) {
	ctx := context.Background()
	path, ref, docs := officeWithDocuments(t)
	dir := filepath.Join(t.TempDir(), "cle")
	os.Mkdir(dir, 0o700)
	res := backupOf(t, path, dir)
	if res.Documents != 3 {
		t.Fatalf("Backup copied %d documents, want 3", res.Documents)
	}
	m, ok, err := readManifest(res.Path)
	if !ok || err != nil || len(m.Documents) != 3 || m.Rows["events"] == 0 || m.Rows["cases"] != 1 || m.Database.SHA256 == "" || m.Generation == 0 {
		t.Fatalf("manifest = %+v, %v, %v", m, ok, err)
	}
	backupDocs := filepath.Join(dir, "documents")
	os.Remove(blobPath(backupDocs, docs[0].SHA256))
	overwrite(t, blobPath(backupDocs, docs[1].SHA256), "%PDF-1.4 contrat falsifié")

	// The store still holds correct copies: nothing is missing.
	target := filepath.Join(t.TempDir(), "amiable.db")
	os.MkdirAll(filepath.Join(filepath.Dir(target), "documents"), 0o700)
	for _, d := range docs[:2] {
		if err := copyVerified(d.Path, blobPath(filepath.Join(filepath.Dir(target), "documents"), d.SHA256), d.SHA256); err != nil {
			t.Fatal(err)
		}
	}
	if r, err := Restore(ctx, res.Path, target, false, t0); err != nil || r.Documents != 1 || r.Checked != 3 {
		t.Fatalf("Restore with the store's copies = %+v, %v; want 1 copied back, 3 checked", r, err)
	}

	// Nowhere else: refused, naming the two missing by case and name.
	empty := filepath.Join(t.TempDir(), "amiable.db")
	_, err = Restore(ctx, res.Path, empty, false, t0)
	msg := Message(err)
	if !errors.Is(err, ErrRefused) || !strings.Contains(msg, "incomplète") || !strings.Contains(msg, "2 document(s) sur 3") ||
		!strings.Contains(msg, ref+" « facture.pdf »") || !strings.Contains(msg, "« contrat.pdf »") || strings.Contains(msg, "relevé") {
		t.Fatalf("Restore of an incomplete backup = %v", err)
	}
	if _, err := os.Stat(empty); err == nil {
		t.Fatal("a refused restore wrote the base")
	}
	r, err := RestoreBackup(ctx, res.Path, empty, RestoreOptions{Incomplete: true}, t0)
	if err != nil || len(r.Missing) != 2 || r.Documents != 1 {
		t.Fatalf("RestoreBackup(Incomplete) = %+v, %v", r, err)
	}

	// A backup file changed since its manifest is refused.
	b, _ := os.ReadFile(res.Path)
	b = append(b, make([]byte, 4096)...)
	os.Chmod(res.Path, 0o600)
	os.WriteFile(res.Path, b, 0o600)
	if _, err := Restore(ctx, res.Path, filepath.Join(t.TempDir(), "amiable.db"), false, t0); !strings.Contains(Message(err), "manifeste") {
		t.Fatalf("Restore of a backup that differs from its manifest = %v", err)
	}
}

// A copy of the backup that differs from its document (changed, or
// truncated) is copied again; an altered file of the store never
// replaces a good copy.
func TestBackupCopiesDocumentsAbsentOrDifferent(t *testing.T) {
	path, _, docs := officeWithDocuments(t)
	dir := t.TempDir()
	backupOf(t, path, dir)
	backupDocs := filepath.Join(dir, "documents")
	overwrite(t, blobPath(backupDocs, docs[0].SHA256), "%PDF-1.4 facturX.pdf") // same size, other bytes
	overwrite(t, blobPath(backupDocs, docs[1].SHA256), "")                     // emptied
	res := backupOf(t, path, dir)
	if res.Documents != 2 {
		t.Fatalf("Backup after two copies changed copied %d, want 2", res.Documents)
	}
	for _, d := range docs {
		if sum, _, err := hashFile(blobPath(backupDocs, d.SHA256)); err != nil || sum != d.SHA256 {
			t.Fatalf("backup copy of %s: %s, %v", d.OriginalName, sum, err)
		}
	}
	// The store's file is altered and its copy lost: the backup does not
	// take the altered file, and says so.
	overwrite(t, docs[2].Path, "%PDF-1.4 faux")
	os.Remove(blobPath(backupDocs, docs[2].SHA256))
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Backup(context.Background(), dir, 14, t0)
	if err == nil || !strings.Contains(Message(err), "amiable verify") {
		t.Fatalf("Backup with an altered document = %v; want a warning naming amiable verify", err)
	}
	if _, err := os.Stat(blobPath(backupDocs, docs[2].SHA256)); err == nil {
		t.Fatal("the altered file was copied into the backup")
	}
}

// An empty office backed up into the folder of a real one never replaces
// its copy, and the rotation keeps the good copy.
func TestBackupNeverReplacesAGoodCopyWithAnEmptyOffice(t *testing.T) {
	ctx := context.Background()
	path, _, _ := officeWithDocuments(t)
	dir := t.TempDir()
	good := backupOf(t, path, dir)
	before, _ := os.ReadFile(good.Path)

	empty, err := Open(filepath.Join(t.TempDir(), "amiable.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	for i := range 3 {
		res, err := empty.Backup(ctx, dir, 1, t0.AddDate(0, 0, i))
		if !errors.Is(err, ErrConflict) || !strings.Contains(Message(err), "entrées de journal") {
			t.Fatalf("Backup of an empty office = %v", err)
		}
		if res.Path == good.Path {
			t.Fatal("the empty office's copy took the good copy's name")
		}
	}
	after, err := os.ReadFile(good.Path)
	if err != nil || string(after) != string(before) {
		t.Fatalf("the good copy was replaced or removed (%v)", err)
	}
}

// After a restore of an older copy, the office's journal is shorter than
// the newest copies': the next backup is not taken for another office.
func TestBackupAfterRestoringAnOlderCopy(t *testing.T) {
	ctx := context.Background()
	path, _, _ := officeWithDocuments(t)
	dir := t.TempDir()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.Backup(ctx, dir, 14, t0)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		newCase(t, s, "Durand")
	}
	if _, err := s.Backup(ctx, dir, 14, t0.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Restore(ctx, old.Path, path, true, t0.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Backup(ctx, dir, 14, t0.AddDate(0, 0, 2))
	if err != nil || filepath.Base(res.Path) != "amiable-2026-03-04.db" {
		t.Fatalf("Backup after restoring an older copy = %+v, %v", res, err)
	}
}

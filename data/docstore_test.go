package data

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amiable/debt"
)

// A 0-byte or partial file left under a document's final name (a killed
// writer) is never trusted: the next write of that content replaces it.
func TestPartialFileUnderAHashIsNotTrusted(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	c := newCase(t, s, "Martin")
	content := "%PDF-1.4 facture 12"
	sum, _, err := putBlobFast(t.TempDir(), strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	for _, partial := range []string{"", "%PDF-1"} {
		final := blobPath(s.DocDir(), sum)
		os.MkdirAll(filepath.Dir(final), 0o700)
		os.Chmod(final, 0o600)
		if err := os.WriteFile(final, []byte(partial), 0o400); err != nil {
			t.Fatal(err)
		}
		d, err := s.AddDocument(ctx, c.ID, debt.DocProof, "facture.pdf", strings.NewReader(content), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(d.Path); string(b) != content {
			t.Fatalf("after a %d-byte file under its name, the document holds %q", len(partial), b)
		}
		// The demonstration's writer does the same.
		os.Chmod(final, 0o600)
		os.WriteFile(final, []byte(partial), 0o400)
		if _, _, err := putBlobFast(s.DocDir(), strings.NewReader(content)); err != nil {
			t.Fatal(err)
		}
		if err := s.VerifyBlob(sum); err != nil {
			t.Fatalf("putBlobFast trusted a %d-byte file: %v", len(partial), err)
		}
		// Read back for a viewer, a damaged file is refused.
		os.Chmod(final, 0o600)
		os.WriteFile(final, []byte(partial), 0o400)
		if p, err := s.VerifiedBlobPath(sum); err == nil || !strings.Contains(Message(err), "altéré") {
			t.Fatalf("VerifiedBlobPath of a %d-byte file = %s, %v", len(partial), p, err)
		}
	}
}

// The database, its folder, the documents and the backups are readable by
// their owner only, whatever the umask.
func TestFilesAreOwnerOnly(t *testing.T) {
	defer setUmask(0)()
	ctx := context.Background()
	root := t.TempDir()
	path := filepath.Join(root, "office", "amiable.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := newCase(t, s, "Martin")
	d, err := s.AddDocument(ctx, c.ID, debt.DocProof, "facture.pdf", strings.NewReader("%PDF-1.4 facture"), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(root, "cle")
	os.Mkdir(backups, 0o700)
	res, err := s.Backup(ctx, backups, 14, t0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{
		filepath.Dir(path):     0o700,
		path:                   0o600,
		path + "-wal":          0o600,
		LockPath(path):         0o600,
		s.DocDir():             0o700,
		filepath.Dir(d.Path):   0o700,
		d.Path:                 0o400,
		res.Path:               0o600,
		ManifestPath(res.Path): 0o600,
		blobPath(filepath.Join(backups, "documents"), d.SHA256):               0o400,
		filepath.Dir(blobPath(filepath.Join(backups, "documents"), d.SHA256)): 0o700,
	}
	for p, mode := range want {
		fi, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s: mode %o, want %o", p, got, mode)
		}
	}
	restored := filepath.Join(root, "ailleurs", "amiable.db")
	if _, err := Restore(ctx, res.Path, restored, false, t0); err != nil {
		t.Fatal(err)
	}
	for p, mode := range map[string]os.FileMode{filepath.Dir(restored): 0o700, restored: 0o600} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != mode {
			t.Errorf("restored %s: %v, want mode %o", p, fi.Mode().Perm(), mode)
		}
	}
}

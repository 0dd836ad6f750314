package data

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckOutputRefusesTheOfficesOwnFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "amiable.db")
	docs := filepath.Join(dir, "documents")
	backups := filepath.Join(dir, "sauvegardes")
	for _, d := range []string{docs, filepath.Join(docs, "ab"), backups} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{db, db + "-wal", filepath.Join(docs, "ab", "abcd"), filepath.Join(dir, "existing.pdf")} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	copied := filepath.Join(dir, "copie-de-sauvegarde.db")
	if err := os.WriteFile(copied, []byte("SQLite format 3\x00 and pages"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "lien.pdf")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "dur.pdf")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	dirs := []string{docs, backups}
	for _, tc := range []struct {
		path    string
		replace bool
		ok      bool
		code    string
	}{
		{db, true, false, EINVALID},
		{db + "-wal", true, false, EINVALID},
		{LockPath(db), true, false, EINVALID},
		{db + "-shm", true, false, EINVALID},
		{filepath.Join(dir, ".", "amiable.db"), true, false, EINVALID},
		{link, true, false, EINVALID},
		{hard, true, false, EINVALID},
		{filepath.Join(docs, "ab", "abcd"), true, false, EINVALID},
		{filepath.Join(docs, "nouveau.pdf"), true, false, EINVALID},
		{filepath.Join(backups, "copie.pdf"), true, false, EINVALID},
		{filepath.Join(dir, "missing", "x.pdf"), true, false, EINVALID},
		{docs + "-autre.pdf", false, true, ""},
		{filepath.Join(dir, "existing.pdf"), false, false, ECONFLICT},
		{filepath.Join(dir, "existing.pdf"), true, true, ""},
		{filepath.Join(dir, "new.pdf"), false, true, ""},
		{dir, true, false, EINVALID},
		{copied, true, false, EINVALID},
		{"", true, false, EINVALID},
	} {
		err := checkOutput(tc.path, db, dirs, tc.replace)
		if tc.ok {
			if err != nil {
				t.Errorf("checkOutput(%q, replace %v) = %v, want nil", tc.path, tc.replace, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code || e.Message == "" {
			t.Errorf("checkOutput(%q, replace %v) = %v, want a French %s error", tc.path, tc.replace, err, tc.code)
		}
	}
}

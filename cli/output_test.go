package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amiable/data"
)

// letterCase returns a demo case that accepts a second reminder.
func letterCase(t *testing.T, db string) string {
	t.Helper()
	_, out, _ := cli(t, "-db", db, "cases", "-status", "relance", "-json")
	var rows []struct{ Ref string }
	json.Unmarshal([]byte(out), &rows)
	for _, r := range rows {
		if code, _, _ := cli(t, "-db", db, "letter", r.Ref, "relance2", "-preview"); code == 0 {
			return r.Ref
		}
	}
	t.Fatal("no demo case in relance accepts a second reminder")
	return ""
}

// letterCount is the number of letters issued in the office.
func letterCount(t *testing.T, db string) (all, toPost int) {
	t.Helper()
	st, err := data.OpenReadOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ls, err := st.Letters(context.Background(), data.LetterQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Deposit.IsZero() {
			toPost++
		}
	}
	return len(ls), toPost
}

func TestOutputRefusesTheDatabaseTheDocumentsAndExistingFiles(t *testing.T) {
	db := demoDB(t)
	ref := letterCase(t, db)
	issued, _ := letterCount(t, db)
	before, _ := os.ReadFile(db)
	var doc string
	filepath.WalkDir(filepath.Join(filepath.Dir(db), "documents"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && doc == "" {
			doc = p
		}
		return nil
	})
	if doc == "" {
		t.Fatal("the demo office keeps no document")
	}
	docBefore, _ := os.ReadFile(doc)
	existing := filepath.Join(t.TempDir(), "deja.pdf")
	os.WriteFile(existing, []byte("à garder"), 0o600)
	csv := filepath.Join(t.TempDir(), "deja.csv")
	os.WriteFile(csv, []byte("à garder"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"letter", ref, "relance2", "-preview", "-o", db, "-force"}, "base de données"},
		{[]string{"letter", ref, "relance2", "-o", db + "-wal", "-force"}, "base de données"},
		{[]string{"letter", ref, "relance2", "-preview", "-o", doc, "-force"}, "dossier que tient Amiable"},
		{[]string{"letter", ref, "relance2", "-o", filepath.Join(filepath.Dir(doc), "x.pdf")}, "dossier que tient Amiable"},
		{[]string{"letter", ref, "relance2", "-o", existing}, "existe déjà"},
		{[]string{"post", "day", "-o", db, "-force"}, "base de données"},
		{[]string{"post", "day", "-o", existing}, "existe déjà"},
		{[]string{"export", "payments", "-from", "2026-01-01", "-to", "2026-12-31", "-o", csv}, "existe déjà"},
		{[]string{"export", "payments", "-from", "2026-01-01", "-to", "2026-12-31", "-o", db + "-shm.csv"}, ""},
	} {
		code, _, errOut := cli(t, append([]string{"-db", db}, tc.args...)...)
		if tc.want == "" {
			if code != 0 {
				t.Errorf("amiable %v = %d, %q; want it written", tc.args, code, errOut)
			}
			continue
		}
		if code != 1 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("amiable %v = %d, %q; want exit 1, one line with %q", tc.args, code, errOut, tc.want)
		}
	}
	if all, _ := letterCount(t, db); all != issued {
		t.Errorf("%d letter(s) issued by refused commands", all-issued)
	}
	if got, _ := os.ReadFile(existing); string(got) != "à garder" {
		t.Errorf("existing file replaced without -force: %q", got)
	}
	if got, _ := os.ReadFile(csv); string(got) != "à garder" {
		t.Errorf("existing export replaced without -force: %q", got)
	}
	if got, _ := os.ReadFile(doc); !bytes.Equal(got, docBefore) {
		t.Error("a stored document was replaced")
	}
	if after, _ := os.ReadFile(db); !bytes.HasPrefix(after, []byte("SQLite format 3\x00")) || len(after) < len(before)/2 {
		t.Errorf("the database was replaced (%d bytes, was %d)", len(after), len(before))
	}
	// -force replaces an ordinary file.
	if code, _, errOut := cli(t, "-db", db, "letter", ref, "relance2", "-preview", "-o", existing, "-force"); code != 0 {
		t.Fatalf("-force = %d, %q", code, errOut)
	}
	if got, _ := os.ReadFile(existing); !bytes.HasPrefix(got, []byte("%PDF-")) {
		t.Errorf("-force did not replace the file: %q", got[:min(len(got), 20)])
	}
}

func TestFailedOutputIssuesAndPostsNothing(t *testing.T) {
	db := demoDB(t)
	ref := letterCase(t, db)
	missing := filepath.Join(t.TempDir(), "absent", "x.pdf")
	issued, posted := letterCount(t, db)
	if code, _, errOut := cli(t, "-db", db, "letter", ref, "relance2", "-o", missing); code != 1 || !strings.Contains(errOut, "n'existe pas") {
		t.Fatalf("letter -o in a missing folder = %d, %q", code, errOut)
	}
	if all, _ := letterCount(t, db); all != issued {
		t.Fatalf("letter -o /missing/x.pdf issued %d letter(s)", all-issued)
	}
	if code, _, errOut := cli(t, "-db", db, "letter", ref, "relance2"); code != 0 {
		t.Fatalf("letter = %d, %q", code, errOut)
	}
	if code, _, errOut := cli(t, "-db", db, "post", "day", "-o", missing); code != 1 || !strings.Contains(errOut, "n'existe pas") {
		t.Fatalf("post day -o in a missing folder = %d, %q", code, errOut)
	}
	if _, toPost := letterCount(t, db); toPost != posted+1 {
		t.Fatalf("post day -o /missing/… posted letters (%d left to post, want %d)", toPost, posted+1)
	}
	// The path passes the check but the file cannot be written (its
	// temporary name is too long): the letters are not recorded as posted.
	long := filepath.Join(t.TempDir(), strings.Repeat("t", 246)+".pdf")
	if code, _, errOut := cli(t, "-db", db, "post", "day", "-o", long); code != 1 || !strings.Contains(errOut, "impossible") {
		t.Fatalf("post day with an unwritable file = %d, %q", code, errOut)
	}
	if _, toPost := letterCount(t, db); toPost != posted+1 {
		t.Fatalf("post day without its PDF posted letters (%d left to post, want %d)", toPost, posted+1)
	}
	// A letter issued whose copy fails: exit 0, a warning saying it is
	// issued and kept, and one letter only.
	code, out, errOut := cli(t, "-db", db, "letter", ref, "relance2", "-o", long, "-force", "-json")
	var l struct{ Ref string }
	if code != 0 || json.Unmarshal([]byte(out), &l) != nil || !strings.Contains(errOut, "attention") ||
		!strings.Contains(errOut, "émise et conservée") || !strings.Contains(errOut, l.Ref) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Fatalf("letter whose copy fails = %d, %q, %q; want exit 0 and one warning line", code, out, errOut)
	}
	if all, _ := letterCount(t, db); all != issued+2 {
		t.Fatalf("%d letters issued, want 2", all-issued)
	}
	batch := filepath.Join(t.TempDir(), "tournee.pdf")
	if code, _, errOut := cli(t, "-db", db, "post", "day", "-o", batch); code != 0 {
		t.Fatalf("post day = %d, %q", code, errOut)
	}
	if _, toPost := letterCount(t, db); toPost != 0 {
		t.Fatalf("after post day, %d letter(s) left to post", toPost)
	}
}

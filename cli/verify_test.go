package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amiable/data"
)

// With documents deleted, `amiable verify` lists them with their case and
// exits 1; a sound store exits 0.
func TestVerifyCommand(t *testing.T) {
	db := demoDB(t)
	if code, out, errOut := cli(t, "-db", db, "verify"); code != 0 || !strings.Contains(out, "tous intacts") {
		t.Fatalf("verify of a sound store = %d, %q, %q", code, out, errOut)
	}
	docs := filepath.Join(filepath.Dir(db), "documents")
	var files []string
	filepath.WalkDir(docs, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 3 {
		t.Fatalf("the demo stored %d files", len(files))
	}
	os.Remove(files[0])
	os.Chmod(files[1], 0o600)
	os.WriteFile(files[1], []byte("falsifié"), 0o400)
	code, out, errOut := cli(t, "-db", db, "verify", "-json")
	var rep struct {
		Checked  int
		Problems []data.DocumentProblem
	}
	if code != 1 || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Problems) < 2 || !strings.Contains(errOut, "alerte") {
		t.Fatalf("verify -json with a file deleted and one altered = %d, %q, %q", code, out, errOut)
	}
	kinds := map[data.Problem]bool{}
	for _, p := range rep.Problems {
		kinds[p.Problem] = true
		if p.SHA256 == "" || p.Name == "" {
			t.Errorf("problem without its file: %+v", p)
		}
	}
	if !kinds[data.ProblemMissing] || !kinds[data.ProblemAltered] {
		t.Fatalf("verify found %+v; want one missing, one altered", rep.Problems)
	}
	code, out, _ = cli(t, "-db", db, "sweep", "-json")
	if code != 0 || !strings.Contains(out, `"kind": "piece_absente_ou_alteree"`) {
		t.Fatalf("the evidence flags are not in the review: %d, %s", code, out)
	}
	if code, _, errOut := cli(t, "-db", db, "verify", "-every", "400"); code != 1 || !strings.Contains(errOut, "365") {
		t.Fatalf("verify -every 400 = %d, %q", code, errOut)
	}
}

// A missing or empty file is no office: every command but demo refuses
// it, and nothing is created.
func TestEmptyFileIsNoOffice(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "vide.db")
	os.WriteFile(empty, nil, 0o600)
	missing := filepath.Join(dir, "absente.db")
	for _, db := range []string{empty, missing} {
		for _, args := range [][]string{
			{"sweep"}, {"backup", "-to", filepath.Join(dir, "cle")}, {"cases"}, {"verify"},
			{"mail", "set", "-host", "imap.example.fr", "-user", "etude"},
		} {
			code, _, errOut := cli(t, append([]string{"-db", db}, args...)...)
			if code == 0 || !strings.Contains(errOut, "Aucune base Amiable ici") {
				t.Errorf("%s on %s = %d, %q; want « Aucune base Amiable ici »", args[0], filepath.Base(db), code, errOut)
			}
		}
		if db == empty { // without a base at all, calc uses the default rates
			code, _, errOut := cli(t, "-db", db, "calc", "interest", "-principal", "100", "-from", "2026-01-01", "-to", "2026-02-01", "-creditor", "particulier")
			if code == 0 || !strings.Contains(errOut, "Aucune base Amiable ici") {
				t.Errorf("calc on an empty file = %d, %q", code, errOut)
			}
		}
		if fi, err := os.Stat(db); db == missing && err == nil || db == empty && (err != nil || fi.Size() != 0) {
			t.Errorf("%s was created or changed", db)
		}
	}
}

// sweep -now refuses a day beyond tomorrow: the journal is permanent.
func TestSweepRefusesTheFarFuture(t *testing.T) {
	db := demoDB(t)
	for _, day := range []string{"2199-12-31", dateToday().AddDays(2).ISO()} {
		if code, _, errOut := cli(t, "-db", db, "sweep", "-now", day); code != 2 || !strings.Contains(errOut, "après demain") {
			t.Errorf("sweep -now %s = %d, %q", day, code, errOut)
		}
	}
	if code, _, errOut := cli(t, "-db", db, "sweep", "-now", dateToday().AddDays(1).ISO()); code != 0 {
		t.Errorf("sweep -now tomorrow = %d, %q", code, errOut)
	}
}

// restore of a backup whose documents are gone refuses, naming them;
// -incomplete restores anyway and says so.
func TestRestoreCommandRefusesAnIncompleteBackup(t *testing.T) {
	db := demoDB(t)
	dir := filepath.Join(t.TempDir(), "sauvegardes")
	if code, _, errOut := cli(t, "-db", db, "backup", "-to", dir); code != 0 {
		t.Fatalf("backup = %d, %q", code, errOut)
	}
	os.RemoveAll(filepath.Join(dir, "documents"))
	elsewhere := filepath.Join(t.TempDir(), "amiable.db")
	backup := filepath.Join(dir, data.BackupName(dateToday()))
	code, _, errOut := cli(t, "-db", elsewhere, "restore", "-from", backup)
	if code != 1 || !strings.Contains(errOut, "incomplète") || !strings.Contains(errOut, "« ") || !strings.Contains(errOut, "-incomplete") {
		t.Fatalf("restore of a backup without its documents = %d, %q", code, errOut)
	}
	if _, err := os.Stat(elsewhere); err == nil {
		t.Fatal("the refused restore wrote a base")
	}
	if code, out, errOut := cli(t, "-db", elsewhere, "restore", "-from", backup, "-incomplete"); code != 0 || !strings.Contains(out, "Base restaurée") || !strings.Contains(errOut, "sans copie correcte") {
		t.Fatalf("restore -incomplete = %d, %q, %q", code, out, errOut)
	}
}

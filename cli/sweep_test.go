package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amiable/debt"
)

func TestSweepCommand(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := cli(t, "-db", db, "sweep", "-json")
	var flags []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &flags) != nil || len(flags) == 0 {
		t.Fatalf("sweep -json = %d, %d flags, stderr %q", code, len(flags), errOut)
	}
	for _, key := range []string{"case", "kind", "object", "due", "since", "text"} {
		if _, ok := flags[0][key]; !ok {
			t.Errorf("sweep -json flag lacks %q: %v", key, flags[0])
		}
	}
	if len(flags[0]) != 6 {
		t.Errorf("sweep -json flag has fields %v; want exactly case, kind, object, due, since, text", flags[0])
	}
	today := debt.DateOf(time.Now()).ISO()
	if !strings.Contains(errOut, "Calcul du ") || !strings.Contains(errOut, "Sauvegarde en échec") {
		t.Errorf("sweep stderr = %q; want the summary and the backup that failed (no folder chosen)", errOut)
	}
	// The failed backup is the first flag, the office's.
	if flags[0]["kind"] != string(debt.FlagBackupFailed) || flags[0]["case"] != "" || flags[0]["since"] != today {
		t.Errorf("first flag = %v; want the office's failed backup, since today", flags[0])
	}
	code, again, _ := cli(t, "-db", db, "sweep", "-json")
	if code != 0 || again != out {
		t.Fatalf("a second sweep the same day changed the flags (code %d)", code)
	}
	code, text, _ := cli(t, "-db", db, "sweep")
	if code != 0 || !strings.Contains(text, debt.FlagBackupFailed.Label()+" (1)") || !strings.Contains(text, "alerte(s) à traiter le ") {
		t.Fatalf("sweep = %d:\n%s", code, text)
	}
	yesterday := debt.DateOf(time.Now()).AddDays(-1).ISO()
	code, _, errOut = cli(t, "-db", db, "sweep", "-now", yesterday)
	if code != 1 || !strings.Contains(errOut, "ne peut pas revenir") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("sweep -now %s = %d, %q; want one French line refusing to go back", yesterday, code, errOut)
	}
	if code, _, errOut := cli(t, "-db", db, "sweep", "-now", "31/02/2026"); code != 2 || !strings.Contains(errOut, "n'existe pas") {
		t.Fatalf("sweep -now 31/02/2026 = %d, %q", code, errOut)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	db := demoDB(t)
	dir := filepath.Join(t.TempDir(), "sauvegardes")
	code, out, errOut := cli(t, "-db", db, "backup", "-to", dir, "-json")
	var res struct {
		Path      string `json:"path"`
		Size      int64  `json:"size"`
		Documents int    `json:"documents"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Size == 0 || res.Documents == 0 {
		t.Fatalf("backup -to = %d, %q, %q", code, out, errOut)
	}
	if _, err := os.Stat(res.Path); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := cli(t, "-db", db, "backup"); code != 1 || !strings.Contains(errOut, "Aucun dossier de sauvegarde") {
		t.Fatalf("backup with no folder chosen = %d, %q", code, errOut)
	}
	// Work goes on after the backup: the sweep journals its flags.
	if code, _, errOut := cli(t, "-db", db, "sweep"); code != 0 {
		t.Fatalf("sweep = %d, %q", code, errOut)
	}
	code, _, errOut = cli(t, "-db", db, "restore", "-from", res.Path)
	if code != 1 || !strings.Contains(errOut, "-force") {
		t.Fatalf("restore over newer work = %d, %q; want a refusal naming -force", code, errOut)
	}
	code, out, errOut = cli(t, "-db", db, "restore", "-from", res.Path, "-force")
	if code != 0 || !strings.Contains(out, "Base restaurée") || !strings.Contains(out, "gardée") {
		t.Fatalf("restore -force = %d, %q, %q", code, out, errOut)
	}
	code, out, _ = cli(t, "-db", db, "sweep", "-json")
	var flags []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &flags) != nil || len(flags) == 0 {
		t.Fatalf("sweep after restoring = %d, %d flags", code, len(flags))
	}
	if code, _, errOut := cli(t, "-db", db, "restore", "-from", filepath.Join(dir, "absente.db")); code != 1 || !strings.Contains(errOut, "introuvable") {
		t.Fatalf("restore of a missing file = %d, %q", code, errOut)
	}
	if code, _, errOut := cli(t, "-db", db, "restore"); code != 2 || !strings.Contains(errOut, "-from") {
		t.Fatalf("restore without -from = %d, %q", code, errOut)
	}
}

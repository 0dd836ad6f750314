package cli

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
)

// TestMain lets a test run the command line as a child process of its
// own (the test binary re-executed with AMIABLE_CLI_CHILD=1): the real
// command code in a process that can be killed with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("AMIABLE_CLI_CHILD") == "1" {
		os.Exit(Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr, nil))
	}
	os.Exit(m.Run())
}

// child returns the command line as a child process running args.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "AMIABLE_CLI_CHILD=1", "LANG=C.UTF-8")
	return cmd
}

// bankRefs returns the bank references of the payments of the base at
// path (its write-ahead log included), for the payments that must survive.
func bankRefs(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("%s: quick_check = %q, %v", path, check, err)
	}
	rows, err := db.Query("SELECT bank_ref FROM payments WHERE bank_ref LIKE 'CONC-%'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var r string
		rows.Scan(&r)
		out[r] = true
	}
	return out
}

// A restore while payments are recorded: each payment either is refused
// with the French message of the lock, or survives, in the restored base
// (recorded after the restore) or in the base the restore set aside
// (recorded before it, which -force chose to replace). None is lost, and
// every base stays sound.
func TestRestoreUnderConcurrentWriters(t *testing.T) {
	db := demoDB(t)
	dir := filepath.Join(t.TempDir(), "sauvegardes")
	code, out, errOut := cli(t, "-db", db, "backup", "-to", dir, "-json")
	if code != 0 {
		t.Fatalf("backup = %d, %s, %s", code, out, errOut)
	}
	backup := filepath.Join(dir, data.BackupName(dateToday()))
	_, out, _ = cli(t, "-db", db, "cases", "-status", "negociation", "-limit", "1", "-json")
	ref := jsonRefs(t, out)[0]
	today := time.Now().Format("2006-01-02")

	const payments = 80
	var (
		mu        sync.Mutex
		confirmed []string
		refused   int
		other     []string
	)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < payments; i += 2 {
				bank := fmt.Sprintf("CONC-%03d", i)
				code, _, errOut := cli(t, "-db", db, "pay", ref, "-amount", "1", "-date", today, "-method", "virement", "-ref", bank)
				mu.Lock()
				switch {
				case code == 0:
					confirmed = append(confirmed, bank)
				case strings.Contains(errOut, "restauration"):
					refused++
				default:
					other = append(other, errOut)
				}
				mu.Unlock()
			}
		}()
	}
	restored, locked := 0, 0
	var kept []string
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
loop:
	for {
		select {
		case <-done:
			break loop
		default:
		}
		code, out, errOut := cli(t, "-db", db, "restore", "-from", backup, "-force")
		switch {
		case code == 0:
			restored++
			for _, line := range strings.Split(out, "\n") {
				if k, ok := strings.CutPrefix(line, "La base remplacée est gardée : "); ok {
					kept = append(kept, k)
				}
			}
		case strings.Contains(errOut, "ouverte par Amiable"):
			locked++
		default:
			t.Fatalf("restore = %d, %q", code, errOut)
		}
	}
	if len(other) > 0 {
		t.Fatalf("payments failed otherwise than on the lock: %q", other)
	}
	found := bankRefs(t, db)
	for _, k := range kept {
		for r := range bankRefs(t, k) {
			found[r] = true
		}
	}
	var lost []string
	for _, c := range confirmed {
		if !found[c] {
			lost = append(lost, c)
		}
	}
	t.Logf("%d payments confirmed, %d refused during a restore; %d restores done, %d refused while the base was open; %d lost",
		len(confirmed), refused, restored, locked, len(lost))
	if len(lost) > 0 {
		t.Fatalf("%d confirmed payments lost: %v", len(lost), lost)
	}
	if restored == 0 {
		t.Fatal("no restore ran beside the payments")
	}
	// Once the restores are over, a payment goes into the restored base.
	if code, _, errOut := cli(t, "-db", db, "pay", ref, "-amount", "1", "-date", today, "-method", "virement", "-ref", "CONC-FIN"); code != 0 {
		t.Fatalf("pay after the restores = %d, %q", code, errOut)
	}
	if !bankRefs(t, db)["CONC-FIN"] {
		t.Fatal("the payment after the restores is not in the base")
	}
}

// A restore refuses while the window (or any command) has the base open,
// and an opening waits for a restore, then says so.
func TestRestoreRefusedWhileOpen(t *testing.T) {
	db := demoDB(t)
	dir := filepath.Join(t.TempDir(), "sauvegardes")
	if code, _, errOut := cli(t, "-db", db, "backup", "-to", dir); code != 0 {
		t.Fatalf("backup = %d, %q", code, errOut)
	}
	st, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := cli(t, "-db", db, "restore", "-from", filepath.Join(dir, data.BackupName(dateToday())), "-force")
	st.Close()
	if code != 1 || !strings.Contains(errOut, "ouverte par Amiable") {
		t.Fatalf("restore while the base is open = %d, %q; want the lock's refusal", code, errOut)
	}
}

// kill -9 during a restore, at random instants: the path holds the old
// base or the new one, whole, every time.
func TestRestoreKilledAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns the command line 20 times")
	}
	db := filepath.Join(t.TempDir(), "amiable.db")
	if code, _, errOut := cli(t, "-db", db, "demo", "-cases", "500", "-seed", "13"); code != 0 {
		t.Fatalf("demo = %d, %q", code, errOut)
	}
	dir := filepath.Join(t.TempDir(), "sauvegardes")
	if code, _, errOut := cli(t, "-db", db, "backup", "-to", dir); code != 0 {
		t.Fatalf("backup = %d, %q", code, errOut)
	}
	backup := filepath.Join(dir, data.BackupName(dateToday()))
	// The old base has work the backup lacks: a higher generation.
	if code, _, errOut := cli(t, "-db", db, "sweep"); code != 0 {
		t.Fatalf("sweep = %d, %q", code, errOut)
	}
	oldGen, newGen := generationAt(t, db), generationAt(t, backup)
	if oldGen <= newGen {
		t.Fatalf("generations old %d, backup %d: want the old base ahead", oldGen, newGen)
	}
	pristine := filepath.Join(t.TempDir(), "ancienne.db")
	copyTestFile(t, db, pristine)

	// How long an undisturbed restore takes, to spread the kills over it.
	start := time.Now()
	if out, err := child(t, "-db", db, "restore", "-from", backup, "-force").CombinedOutput(); err != nil {
		t.Fatalf("restore: %v, %s", err, out)
	}
	took := time.Since(start)
	rng := rand.New(rand.NewPCG(13, 5))
	const kills = 30
	var old, restored, broken int
	for i := range kills {
		os.Remove(db + "-wal")
		os.Remove(db + "-shm")
		copyTestFile(t, pristine, db)
		cmd := child(t, "-db", db, "restore", "-from", backup, "-force")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(took) * 11 / 10)))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		switch g := generationAt(t, db); g {
		case oldGen:
			old++
		case newGen + 1: // the restore's own entry in the journal
			restored++
		default:
			broken++
			t.Errorf("kill %d: the base at the path has generation %d, neither the old %d nor the restored %d", i, g, oldGen, newGen+1)
		}
	}
	t.Logf("restore (%v undisturbed) killed %d times: old base %d, restored base %d, other %d", took.Round(time.Millisecond), kills, old, restored, broken)
}

// generationAt opens the base at path as Amiable would (it must be whole
// and sound) and returns its write generation.
func generationAt(t *testing.T, path string) int64 {
	t.Helper()
	st, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatalf("the base at %s does not open: %v", path, err)
	}
	defer st.Close()
	g, err := st.Generation(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func copyTestFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst+".tmp", b, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dst+".tmp", dst); err != nil {
		t.Fatal(err)
	}
}

func dateToday() debt.Date { return debt.DateOf(time.Now()) }

// jsonRefs reads the references of `cases -json`.
func jsonRefs(t *testing.T, out string) []string {
	t.Helper()
	var rows []struct{ Ref string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("cases -json = %q (%v)", out, err)
	}
	refs := make([]string, len(rows))
	for i, r := range rows {
		refs[i] = r.Ref
	}
	return refs
}

// kill -9 during the demonstration, at random instants: no file of the
// document store is left under a SHA-256 that is not its content's.
func TestDemoKilledLeavesNoPartialDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns the command line")
	}
	rng := rand.New(rand.NewPCG(13, 13))
	const kills = 6
	bad, files := 0, 0
	for i := range kills {
		db := filepath.Join(t.TempDir(), "amiable.db")
		cmd := child(t, "-db", db, "demo", "-cases", "300", "-seed", fmt.Sprint(i+1))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300*time.Millisecond + time.Duration(rng.Int64N(int64(2500*time.Millisecond))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		filepath.WalkDir(filepath.Join(filepath.Dir(db), "documents"), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			files++
			b, err := os.ReadFile(p)
			if sum := sha256.Sum256(b); err != nil || hex.EncodeToString(sum[:]) != d.Name() {
				bad++
				t.Errorf("kill %d: %s holds %d bytes that are not its SHA-256", i, p, len(b))
			}
			return nil
		})
	}
	t.Logf("demo killed %d times: %d stored files checked, %d partial", kills, files, bad)
}

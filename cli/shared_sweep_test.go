package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"amiable/data"
	"amiable/debt"
)

var sharedSerial atomic.Int64

// sharedBase creates an empty database on AMIABLE_PG_URL's server
// (scripts/postgres.sh) and returns its URL; it is dropped at the end of
// t. Without a server the test skips, saying so (fails in CI).
func sharedBase(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("AMIABLE_PG_URL")
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("AMIABLE_PG_URL n'est pas défini : la CI doit lancer les tests PostgreSQL (scripts/postgres.sh start)")
		}
		t.Skip("pas de serveur PostgreSQL (AMIABLE_PG_URL vide : lancez eval \"$(scripts/postgres.sh start /tmp/amiable-pg)\")")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	name := fmt.Sprintf("amiable_t%d_cli%d", os.Getpid(), sharedSerial.Add(1)) // the data tests drop it if this process dies
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", admin); err == nil {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			db.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

var _ = stdlib.GetDefaultDriver // registers "pgx"

// On the shared base, `amiable verify` re-reads the documents kept in the
// base, lists a missing one and says it is restored from the server's
// backup; `amiable sweep` raises the evidence flag in the review, and no
// desk backup is attempted (no « sauvegarde échouée » flag).
func TestVerifyAndSweepOnTheSharedBase(t *testing.T) {
	base := sharedBase(t)
	ctx := context.Background()
	st, c := sharedCase(t, base)
	now := time.Now()
	var docs []debt.Document
	for _, n := range []string{"bail.pdf", "relevé.pdf"} {
		d, err := st.AddDocument(ctx, c.ID, debt.DocProof, n, strings.NewReader("%PDF-1.4 "+n), "test", now)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	st.Close()

	if code, out, errOut := cli(t, "-db", base, "verify"); code != 0 || !strings.Contains(out, "2 document(s) relu(s) sur 2, tous intacts") {
		t.Fatalf("verify of a sound shared base = %d, %q, %q", code, out, errOut)
	}
	raw, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{"ALTER TABLE blobs DISABLE TRIGGER USER", "DELETE FROM blobs WHERE sha256 = '" + docs[0].SHA256 + "'", "ALTER TABLE blobs ENABLE TRIGGER USER"} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	code, out, errOut := cli(t, "-db", base, "verify")
	if code != 1 || !strings.Contains(out, "« bail.pdf »") || !strings.Contains(out, "à restaurer depuis la sauvegarde du serveur") || !strings.Contains(errOut, "alerte") {
		t.Fatalf("verify with a document gone from the shared base = %d, %q, %q", code, out, errOut)
	}
	code, out, errOut = cli(t, "-db", base, "sweep", "-json")
	var flags []flagJSON
	if code != 0 || json.Unmarshal([]byte(out), &flags) != nil {
		t.Fatalf("sweep -json on the shared base = %d, %q, %q", code, out, errOut)
	}
	kinds := map[debt.FlagKind]bool{}
	for _, f := range flags {
		kinds[f.Kind] = true
	}
	if !kinds[debt.FlagEvidence] || kinds[debt.FlagBackupFailed] {
		t.Fatalf("flags after the sweep of the shared base = %v; want the evidence flag, no failed backup", kinds)
	}
	if code, out, errOut := cli(t, "-db", base, "sweep"); code != 0 || !strings.Contains(errOut, "Calcul du") || strings.Contains(errOut, "Sauvegarde") {
		t.Fatalf("sweep on the shared base = %d, %q, %q; want the day computed, no desk backup", code, out, errOut)
	}
}

// sharedCase opens the shared base and creates a case of a rent owed
// since 400 days.
func sharedCase(t *testing.T, base string) (*data.Store, debt.Case) {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	cid, err := st.SaveParty(ctx, debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: "SCI Les Tilleuls", LegalForm: "SCI",
		Addresses: []debt.Address{{Street: "1 place du Marché", Postcode: "59000", Town: "Lille", Current: true}}}, "test", now)
	if err != nil {
		t.Fatal(err)
	}
	did, err := st.SaveParty(ctx, debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: "Mme", FirstName: "Claire", LastName: "Martin",
		Addresses: []debt.Address{{Street: "12 rue des Lilas", Postcode: "59000", Town: "Lille", Current: true}}}, "test", now)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}}, Nature: debt.NatureRent,
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Loyer", DueDate: debt.DateOf(now).AddDays(-400), Amount: 65000}}}, "test", now)
	if err != nil {
		t.Fatal(err)
	}
	return st, c
}

// `amiable interrupt` on the shared base: an acknowledgement with its
// scan (kept in the base), a mediation, the list, the mediation's end.
func TestInterruptOnTheSharedBase(t *testing.T) {
	base := sharedBase(t)
	st, c := sharedCase(t, base)
	st.Close()
	today := debt.DateOf(time.Now())
	scan := filepath.Join(t.TempDir(), "reconnaissance.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 reconnaissance signée"), 0o644)
	code, out, errOut := cli(t, "-db", base, "interrupt", c.Ref, "-kind", "reconnaissance", "-date", today.AddDays(-20).ISO(), "-doc", scan, "-json")
	var res struct {
		Interruption struct {
			ID       int64
			Kind     string
			Document int64
		}
		After struct{ Expires string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Interruption.Kind != "reconnaissance" || res.Interruption.Document == 0 ||
		res.After.Expires < today.AddDays(-20).AddYears(2).ISO() {
		t.Fatalf("interrupt = %d, %s, %s", code, out, errOut)
	}
	code, out, errOut = cli(t, "-db", base, "interrupt", c.Ref, "-kind", "mediation", "-date", today.AddDays(-10).ISO())
	if code != 0 || !strings.Contains(out, "enregistrée") || !strings.Contains(out, "suspendue") {
		t.Fatalf("interrupt mediation = %d, %s, %s", code, out, errOut)
	}
	code, out, _ = cli(t, "-db", base, "interrupt", c.Ref, "-list", "-json")
	var its []struct {
		ID   int64
		Kind string
	}
	if code != 0 || json.Unmarshal([]byte(out), &its) != nil || len(its) != 2 || its[1].Kind != "mediation" {
		t.Fatalf("interrupt -list = %d, %s", code, out)
	}
	if code, out, errOut := cli(t, "-db", base, "interrupt", c.Ref, "-close", fmt.Sprint(its[1].ID), "-date", today.AddDays(-2).ISO()); code != 0 || !strings.Contains(out, "Date de prescription") {
		t.Errorf("interrupt -close = %d, %s, %s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "-db", base, "interrupt", c.Ref, "-close", fmt.Sprint(its[1].ID), "-date", today.ISO()); code == 0 || !strings.Contains(errOut, "déjà pris fin") {
		t.Errorf("interrupt -close twice = %d, %q", code, errOut)
	}
}

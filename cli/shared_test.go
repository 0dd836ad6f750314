package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/internal/pgtest"
)

// The command line on the office's shared base (issue 16): -db takes a
// postgres:// address (or AMIABLE_DB), and the commands work there as on
// the desk's file. The base is a fresh database on the server named by
// AMIABLE_PG_URL (internal/pgtest: skipped without one, failed in CI).

func TestMainTakesTheBaseFromDBThenAMIABLE_DB(t *testing.T) {
	var got []string
	window := func(path string) int { got = append(got, path); return 0 }
	run := func(args ...string) {
		var out, errOut bytes.Buffer
		if code := Main(context.Background(), args, &out, &errOut, window); code != 0 {
			t.Fatalf("Main(%q) = %d, %q", args, code, errOut.String())
		}
	}
	t.Setenv("AMIABLE_DB", "")
	run()
	t.Setenv("AMIABLE_DB", "postgres://accueil@serveur/amiable")
	run()
	run("-db", "/tmp/poste.db")
	want := []string{"", "postgres://accueil@serveur/amiable", "/tmp/poste.db"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("window opened %q, want %q (none given: the base chosen in Paramètres)", got, want)
	}

	// a command reads AMIABLE_DB too
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("AMIABLE_DB", db)
	if code, out, errOut := cli(t, "demo", "-cases", "5"); code != 0 || !strings.Contains(out, db) {
		t.Fatalf("AMIABLE_DB=%s amiable demo = %d, %q, %q", db, code, out, errOut)
	}
}

// seedShared gives the shared base at url an office and one case ready for
// letters (checklist complete, proof attached), through the store, and
// returns the case's reference.
func seedShared(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	st, err := data.Open(url)
	if err != nil {
		t.Fatalf("data.Open(%s): %v", url, err)
	}
	defer st.Close()
	now := time.Now()
	office := debt.Office{Name: "Étude Durand", Address: debt.Address{Street: "1 place du Théâtre", Postcode: "59000", Town: "Lille"},
		Town: "Lille", Phone: "03 20 00 00 00", Email: "contact@etude-durand.fr", IBAN: "FR7630006000011234567890189", BIC: "AGRIFRPP",
		Signatories: []string{"Maître Jeanne DURAND, commissaire de justice"}}
	if err := st.SaveOffice(ctx, office, "test", now); err != nil {
		t.Fatalf("SaveOffice: %v", err)
	}
	party := func(p debt.Party) debt.Party {
		id, err := st.SaveParty(ctx, p, "test", now)
		if err != nil {
			t.Fatalf("SaveParty: %v", err)
		}
		p, _ = st.Party(ctx, id)
		return p
	}
	cred := party(debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: "Boulangerie Dupont", LegalForm: "SARL", SIREN: "732829320",
		Addresses: []debt.Address{{Street: "10 avenue Foch", Postcode: "59000", Town: "Lille", Current: true}}})
	deb := party(debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: "Mme", FirstName: "Claire", LastName: "Martin",
		Addresses: []debt.Address{{Street: "3 rue des Lilas", Postcode: "59800", Town: "Lille", Current: true}}})
	due := debt.DateOf(now).AddDays(-60)
	c, err := st.CreateCase(ctx, debt.Case{Creditor: cred, Debtors: []debt.CaseDebtor{{Party: deb}}, Nature: debt.NatureInvoice,
		Basis: "Bon de commande n° 12", Interest: debt.InterestTerms{Kind: debt.InterestLegal},
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-1", IssueDate: due.AddDays(-30), DueDate: due, Amount: 120000}}}, "test", now)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	doc, err := st.AddDocument(ctx, c.ID, debt.DocProof, "facture F-1.pdf", strings.NewReader("%PDF-1.4 facture F-1"), "test", now)
	if err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	if err := st.LinkProof(ctx, c.ID, c.Lines[0].ID, doc.ID, "test", now); err != nil {
		t.Fatalf("LinkProof: %v", err)
	}
	return c.Ref
}

func TestCommandsOnTheSharedBase(t *testing.T) {
	url := pgtest.NewDatabase(t)
	ref := seedShared(t, url)
	dir := t.TempDir()
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return cli(t, append([]string{"-db", url}, args...)...)
	}
	mustRun := func(want string, args ...string) string {
		t.Helper()
		code, out, errOut := run(args...)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("amiable -db %s %s = %d, %q, %q; want %q", url, strings.Join(args, " "), code, out, errOut, want)
		}
		return out
	}

	// cases without search text, and one case with its documents
	var rows []struct{ Ref, Status string }
	if json.Unmarshal([]byte(mustRun(ref, "cases", "-json")), &rows); len(rows) != 1 || rows[0].Ref != ref {
		t.Fatalf("cases -json = %+v, want %s alone", rows, ref)
	}
	mustRun(ref, "cases", "-status", "nouveau")
	out := mustRun("facture F-1.pdf", "case", ref)
	if !strings.Contains(out, "Boulangerie Dupont") || !strings.Contains(out, "1\u202f200,00") {
		t.Errorf("case %s:\n%s", ref, out)
	}

	// a letter: issued, kept in the base (no file path), its copy written
	pdf := filepath.Join(dir, "mise-en-demeure.pdf")
	out = mustRun("conservé dans la base partagée", "letter", ref, "mise-en-demeure", "-tracking", "1A 987 654 3210 9", "-o", pdf)
	var l struct{ Ref, Path, SHA256 string }
	code, js, errOut := run("letter", ref, "relance1", "-json")
	if code != 0 || json.Unmarshal([]byte(js), &l) != nil || l.Path != "" || len(l.SHA256) != 64 {
		t.Fatalf("letter -json = %d, %s, %s; want no path and a SHA-256", code, js, errOut)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("letter -o copy: %v", err)
	}
	st, err := data.OpenReadOnly(url)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.OpenBlob(l.SHA256)
	if err != nil {
		t.Fatalf("OpenBlob(the letter's PDF): %v", err)
	}
	r.Close()
	st.Close()

	// the day's round and the AR
	mustRun("1 recommandé", "post", "day", "-o", filepath.Join(dir, "tournee.pdf"))
	scan := filepath.Join(dir, "ar.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 AR signé"), 0o600)
	mustRun("Distribué", "post", "ar", "1A 987 654 3210 9", "-outcome", "delivered", "-date", time.Now().Format("2006-01-02"), "-scan", scan)

	// money: a payment, a plan, the export
	today := time.Now().Format("2006-01-02")
	mustRun("25,50", "pay", ref, "-amount", "25,50", "-date", today, "-method", "cheque", "-ref", "CHQ 0042")
	mustRun("4", "plan", ref, "-instalments", "4", "-first", time.Now().AddDate(0, 1, 0).Format("2006-01-02"))
	csv := filepath.Join(dir, "mouvements.csv")
	mustRun("", "export", "payments", "-from", time.Now().AddDate(0, 0, -1).Format("2006-01-02"), "-to", today, "-o", csv)
	if b, _ := os.ReadFile(csv); !strings.Contains(string(b), ref+";") || !strings.Contains(string(b), ";25,50;2550;cheque;CHQ 0042;") {
		t.Errorf("export lacks the payment:\n%s", b)
	}

	// an interrupting act with its document, the calculator
	ack := filepath.Join(dir, "reconnaissance.pdf")
	os.WriteFile(ack, []byte("%PDF-1.4 reconnaissance de dette"), 0o600)
	mustRun("", "interrupt", ref, "-kind", "reconnaissance", "-date", today, "-doc", ack)
	// the calculator reads the office's rates and rules from the shared base
	for _, args := range [][]string{
		{"calc", "interest", "-principal", "1000", "-from", "2025-01-01", "-to", "2025-12-31", "-creditor", "particulier"},
		{"calc", "deadline", "-from", today, "-days", "15"},
	} {
		if code, out, errOut := run(args...); code != 0 || out == "" || errOut != "" {
			t.Errorf("amiable %v = %d, %q, %q; want the office's rates, nothing on stderr", args, code, out, errOut)
		}
	}
	mustRun("", "indemnities", ref)

	// the mailbox's settings live in the shared base
	port := memIMAP(t, "From: debiteur@exemple.fr\r\nSubject: Dossier "+ref+"\r\nMessage-ID: <1@exemple.fr>\r\n\r\nBonjour.\r\n")
	t.Setenv("AMIABLE_IMAP_PASSWORD", "secret")
	mustRun("Compte enregistré", "mail", "set", "-host", "127.0.0.1", "-port", port, "-security", "none", "-user", "amiable")
	mustRun("Connexion réussie : INBOX (1 message", "mail", "test")

	// the journal has it all
	out = mustRun("Courrier émis : Mise en demeure", "case", ref)
	for _, want := range []string{"AR du courrier", "reconnaissance.pdf"} {
		if !strings.Contains(out, want) {
			t.Errorf("case %s lacks %q:\n%s", ref, want, out)
		}
	}
}

package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"amiable/debt"
)

// pgRaw opens a plain connection to a test database (no Amiable checks).
func pgRaw(t *testing.T, rawURL string) *sql.DB {
	t.Helper()
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenPostgresRefusesForeignNewerAndUninitialisedBases(t *testing.T) {
	needPG(t)
	ctx := context.Background()

	foreign := newPGDatabase(t, "")
	pgRaw(t, foreign).Exec("CREATE TABLE invoices (id int)")

	newer := newPGDatabase(t, "")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	pgRaw(t, newer).Exec("UPDATE amiable_meta SET schema_version = 999")

	other := newPGDatabase(t, "")
	pgRaw(t, other).Exec("CREATE TABLE amiable_meta (application_id bigint, schema_version int); INSERT INTO amiable_meta VALUES (42, 1)")

	for _, tc := range []struct{ url, want string }{
		{foreign, "autre programme"},
		{newer, "plus récente"},
		{other, "autre programme"},
	} {
		tables := func() int {
			var n int
			pgRaw(t, tc.url).QueryRowContext(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&n)
			return n
		}
		before := tables()
		_, err := Open(tc.url)
		if err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(Message(err), tc.want) {
			t.Errorf("Open(%s) = %v; want refusal containing %q", tc.url, err, tc.want)
		}
		if after := tables(); after != before {
			t.Errorf("Open(%s) changed the base: %d tables, then %d", tc.url, before, after)
		}
	}
	var v int
	pgRaw(t, newer).QueryRow("SELECT schema_version FROM amiable_meta").Scan(&v)
	if v != 999 {
		t.Errorf("newer base's schema_version = %d after a refused Open; want 999 untouched", v)
	}

	empty := newPGDatabase(t, "")
	if _, err := OpenReadOnly(empty); err == nil || !strings.Contains(Message(err), "n'est pas initialisée") {
		t.Errorf("OpenReadOnly(empty) = %v; want « n'est pas initialisée »", err)
	}
	s, err = Open(empty)
	if err != nil {
		t.Fatalf("Open(empty) = %v; want the base initialised", err)
	}
	s.Close()
	var appID int64
	pgRaw(t, empty).QueryRow("SELECT application_id, schema_version FROM amiable_meta").Scan(&appID, &v)
	if appID != ApplicationID || v != SchemaVersion() {
		t.Errorf("amiable_meta = %x, %d; want %x, %d", appID, v, ApplicationID, SchemaVersion())
	}
	ro, err := OpenReadOnly(empty)
	if err != nil {
		t.Fatalf("OpenReadOnly(initialised) = %v", err)
	}
	ro.Close()
}

// The PostgreSQL migrations keep SQLite's numbers, one for one.
func TestPostgresMigrationsMatchSQLiteNumbers(t *testing.T) {
	lite, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	pg, err := pgMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(pg) != len(lite) {
		t.Fatalf("%d PostgreSQL migrations, %d SQLite ones; want the same numbers", len(pg), len(lite))
	}
	for i := range lite {
		ln, _, _ := strings.Cut(strings.TrimPrefix(lite[i].name, "sqlite/"), "_")
		pn, _, _ := strings.Cut(strings.TrimPrefix(pg[i].name, "postgres/"), "_")
		if ln != pn {
			t.Errorf("migration %d: SQLite %s, PostgreSQL %s", i+1, lite[i].name, pg[i].name)
		}
	}
}

func TestOpenPostgresConnectionErrorsInFrench(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"postgres://amiable@192.0.2.10:5432/etude?sslmode=disable", "exige un chiffrement"},
		{"postgres://amiable@serveur.etude.fr/etude?sslmode=require", "exige un chiffrement"},
		{"postgres://amiable:secret@127.0.0.1/etude", "ne s'écrit pas dans l'adresse"},
	} {
		_, err := Open(tc.url)
		if err == nil || !strings.Contains(Message(err), tc.want) {
			t.Errorf("Open(%s) = %v; want %q", tc.url, err, tc.want)
		}
	}
	// Nothing listens on port 1 of loopback.
	if _, err := Open("postgres://amiable@127.0.0.1:1/etude"); err == nil || !strings.Contains(Message(err), "injoignable") {
		t.Errorf("Open(closed port) = %v; want « injoignable »", err)
	}
	// A server with a certificate we cannot check: verify-full without
	// the office CA fails on the certificate or the refused TLS, never
	// falls back to plain text.
	needPG(t)
	u, _ := url.Parse(os.Getenv("AMIABLE_PG_URL"))
	bad := *u
	q := bad.Query()
	q.Set("sslmode", "verify-full")
	bad.RawQuery = q.Encode()
	if _, err := Open(bad.String()); err == nil || !(strings.Contains(Message(err), "certificat") || strings.Contains(Message(err), "chiffrées")) {
		t.Errorf("Open(verify-full, no TLS) = %v; want a certificate or TLS message", err)
	}
	t.Setenv("PGPASSWORD", "faux-mot-de-passe")
	if _, err := Open(u.String()); err == nil || !strings.Contains(Message(err), "Mot de passe refusé") {
		t.Errorf("Open(wrong password) = %v; want « Mot de passe refusé »", err)
	}
}

func TestDocumentsInTheSharedBaseAreVerifiedOnRead(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		content := []byte("%PDF-1.4 mise en demeure")
		sum, n, err := s.PutBlob(strings.NewReader(string(content)))
		if err != nil || n != int64(len(content)) {
			t.Fatalf("PutBlob = %s, %d, %v", sum, n, err)
		}
		sum2, _, err := s.PutBlob(strings.NewReader(string(content)))
		if err != nil || sum2 != sum {
			t.Fatalf("PutBlob again = %s, %v; want the same %s", sum2, err, sum)
		}
		r, err := s.OpenBlob(sum)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(r)
		r.Close()
		if string(got) != string(content) {
			t.Fatalf("OpenBlob = %q", got)
		}
		if err := s.VerifyBlob(sum); err != nil {
			t.Fatal(err)
		}
		missing := strings.Repeat("0", 64)
		if _, err := s.OpenBlob(missing); !errors.Is(err, ErrNotFound) {
			t.Errorf("OpenBlob(missing) = %v; want not found", err)
		}
		if !s.IsShared() {
			return
		}
		if n := countRows(t, s, "blobs"); n != 1 {
			t.Errorf("blobs = %d rows; want 1 (deduplicated)", n)
		}
		for _, q := range []string{"UPDATE blobs SET content = 'x'", "DELETE FROM blobs"} {
			if _, err := s.rw.Exec(q); err == nil || !strings.Contains(err.Error(), "document conservé") {
				t.Errorf("%s: err = %v; want the trigger to refuse", q, err)
			}
		}
		// Altered behind the store's back (the owner disables the trigger):
		// the read notices.
		if _, err := s.rw.Exec("ALTER TABLE blobs DISABLE TRIGGER blobs_no_update; UPDATE blobs SET content = 'falsifié'::bytea, size = 9; ALTER TABLE blobs ENABLE TRIGGER blobs_no_update"); err != nil {
			t.Fatal(err)
		}
		if err := s.VerifyBlob(sum); err == nil || !strings.Contains(Message(err), "altéré") {
			t.Errorf("VerifyBlob(altered) = %v; want « altéré »", err)
		}
		if _, err := s.OpenBlob(sum); err == nil || !strings.Contains(Message(err), "altéré") {
			t.Errorf("OpenBlob(altered) = %v; want « altéré »", err)
		}
	})
}

// Two desks on one shared base: each its own Store (its own connections),
// writing at once. The writer lock serialises their transactions as
// SQLite's single writer does on one desk: new cases get sequential
// references, and payments recorded at once on one case all count in its
// balance (each payment reads the balance and writes the new one).
func TestTwoDesksWriteTheSharedBaseAtOnce(t *testing.T) {
	needPG(t)
	url := newPGDatabase(t, pgTemplateName(t))
	desks := make([]*Store, 2)
	for i := range desks {
		s, err := Open(url)
		if err != nil {
			t.Fatalf("desk %d: Open: %v", i, err)
		}
		t.Cleanup(func() { s.Close() })
		desks[i] = s
	}
	c := newCase(t, desks[0], "Martin") // 650,00 €
	const each = 8
	errs := make(chan error, 4*each)
	var wg sync.WaitGroup
	for i, s := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for j := 0; j < each; j++ {
				_, err := s.CreateCase(ctx, caseOf(t, s, fmt.Sprintf("Poste%d-%d", i, j)), "test", t0)
				errs <- err
				_, err = s.RecordPayment(ctx, c.ID, PaymentInput{Received: debt.MustDate("2026-03-02"), Amount: 1000, Method: MethodTransfer,
					BankRef: fmt.Sprintf("VIR %d-%d", i, j)}, "test", t0)
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	ctx := context.Background()
	rows, err := desks[1].ListCases(ctx, CaseQuery{Sort: SortRef})
	if err != nil || len(rows) != 1+2*each {
		t.Fatalf("ListCases = %d rows, %v; want %d", len(rows), err, 1+2*each)
	}
	for i, r := range rows {
		if want := fmt.Sprintf("2026-%05d", i+1); r.Ref != want {
			t.Errorf("case %d ref = %s; want %s", i, r.Ref, want)
		}
	}
	if want := debt.Cents(65000 - 2*each*1000); rows[0].Balance != want {
		t.Errorf("balance after %d payments from two desks = %s; want %s", 2*each, rows[0].Balance, want)
	}
}

// caseOf saves a creditor and a debtor and returns a case to create.
func caseOf(t *testing.T, s *Store, last string) debt.Case {
	ctx := context.Background()
	cid, err := s.SaveParty(ctx, company("Créancier "+last), "test", t0)
	if err != nil {
		t.Error(err)
	}
	did, err := s.SaveParty(ctx, person(last, "Claire", "c@exemple.fr"), "test", t0)
	if err != nil {
		t.Error(err)
	}
	return debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}}, Nature: debt.NatureRent,
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Loyer", DueDate: debt.MustDate("2026-01-05"), Amount: 65000}}}
}

// pgTemplateName is the migrated template database (made on first use).
func pgTemplateName(t *testing.T) string {
	t.Helper()
	openTestPG(t).Close()
	return pgTemplate.name
}

// The shared base keeps each case's search words at once (migration
// postgres/0012): references and parties, journal, status code; accents
// ignored, prefixes matched. The search queries themselves are ported
// with search.go.
func TestSharedBaseKeepsTheCaseWordsInTheWritingTransaction(t *testing.T) {
	needPG(t)
	s := openTestPG(t)
	ctx := context.Background()
	c := newCase(t, s, "Lefèvre")
	if _, err := s.AddEvent(ctx, debt.Event{CaseID: c.ID, At: t0, Author: "test", Kind: debt.EventNote, Text: "Échéancier proposé par téléphone"}); err != nil {
		t.Fatal(err)
	}
	match := func(q string) []int64 {
		t.Helper()
		rows, err := s.ro.QueryContext(ctx, "SELECT case_id FROM case_words WHERE words @@ to_tsquery('french_unaccent', ?) ORDER BY case_id", q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var ids []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		return ids
	}
	for _, q := range []string{"lefevre", "LEFÈVRE", "echeancier", "telephone", "tilleul:*", "lill:*", "bail:*"} {
		if got := match(q); len(got) != 1 || got[0] != c.ID {
			t.Errorf("case_words @@ %q = %v; want [%d]", q, got, c.ID)
		}
	}
	if got := match("roubaix"); len(got) != 0 {
		t.Errorf("case_words @@ roubaix = %v before the move; want none", got)
	}
	p, _ := s.Party(ctx, c.FirstDebtor().ID)
	p.Addresses[0].Town, p.Addresses[0].Postcode = "Roubaix", "59100"
	if _, err := s.SaveParty(ctx, p, "test", t0); err != nil {
		t.Fatal(err)
	}
	if got := match("roubaix"); len(got) != 1 {
		t.Errorf("case_words @@ roubaix = %v after the move; want the case", got)
	}
	if err := s.ChangeStatus(ctx, c.ID, debt.StatusReminded, "", "test", t0); err != nil {
		t.Fatal(err)
	}
	var code int64
	s.ro.QueryRowContext(ctx, "SELECT code FROM case_words WHERE case_id = ?", c.ID).Scan(&code)
	if code != 3 {
		t.Errorf("case_words code = %d after « relance »; want 3", code)
	}
	if n := countRows(t, s, "case_words_pending") + countRows(t, s, "pending_words"); n != 0 {
		t.Errorf("%d rows wait to be folded on the shared base; want none", n)
	}
}

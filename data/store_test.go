package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amiable/debt"
)

var t0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func openTest(t *testing.T) *Store {
	t.Helper()
	if os.Getenv("AMIABLE_TEST_ENGINE") == "postgres" { // engines_test.go
		return openTestPG(t)
	}
	return openTestSQLite(t)
}

func openTestSQLite(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "amiable.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func person(last, first, email string) debt.Party {
	return debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: "Mme", FirstName: first, LastName: last,
		Addresses: []debt.Address{{Street: "12 rue des Lilas", Postcode: "59000", Town: "Lille", Current: true}},
		Emails:    []string{email}, Phones: []string{"06 12 34 56 78"}}
}

func company(name string) debt.Party {
	return debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: name, LegalForm: "SCI", SIREN: "732829320",
		Addresses: []debt.Address{{Street: "3 place du Théâtre", Postcode: "59800", Town: "Lille"}}}
}

// newCase saves a creditor and a debtor and opens a case with one principal line.
func newCase(t *testing.T, s *Store, debtorLast string) debt.Case {
	t.Helper()
	ctx := context.Background()
	cid, err := s.SaveParty(ctx, company("Les Tilleuls "+debtorLast), "test", t0)
	if err != nil {
		t.Fatalf("SaveParty creditor: %v", err)
	}
	did, err := s.SaveParty(ctx, person(debtorLast, "Claire", strings.ToLower(debtorLast)+"@exemple.fr"), "test", t0)
	if err != nil {
		t.Fatalf("SaveParty debtor: %v", err)
	}
	c, err := s.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}},
		Nature: debt.NatureRent, CreditorRef: "BAIL-" + debtorLast,
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Loyer janvier 2026", DueDate: debt.MustDate("2026-01-05"), Amount: 65000}}},
		"test", t0)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

func TestCreateCaseGivesSequentialReferences(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		a := newCase(t, s, "Martin")
		b := newCase(t, s, "Bernard")
		if a.Ref != "2026-00001" || b.Ref != "2026-00002" {
			t.Fatalf("refs = %s, %s; want 2026-00001, 2026-00002", a.Ref, b.Ref)
		}
		if a.Status != debt.StatusNew || a.Principal() != 65000 || a.FirstDebtor().LastName != "Martin" {
			t.Fatalf("case = %+v", a)
		}
		evs, err := s.Events(context.Background(), a.ID)
		if err != nil || len(evs) != 1 || evs[0].Kind != debt.EventCaseCreated || !strings.Contains(evs[0].Text, "2026-00001") {
			t.Fatalf("Events = %+v, %v; want one opening event", evs, err)
		}
	})
}

func TestInvalidCaseWritesNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		_, err := s.CreateCase(ctx, debt.Case{Nature: debt.NatureRent}, "test", t0)
		var ve debt.ValidationError
		if !errors.As(err, &ve) || !strings.Contains(Message(err), "créancier") {
			t.Fatalf("CreateCase(empty) = %v; want a validation error naming the creditor", err)
		}
		n, _ := s.CountCases(ctx, CaseQuery{})
		if n != 0 {
			t.Fatalf("CountCases = %d after a refused case; want 0", n)
		}
		bad := person("Durand", "Léa", "pas-une-adresse")
		bad.Addresses[0].Postcode = "5900"
		if _, err := s.SaveParty(ctx, bad, "test", t0); err == nil || !strings.Contains(Message(err), "code postal") || !strings.Contains(Message(err), "adresse électronique") {
			t.Fatalf("SaveParty(bad) = %v; want postcode and e-mail messages", err)
		}
		if n, _ := s.CountParties(ctx, PartyQuery{}); n != 0 {
			t.Fatalf("CountParties = %d after a refused party; want 0", n)
		}
	})
}

func TestJournalIsAppendOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		c := newCase(t, s, "Martin")
		for _, q := range []string{"UPDATE events SET text = 'x'", "DELETE FROM events"} {
			if _, err := s.rw.Exec(q); err == nil || !strings.Contains(err.Error(), "journal") {
				t.Errorf("%s: err = %v; want the append-only trigger to refuse", q, err)
			}
		}
		evs, _ := s.Events(context.Background(), c.ID)
		if len(evs) != 1 {
			t.Fatalf("journal has %d entries; want 1", len(evs))
		}
	})
}

func TestSearchFindsNamesTownsEmailsPhonesAndJournal(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := newCase(t, s, "Lefèvre")
		newCase(t, s, "Bernard")
		if _, err := s.AddEvent(ctx, debt.Event{CaseID: a.ID, At: t0, Author: "test", Kind: debt.EventNote, Text: "Le débiteur promet un virement vendredi"}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"lefevre", []string{a.Ref}},
			{"LEFÈV", []string{a.Ref}},
			{a.Ref, []string{a.Ref}},
			{"lefevre@exemple.fr", []string{a.Ref}},
			{"bail-lefèvre", []string{a.Ref}},
			{"virement", []string{a.Ref}},
			{"lille", []string{"2026-00001", "2026-00002"}},
			{"0612345678", []string{"2026-00001", "2026-00002"}},
			{"06 12 34", []string{"2026-00001", "2026-00002"}},
			{"12 06", nil},
			{"732829", []string{"2026-00001", "2026-00002"}},
			{"732 829", nil}, // the SIREN is written without its blocks
			{"exemple.fr", []string{"2026-00001", "2026-00002"}},
			{"claire bernard", []string{"2026-00002"}},
			{"debiteurs", nil},
			{`"); DROP TABLE cases; --`, nil},
			{`'a' & !b:* | (`, nil},
			{"introuvable", nil},
			{" ;; ", nil},
		} {
			rows, err := s.ListCases(ctx, CaseQuery{Text: tc.q})
			if err != nil {
				t.Fatalf("ListCases(%q): %v", tc.q, err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Ref)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("ListCases(%q) = %v; want %v", tc.q, got, tc.want)
			}
			n, err := s.CountCases(ctx, CaseQuery{Text: tc.q})
			if err != nil || n != len(tc.want) {
				t.Errorf("CountCases(%q) = %d, %v; want %d", tc.q, n, err, len(tc.want))
			}
		}
	})
}

func TestSearchFollowsPartyChanges(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		p := c.FirstDebtor()
		p.LastName = "Martin-Roussel"
		p.Addresses[0].Town = "Roubaix"
		p.Addresses[0].Postcode = "59100"
		if _, err := s.SaveParty(ctx, p, "test", t0); err != nil {
			t.Fatal(err)
		}
		rows, _ := s.ListCases(ctx, CaseQuery{Text: "roubaix"})
		if len(rows) != 1 || rows[0].Debtor != "Mme Claire MARTIN-ROUSSEL" {
			t.Fatalf("after the move ListCases(roubaix) = %+v", rows)
		}
		if rows, _ := s.ListCases(ctx, CaseQuery{Text: "59000"}); len(rows) != 0 {
			t.Fatalf("after the move the old address finds %+v", rows)
		}
	})
}

func TestListSortFilterCount(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := newCase(t, s, "Zola")
		b := newCase(t, s, "Arnaud")
		if err := s.ChangeStatus(ctx, b.ID, debt.StatusReminded, "", "test", t0); err != nil {
			t.Fatal(err)
		}
		rows, _ := s.ListCases(ctx, CaseQuery{Sort: SortDebtor})
		if len(rows) != 2 || rows[0].ID != b.ID {
			t.Fatalf("sorted by debtor = %+v; want Arnaud first", rows)
		}
		rows, _ = s.ListCases(ctx, CaseQuery{Sort: SortDebtor, Desc: true, Limit: 1})
		if len(rows) != 1 || rows[0].ID != a.ID {
			t.Fatalf("sorted by debtor desc, limit 1 = %+v; want Zola", rows)
		}
		rows, _ = s.ListCases(ctx, CaseQuery{Statuses: []debt.Status{debt.StatusReminded}})
		if len(rows) != 1 || rows[0].ID != b.ID {
			t.Fatalf("status filter = %+v", rows)
		}
		counts, _ := s.StatusCounts(ctx, CaseQuery{Statuses: []debt.Status{debt.StatusReminded}})
		if counts[debt.StatusNew] != 1 || counts[debt.StatusReminded] != 1 {
			t.Fatalf("StatusCounts = %v", counts)
		}
	})
}

func TestStatusTransitionsCloseAndReopen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		if err := s.ChangeStatus(ctx, c.ID, debt.StatusAbandoned, "", "test", t0); err == nil || !strings.Contains(Message(err), "pourquoi") {
			t.Fatalf("abandon without reason = %v; want refusal", err)
		}
		if err := s.ChangeStatus(ctx, c.ID, debt.StatusAbandoned, "Débiteur introuvable", "test", t0); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Case(ctx, c.ID)
		if got.Status != debt.StatusAbandoned || got.Closed != debt.MustDate("2026-03-02") || got.CloseReason != "Débiteur introuvable" {
			t.Fatalf("closed case = %+v", got)
		}
		if _, err := s.SaveClaimLine(ctx, c.ID, debt.ClaimLine{Kind: debt.LinePrincipal, Label: "x", DueDate: debt.MustDate("2026-01-01"), Amount: 1}, "test", t0); err == nil {
			t.Fatal("SaveClaimLine on a closed case succeeded")
		}
		if err := s.ChangeStatus(ctx, c.ID, debt.StatusNegotiating, "Nouvelle adresse trouvée", "test", t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Case(ctx, c.ID)
		evs, _ := s.Events(ctx, c.ID)
		if got.Status != debt.StatusNegotiating || !got.Closed.IsZero() || len(evs) != 3 || !strings.Contains(evs[2].Text, "rouvert") {
			t.Fatalf("reopened = %+v, journal = %+v", got, evs)
		}
	})
}

func TestDocumentsStoredOnceBySHA256(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		content := []byte("%PDF-1.4 facture F-2026-001 650,00 EUR")
		d1, err := s.AddDocument(ctx, c.ID, debt.DocProof, "facture.pdf", bytes.NewReader(content), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := s.AddDocument(ctx, c.ID, debt.DocProof, `C:\scans\copie.pdf`, bytes.NewReader(content), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		if d1.SHA256 != d2.SHA256 || d1.Path != d2.Path || d2.OriginalName != "copie.pdf" || d1.MediaType != "application/pdf" {
			t.Fatalf("documents = %+v / %+v", d1, d2)
		}
		if s.IsShared() { // in the database: no file
			if d1.Path != "" {
				t.Errorf("shared base document Path = %q; want none", d1.Path)
			}
		} else if got, err := os.ReadFile(d1.Path); err != nil || !bytes.Equal(got, content) || filepath.Base(d1.Path) != d1.SHA256 {
			t.Fatalf("stored file %s = %q, %v", d1.Path, got, err)
		}
		r, err := s.OpenBlob(d1.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(r)
		r.Close()
		if !bytes.Equal(got, content) {
			t.Fatalf("OpenBlob = %q; want %q", got, content)
		}
		if err := s.VerifyBlob(d1.SHA256); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddDocument(ctx, c.ID, debt.DocProof, "vide.pdf", bytes.NewReader(nil), "test", t0); err == nil || !strings.Contains(Message(err), "vide") {
			t.Fatalf("empty file = %v; want refusal", err)
		}
		line := c.Lines[0]
		if err := s.LinkProof(ctx, c.ID, line.ID, d1.ID, "test", t0); err != nil {
			t.Fatal(err)
		}
		got2, _ := s.Case(ctx, c.ID)
		if len(got2.Lines[0].Proofs) != 1 || got2.Lines[0].Proofs[0] != d1.ID {
			t.Fatalf("proofs = %v", got2.Lines[0].Proofs)
		}
		docs, _ := s.Documents(ctx, c.ID)
		if len(docs) != 2 {
			t.Fatalf("Documents = %d; want 2", len(docs))
		}
	})
}

func TestClaimLinesChangeTotalsAndJournal(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		id, err := s.SaveClaimLine(ctx, c.ID, debt.ClaimLine{Kind: debt.LinePrincipal, Label: "Loyer février 2026", DueDate: debt.MustDate("2026-02-05"), Amount: 65000}, "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveClaimLine(ctx, c.ID, debt.ClaimLine{Kind: debt.LineIndemnity, Label: "Indemnité", DueDate: debt.MustDate("2026-02-05"), Amount: 4000}, "test", t0); err == nil ||
			!strings.Contains(Message(err), "professionnel") {
			t.Fatalf("40 € indemnity on a consumer = %v; want refusal", err)
		}
		if err := s.DeleteClaimLine(ctx, c.ID, id, "Payé directement au bailleur", "test", t0); err != nil {
			t.Fatal(err)
		}
		rows, _ := s.ListCases(ctx, CaseQuery{})
		if rows[0].Principal != 65000 || rows[0].Balance != 65000 {
			t.Fatalf("totals = %d / %d; want 65000", rows[0].Principal, rows[0].Balance)
		}
		evs, _ := s.Events(ctx, c.ID)
		if last := evs[len(evs)-1].Text; !strings.Contains(last, "retirée") || !strings.Contains(last, "bailleur") {
			t.Fatalf("last event = %q", last)
		}
	})
}

func TestOpenRefusesForeignNewerAndCorruptFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	text := write("notes.db", []byte("ceci n'est pas une base"))

	foreign := filepath.Join(dir, "foreign.db")
	db, _ := sql.Open("sqlite3", foreign)
	db.Exec("CREATE TABLE t (x)")
	db.Close()

	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	s.rw.Exec("PRAGMA user_version = 999")
	s.Close()

	good := filepath.Join(dir, "good.db")
	s, _ = Open(good)
	newCase(t, s, "Martin")
	s.rw.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	s.Close()
	b, _ := os.ReadFile(good)
	for i := 4096; i < len(b) && i < 4096*6; i++ {
		b[i] ^= 0x5a
	}
	corruptPath := write("corrupt.db", b)

	for _, tc := range []struct{ path, want string }{
		{text, "pas un fichier SQLite"},
		{foreign, "autre programme"},
		{newer, "plus récente"},
		{corruptPath, "endommagée"},
		{dir, "dossier"},
	} {
		before, _ := os.ReadFile(tc.path)
		_, err := Open(tc.path)
		if err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(Message(err), tc.want) {
			t.Errorf("Open(%s) = %v; want refusal containing %q", filepath.Base(tc.path), err, tc.want)
		}
		after, _ := os.ReadFile(tc.path)
		if !bytes.Equal(before, after) {
			t.Errorf("Open(%s) modified the file", filepath.Base(tc.path))
		}
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := newCase(t, s, "Martin")
	off := debt.Office{Name: "Étude Test", Town: "Lille", IBAN: "FR76 3000 6000 0112 3456 7890 189",
		Address: debt.Address{Street: "1 rue Nationale", Postcode: "59000", Town: "Lille"}}
	if err := s.SaveOffice(context.Background(), off, "test", t0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, err := s.CaseByRef(context.Background(), c.Ref)
	if err != nil || got.ID != c.ID {
		t.Fatalf("CaseByRef after reopen = %+v, %v", got, err)
	}
	o, _ := s.Office(context.Background())
	if o.IBAN != "FR7630006000011234567890189" || o.Name != "Étude Test" {
		t.Fatalf("office = %+v", o)
	}
	if _, err := s.CaseByRef(context.Background(), "2026-99999"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("CaseByRef(missing) = %v; want ErrNotFound", err)
	}
}

func TestFiguresLegalInterestFromTheFormalNotice(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin") // 650,00 € rent due 5 January 2026, creditor a company
		c.Interest.Kind = debt.InterestLegal
		if err := s.UpdateCase(ctx, c, "test", t0); err != nil {
			t.Fatal(err)
		}
		f, err := s.Figures(ctx, c.ID, debt.MustDate("2026-03-02"))
		if err != nil || f.Statement.Due() != 65000 || f.Statement.Owed.Interest != 0 {
			t.Fatalf("before the notice: %+v, %v; want 650,00 € and no interest", f.Statement.Balance, err)
		}
		// Notice sent 2 March 2026 (status change); at 31 March 2026:
		// 65000 × 29 d × 2,62 % / 365 = 135,3 → 1,35 € (creditor is a company: "other" rate).
		if err := s.ChangeStatus(ctx, c.ID, debt.StatusFormalNotice, "", "test", t0); err != nil {
			t.Fatal(err)
		}
		f, err = s.Figures(ctx, c.ID, debt.MustDate("2026-03-31"))
		if err != nil || f.NoticeDate != debt.MustDate("2026-03-02") || f.Statement.Owed.Interest != 135 || f.Statement.Due() != 65135 {
			t.Fatalf("after the notice: notice %s, interest %d, due %d, %v", f.NoticeDate, f.Statement.Owed.Interest, f.Statement.Due(), err)
		}
		// Rent owed by a consumer: 3 years from the due date.
		if f.Limitation.Expires != debt.MustDate("2029-01-05") || f.Alert.Level != debt.LimitationOK {
			t.Fatalf("limitation = %+v / %+v", f.Limitation, f.Alert)
		}
		// In the second semester of 2026 no rate is entered: the claim is shown
		// without interest and the reason names the semester.
		f, err = s.Figures(ctx, c.ID, debt.MustDate("2026-07-15"))
		if err != nil || !strings.Contains(f.StatementErr, "2e semestre 2026") || f.Statement.Due() != 65000 {
			t.Fatalf("missing rate: %q, due %d, %v", f.StatementErr, f.Statement.Due(), err)
		}
	})
}

func TestOpenReadOnlyReadsAndNeverWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := newCase(t, s, "Martin")
	s.Close()
	before, _ := os.ReadFile(path)
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.CaseByRef(context.Background(), c.Ref)
	if err != nil || got.ID != c.ID {
		t.Fatalf("CaseByRef read-only = %+v, %v", got, err)
	}
	if _, err := r.AddEvent(context.Background(), debt.Event{CaseID: c.ID, At: t0, Author: "x", Kind: debt.EventNote, Text: "essai"}); err == nil {
		t.Fatal("a read-only store wrote")
	}
	r.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("reading changed the file")
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "absent.db")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("OpenReadOnly(absent) = %v", err)
	}
}

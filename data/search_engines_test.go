package data

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"amiable/debt"
)

// searchOfficeCase is one case of the office both engines are given.
type searchOfficeCase struct {
	creditor debt.Party
	debtor   debt.Party
	journal  []string
	status   []debt.Status // the statuses it goes through, in order
	reason   string        // of the last status (abandoned)
}

func officePerson(civ, first, last, street, postcode, town, email, phone string) debt.Party {
	return debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: civ, FirstName: first, LastName: last,
		Addresses: []debt.Address{{Street: street, Postcode: postcode, Town: town, Current: true}},
		Emails:    []string{email}, Phones: []string{phone}}
}

func officeCompany(form, name, siren, street, postcode, town string) debt.Party {
	return debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: name, LegalForm: form, SIREN: siren,
		Addresses: []debt.Address{{Street: street, Postcode: postcode, Town: town}}}
}

// searchOffice is a small office: accented names, phones and SIRENs written
// in groups or not, e-mails, journals, every kind of status.
func searchOffice() []searchOfficeCase {
	tilleuls := officeCompany("SCI", "Les Tilleuls", "732 829 320", "3 place du Théâtre", "59800", "Lille")
	boulangerie := officeCompany("SARL", "Boulangerie Dupont", "552100554", "8 rue Nationale", "59000", "Lille")
	return []searchOfficeCase{
		{tilleuls, officePerson("Mme", "Élodie", "Lefèvre", "12 rue des Lilas", "59000", "Lille", "elodie.lefevre@orange.fr", "06 67 27 12 34"),
			[]string{"Relance téléphonique : promesse de virement vendredi"}, []debt.Status{debt.StatusReminded}, ""},
		{boulangerie, officePerson("M.", "Jean-François", "Dupré", "4 allée des Peupliers", "59100", "Roubaix", "jf.dupre@free.fr", "+33 6 12 34 56 78"),
			[]string{"Mise en demeure envoyée en recommandé", "AR signé le 12/03/2026"}, []debt.Status{debt.StatusFormalNotice}, ""},
		{tilleuls, officePerson("Mme", "Anaïs", "Müller", "27 chemin du Recueil", "59650", "Villeneuve-d'Ascq", "anais.muller@gmail.com", "03.20.12.34.56"),
			[]string{"Échéancier accepté : 6 mensualités de 120 €", "Première échéance reçue"}, []debt.Status{debt.StatusNegotiating, debt.StatusPlan}, ""},
		{boulangerie, officePerson("M.", "Michel", "Dupont", "1 rue de Lille", "59200", "Tourcoing", "michel.dupont@orange.fr", "06 67 27 99 00"),
			nil, nil, ""},
		{tilleuls, officeCompany("SAS", "Éléphant Bleu", "443 061 841", "15 boulevard Carnot", "59000", "Lille"),
			[]string{"Règlement intégral reçu par virement"}, []debt.Status{debt.StatusPaid}, ""},
		{boulangerie, officePerson("M.", "Noël", "Lefebvre", "9 rue Gambetta", "59000", "Lille", "noel.lefebvre@exemple.fr", "0612345678"),
			[]string{"Courrier revenu : n'habite pas à l'adresse indiquée"}, []debt.Status{debt.StatusAbandoned}, "Débiteur introuvable"},
		{tilleuls, officePerson("Mme", "Gaëlle", "Çelik", "2 impasse Saint-Maurice", "59800", "Lille", "gaelle.celik@laposte.net", "07 81 22 33 44"),
			[]string{"Relance par courriel", "Le débiteur conteste le montant"}, []debt.Status{debt.StatusVerifying, debt.StatusReminded}, ""},
		{officeCompany("SAS", "Garage Éloi", "542065479", "40 avenue de la République", "59110", "La Madeleine"),
			officeCompany("EURL", "Café du Théâtre", "380 129 866", "5 rue Esquermoise", "59800", "Lille"),
			[]string{"Relance : le gérant promet un chèque", "Chèque de 350 € reçu"}, []debt.Status{debt.StatusReminded, debt.StatusNegotiating}, ""},
		{tilleuls, officePerson("M.", "Éloi", "Lefèvre-Martin", "33 rue Solférino", "59000", "Lille", "eloi@lefevre-martin.fr", "06 67 28 00 11"),
			[]string{"Transmis à l'huissier pour injonction de payer"}, []debt.Status{debt.StatusEscalated}, ""},
		{boulangerie, officePerson("Mme", "Zoé", "Leroy", "6 rue du Molinel", "59000", "Lille", "zoe.leroy@free.fr", "06 99 88 77 66"),
			[]string{"Relance écrite", "Relance téléphonique", "Mise en demeure préparée"}, []debt.Status{debt.StatusReminded, debt.StatusFormalNotice}, ""},
	}
}

// buildSearchOffice writes the office with the store's own write methods.
func buildSearchOffice(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	parties := map[string]int64{} // creditors are saved once
	save := func(p debt.Party) int64 {
		if id, ok := parties[p.Name()]; ok {
			return id
		}
		id, err := s.SaveParty(ctx, p, "test", t0)
		if err != nil {
			t.Fatalf("SaveParty(%s): %v", p.Name(), err)
		}
		if p.Type == debt.Company {
			parties[p.Name()] = id
		}
		return id
	}
	for i, oc := range searchOffice() {
		c, err := s.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: save(oc.creditor)}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: save(oc.debtor)}}},
			Nature: debt.NatureRent, CreditorRef: fmt.Sprintf("F-%03d", 100+i),
			Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Loyer janvier 2026", DueDate: debt.MustDate("2026-01-05"), Amount: debt.Cents(40000 + 1000*i)}}},
			"test", t0)
		if err != nil {
			t.Fatalf("CreateCase %d: %v", i, err)
		}
		for _, text := range oc.journal {
			if _, err := s.AddEvent(ctx, debt.Event{CaseID: c.ID, At: t0, Author: "test", Kind: debt.EventNote, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		for j, st := range oc.status {
			reason := ""
			if j == len(oc.status)-1 {
				reason = oc.reason
			}
			if err := s.ChangeStatus(ctx, c.ID, st, reason, "test", t0); err != nil {
				t.Fatalf("case %d to %s: %v", i, st, err)
			}
		}
	}
}

// searchAnswer is everything the case list shows for a query.
type searchAnswer struct {
	refs   []string
	counts map[debt.Status]int
	total  int
}

func answer(t *testing.T, s *Store, q CaseQuery) searchAnswer {
	t.Helper()
	ctx := context.Background()
	rows, err := s.ListCases(ctx, q)
	if err != nil {
		t.Fatalf("ListCases(%+v): %v", q, err)
	}
	var a searchAnswer
	for _, r := range rows {
		a.refs = append(a.refs, r.Ref)
	}
	cq := q
	cq.Statuses, cq.OpenOnly, cq.Limit, cq.Offset = nil, false, 0, 0
	if a.counts, err = s.StatusCounts(ctx, cq); err != nil {
		t.Fatalf("StatusCounts(%+v): %v", q, err)
	}
	if a.total, err = s.CountCases(ctx, q); err != nil {
		t.Fatalf("CountCases(%+v): %v", q, err)
	}
	return a
}

// TestSearchSameOnBothEngines builds the same office on SQLite and on
// PostgreSQL and checks that every query finds the same cases in the same
// order, with the same counts per status, and the number of cases SQLite's
// search semantics give (accents, prefixes, phone and SIREN groups as
// phrases, several words anywhere in the case, status filters, sorts).
func TestSearchSameOnBothEngines(t *testing.T) {
	lite, pg := openTestSQLite(t), openTestPG(t)
	buildSearchOffice(t, lite)
	buildSearchOffice(t, pg)
	for _, tc := range []struct {
		text string
		want int // cases found, whatever their status
	}{
		{"lefevre", 2},                  // Lefèvre, Lefèvre-Martin (not Lefebvre)
		{"LEFÈV", 2},                    // accents and case, prefix
		{"lefe", 3},                     // and Lefebvre
		{"élodie", 1},                   // first name
		{"ELODIE lille", 1},             // two words
		{"eloi", 2},                     // Éloi the debtor, Garage Éloi the creditor
		{"06 67 27", 2},                 // a phone typed in groups: a phrase, the last group a prefix
		{"06 67 2", 3},                  // and 06 67 28…
		{"0667271234", 1},               // the phone's digits together
		{"27 12", 1},                    // the middle of a phone
		{"12 27", 0},                    // its groups in another order
		{"+33 6 12 34", 1},              // an international number
		{"03.20.12", 1},                 // dots
		{"732 829 320", 5},              // a SIREN in blocks: the creditor of five cases
		{"732 829", 5},                  // its first blocks
		{"829 320", 5},                  // its last blocks
		{"552100554", 4},                // a SIREN written whole: the Boulangerie's cases
		{"552 100", 0},                  // in blocks, when written whole: not the same words
		{"443 061 841", 1},              // a debtor company's SIREN
		{"orange.fr", 2},                // a word of several parts
		{"elodie.lefevre@orange.fr", 1}, // an e-mail
		{"jean-françois", 1},            // a hyphenated first name
		{"villeneuve d'ascq", 1},        // the apostrophe
		{"echeancier", 1},               // the journal, accents
		{"échéance", 1},                 // prefix of échéancier and échéance
		{"relance", 4},                  // the journal
		{"relance lille", 4},            // the journal and the address
		{"relance telephonique", 2},     // two words of the journal
		{"mise en demeure", 2},          // three words
		{"dupont", 4},                   // the Boulangerie Dupont's cases, M. Dupont's among them
		{"dupont tourcoing", 1},         // a party's words with another's
		{"introuvable", 1},              // the reason of the abandonment, in the journal
		{"cheque 350", 1},               // words and a number of the journal
		{"celik", 1},                    // a cedilla
		{"2026-00003", 1},               // a reference
		{"2026-0000", 9},                // the beginning of the references
		{"f-104", 1},                    // the creditor's reference
		{"theatre", 6},                  // the creditor Les Tilleuls and the café
		{"injonction huissier", 1},      // words in another order
		{"xyz", 0},
		{`"); DROP TABLE cases; --`, 0}, // SQL
		{`'a' & !b:* | (`, 2},           // tsquery operators are text: a word in a… and one in b…
		{" ;; ", 0},                     // nothing searchable
		{"relancer", 0},                 // no stemming: SQLite's words are kept as they are
		{"le", 9},                       // no stop words (M. Dupont's case has no "le")
	} {
		var filters = []CaseQuery{{Text: tc.text}}
		for _, st := range []debt.Status{debt.StatusReminded, debt.StatusPlan, debt.StatusPaid} {
			filters = append(filters, CaseQuery{Text: tc.text, Statuses: []debt.Status{st}})
		}
		filters = append(filters, CaseQuery{Text: tc.text, OpenOnly: true},
			CaseQuery{Text: tc.text, Sort: SortDebtor, Desc: true},
			CaseQuery{Text: tc.text, Sort: SortPrincipal, Limit: 2, Offset: 1},
			CaseQuery{Text: tc.text, Statuses: []debt.Status{debt.StatusReminded, debt.StatusFormalNotice}, OpenOnly: true, Sort: SortBalance})
		for i, q := range filters {
			a, b := answer(t, lite, q), answer(t, pg, q)
			if !slices.Equal(a.refs, b.refs) || fmt.Sprint(a.counts) != fmt.Sprint(b.counts) || a.total != b.total {
				t.Errorf("%+v:\n  SQLite     %v %v %d\n  PostgreSQL %v %v %d", q, a.refs, a.counts, a.total, b.refs, b.counts, b.total)
			}
			if i == 0 {
				t.Logf("%-28q SQLite %2d  PostgreSQL %2d  %s", tc.text, len(a.refs), len(b.refs), strings.Join(b.refs, " "))
				if len(a.refs) != tc.want {
					t.Errorf("%q finds %d cases %v; want %d", tc.text, len(a.refs), a.refs, tc.want)
				}
			}
		}
	}
	// The one known difference: unaccent also splits ligatures, so "coeur"
	// finds "cœur" on PostgreSQL; SQLite keeps "œ" as a letter of its own.
	for _, s := range []*Store{lite, pg} {
		if _, err := s.AddEvent(context.Background(), debt.Event{CaseID: 1, At: t0, Author: "test", Kind: debt.EventNote, Text: "Le cœur du litige : les charges"}); err != nil {
			t.Fatal(err)
		}
	}
	for text, want := range map[string][2]int{"cœur": {1, 1}, "cœur litige": {1, 1}, "coeur": {0, 1}} {
		if a, b := answer(t, lite, CaseQuery{Text: text}), answer(t, pg, CaseQuery{Text: text}); len(a.refs) != want[0] || len(b.refs) != want[1] {
			t.Errorf("%q finds %v on SQLite, %v on PostgreSQL; want %d and %d cases", text, a.refs, b.refs, want[0], want[1])
		}
	}
}

// TestSharedBaseCaseWordsMigration takes a shared base with cases, journal
// entries and a filed e-mail back to before migration 0012 (no search
// documents), runs 0012 again and checks that every case gets its
// document: the office's searches find what they found before.
func TestSharedBaseCaseWordsMigration(t *testing.T) {
	s := openTestPG(t)
	buildSearchOffice(t, s)
	ctx := context.Background()
	doc, err := s.AddDocument(ctx, 1, debt.DocEmail, "message.eml", strings.NewReader("From: x"), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.rw.ExecContext(ctx, `INSERT INTO mails (key, account, folder, uid_validity, uid, subject, sent_at, received_at, body, raw_doc_id, case_id)
		VALUES ('k1', 'a', 'INBOX', 1, 1, 'Proposition', ?, ?, 'Versement trimestriel proposé', ?, 1)`, instant(t0), instant(t0), doc.ID); err != nil {
		t.Fatal(err)
	}
	queries := []string{"lefevre", "06 67 27", "732 829", "orange.fr", "relance lille", "versement trimestriel", "2026-0000", "introuvable"}
	before := map[string]searchAnswer{}
	for _, q := range queries {
		before[q] = answer(t, s, CaseQuery{Text: q})
	}
	if len(before["versement trimestriel"].refs) != 1 {
		t.Fatalf("before: the e-mail's words find %v", before["versement trimestriel"].refs)
	}
	ms, err := pgMigrations()
	if err != nil {
		t.Fatal(err)
	}
	m := ms[11]
	if m.version != 12 {
		t.Fatalf("migration %s is not 0012", m.name)
	}
	tx, err := s.rw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		"DROP TABLE case_words, case_words_pending, pending_words, case_status_codes",
		"DROP FUNCTION amiable_case_words_trigger CASCADE",
		"DROP FUNCTION amiable_case_words, amiable_doc, amiable_search_query, amiable_words",
		m.sql,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	checkDocuments(t, s)
	for _, q := range queries {
		after := answer(t, s, CaseQuery{Text: q})
		if !slices.Equal(after.refs, before[q].refs) || fmt.Sprint(after.counts) != fmt.Sprint(before[q].counts) {
			t.Errorf("%q after migration 0012 = %v %v; before %v %v", q, after.refs, after.counts, before[q].refs, before[q].counts)
		}
	}
}

// TestSharedBaseSearchWhateverTheLocale opens a shared base created with
// the C locale (an office's server may have been set up so): the search
// still folds case and accents of every script, as SQLite does.
func TestSharedBaseSearchWhateverTheLocale(t *testing.T) {
	needPG(t)
	admin, err := pgAdmin()
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("amiable_t%d_%d", os.Getpid(), pgSerial.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if admin, err := pgAdmin(); err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			admin.Close()
		}
	})
	pg, err := Open(pgURL(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite := openTestSQLite(t)
	for _, s := range []*Store{lite, pg} {
		newCase(t, s, "Παπαδοπούλου")
		newCase(t, s, "ÉLISSALDE")
	}
	// SQLite removes the diacritics of the Latin script only; unaccent
	// also removes the Greek tonos: "Παπαδοπουλου" finds "Παπαδοπούλου"
	// on PostgreSQL only (the other known difference, with ligatures).
	for text, want := range map[string][2]int{"παπαδ": {1, 1}, "ΠΑΠΑΔΟΠΟΎΛΟΥ": {1, 1}, "παπαδοπούλου": {1, 1}, "Παπαδοπουλου": {0, 1},
		"elissalde": {1, 1}, "Élis": {1, 1}, "claire": {2, 2}} {
		a, b := answer(t, lite, CaseQuery{Text: text}), answer(t, pg, CaseQuery{Text: text})
		if len(a.refs) != want[0] || len(b.refs) != want[1] {
			t.Errorf("%q finds %v on SQLite, %v on PostgreSQL (C locale); want %d and %d cases", text, a.refs, b.refs, want[0], want[1])
		}
	}
}

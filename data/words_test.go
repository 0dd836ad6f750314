package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"amiable/debt"
	"amiable/mailsync"
)

// searchRefs returns the references ListCases gives for text.
func searchRefs(t *testing.T, s *Store, text string) []string {
	t.Helper()
	rows, err := s.ListCases(context.Background(), CaseQuery{Text: text})
	if err != nil {
		t.Fatalf("ListCases(%q): %v", text, err)
	}
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.Ref)
	}
	return refs
}

// checkDocuments checks that every case has exactly one search document,
// under the key case_words_keys gives it (SQLite) or with the code of its
// status (PostgreSQL), and that nothing is pending.
func checkDocuments(t *testing.T, s *Store) {
	t.Helper()
	query := `SELECT (SELECT count(*) FROM cases),
		(SELECT count(*) FROM case_words WHERE case_words MATCH 'every : x'),
		(SELECT count(*) FROM case_words_keys),
		(SELECT count(*) FROM case_words_keys k JOIN cases c ON c.id = k.case_id JOIN case_status_codes sc ON sc.status = c.status
			WHERE k.key = (sc.code << 32) | c.id
			AND k.key IN (SELECT rowid FROM case_words WHERE case_words MATCH 'every : x')),
		(SELECT count(*) FROM case_words_pending)`
	if s.IsShared() {
		query = `SELECT (SELECT count(*) FROM cases),
		(SELECT count(*) FROM case_words),
		(SELECT count(DISTINCT case_id) FROM case_words),
		(SELECT count(*) FROM case_words w JOIN cases c ON c.id = w.case_id JOIN case_status_codes sc ON sc.status = c.status
			WHERE w.code = sc.code),
		(SELECT count(*) FROM case_words_pending) + (SELECT count(*) FROM pending_words)`
	}
	var cases, docs, keys, keyed, pending int
	if err := s.ro.QueryRow(query).Scan(&cases, &docs, &keys, &keyed, &pending); err != nil {
		t.Fatal(err)
	}
	if docs != cases || keys != cases || keyed != cases || pending != 0 {
		t.Errorf("%d cases: %d documents, %d keys, %d keys of the present status with their document, %d pending; want %d, %d, %d, 0",
			cases, docs, keys, keyed, pending, cases, cases, cases)
	}
}

// TestCaseSearchAfterMigration writes cases and journal entries, takes
// the database back to schema 11 (the journal indexed entry by entry in
// journal_fts, the e-mails in mail_fts), opens it again, and checks that migration 0012 gives every
// case its search document: the journal's words still find their cases,
// words written afterwards too, and words of different entries and of the
// parties find a case together.
func TestCaseSearchAfterMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	cur, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := newCase(t, cur, "Lefèvre"), newCase(t, cur, "Bernard")
	for _, e := range []debt.Event{
		{CaseID: a.ID, Text: "Le débiteur promet un virement vendredi"},
		{CaseID: b.ID, Text: "Message laissé sur le répondeur"},
		{CaseID: b.ID, Text: "Relance téléphonique sans réponse"},
		{Text: "Reversement groupé aux créanciers (entrée de l'étude)"},
	} {
		e.At, e.Author, e.Kind = t0, "test", debt.EventNote
		if err := cur.write(ctx, func(tx *sql.Tx) error { _, err := insertEvent(ctx, tx, e); return err }); err != nil {
			t.Fatal(err)
		}
	}
	cur.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var journalFTS string
	for _, m := range ms {
		if m.version == 9 {
			journalFTS = m.sql[strings.Index(m.sql, "CREATE VIRTUAL TABLE journal_fts"):]
		}
	}
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DROP TRIGGER cases_case_words; DROP TRIGGER cases_case_words_status; DROP TRIGGER events_case_words;
		DROP TRIGGER mails_case_words; DROP TRIGGER mails_case_words_move;
		DROP TABLE case_words; DROP TABLE case_words_keys; DROP TABLE case_words_pending; DROP TABLE pending_words; DROP TABLE case_status_codes;
		CREATE VIRTUAL TABLE mail_fts USING fts5 (subject, body, content = 'mails', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
		CREATE TRIGGER mails_fts_insert AFTER INSERT ON mails
		BEGIN INSERT INTO mail_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body); END;
		CREATE INDEX mails_id_case ON mails (id, case_id);
		` + journalFTS + `; PRAGMA user_version = 11`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	if !NeedsUpgrade(path) {
		t.Error("NeedsUpgrade = false on a schema 11 database")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if NeedsUpgrade(path) {
		t.Error("NeedsUpgrade = true once migrated")
	}
	other := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(other, []byte("pas une base"), 0o600)
	for _, p := range []string{other, filepath.Join(t.TempDir(), "absente.db")} {
		if NeedsUpgrade(p) {
			t.Errorf("NeedsUpgrade(%s) = true", filepath.Base(p))
		}
	}
	checkDocuments(t, s)
	if _, err := s.AddEvent(ctx, debt.Event{CaseID: a.ID, At: t0, Author: "test", Kind: debt.EventNote, Text: "Accord pour un échéancier"}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"virement": a.Ref, "répondeur": b.Ref, "relance": b.Ref, "echeancier": a.Ref, "reversement": "",
		"répondeur relance": b.Ref, "bernard relance": b.Ref, "lefevre virement echeancier": a.Ref, "lefevre relance": "",
	} {
		if got := strings.Join(searchRefs(t, s, q), ","); got != want {
			t.Errorf("search %q = %q; want %q", q, got, want)
		}
	}
	checkDocuments(t, s)
}

// TestSearchReadsPendingWordsUntilFolded writes words and new statuses to
// more cases in one transaction than a write folds, and checks that while
// they are pending every plan finds the same cases, the counts per status
// follow the new statuses, and that folding leaves the same answers. On
// PostgreSQL the triggers rewrite the documents in the writing
// transaction: nothing is pending, and the answers are the same.
func TestSearchReadsPendingWordsUntilFolded(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var ids []int64
		refs := map[int64]string{}
		for i := range foldInWrite + 6 {
			c := newCase(t, s, fmt.Sprintf("Débiteur%03d", i))
			ids = append(ids, c.ID)
			refs[c.ID] = c.Ref
		}
		checkDocuments(t, s)
		resume := s.pauseFold()
		// Every case but the first two gets "prorogation"; every third moves to
		// negotiation; the first gets "quittance" only.
		err := s.write(ctx, func(tx *sql.Tx) error {
			for i, id := range ids {
				text := "Demande de prorogation du délai"
				if i < 2 {
					text = "Envoi de la quittance"
					if i == 1 {
						continue
					}
				}
				if _, err := insertEvent(ctx, tx, debt.Event{CaseID: id, At: t0, Author: "test", Kind: debt.EventNote, Text: text}); err != nil {
					return err
				}
				if i%3 == 0 {
					if _, err := tx.ExecContext(ctx, "UPDATE cases SET status = ? WHERE id = ?", string(debt.StatusNegotiating), id); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var pending int
		s.ro.QueryRow("SELECT count(DISTINCT case_id) FROM case_words_pending").Scan(&pending)
		wantPending := func(n int) int {
			if s.IsShared() {
				return 0
			}
			return n
		}
		if pending != wantPending(len(ids)-1) {
			t.Fatalf("%d cases pending after the bulk write; want %d (left to the background)", pending, wantPending(len(ids)-1))
		}
		want := func(word string) ([]int64, map[debt.Status]int) {
			counts := map[debt.Status]int{}
			var out []int64
			for i, id := range ids {
				hit := (word == "prorogation" && i >= 2) || (word == "quittance" && i == 0) || word == "debiteur"
				if !hit {
					continue
				}
				out = append(out, id)
				st := debt.StatusNew
				if i%3 == 0 && i != 1 {
					st = debt.StatusNegotiating
				}
				counts[st]++
			}
			return out, counts
		}
		check := func(stage string) {
			for _, word := range []string{"prorogation", "quittance", "debiteur"} {
				wantIDs, wantCounts := want(word)
				for _, plan := range []textPlan{planFew, planMany, planMost} {
					query, args := listCasesSQL(s.dialect(), CaseQuery{Text: word}, plan)
					rows, err := s.ro.QueryContext(ctx, query, args...)
					if err != nil {
						t.Fatal(err)
					}
					var got []int64
					for rows.Next() {
						var r [11]any
						ptrs := make([]any, len(r))
						for i := range r {
							ptrs[i] = &r[i]
						}
						rows.Scan(ptrs...)
						got = append(got, r[0].(int64))
					}
					rows.Close()
					slices.Sort(got)
					if !slices.Equal(got, wantIDs) {
						t.Errorf("%s: %q with plan %d = %d cases; want %d", stage, word, plan, len(got), len(wantIDs))
					}
				}
				counts, err := s.StatusCounts(ctx, CaseQuery{Text: word})
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(counts) != fmt.Sprint(wantCounts) {
					t.Errorf("%s: counts of %q = %v; want %v", stage, word, counts, wantCounts)
				}
				if n, _ := s.CountCases(ctx, CaseQuery{Text: word, Statuses: []debt.Status{debt.StatusNegotiating}}); n != wantCounts[debt.StatusNegotiating] {
					t.Errorf("%s: %q in negotiation = %d; want %d", stage, word, n, wantCounts[debt.StatusNegotiating])
				}
			}
		}
		check("pending")
		// A write of its own while the bulk waits: its case is folded at once,
		// so that words of its document and of the new entry find it together.
		if _, err := s.AddEvent(ctx, debt.Event{CaseID: ids[5], At: t0, Author: "test", Kind: debt.EventNote, Text: "Accord verbal"}); err != nil {
			t.Fatal(err)
		}
		if got := searchRefs(t, s, "debiteur005 prorogation accord"); !slices.Equal(got, []string{refs[ids[5]]}) {
			t.Errorf("after a write of its own, the case's words together find %v; want %s", got, refs[ids[5]])
		}
		s.ro.QueryRow("SELECT count(DISTINCT case_id) FROM case_words_pending").Scan(&pending)
		if pending != wantPending(len(ids)-2) {
			t.Errorf("%d cases pending after a write of one; want %d", pending, wantPending(len(ids)-2))
		}
		check("pending")
		resume()
		if err := s.FoldSearch(ctx); err != nil {
			t.Fatal(err)
		}
		checkDocuments(t, s)
		check("folded")

		// A bulk write with the folder running: it folds in the background.
		err = s.write(ctx, func(tx *sql.Tx) error {
			for _, id := range ids {
				if _, err := insertEvent(ctx, tx, debt.Event{CaseID: id, At: t0, Author: "test", Kind: debt.EventNote, Text: "Rappel automatique"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			s.WaitFold()
			s.ro.QueryRow("SELECT count(*) FROM case_words_pending").Scan(&pending)
			if pending == 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		checkDocuments(t, s)
		if got := searchRefs(t, s, "rappel automatique"); len(got) != len(ids) {
			t.Errorf("after the background fold, %d cases found; want %d", len(got), len(ids))
		}
	})
}

// TestSearchFollowsMailMoves files a mail from triage into one case, then
// moves it: its words find the case it is in, not the one it left (whose
// journal keeps the mail's first three lines, not the rest).
func TestSearchFollowsMailMoves(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a, b := newCase(t, s, "Arnaud"), newCase(t, s, "Benoit")
	raw := eml("inconnu@exemple.fr", "Proposition de règlement", "Bonjour,\nsuite à votre courrier,\nvoici ma proposition.\nJe propose un versement trimestriel.")
	fm := mailsync.FiledMessage{Account: "a", Folder: "INBOX", UIDValidity: 1, UID: 1, InternalDate: time.Now(), Raw: raw,
		Message: mailsync.Parse(raw), Decision: mailsync.Decision{Rule: mailsync.RuleTriage, Reason: "Expéditeur inconnu"}}
	if err := s.Mail().File(ctx, fm); err != nil {
		t.Fatal(err)
	}
	if got := searchRefs(t, s, "trimestriel"); got != nil {
		t.Fatalf("a mail in triage is found in cases %v", got)
	}
	var id int64
	s.ro.QueryRow("SELECT id FROM mails").Scan(&id)
	for _, c := range []debt.Case{a, b} {
		if err := s.FileMail(ctx, id, c.ID, false, "test", "test", t0); err != nil {
			t.Fatal(err)
		}
		if got := searchRefs(t, s, "versement trimestriel"); !slices.Equal(got, []string{c.Ref}) {
			t.Errorf("filed in %s, the mail's words find %v", c.Ref, got)
		}
	}
	checkDocuments(t, s)
}

// TestSearchFollowsMailRows writes an e-mail row in triage, files it
// into one case, then moves it, as the mail store does (its SQL is not yet
// the same on both engines): on both engines the search triggers give its
// words to the case it is in, not to the one it left.
func TestSearchFollowsMailRows(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, b := newCase(t, s, "Arnaud"), newCase(t, s, "Benoit")
		doc, err := s.AddDocument(ctx, a.ID, debt.DocEmail, "message.eml", strings.NewReader("From: x"), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		var id int64
		err = s.write(ctx, func(tx *sql.Tx) error {
			id, err = insertID(ctx, tx, `INSERT INTO mails (key, account, folder, uid_validity, uid, subject, sent_at, received_at, body, raw_doc_id)
				VALUES ('k1', 'a', 'INBOX', 1, 1, 'Proposition de règlement', ?, ?, 'Je propose un versement trimestriel.', ?)`, instant(t0), instant(t0), doc.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := searchRefs(t, s, "trimestriel"); got != nil {
			t.Fatalf("a mail in triage is found in cases %v", got)
		}
		for _, c := range []debt.Case{a, b} {
			if err := s.write(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, "UPDATE mails SET case_id = ? WHERE id = ?", c.ID, id)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if got := searchRefs(t, s, "versement trimestriel"); !slices.Equal(got, []string{c.Ref}) {
				t.Errorf("filed in %s, the mail's words find %v", c.Ref, got)
			}
			if got := searchRefs(t, s, "reglement "+strings.ToLower(c.FirstDebtor().LastName)); !slices.Equal(got, []string{c.Ref}) {
				t.Errorf("filed in %s, its subject and debtor find %v", c.Ref, got)
			}
		}
		checkDocuments(t, s)
	})
}

// TestEveryStatusHasASearchCode: a status without a code could not be
// written to the search documents.
func TestEveryStatusHasASearchCode(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		for _, st := range debt.Statuses {
			if !slices.Contains(s.statuses, st) {
				t.Errorf("status %q has no code in case_status_codes", st)
			}
		}
	})
}

func TestFTSQueryGroupsNumbers(t *testing.T) {
	for in, want := range map[string][2]string{
		"Dupont":               {`"Dupont"*`, `'Dupont':*`},
		"06 67 27":             {`"06 67 27"*`, `('06' <-> '67' <-> '27':*)`},
		"Dupont 06 67":         {`"Dupont"* AND "06 67"*`, `'Dupont':* & ('06' <-> '67':*)`},
		"2024-00042 relance":   {`"2024 00042"* AND "relance"*`, `('2024' <-> '00042':*) & 'relance':*`},
		"732 829 320 Tilleuls": {`"732 829 320"* AND "Tilleuls"*`, `('732' <-> '829' <-> '320':*) & 'Tilleuls':*`},
		"orange.fr":            {`"orange fr"*`, `('orange' <-> 'fr':*)`},
		"Élodie l'huissier":    {`"Élodie"* AND "l huissier"*`, `'Élodie':* & ('l' <-> 'huissier':*)`},
		`"); DROP TABLE x; --`: {`"DROP"* AND "TABLE"* AND "x"*`, `'DROP':* & 'TABLE':* & 'x':*`},
		`'a' & !b:* | (`:       {`"a"* AND "b"*`, `'a':* & 'b':*`},
		"  ;;  ":               {"", ""},
	} {
		if got := ftsQuery(in); got != want[0] {
			t.Errorf("ftsQuery(%q) = %s; want %s", in, got, want[0])
		}
		if got := tsQuery(in); got != want[1] {
			t.Errorf("tsQuery(%q) = %s; want %s", in, got, want[1])
		}
	}
}

package data

import (
	"context"
	"os"
	"strings"
	"testing"

	"amiable/debt"
)

// caseWithDocuments stores three documents on a new case of s.
func caseWithDocuments(t *testing.T, s *Store) (debt.Case, []debt.Document) {
	t.Helper()
	c := newCase(t, s, "Martin")
	var docs []debt.Document
	for _, n := range []string{"facture.pdf", "contrat.pdf", "relevé.pdf"} {
		d, err := s.AddDocument(context.Background(), c.ID, debt.DocProof, n, strings.NewReader("%PDF-1.4 "+n), "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return c, docs
}

// damageBlob removes the stored content sum (content nil) or replaces it
// behind the store's back: the file beside the SQLite base, the row of the
// shared base (its append-only triggers disabled, as a superuser could).
func damageBlob(t *testing.T, s *Store, sum string, content []byte) {
	t.Helper()
	if !s.IsShared() {
		path := blobPath(s.docDir, sum)
		if content == nil {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			return
		}
		overwrite(t, path, string(content))
		return
	}
	q := "UPDATE blobs SET content = ?, size = ? WHERE sha256 = ?"
	args := []any{content, len(content), sum}
	if content == nil {
		q, args = "DELETE FROM blobs WHERE sha256 = ?", []any{sum}
	}
	for _, stmt := range []string{"ALTER TABLE blobs DISABLE TRIGGER USER", q, "ALTER TABLE blobs ENABLE TRIGGER USER"} {
		var err error
		if stmt == q {
			_, err = s.rw.Exec(stmt, args...)
		} else {
			_, err = s.rw.Exec(stmt)
		}
		if err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// The evidence check on both engines: a stored content deleted and one
// altered are found, flagged on their case and journaled; a desk of the
// shared base does not restore them (it says they are restored from the
// server's backup), and the next check finds them again.
func TestVerifyFindsDamagedContentOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, docs := caseWithDocuments(t, s)
		if rep, err := s.VerifyDocuments(ctx, VerifyOptions{}, t0); err != nil || len(rep.Problems) != 0 || rep.Checked != 3 || rep.Total != 3 || !rep.Complete {
			t.Fatalf("VerifyDocuments of a sound store = %+v, %v", rep, err)
		}
		damageBlob(t, s, docs[0].SHA256, nil)
		damageBlob(t, s, docs[1].SHA256, []byte("%PDF-1.4 contrat modifié"))
		for pass := 1; pass <= 2; pass++ {
			rep, err := s.VerifyDocuments(ctx, VerifyOptions{}, t0.AddDate(0, 0, pass))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Problems) != 2 || rep.Problems[0].Problem != ProblemMissing || rep.Problems[1].Problem != ProblemAltered ||
				rep.Problems[0].DocID != docs[0].ID || rep.Problems[1].CaseRef != c.Ref || rep.Problems[0].RestoredFrom != "" {
				t.Fatalf("pass %d: problems = %+v; want contrat missing, facture altered, none restored", pass, rep.Problems)
			}
		}
		if err := s.VerifyBlob(docs[2].SHA256); err != nil {
			t.Errorf("the sound document: %v", err)
		}
		flags, err := s.CaseFlags(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, f := range flags {
			if f.Kind == debt.FlagEvidence && f.State == debt.FlagOpen && f.Due == debt.DateOf(t0).AddDays(1) {
				texts = append(texts, f.Text)
			}
		}
		missing, restore := "absente du dossier des documents", "aucune sauvegarde n'en a de copie correcte"
		if s.IsShared() {
			missing, restore = "absente de la base partagée", "se restaure depuis la sauvegarde du serveur"
		}
		if len(texts) != 2 || !strings.Contains(strings.Join(texts, "\n"), missing) || !strings.Contains(strings.Join(texts, "\n"), "altérée") || !strings.Contains(texts[1], restore) {
			t.Fatalf("open evidence flags = %q; want 2, « %s », « %s »", texts, missing, restore)
		}
		events, _ := s.Events(ctx, c.ID)
		journaled := 0
		for _, e := range events {
			if strings.HasPrefix(e.Text, "Contrôle des pièces") && strings.Contains(e.Text, restore) {
				journaled++
			}
		}
		if journaled != 4 {
			t.Errorf("%d journal entries of the check, want 4 (2 documents, 2 passes)", journaled)
		}
	})
}

package app

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
	"amiable/internal/pgtest"
	"amiable/letters"
	"amiable/mailroom"
)

// forEachEngine runs fn on a window over a new SQLite file, then over a
// new shared base on the PostgreSQL server (internal/pgtest).
func forEachEngine(t *testing.T, fn func(t *testing.T, u *UI, st *data.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		u, st := newTestUI(t)
		fn(t, u, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := data.Open(pgtest.NewDatabase(t))
		if err != nil {
			t.Fatalf("data.Open: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, newTestUIOn(t, test.NewTempApp(t), st), st)
	})
}

func TestStoredDocumentOpensAndSavesAsANamedCopyOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, u *UI, st *data.Store) {
		opened := recordOpened(t, u)
		cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
		deb := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
		c := saveCase(t, st, cred, deb, 120000)
		content := []byte("%PDF-1.4 facture F-1 " + t.Name())
		d, err := st.AddDocument(ctx, c.ID, debt.DocProof, "facture F-1.pdf", bytes.NewReader(content), "test", testNow)
		if err != nil {
			t.Fatalf("AddDocument: %v", err)
		}
		if st.IsShared() && d.Path != "" {
			t.Errorf("document path on the shared base = %q, want none", d.Path)
		}
		u.openCase(c.ID)
		settle(u)
		v := u.cases.view
		v.selectTab("Pièces")
		test.Tap(button(t, v.docsBox, "Ouvrir"))
		want := filepath.Join(copyDir(), c.Ref+" facture F-1.pdf")
		if len(*opened) != 1 || openedPath(t, (*opened)[0]) != want {
			t.Fatalf("opened %q, want %s", *opened, storage.NewFileURI(want))
		}
		if b, err := os.ReadFile(want); err != nil || !bytes.Equal(b, content) {
			t.Errorf("opened copy = %q, %v; want the stored bytes %q", b, err, content)
		}

		// « Enregistrer sous… » writes the same checked bytes elsewhere
		out := filepath.Join(t.TempDir(), "copie.pdf")
		u.writeCopy(st, d.SHA256, out, false)
		if b, err := os.ReadFile(out); err != nil || !bytes.Equal(b, content) {
			t.Errorf("saved copy = %q, %v; want the stored bytes", b, err)
		}
	})
}

// letterReadyCase gives the store an office and a case whose checklist is
// complete (proof attached), the demo aside: it runs on both engines.
func letterReadyCase(t *testing.T, st *data.Store) debt.Case {
	t.Helper()
	office := debt.Office{Name: "Étude Durand", Address: debt.Address{Street: "1 place du Théâtre", Postcode: "59000", Town: "Lille"},
		Town: "Lille", Phone: "03 20 00 00 00", Email: "contact@etude-durand.fr", IBAN: "FR7630006000011234567890189", BIC: "AGRIFRPP",
		Signatories: []string{"Maître Jeanne DURAND, commissaire de justice"}}
	if err := st.SaveOffice(ctx, office, "test", testNow); err != nil {
		t.Fatalf("SaveOffice: %v", err)
	}
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	deb := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	due := debt.DateOf(testNow).AddDays(-60)
	c, err := st.CreateCase(ctx, debt.Case{Creditor: cred, Debtors: []debt.CaseDebtor{{Party: deb}}, Nature: debt.NatureInvoice,
		Basis: "Bon de commande n° 12", Interest: debt.InterestTerms{Kind: debt.InterestLegal},
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-1", IssueDate: due.AddDays(-30), DueDate: due, Amount: 120000}}}, "test", testNow)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	doc, err := st.AddDocument(ctx, c.ID, debt.DocProof, "facture F-1.pdf", strings.NewReader("%PDF-1.4 facture F-1"), "test", testNow)
	if err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	if err := st.LinkProof(ctx, c.ID, c.Lines[0].ID, doc.ID, "test", testNow); err != nil {
		t.Fatalf("LinkProof: %v", err)
	}
	return c
}

func TestLetterPDFOpensAndPrintsFromTheStoreOnBothEngines(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no lp on Windows")
	}
	forEachEngine(t, func(t *testing.T, u *UI, st *data.Store) {
		bin := t.TempDir()
		logFile := filepath.Join(bin, "lp.log")
		// the fake lp keeps a copy of what it was given to print
		script := "#!/bin/sh\nfor a; do last=\"$a\"; done\ncp \"$last\" " + filepath.Join(bin, "printed.pdf") + "\nprintf '%s\\n' \"$@\" > " + logFile + "\n"
		if err := os.WriteFile(filepath.Join(bin, "lp"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		opened := recordOpened(t, u)
		c := letterReadyCase(t, st)
		l := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder1})
		if st.IsShared() != (l.Path == "") {
			t.Errorf("letter path %q on the shared base %v", l.Path, st.IsShared())
		}
		kept, err := u.storedBytes(l.SHA256)
		if err != nil || !bytes.HasPrefix(kept, []byte("%PDF-")) {
			t.Fatalf("storedBytes(letter) = %d bytes, %v", len(kept), err)
		}
		s := u.letters
		u.showScreen(s.index())
		settle(u)
		s.stage(data.StageToPrint).table.Select(widgetCell(0, 0))
		test.Tap(s.openBtn)
		want := filepath.Join(copyDir(), letterFileName(l))
		if len(*opened) != 1 || openedPath(t, (*opened)[0]) != want {
			t.Fatalf("opened %q, want %s", *opened, want)
		}
		if b, _ := os.ReadFile(want); !bytes.Equal(b, kept) {
			t.Errorf("opened copy differs from the kept PDF")
		}
		test.Tap(s.lpBtn)
		settle(u)
		if b, err := os.ReadFile(filepath.Join(bin, "printed.pdf")); err != nil || !bytes.Equal(b, kept) {
			t.Errorf("printed %d bytes, %v; want the kept PDF", len(b), err)
		}
		if got, _ := st.Letter(ctx, l.ID); got.Stage() != data.StageToPost {
			t.Errorf("after printing directly the letter is %s, want à poster", got.Stage().Label())
		}
	})
}

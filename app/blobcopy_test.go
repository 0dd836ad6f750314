package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
	"amiable/internal/pgtest"
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

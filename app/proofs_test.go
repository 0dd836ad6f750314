package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"amiable/debt"
)

func chosenFile(t *testing.T, name, content string) fyne.URIReadCloser {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

// A file chosen as a line's proof is shown (name, size, kind) and only
// stored once confirmed; a wrong one is withdrawn by a journaled
// correction that keeps the file, and the checklist stops counting it.
func TestProofAskedThenWithdrawn(t *testing.T) {
	u, st := newTestUI(t)
	opened := recordOpened(t, u)
	u.openCase(mustCreateCase(t, u))
	settle(u)
	v := u.cases.view
	line := v.c.Lines[0]

	// cancelled: nothing stored
	v.onFileChosen(chosenFile(t, "IMG_2041.jpg", strings.Repeat("x", 2048)), nil, debt.DocProof, line.ID)
	f := v.docDialog
	for _, want := range []string{"IMG_2041.jpg", "2,0 Ko", "Image JPEG", line.Label} {
		if !hasText(f.content, want) {
			t.Errorf("confirmation %q lacks %q", texts(f.content), want)
		}
	}
	test.Tap(f.cancel)
	if docs, _ := st.Documents(ctx, v.id); len(docs) != 0 {
		t.Fatalf("a cancelled attachment stored %d documents", len(docs))
	}

	// confirmed: stored and linked
	v.onFileChosen(chosenFile(t, "IMG_2041.jpg", "photo de vacances"), nil, debt.DocProof, line.ID)
	test.Tap(v.docDialog.confirm)
	settle(u)
	if !hasText(v.checklist, "Chaque ligne de principal a son justificatif") {
		t.Fatalf("checklist %q: the proof is not counted", texts(v.checklist))
	}
	docs, _ := st.Documents(ctx, v.id)
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}

	// opened as a named copy
	test.Tap(button(t, v.docsBox, "Ouvrir"))
	if len(*opened) != 1 || filepath.Base(openedPath(t, (*opened)[0])) != v.c.Ref+" IMG_2041.jpg" {
		t.Errorf("opened %q, want a copy named « %s IMG_2041.jpg »", *opened, v.c.Ref)
	}

	// withdrawn, with a reason
	test.Tap(button(t, v.docsBox, "Retirer…"))
	w := v.docDialog
	test.Tap(w.confirm)
	if w.closed || !strings.Contains(w.errs.Text, "Indiquez pourquoi") {
		t.Fatalf("withdrawn without reason: %q", w.errs.Text)
	}
	var reason *entry
	walk(w.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			reason = e
		}
	})
	test.Type(reason, "Mauvais fichier")
	test.Tap(w.confirm)
	settle(u)
	if !w.closed {
		t.Fatalf("not withdrawn: %q", w.errs.Text)
	}
	if hasText(v.checklist, "Chaque ligne de principal a son justificatif") || !hasText(v.checklist, "1 ligne sans justificatif") {
		t.Errorf("checklist %q still counts the withdrawn proof", texts(v.checklist))
	}
	if docs, _ := st.Documents(ctx, v.id); len(docs) != 1 {
		t.Error("the withdrawn document left the case")
	}
	if _, err := os.Stat(docs[0].Path); err != nil {
		t.Errorf("the evidence file is gone: %v", err)
	}
	if !hasText(v.journal, "retiré de la ligne") {
		t.Errorf("journal %q lacks the correction", texts(v.journal))
	}
}

// « Enregistrer sous… » writes a copy under the person's name, refuses
// the document store, and asks before replacing a file.
func TestSaveAsCopy(t *testing.T) {
	u, st := newTestUI(t)
	u.openCase(mustCreateCase(t, u))
	settle(u)
	v := u.cases.view
	v.onFileChosen(chosenFile(t, "facture.pdf", "%PDF-1.4 facture"), nil, debt.DocProof, v.c.Lines[0].ID)
	test.Tap(v.docDialog.confirm)
	settle(u)

	dir := t.TempDir()
	test.Tap(button(t, v.docsBox, "Enregistrer sous…"))
	f := u.saveAsDlg
	var fields []*entry
	walk(f.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			fields = append(fields, e)
		}
	})
	folder, name := fields[0], fields[1]
	if name.Text != v.c.Ref+" facture.pdf" {
		t.Errorf("proposed name = %q", name.Text)
	}
	// into the document store: refused
	folder.SetText(st.DocDir())
	test.Tap(f.confirm)
	if f.closed || !strings.Contains(f.errs.Text, "dans un dossier que tient Amiable") {
		t.Fatalf("document store: closed %v, %q", f.closed, f.errs.Text)
	}
	folder.SetText(dir)
	test.Tap(f.confirm)
	want := filepath.Join(dir, v.c.Ref+" facture.pdf")
	if b, err := os.ReadFile(want); err != nil || string(b) != "%PDF-1.4 facture" {
		t.Fatalf("copy %s: %q, %v", want, b, err)
	}
	if !hasText(topOverlay(t, u), want) {
		t.Errorf("no message saying where the copy is")
	}
	u.onEscape()

	// again: asks before replacing
	os.WriteFile(want, []byte("autre"), 0o600)
	test.Tap(button(t, v.docsBox, "Enregistrer sous…"))
	f = u.saveAsDlg
	fields = fields[:0]
	walk(f.content, func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok {
			fields = append(fields, e)
		}
	})
	fields[0].SetText(dir)
	test.Tap(f.confirm)
	if !hasText(topOverlay(t, u), "existe déjà") {
		t.Fatalf("no confirmation before replacing: %q", texts(topOverlay(t, u)))
	}
	if b, _ := os.ReadFile(want); string(b) != "autre" {
		t.Fatal("replaced before confirmation")
	}
	u.onReturn() // Entrée confirms
	if b, _ := os.ReadFile(want); string(b) != "%PDF-1.4 facture" {
		t.Errorf("after confirming: %q", b)
	}
}

// When no viewer opens a document, the window says where its copy is.
func TestOpenCopyWithoutViewerSaysWhere(t *testing.T) {
	u, st := newTestUI(t)
	t.Setenv("TMPDIR", t.TempDir())
	u.openURL = func(string) error { return os.ErrNotExist }
	u.openCase(mustCreateCase(t, u))
	settle(u)
	v := u.cases.view
	v.onFileChosen(chosenFile(t, "facture.pdf", "%PDF-1.4"), nil, debt.DocProof, v.c.Lines[0].ID)
	test.Tap(v.docDialog.confirm)
	settle(u)
	_ = st
	test.Tap(button(t, v.docsBox, "Ouvrir"))
	if top := topOverlay(t, u); !hasText(top, filepath.Join(copyDir(), v.c.Ref+" facture.pdf")) {
		t.Errorf("message = %q, want the copy's path", texts(top))
	}
}

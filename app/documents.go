package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// onAddDocument lets the person pick a file, then its kind.
func (v *caseView) onAddDocument() { v.chooseFile("", 0) }

// chooseFile opens Fyne's file chooser (in French). With a kind the file is
// added at once; with a claim line it becomes that line's proof.
func (v *caseView) chooseFile(kind debt.DocKind, lineID int64) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		v.onFileChosen(rc, err, kind, lineID)
	}, v.ui.win)
	d.Resize(v.ui.fitDialog(fyne.NewSize(900, 600)))
	v.fileDialog = d
	v.ui.showFileDialog(d)
}

// onFileChosen receives the chooser's answer: nothing (cancelled), an
// error, or a file to store.
func (v *caseView) onFileChosen(rc fyne.URIReadCloser, err error, kind debt.DocKind, lineID int64) {
	if err != nil {
		v.ui.showError(fmt.Errorf("choose file: %w", err))
		return
	}
	if rc == nil {
		return
	}
	if kind != "" {
		v.confirmAttach(rc, kind, lineID) // proofs.go: asked before stored
		return
	}
	v.askKind(rc)
}

// askKind asks what the chosen file is, and which claim line it proves.
func (v *caseView) askKind(rc fyne.URIReadCloser) {
	kinds := make([]string, len(debt.DocKinds))
	for i, k := range debt.DocKinds {
		kinds[i] = k.Label()
	}
	kind := newSelect(kinds, nil)
	kind.SetSelectedIndex(0)
	lineNames := []string{"Aucune"}
	for _, l := range v.c.Lines {
		lineNames = append(lineNames, l.Label+" — "+l.Amount.String())
	}
	line := newSelect(lineNames, nil)
	line.SetSelectedIndex(0)
	name, size, ftype := fileFacts(rc)
	f := v.ui.newFormDialog("Ajouter une pièce", "Ajouter", formGrid(
		widget.NewLabel("Fichier"), wrapped(name),
		widget.NewLabel("Taille, type"), widget.NewLabel(size+" · "+ftype),
		widget.NewLabel("Type de pièce"), kind,
		widget.NewLabel("Justifie la ligne"), line,
	), func() []string {
		k := kind.SelectedIndex()
		if k < 0 {
			return []string{"Choisissez le type de pièce"}
		}
		var lineID int64
		if i := line.SelectedIndex(); i > 0 {
			lineID = v.c.Lines[i-1].ID
		}
		if err := v.addDocument(debt.DocKinds[k], rc.URI().Name(), rc, lineID); err != nil {
			return v.ui.errorMessages(err)
		}
		return nil
	})
	f.onClosed = func() { rc.Close() }
	v.docDialog = f
	f.show(fyne.NewSize(620, 280))
}

// addDocument stores the file, links it to the line if any, and redraws.
func (v *caseView) addDocument(kind debt.DocKind, name string, r io.Reader, lineID int64) error {
	ctx := context.Background()
	doc, err := v.ui.store.AddDocument(ctx, v.id, kind, name, r, v.ui.author(), v.ui.now())
	if err != nil {
		return err
	}
	if lineID != 0 {
		if err := v.ui.store.LinkProof(ctx, v.id, lineID, doc.ID, v.ui.author(), v.ui.now()); err != nil {
			v.reload()
			return err
		}
	}
	v.reload()
	return nil
}

// onOpenDocument opens a copy of the stored file, named for a person,
// with the system's viewer (filecopy.go).
func (v *caseView) onOpenDocument(d debt.Document) {
	v.ui.openCopy(d.SHA256, documentFileName(v.c.Ref, d))
}

// errFileMissing is returned when a stored document's file is gone.
var errFileMissing = errors.New("document file missing")

// openPath opens a local file with the system's default application
// (xdg-open, open or the Windows shell, through Fyne's OpenURL).
func (u *UI) openPath(path string) error {
	if _, err := os.Stat(path); err != nil {
		return &data.Error{Code: data.ENOTFOUND, Message: "Le fichier de cette pièce est introuvable dans le dossier des données : " + path, Err: fmt.Errorf("%w: %w", errFileMissing, err)}
	}
	return u.openURL(storage.NewFileURI(path).String())
}

// openWithSystem is the default openURL.
func (u *UI) openWithSystem(link string) error {
	parsed, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf("parse url %q: %w", link, err)
	}
	if err := u.app.OpenURL(parsed); err != nil {
		return &data.Error{Code: data.EINTERNAL, Message: "Impossible d'ouvrir le fichier avec l'application du système.", Err: fmt.Errorf("open %s: %w", link, err)}
	}
	return nil
}

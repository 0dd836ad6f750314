package app

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
)

// Stored documents are kept under their SHA-256, without extension: no
// viewer takes such a file. They open as a copy named for a person
// (« 2026-00060-02 Mise en demeure.pdf ») in a temporary folder, and any
// of them can be saved elsewhere under that name (« Enregistrer sous… »).

// letterFileName is the name a letter's PDF is opened and saved under.
func letterFileName(l data.LetterRow) string {
	return cleanFileName(l.Ref + " " + letters.Kind(l.Kind).Label() + ".pdf")
}

// documentFileName is a stored document's name: the case reference and
// the name it was added under, with an extension from its media type when
// it had none.
func documentFileName(caseRef string, d debt.Document) string {
	name := strings.TrimSpace(d.OriginalName)
	if name == "" {
		name = d.Kind.Label()
	}
	if filepath.Ext(name) == "" {
		if exts, _ := mime.ExtensionsByType(d.MediaType); len(exts) > 0 {
			name += exts[0]
		}
	}
	if caseRef != "" && !strings.HasPrefix(name, caseRef) {
		name = caseRef + " " + name
	}
	return cleanFileName(name)
}

// cleanFileName drops what no file system takes in a name (separators,
// Windows' reserved characters, control characters).
func cleanFileName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r < 32, strings.ContainsRune(`<>:"/\|?*`, r):
			return '_'
		}
		return r
	}, s)
	return strings.Trim(strings.TrimSpace(s), ".")
}

// copyDir is where opened copies go.
func copyDir() string { return filepath.Join(os.TempDir(), "amiable-documents") }

// openCopy copies the stored document sum (its SHA-256), checked, to the
// temporary folder under name and opens it with the system's viewer; when
// none opens it, a message says where the file is.
func (u *UI) openCopy(sum, name string) {
	path, err := u.storedCopy(sum, name)
	if err != nil {
		u.showError(err)
		return
	}
	if err := u.openURL(storage.NewFileURI(path).String()); err != nil {
		u.logError(err)
		u.showInfo("Ouvrir le fichier", "Aucune application du poste n'a ouvert le fichier. Il se trouve ici :\n"+path+
			"\nOuvrez-le depuis l'explorateur de fichiers, ou enregistrez-le ailleurs avec « Enregistrer sous… ».")
	}
}

// saveAsButton is an « Enregistrer sous… » button for a stored document:
// src gives its SHA-256 and its name.
func (u *UI) saveAsButton(src func() (string, string, bool)) *widget.Button {
	return widget.NewButtonWithIcon("Enregistrer sous…", theme.DocumentSaveIcon(), func() {
		if path, name, ok := src(); ok {
			u.saveAs(path, name)
		}
	})
}

// saveAs asks where to write a copy of the stored document src (its
// SHA-256; a folder, a
// name), refuses the database, the document store and the backups, asks
// before replacing a file, and says where the copy went.
func (u *UI) saveAs(src, name string) {
	folder := u.newEntry("chemin complet d'un dossier")
	if home, err := os.UserHomeDir(); err == nil {
		folder.SetText(home)
		if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
			folder.SetText(filepath.Join(home, "Documents"))
		}
	}
	file := u.newEntry("nom du fichier")
	file.SetText(name)
	choose := widget.NewButtonWithIcon("Choisir…", theme.FolderOpenIcon(), func() {
		fd := dialog.NewFolderOpen(func(uri fyne.ListableURI, err error) {
			if err == nil && uri != nil {
				folder.SetText(uri.Path())
			}
		}, u.win)
		fd.Resize(u.fitDialog(fyne.NewSize(900, 600)))
		u.showFileDialog(fd)
	})
	var f *formDialog
	f = u.newFormDialog("Enregistrer sous…", "Enregistrer", formGrid(
		widget.NewLabel("Dossier"), container.NewBorder(nil, nil, nil, choose, folder),
		widget.NewLabel("Nom du fichier"), file,
	), func() []string {
		ds, err := u.dataStore()
		if err != nil {
			return u.errorMessages(err)
		}
		n := cleanFileName(file.Text)
		if n == "" {
			return []string{"Indiquez le nom du fichier"}
		}
		path := filepath.Join(strings.TrimSpace(folder.Text), n)
		err = ds.CheckOutput(context.Background(), path, false)
		var de *data.Error
		if errors.As(err, &de) && de.Code == data.ECONFLICT {
			f.then = func() {
				u.confirm("Remplacer le fichier", "Le fichier « "+path+" » existe déjà. Le remplacer par cette copie ?", func() { u.writeCopy(ds, src, path, true) })
			}
			return nil
		}
		if err != nil {
			return u.errorMessages(err)
		}
		f.then = func() { u.writeCopy(ds, src, path, false) }
		return nil
	})
	f.submitOnEnter(folder, file)
	u.saveAsDlg = f
	f.show(fyne.NewSize(640, 260))
}

// writeCopy checks path once more and writes the copy there.
func (u *UI) writeCopy(ds *data.Store, src, path string, replace bool) {
	if err := ds.CheckOutput(context.Background(), path, replace); err != nil {
		u.showError(err)
		return
	}
	b, err := u.storedBytes(src)
	if err != nil {
		u.showError(err)
		return
	}
	if err := writeFileSync(path, b); err != nil {
		u.showError(&data.Error{Code: data.EINTERNAL, Message: "La copie n'a pas pu être écrite dans " + path + " : vérifiez le dossier et la place disponible.", Err: fmt.Errorf("save copy: %w", err)})
		return
	}
	u.showInfo("Enregistré", "Copie enregistrée : "+path)
}

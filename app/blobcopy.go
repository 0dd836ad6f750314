package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"amiable/data"
)

// A stored document is read through the store, whichever engine holds it:
// a file beside the desk's SQLite base, a row of the office's shared base
// (which keeps no file path). Either way its content is checked against
// its SHA-256 before anything is copied (data.Store.OpenBlob).

// storedBytes reads the stored document sum, checked.
func (u *UI) storedBytes(sum string) ([]byte, error) {
	ds, err := u.dataStore()
	if err != nil {
		return nil, err
	}
	r, err := ds.OpenBlob(sum)
	var de *data.Error
	if errors.As(err, &de) && de.Code == data.ENOTFOUND && !ds.IsShared() {
		path := ds.BlobPath(sum)
		return nil, &data.Error{Code: data.ENOTFOUND, Message: "Le fichier de cette pièce est introuvable dans le dossier des données : " + path, Err: fmt.Errorf("%w: %w", errFileMissing, err)}
	}
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, &data.Error{Code: data.EINTERNAL, Message: "La pièce n'a pas pu être lue dans la base : réessayez, ou vérifiez la connexion à la base.", Err: fmt.Errorf("read blob %s: %w", sum, err)}
	}
	return b, nil
}

// storedCopy writes the stored document sum, checked, to the temporary
// folder under name (« 2026-00060-02 Mise en demeure.pdf ») and returns
// the copy's path: what a viewer opens or lp prints.
func (u *UI) storedCopy(sum, name string) (string, error) {
	b, err := u.storedBytes(sum)
	if err != nil {
		return "", err
	}
	dir := copyDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", pdfWriteError(dir, err)
	}
	path := filepath.Join(dir, name)
	if err := writeFileSync(path, b); err != nil {
		return "", pdfWriteError(path, err)
	}
	return path, nil
}

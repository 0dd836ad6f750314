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

// storedBytes reads the stored document sum, checked: a missing or
// altered piece is never shown nor copied as evidence, and the message
// says so and how it is put back.
func (u *UI) storedBytes(sum string) ([]byte, error) {
	ds, err := u.dataStore()
	if err != nil {
		return nil, err
	}
	r, err := ds.OpenBlob(sum)
	var b []byte
	if err == nil {
		b, err = io.ReadAll(r)
		r.Close()
	}
	var de *data.Error
	switch {
	case err == nil:
		return b, nil
	case errors.As(err, &de) && de.Code == data.ENOTFOUND:
		return nil, &data.Error{Code: data.ENOTFOUND, Message: "Le fichier de cette pièce est introuvable dans le dossier des documents : il n'est pas ouvert. " +
			"Le contrôle des pièces (amiable verify) le restaure depuis une sauvegarde qui en a une copie correcte.", Err: fmt.Errorf("%w: %w", errFileMissing, err)}
	case errors.As(err, &de) && de.Code == data.EINTERNAL:
		return nil, &data.Error{Code: data.EINTERNAL, Message: "Cette pièce a été modifiée depuis son enregistrement (son empreinte SHA-256 ne correspond plus) : " +
			"elle n'est ni ouverte ni copiée, car elle ne vaut plus preuve. Le contrôle des pièces (amiable verify) la restaure depuis une sauvegarde qui en a une copie correcte.",
			Err: fmt.Errorf("altered document %s: %w", sum, err)}
	case errors.As(err, &de):
		return nil, err
	}
	return nil, &data.Error{Code: data.EINTERNAL, Message: "La pièce n'a pas pu être lue : réessayez, ou vérifiez la connexion à la base.", Err: fmt.Errorf("read blob %s: %w", sum, err)}
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

package app

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"amiable/data"
)

// A stored document is evidence: before a copy of it is opened or saved,
// it is read again and its SHA-256 compared with the name it is kept
// under (data.VerifiedBlobPath), so that a file altered or gone since it
// was kept is never shown as the piece the office produced.

var shaName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// verifiedSource returns src, a file of the document store, once it has
// been found intact, or the French reason it is not shown. A file outside
// the document store (not named by its SHA-256) is returned as it is.
func (u *UI) verifiedSource(src string) (string, error) {
	sum := filepath.Base(src)
	ds, err := u.dataStore()
	if err != nil || !shaName.MatchString(sum) || filepath.Clean(ds.BlobPath(sum)) != filepath.Clean(src) {
		return src, nil
	}
	path, err := ds.VerifiedBlobPath(sum)
	if err == nil {
		return path, nil
	}
	if _, statErr := os.Stat(src); statErr != nil {
		return "", &data.Error{Code: data.ENOTFOUND, Message: "Le fichier de cette pièce est introuvable dans le dossier des documents : il n'est pas ouvert. " +
			"Le contrôle des pièces (amiable verify) le restaure depuis une sauvegarde qui en a une copie correcte.", Err: fmt.Errorf("%w: %w", errFileMissing, err)}
	}
	return "", &data.Error{Code: data.EINTERNAL, Message: "Cette pièce a été modifiée depuis son enregistrement (son empreinte SHA-256 ne correspond plus) : " +
		"elle n'est ni ouverte ni copiée, car elle ne vaut plus preuve. Le contrôle des pièces (amiable verify) la restaure depuis une sauvegarde qui en a une copie correcte.",
		Err: fmt.Errorf("altered document %s: %w", sum, err)}
}

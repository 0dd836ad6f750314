package data

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckOutput says whether a file the person asked for (a PDF saved as,
// an export, a deposit list, a CLI -o) may be written at path. It refuses
// the database itself, its -wal, -shm and -journal files, anything inside
// the document store or the backup folder (evidence and copies are only
// ever written by the store), any existing SQLite file (a backup copied
// elsewhere, another office), a folder, and a folder that does not exist;
// an existing file is refused unless replace is true (the person
// confirmed, or -force). The error's message is French and says why.
func (s *Store) CheckOutput(ctx context.Context, path string, replace bool) error {
	protected := []string{s.docDir}
	if d, err := s.DailySettings(ctx); err == nil && d.BackupDir != "" {
		protected = append(protected, d.BackupDir)
	}
	return checkOutput(path, s.path, protected, replace)
}

// checkOutput is CheckOutput for a database at db and the protected
// folders dirs.
func checkOutput(path, db string, dirs []string, replace bool) error {
	if strings.TrimSpace(path) == "" {
		return invalid("Indiquez le fichier à écrire.")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return invalid("Le chemin « %s » n'est pas valable.", path)
	}
	real := resolved(abs)
	for _, p := range []string{db, db + "-wal", db + "-shm", db + "-journal", LockPath(db)} {
		if sameFile(real, resolved(p)) {
			return invalid("« %s » est la base de données d'Amiable : choisissez un autre fichier.", path)
		}
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if within(real, resolved(d)) {
			return invalid("« %s » est dans un dossier que tient Amiable (%s) : choisissez un fichier ailleurs.", path, d)
		}
	}
	parent := filepath.Dir(abs)
	if fi, err := os.Stat(parent); err != nil || !fi.IsDir() {
		return invalid("Le dossier « %s » n'existe pas.", parent)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return invalid("Le fichier « %s » est inaccessible.", path)
	case fi.IsDir():
		return invalid("« %s » est un dossier : indiquez un nom de fichier.", path)
	case isSQLite(abs):
		// Another office's base or a copy of a backup: never replaced by
		// a PDF or an export, even with -force.
		return invalid("« %s » est une base de données : choisissez un autre fichier.", path)
	case !replace:
		return &Error{Code: ECONFLICT, Message: "Le fichier « " + path + " » existe déjà : confirmez pour le remplacer (-force en ligne de commande)."}
	}
	return nil
}

// isSQLite reports whether the file at path starts with SQLite's header.
func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	return n == 16 && string(head) == "SQLite format 3\x00"
}

// resolved is path made absolute with its symbolic links followed as far
// as they exist (the file itself may not exist yet).
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, base := filepath.Split(abs)
	if dir == abs || dir == "" {
		return abs
	}
	return filepath.Join(resolved(filepath.Clean(dir)), base)
}

// sameFile reports whether a and b name the same file: the same path, or
// the same inode (a hard link).
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

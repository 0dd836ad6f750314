package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"amiable/debt"
)

// Backups: a consistent copy of the database (SQLite's online backup API,
// while the window keeps working) and of the documents not yet copied, in
// a folder the office chose (a USB disk, a network drive). The folder
// holds one copy per day, amiable-AAAA-MM-JJ.db, the last BackupKeep of
// them, and a documents/ folder laid out as the document store (files
// named by SHA-256 never change, so each is copied once).

// DailySettings are the daily job's settings (Paramètres → Tâche
// quotidienne): when it runs, and where and how many backups it keeps.
type DailySettings struct {
	At         string `json:"at"`          // "07:30", Paris time
	BackupDir  string `json:"backup_dir"`  // "" until the office chooses one
	BackupKeep int    `json:"backup_keep"` // daily copies kept
}

// DefaultDailySettings returns the defaults: 07:30, 14 daily copies, no
// folder chosen.
func DefaultDailySettings() DailySettings { return DailySettings{At: "07:30", BackupKeep: 14} }

// ParseClock reads "HH:MM" (24 h).
func ParseClock(s string) (hour, minute int, err error) {
	s = strings.TrimSpace(strings.Replace(s, "h", ":", 1))
	if _, err := fmt.Sscanf(s, "%d:%d", &hour, &minute); err != nil || hour < 0 || hour > 23 || minute < 0 || minute > 59 || len(s) < 4 || len(s) > 5 {
		return 0, 0, fmt.Errorf("heure « %s » invalide (attendu HH:MM, par exemple 07:30)", s)
	}
	return hour, minute, nil
}

// Validate checks the settings a person typed. The hour must avoid
// 02:00-02:59, which the change to summer time skips once a year.
func (d DailySettings) Validate() []debt.FieldError {
	var errs []debt.FieldError
	if h, _, err := ParseClock(d.At); err != nil {
		errs = append(errs, debt.FieldError{Field: "at", Message: upperFirst(err.Error())})
	} else if h == 2 {
		errs = append(errs, debt.FieldError{Field: "at", Message: "Choisissez une heure hors de 02:00-02:59 : le passage à l'heure d'été la saute"})
	}
	if d.BackupKeep < 1 || d.BackupKeep > 365 {
		errs = append(errs, debt.FieldError{Field: "backup_keep", Message: "Le nombre de sauvegardes gardées doit être compris entre 1 et 365"})
	}
	if d.BackupDir != "" && !filepath.IsAbs(d.BackupDir) {
		errs = append(errs, debt.FieldError{Field: "backup_dir", Message: "Choisissez le dossier de sauvegarde par son chemin complet"})
	}
	return errs
}

// DailySettings returns the daily job's settings (defaults when never saved).
func (s *Store) DailySettings(ctx context.Context) (DailySettings, error) {
	d := DefaultDailySettings()
	_, err := getSetting(ctx, s.ro, "daily", &d)
	return d, err
}

// SaveDailySettings validates and stores the daily job's settings; the
// backup folder must exist and be a folder.
func (s *Store) SaveDailySettings(ctx context.Context, d DailySettings, author string, now time.Time) error {
	d.At, d.BackupDir = strings.TrimSpace(d.At), strings.TrimSpace(d.BackupDir)
	if h, m, err := ParseClock(d.At); err == nil {
		d.At = fmt.Sprintf("%02d:%02d", h, m)
	}
	errs := d.Validate()
	if d.BackupDir != "" && len(errs) == 0 {
		if err := checkBackupDir(d.BackupDir); err != nil {
			errs = append(errs, debt.FieldError{Field: "backup_dir", Message: Message(err)})
		}
	}
	if len(errs) > 0 {
		return debt.ValidationError(errs)
	}
	return s.SaveSetting(ctx, "daily", d, "tâche quotidienne (heure, sauvegardes)", author, now)
}

func checkBackupDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return invalid("Le dossier de sauvegarde « %s » est introuvable (disque débranché, lecteur réseau absent ?).", dir)
	case err != nil:
		return &Error{Code: EINVALID, Message: fmt.Sprintf("Le dossier de sauvegarde « %s » est inaccessible.", dir), Err: err}
	case !fi.IsDir():
		return invalid("« %s » n'est pas un dossier.", dir)
	}
	return nil
}

// BackupName is the file name of the copy of a day: amiable-2026-05-15.db.
func BackupName(day debt.Date) string { return "amiable-" + day.ISO() + ".db" }

var backupNameRE = regexp.MustCompile(`^amiable-\d{4}-\d{2}-\d{2}\.db$`)

// BackupResult is one backup written.
type BackupResult struct {
	Path      string   `json:"path"`
	Size      int64    `json:"size"`
	Documents int      `json:"documents"` // documents copied this time
	Removed   []string `json:"removed,omitempty"`
}

// BackupLog is a backup as the log keeps it.
type BackupLog struct {
	At        time.Time `json:"at"`
	Path      string    `json:"path"`
	Size      int64     `json:"size"`
	Documents int       `json:"documents"`
	Error     string    `json:"error,omitempty"` // French; "" when it succeeded
}

// LastBackup returns the latest backup attempt (ok false when none).
func (s *Store) LastBackup(ctx context.Context) (BackupLog, bool, error) {
	var b BackupLog
	var at string
	err := s.ro.QueryRowContext(ctx, "SELECT at, path, size, documents, error FROM backups ORDER BY id DESC LIMIT 1").Scan(&at, &b.Path, &b.Size, &b.Documents, &b.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("last backup: %w", err)
	}
	b.At = parseInstant(at)
	return b, true, nil
}

// DailyBackup backs up to the folder of the daily settings, keeping the
// last BackupKeep daily copies. With no folder chosen it fails with a
// French message saying where to choose one.
func (s *Store) DailyBackup(ctx context.Context, now time.Time) (BackupResult, error) {
	d, err := s.DailySettings(ctx)
	if err != nil {
		return BackupResult{}, err
	}
	if d.BackupDir == "" {
		err := invalid("Aucun dossier de sauvegarde n'est choisi : choisissez-en un dans Paramètres → Tâche quotidienne.")
		s.logBackup(ctx, BackupResult{}, err, now)
		return BackupResult{}, err
	}
	return s.Backup(ctx, d.BackupDir, d.BackupKeep, now)
}

// Backup writes the day's copy of the database into dir (replacing a copy
// of the same day), copies the documents dir does not hold yet, then, when
// keep > 0, removes the oldest daily copies beyond keep. The copy is
// checked (quick_check) before it takes its final name. Every attempt is
// logged; the error carries a French message.
func (s *Store) Backup(ctx context.Context, dir string, keep int, now time.Time) (BackupResult, error) {
	if s.IsShared() {
		return BackupResult{}, errSharedBackup(s)
	}
	res, err := s.backup(ctx, dir, keep, now)
	s.logBackup(ctx, res, err, now)
	return res, err
}

func (s *Store) logBackup(ctx context.Context, res BackupResult, err error, now time.Time) {
	msg := ""
	if err != nil {
		msg = Message(err)
	}
	s.write(ctx, func(tx *sql.Tx) error {
		_, e := tx.ExecContext(ctx, "INSERT INTO backups (at, path, size, documents, error) VALUES (?,?,?,?,?)", instant(now), res.Path, res.Size, res.Documents, msg)
		return e
	})
}

func (s *Store) backup(ctx context.Context, dir string, keep int, now time.Time) (BackupResult, error) {
	var res BackupResult
	if err := checkBackupDir(dir); err != nil {
		return res, err
	}
	final := filepath.Join(dir, BackupName(debt.DateOf(now)))
	tmp := filepath.Join(dir, "."+BackupName(debt.DateOf(now))+".partiel")
	os.Remove(tmp)
	if err := s.copyDatabase(ctx, tmp); err != nil {
		os.Remove(tmp)
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de la base vers « %s » a échoué.", dir), Err: err}
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Remove(tmp)
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de nommer la sauvegarde dans « %s ».", dir), Err: err}
	}
	syncDir(dir)
	res.Path = final
	if fi, err := os.Stat(final); err == nil {
		res.Size = fi.Size()
	}
	n, err := copyDocuments(ctx, s.docDir, filepath.Join(dir, "documents"))
	res.Documents = n
	if err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La base est sauvegardée, mais la copie des documents vers « %s » a échoué.", dir), Err: err}
	}
	if keep > 0 {
		removed, err := pruneBackups(dir, keep)
		res.Removed = removed
		if err != nil {
			return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La sauvegarde est faite, mais les anciennes copies de « %s » n'ont pas pu être supprimées.", dir), Err: err}
		}
	}
	return res, nil
}

// copyDatabase copies the database into the new file path with the online
// backup API (a consistent snapshot, the window keeps writing meanwhile),
// makes the copy a single file (no WAL), checks it and syncs it.
func (s *Store) copyDatabase(ctx context.Context, path string) error {
	dst, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_busy_timeout=10000")
	if err != nil {
		return err
	}
	defer dst.Close()
	dconn, err := dst.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open copy: %w", err)
	}
	defer dconn.Close()
	sconn, err := s.ro.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open source: %w", err)
	}
	defer sconn.Close()
	err = dconn.Raw(func(d any) error {
		return sconn.Raw(func(src any) error {
			b, err := d.(*sqlite3.SQLiteConn).Backup("main", src.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return fmt.Errorf("backup init: %w", err)
			}
			for {
				done, err := b.Step(-1)
				if err != nil {
					b.Finish()
					return fmt.Errorf("backup step: %w", err)
				}
				if done {
					break
				}
				select {
				case <-ctx.Done():
					b.Finish()
					return ctx.Err()
				case <-time.After(50 * time.Millisecond): // the source was busy: try again
				}
			}
			return b.Finish()
		})
	})
	if err != nil {
		return err
	}
	var mode, check string
	if err := dconn.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return fmt.Errorf("copy journal mode: %w", err)
	}
	if err := dconn.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("copy check: %q %v", check, err)
	}
	dconn.Close()
	dst.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// copyDocuments copies the files of the document store src that dst does
// not hold yet (same layout, named by SHA-256), each through a temporary
// file renamed once complete. It returns how many it copied.
func copyDocuments(ctx context.Context, src, dst string) (int, error) {
	n := 0
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && path == src {
			return fs.SkipAll // no document yet
		}
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if _, err := os.Stat(target); err == nil {
			return nil
		}
		if err := copyFile(path, target); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}

// copyFile copies src to the new file dst (temporary file, sync, rename),
// read-only like the document store's files.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".copie-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o400); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}

// pruneBackups removes the oldest daily copies of dir beyond keep.
func pruneBackups(dir string, keep int) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var copies []string
	for _, e := range entries {
		if !e.IsDir() && backupNameRE.MatchString(e.Name()) {
			copies = append(copies, e.Name())
		}
	}
	slices.Sort(copies) // the date in the name sorts them
	var removed []string
	for len(copies) > keep {
		if err := os.Remove(filepath.Join(dir, copies[0])); err != nil {
			return removed, err
		}
		removed = append(removed, copies[0])
		copies = copies[1:]
	}
	return removed, nil
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	From      string `json:"from"`
	Path      string `json:"path"`
	Kept      string `json:"kept,omitempty"` // where the replaced database was kept
	Documents int    `json:"documents"`      // documents copied back
}

// Restore replaces the database at path by the backup from, which must be
// an Amiable database this version can read and pass PRAGMA
// integrity_check. A database at path whose journal has entries newer than
// the backup's is only replaced with force. The replaced database is kept
// beside it (amiable.db.remplacee-AAAAMMJJ-HHMMSS), and the documents of
// the backup folder missing from the document store are copied back.
// Amiable must not have the database open meanwhile.
func Restore(ctx context.Context, from, path string, force bool, now time.Time) (RestoreResult, error) {
	res := RestoreResult{From: from, Path: path}
	src, err := filepath.Abs(from)
	if err != nil {
		return res, err
	}
	if path, err = filepath.Abs(path); err != nil {
		return res, err
	}
	res.Path = path
	if src == path {
		return res, invalid("La sauvegarde et la base à remplacer sont le même fichier.")
	}
	if err := checkRestorable(ctx, src); err != nil {
		return res, err
	}
	fromLast, err := lastEntry(ctx, src)
	if err != nil {
		return res, corrupt(src, err)
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		if inspect(path, SchemaVersion()) == nil {
			cur, err := lastEntry(ctx, path)
			if err == nil && cur > fromLast && !force {
				return res, conflict("La base « %s » contient des entrées plus récentes (dernière le %s) que la sauvegarde (dernière le %s) : ajoutez -force pour la remplacer quand même.",
					path, frenchInstant(cur), frenchInstant(fromLast))
			}
		} else if !force {
			return res, conflict("« %s » n'est pas une base Amiable lisible par cette version : ajoutez -force pour la remplacer quand même.", path)
		}
		if err := checkpoint(path); err != nil && !force {
			return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de préparer le remplacement de « %s » : fermez Amiable et recommencez.", path), Err: err}
		}
		res.Kept = fmt.Sprintf("%s.remplacee-%s", path, now.In(debt.Paris()).Format("20060102-150405"))
		if err := os.Rename(path, res.Kept); err != nil {
			return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de mettre de côté « %s ».", path), Err: err}
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + suffix); err == nil {
				os.Rename(path+suffix, res.Kept+suffix)
			}
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de créer le dossier « %s ».", filepath.Dir(path)), Err: err}
	}
	tmp := path + ".restauration"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de « %s » a échoué.", src), Err: err}
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return res, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de mettre la sauvegarde à la place de « %s ».", path), Err: err}
	}
	syncDir(filepath.Dir(path))
	n, err := copyDocuments(ctx, filepath.Join(filepath.Dir(src), "documents"), filepath.Join(filepath.Dir(path), "documents"))
	res.Documents = n
	if err != nil {
		return res, &Error{Code: EINTERNAL, Message: "La base est restaurée, mais la copie des documents a échoué.", Err: err}
	}
	return res, nil
}

// checkRestorable refuses what must not become the database: not an
// SQLite file, not Amiable's, a newer schema, or a file that fails PRAGMA
// integrity_check.
func checkRestorable(ctx context.Context, path string) error {
	appID, version, db, err := sqliteIdentity(ctx, path)
	if errors.Is(err, errNotSQLite) {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("« %s » n'est pas une sauvegarde Amiable (ce n'est pas un fichier SQLite).", path)}
	}
	var e *Error
	if errors.As(err, &e) && e.Code == ENOTFOUND {
		return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("Sauvegarde « %s » introuvable ou illisible.", path), Err: err}
	}
	if err != nil {
		return err
	}
	defer db.Close()
	if appID != ApplicationID {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("« %s » n'est pas une sauvegarde Amiable.", path)}
	}
	if version > SchemaVersion() {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("La sauvegarde « %s » vient d'une version plus récente d'Amiable (schéma %d, cette version connaît le schéma %d) : mettez Amiable à jour.", path, version, SchemaVersion())}
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return corrupt(path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return corrupt(path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return corrupt(path, err)
	}
	if len(problems) > 0 {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("La sauvegarde « %s » est endommagée (contrôle d'intégrité en échec) : choisissez-en une autre.", path),
			Err: errors.New(strings.Join(problems, "; "))}
	}
	return nil
}

// lastEntry returns the instant of the latest journal entry of the
// database at path ("" when the journal is empty).
func lastEntry(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return "", err
	}
	defer db.Close()
	var at string
	err = db.QueryRowContext(ctx, "SELECT coalesce(max(at), '') FROM events").Scan(&at)
	return at, err
}

// checkpoint folds the WAL of the database at path into the file, so that
// the file alone holds everything before it is set aside.
func checkpoint(path string) error {
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

func frenchInstant(s string) string {
	t := parseInstant(s)
	if t.IsZero() {
		return "jamais"
	}
	return t.In(debt.Paris()).Format("02/01/2006 à 15:04")
}

package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
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
	// VerifyDays: the stored documents are all checked again every that
	// many days (see VerifyDocuments); 0 when saved keeps the value held.
	VerifyDays int `json:"verify_days"`
}

// DefaultDailySettings returns the defaults: 07:30, 14 daily copies, no
// folder chosen.
func DefaultDailySettings() DailySettings {
	return DailySettings{At: "07:30", BackupKeep: 14, VerifyDays: 7}
}

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
	if d.VerifyDays < 0 || d.VerifyDays > 365 { // 0: the value held, or the default
		errs = append(errs, debt.FieldError{Field: "verify_days", Message: "Le contrôle des pièces doit revenir tous les 1 à 365 jours"})
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
	if d.VerifyDays == 0 { // a form that does not show it keeps the value held
		held, err := s.DailySettings(ctx)
		if err != nil {
			return err
		}
		d.VerifyDays = held.VerifyDays
	}
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

var backupNameRE = regexp.MustCompile(`^amiable-\d{4}-\d{2}-\d{2}(-\d{6})?\.db$`)

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
	s.writeTx(ctx, false, func(tx *sql.Tx) error {
		_, e := tx.ExecContext(ctx, "INSERT INTO backups (at, path, size, documents, error) VALUES (?,?,?,?,?)", instant(now), res.Path, res.Size, res.Documents, msg)
		return e
	})
}

func (s *Store) backup(ctx context.Context, dir string, keep int, now time.Time) (BackupResult, error) {
	var res BackupResult
	if err := checkBackupDir(dir); err != nil {
		return res, err
	}
	day := debt.DateOf(now)
	final := filepath.Join(dir, BackupName(day))
	tmp := filepath.Join(dir, "."+BackupName(day)+".partiel")
	os.Remove(tmp)
	defer os.Remove(tmp)
	if err := s.copyDatabase(ctx, tmp); err != nil {
		if d := diagnose(tmp, err); d != nil {
			return res, d
		}
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de la base vers « %s » a échoué.", dir), Err: err}
	}
	m, err := describe(ctx, tmp)
	if err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de la base vers « %s » est illisible.", dir), Err: err}
	}
	m.Created = now.UTC()
	// A base whose journal (append-only) holds fewer entries than the
	// latest copy's is not that office grown older: an empty or another
	// base. Its copy is written beside the others, never over them.
	var smaller string
	prevPath, prev, hasPrev := latestCopy(dir)
	var mark restoreMark
	if _, err := getSetting(ctx, s.ro, "restauration", &mark); err != nil {
		return res, err
	}
	if hasPrev && prev.Rows["events"] > m.Rows["events"] && !prev.Created.Before(mark.At) {
		smaller = fmt.Sprintf("La base sauvegardée n'a que %d entrées de journal, contre %d dans la copie « %s » : cette copie est gardée et la nouvelle est écrite à part. Vérifiez que la bonne base est ouverte.",
			m.Rows["events"], prev.Rows["events"], filepath.Base(prevPath))
		final = filepath.Join(dir, strings.TrimSuffix(BackupName(day), ".db")+now.In(debt.Paris()).Format("-150405")+".db")
	}
	trusted := map[string]ManifestFile{}
	for _, f := range prev.Documents {
		trusted[f.SHA256] = f
	}
	n, missing, err := backupDocuments(ctx, s.docDir, filepath.Join(dir, "documents"), m.Documents, trusted)
	res.Documents = n
	if err != nil {
		if d := diagnose(dir, err); d != nil {
			return res, d
		}
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie des documents vers « %s » a échoué : la sauvegarde n'est pas faite.", dir), Err: err}
	}
	m.Missing = missing
	if m.Database.SHA256, m.Database.Size, err = hashFile(tmp); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de la base vers « %s » est illisible.", dir), Err: err}
	}
	m.Database.Name = filepath.Base(final)
	// The manifest goes first under a temporary name, then the copy and
	// its manifest take their names: a copy never stands with another
	// copy's manifest but for the instant between the two renames, which
	// a restore would see (the database's SHA-256 would not match).
	if err := writeManifest(tmp, m); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible d'écrire le manifeste de la sauvegarde dans « %s ».", dir), Err: err}
	}
	defer os.Remove(ManifestPath(tmp))
	if err := os.Rename(tmp, final); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de nommer la sauvegarde dans « %s ».", dir), Err: err}
	}
	if err := os.Rename(ManifestPath(tmp), ManifestPath(final)); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de nommer le manifeste de la sauvegarde dans « %s ».", dir), Err: err}
	}
	syncDir(dir)
	res.Path, res.Size = final, m.Database.Size
	if keep > 0 {
		removed, err := pruneBackups(dir, keep)
		res.Removed = removed
		if err != nil {
			return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La sauvegarde est faite, mais les anciennes copies de « %s » n'ont pas pu être supprimées.", dir), Err: err}
		}
	}
	if len(missing) > 0 {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La base est sauvegardée, mais %d document(s) du dossier des documents manquent ou sont altérés, sans copie correcte dans la sauvegarde (%s) : lancez « amiable verify ».",
			len(missing), shortList(missing, 3))}
	}
	if smaller != "" {
		return res, &Error{Code: ECONFLICT, Message: smaller}
	}
	return res, nil
}

func shortList(sums []string, n int) string {
	var parts []string
	for i, s := range sums {
		if i == n {
			parts = append(parts, fmt.Sprintf("et %d autre(s)", len(sums)-n))
			break
		}
		parts = append(parts, s[:min(12, len(s))]+"…")
	}
	return strings.Join(parts, ", ")
}

// latestCopy returns the newest daily copy of dir that has a manifest.
func latestCopy(dir string) (string, Manifest, bool) {
	copies, _ := listCopies(dir)
	for i := len(copies) - 1; i >= 0; i-- {
		p := filepath.Join(dir, copies[i])
		if m, ok, err := readManifest(p); ok && err == nil {
			return p, m, true
		}
	}
	return "", Manifest{}, false
}

// listCopies returns the names of dir's daily copies, oldest first.
func listCopies(dir string) ([]string, error) {
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
	slices.SortFunc(copies, func(a, b string) int { return strings.Compare(copyKey(a), copyKey(b)) })
	return copies, nil
}

// copyKey orders copies by date, then time of the day: amiable-D.db is
// the day's regular copy, amiable-D-HHMMSS.db one written beside it.
func copyKey(name string) string {
	k := strings.TrimSuffix(strings.TrimPrefix(name, "amiable-"), ".db")
	if len(k) == 10 {
		k += "-999999"
	}
	return k
}

// copyDatabase copies the database into the new file path with the online
// backup API (a consistent snapshot, the window keeps writing meanwhile),
// makes the copy a single file (no WAL), checks it and syncs it.
func (s *Store) copyDatabase(ctx context.Context, path string) error {
	if err := createPrivate(path); err != nil {
		return err
	}
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

// errAltered: a file's content no longer has the SHA-256 it is named by.
var errAltered = errors.New("content does not match its SHA-256")

// backupDocuments brings the backup's document folder dst up to the
// documents docs of the base: a copy absent, of another size or whose
// content no longer has its SHA-256 is copied again from the store src,
// the store's file being checked as it is read (an altered file of the
// store never replaces a good copy). A copy whose size and time are those
// trusted (found correct by the previous backup) is not read again. It
// sets each document's ModTime and returns how many it copied and the
// documents with no correct copy anywhere.
func backupDocuments(ctx context.Context, src, dst string, docs []ManifestFile, trusted map[string]ManifestFile) (int, []string, error) {
	n := 0
	var missing []string
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return n, missing, err
		}
		d := &docs[i]
		target := blobPath(dst, d.SHA256)
		if fi, err := os.Stat(target); err == nil && fi.Size() == d.Size {
			if t, ok := trusted[d.SHA256]; ok && t.Size == d.Size && t.ModTime == fi.ModTime().UnixNano() {
				d.ModTime = t.ModTime
				continue
			}
			if sum, _, err := hashFile(target); err == nil && sum == d.SHA256 {
				d.ModTime = fi.ModTime().UnixNano()
				continue
			}
		}
		err := copyVerified(blobPath(src, d.SHA256), target, d.SHA256)
		if errors.Is(err, errAltered) || errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, d.SHA256)
			continue
		}
		if err != nil {
			return n, missing, err
		}
		if fi, err := os.Stat(target); err == nil {
			d.ModTime = fi.ModTime().UnixNano()
		}
		n++
	}
	return n, missing, nil
}

// copyVerified copies the stored file src to dst (temporary file, sync,
// rename over a wrong dst), read-only like the document store's files,
// checking as it reads that src has the SHA-256 sum: errAltered when not,
// and dst is left as it was.
func copyVerified(src, dst, sum string) error {
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
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tmp, h), in); err != nil {
		tmp.Close()
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) != sum {
		tmp.Close()
		return fmt.Errorf("%s: %w", src, errAltered)
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
	os.Chmod(dst, 0o600) // a wrong copy is replaced (Windows refuses to rename over a read-only file)
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return err
	}
	syncDir(filepath.Dir(dst))
	return nil
}

// copyFile copies src to the new file dst (temporary file, sync, rename),
// with mode.
func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomic(dst, in, mode)
}

// pruneBackups removes the oldest daily copies of dir (and their
// manifests) beyond keep, but never the copy whose journal is the
// largest: a run of backups of an empty or wrong base cannot push the
// last good copy out.
func pruneBackups(dir string, keep int) ([]string, error) {
	copies, err := listCopies(dir)
	if err != nil {
		return nil, err
	}
	best, most := "", int64(-1)
	for _, c := range copies {
		if m, ok, err := readManifest(filepath.Join(dir, c)); ok && err == nil && m.Rows["events"] >= most {
			best, most = c, m.Rows["events"]
		}
	}
	var removed []string
	for i := 0; len(copies) > keep && i < len(copies); {
		if copies[i] == best {
			i++
			continue
		}
		if err := os.Remove(filepath.Join(dir, copies[i])); err != nil {
			return removed, err
		}
		os.Remove(ManifestPath(filepath.Join(dir, copies[i])))
		removed = append(removed, copies[i])
		copies = slices.Delete(copies, i, i+1)
	}
	return removed, nil
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	From      string   `json:"from"`
	Path      string   `json:"path"`
	Kept      string   `json:"kept,omitempty"` // where the replaced database was kept
	Documents int      `json:"documents"`      // documents copied back
	Checked   int      `json:"checked"`        // documents of the backup found correct
	Missing   []string `json:"missing,omitempty"`
}

// RestoreOptions are a restore's choices.
type RestoreOptions struct {
	// Force replaces a base that holds work the backup lacks (a higher
	// write generation) or that this version cannot read.
	Force bool
	// Incomplete restores a backup whose documents are not all there
	// (neither in the backup nor in the document store), naming them.
	Incomplete bool
}

// Restore is RestoreBackup with only the choice of force.
func Restore(ctx context.Context, from, path string, force bool, now time.Time) (RestoreResult, error) {
	return RestoreBackup(ctx, from, path, RestoreOptions{Force: force}, now)
}

// RestoreBackup replaces the database at path by the backup from. The
// backup must be an Amiable database this version can read that passes
// PRAGMA integrity_check and agrees with its manifest (the file's SHA-256,
// its rows), and every document it refers to must have a correct copy, in
// the backup folder or in the document store: otherwise it is refused,
// naming what is missing (unless opt.Incomplete). A base at path with a
// higher write generation than the backup's is only replaced with
// opt.Force.
//
// The restore holds the database's exclusive lock (lock.go) throughout:
// it is refused while Amiable has the base open, and no Amiable process
// opens it meanwhile. The base is replaced by one rename: at every instant
// the path holds the old base or the new one, whole (a copy of the backup
// is written and synced beside it first). The replaced base stays beside
// it (amiable.db.remplacee-AAAAMMJJ-HHMMSS), and the documents missing
// from the document store are copied back from the backup.
func RestoreBackup(ctx context.Context, from, path string, opt RestoreOptions, now time.Time) (RestoreResult, error) {
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
	fromGen, err := generationOf(ctx, src)
	if err != nil {
		return res, corrupt(src, err)
	}
	docDir := filepath.Join(filepath.Dir(path), "documents")
	backupDocs := filepath.Join(filepath.Dir(src), "documents")
	toCopy, checked, err := checkBackupComplete(ctx, src, backupDocs, docDir, opt.Incomplete, &res)
	if err != nil {
		return res, err
	}
	res.Checked = checked
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de créer le dossier « %s ».", filepath.Dir(path)), Err: err}
	}
	lock, err := lockExclusive(path)
	if err != nil {
		return res, err
	}
	defer releaseLock(lock)

	// The copy of the backup is made whole and synced beside the base
	// before anything of the base is touched.
	tmp := path + ".restauration"
	os.Remove(tmp)
	defer os.Remove(tmp)
	if err := copyFile(src, tmp, 0o600); err != nil {
		if d := diagnose(path, err); d != nil {
			return res, d
		}
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de « %s » a échoué : la base n'a pas été modifiée.", src), Err: err}
	}
	if err := markRestored(ctx, tmp, src, fromGen, now); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La copie de « %s » n'a pas pu être préparée : la base n'a pas été modifiée.", src), Err: err}
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		if inspect(path, SchemaVersion()) == nil {
			cur, err := generationOf(ctx, path)
			if err == nil && cur > fromGen && !opt.Force {
				return res, conflict("La base « %s » contient des écritures plus récentes que la sauvegarde (génération d'écriture %d, la sauvegarde en est à %d) : ajoutez -force pour la remplacer quand même.",
					path, cur, fromGen)
			}
		} else if !opt.Force {
			return res, conflict("« %s » n'est pas une base Amiable lisible par cette version : ajoutez -force pour la remplacer quand même.", path)
		}
		// Nobody has the base open (the lock): its log is folded into
		// the file, which is then kept under a second name (a hard link,
		// or a copy where links are not possible).
		if err := checkpoint(path); err != nil && !opt.Force {
			return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de préparer le remplacement de « %s » : fermez Amiable et recommencez.", path), Err: err}
		}
		res.Kept = keptName(path, now)
		if err := os.Link(path, res.Kept); err != nil {
			if err := copyFile(path, res.Kept, 0o600); err != nil {
				return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de mettre de côté « %s » : la base n'a pas été modifiée.", path), Err: err}
			}
		}
		// The log and its index belong to the old base: kept with it, so
		// that they are never read with the new one.
		if _, err := os.Stat(path + "-wal"); err == nil {
			if err := os.Rename(path+"-wal", res.Kept+"-wal"); err != nil {
				return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de mettre de côté le journal d'écriture de « %s » : la base n'a pas été modifiée.", path), Err: err}
			}
		}
		os.Remove(path + "-shm")
	}
	if err := os.Rename(tmp, path); err != nil {
		return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("Impossible de mettre la sauvegarde à la place de « %s ».", path), Err: err}
	}
	syncDir(filepath.Dir(path))
	for _, sum := range toCopy {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := copyVerified(blobPath(backupDocs, sum), blobPath(docDir, sum), sum); err != nil {
			return res, &Error{Code: EINTERNAL, Message: fmt.Sprintf("La base est restaurée, mais la copie des documents a échoué après %d document(s) : relancez la même restauration.", res.Documents), Err: err}
		}
		res.Documents++
	}
	return res, nil
}

// restoreMark is the setting a restore leaves in the base it puts back:
// the daily backup then knows that copies older than it may hold a longer
// journal.
type restoreMark struct {
	At   time.Time `json:"at"`
	From string    `json:"from"`
}

// markRestored writes into the copy at path, before it takes the base's
// place, that it was restored from src at now: the setting, and an entry
// of the office's journal. The copy's generation goes up by one.
func markRestored(ctx context.Context, path, src string, gen int64, now time.Time) error {
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_synchronous=FULL&_txlock=immediate")
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := putSetting(ctx, tx, "restauration", restoreMark{At: now.UTC(), From: src}); err != nil {
		return err
	}
	if _, err := insertEvent(ctx, tx, debt.Event{At: now, Author: "Amiable", Kind: debt.EventSettings,
		Text: fmt.Sprintf("Base restaurée depuis la sauvegarde « %s » (génération d'écriture %d)", src, gen)}); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE generation SET n = n + 1"); err != nil && !strings.Contains(err.Error(), "no such table") {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// keptName returns a free name for the base replaced at now:
// amiable.db.remplacee-AAAAMMJJ-HHMMSS, with -2, -3… when taken.
func keptName(path string, now time.Time) string {
	base := fmt.Sprintf("%s.remplacee-%s", path, now.In(debt.Paris()).Format("20060102-150405"))
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// generationOf reads the write generation of the database file at path.
func generationOf(ctx context.Context, path string) (int64, error) {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return generation(ctx, db)
}

// checkBackupComplete checks the backup at src against its manifest (when
// it has one: the database's SHA-256 and its rows) and finds, for every
// document the backup's base refers to, a correct copy: in the document
// store docDir already, or in the backup's folder backupDocs (then it is
// to copy back). It returns those to copy and how many were found
// correct; a document with no correct copy anywhere refuses the restore,
// named with its case, unless incomplete.
func checkBackupComplete(ctx context.Context, src, backupDocs, docDir string, incomplete bool, res *RestoreResult) ([]string, int, error) {
	m, hasManifest, err := readManifest(src)
	if err != nil {
		return nil, 0, &Error{Code: EREFUSED, Message: fmt.Sprintf("Le manifeste de la sauvegarde « %s » est illisible : choisissez une autre sauvegarde.", src), Err: err}
	}
	actual, err := describe(ctx, src)
	if err != nil {
		return nil, 0, corrupt(src, err)
	}
	if hasManifest {
		sum, size, err := hashFile(src)
		if err != nil {
			return nil, 0, &Error{Code: ENOTFOUND, Message: fmt.Sprintf("Sauvegarde « %s » illisible.", src), Err: err}
		}
		if sum != m.Database.SHA256 || size != m.Database.Size {
			return nil, 0, &Error{Code: EREFUSED, Message: fmt.Sprintf("La sauvegarde « %s » ne correspond pas à son manifeste (le fichier a changé depuis la sauvegarde) : choisissez-en une autre.", src)}
		}
		for table, n := range m.Rows {
			if actual.Rows[table] != n {
				return nil, 0, &Error{Code: EREFUSED, Message: fmt.Sprintf("La sauvegarde « %s » ne correspond pas à son manifeste (table %s : %d lignes au lieu de %d) : choisissez-en une autre.", src, table, actual.Rows[table], n)}
			}
		}
	}
	var toCopy, missing []string
	checked := 0
	for _, d := range actual.Documents {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		if sum, size, err := hashFile(blobPath(docDir, d.SHA256)); err == nil && sum == d.SHA256 && size == d.Size {
			checked++
			continue
		}
		if sum, size, err := hashFile(blobPath(backupDocs, d.SHA256)); err == nil && sum == d.SHA256 && size == d.Size {
			toCopy = append(toCopy, d.SHA256)
			checked++
			continue
		}
		missing = append(missing, d.SHA256)
	}
	res.Missing = missing
	if len(missing) > 0 && !incomplete {
		return nil, 0, &Error{Code: EREFUSED, Message: fmt.Sprintf("La sauvegarde « %s » est incomplète : %d document(s) sur %d n'ont de copie correcte ni dans la sauvegarde ni dans le dossier des documents (%s). La base n'a pas été remplacée ; ajoutez -incomplete pour la restaurer quand même.",
			src, len(missing), len(actual.Documents), describeMissing(ctx, src, missing, 5))}
	}
	return toCopy, checked, nil
}

// describeMissing names up to n missing documents by their case and name,
// as the backup's base records them.
func describeMissing(ctx context.Context, path string, sums []string, n int) string {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return shortList(sums, n)
	}
	defer db.Close()
	var parts []string
	for i, sum := range sums {
		if i == n {
			parts = append(parts, fmt.Sprintf("et %d autre(s)", len(sums)-n))
			break
		}
		var ref, name string
		err := db.QueryRowContext(ctx, `SELECT coalesce(c.ref, 'étude'), d.original_name FROM documents d LEFT JOIN cases c ON c.id = d.case_id
			WHERE d.sha256 = ? ORDER BY d.id LIMIT 1`, sum).Scan(&ref, &name)
		if err != nil {
			parts = append(parts, sum[:12]+"…")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s « %s » (%s…)", ref, name, sum[:12]))
	}
	return strings.Join(parts, ", ")
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

package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"amiable/debt"
)

// The check of the evidence: every stored file is read again and its
// SHA-256 compared with the name it is kept under. A file missing or
// altered raises a flag on its case (the office's for a document of no
// case) and, when the backup folder holds a correct copy, is restored
// from it, journaled on the case. `amiable verify` checks everything at
// once; the daily job checks on a schedule (DailySettings.VerifyDays,
// weekly by default), a slice of the documents each run (VerifyBudget),
// carrying on where the last run stopped, so that a large office's check
// spreads over a few mornings instead of slowing one. On the shared base
// the files are rows of the blobs table, re-hashed on the server; a
// missing or altered one is flagged and journaled the same way, but not
// restored by a desk: the shared base is restored on its server.

// Problem is what is wrong with a stored file.
type Problem string

const (
	ProblemMissing Problem = "absent"
	ProblemAltered Problem = "altere"
)

func (p Problem) label() string {
	if p == ProblemMissing {
		return "absente du dossier des documents"
	}
	return "altérée (son contenu ne correspond plus à son empreinte)"
}

// label says what is wrong with the document, where it is kept.
func (d DocumentProblem) label() string {
	if d.shared && d.Problem == ProblemMissing {
		return "absente de la base partagée"
	}
	return d.Problem.label()
}

// sharedRestore: on the shared base a document is not put back by a desk.
const sharedRestore = "sur la base partagée, elle se restaure depuis la sauvegarde du serveur (pg_dump), pas depuis un poste"

// DocumentProblem is a stored document found missing or altered.
type DocumentProblem struct {
	DocID        int64   `json:"document_id"`
	CaseID       int64   `json:"-"`
	CaseRef      string  `json:"case"` // "" for a document of the office
	Name         string  `json:"name"`
	SHA256       string  `json:"sha256"`
	Problem      Problem `json:"problem"`
	RestoredFrom string  `json:"restored_from,omitempty"` // the backup folder of the correct copy put back
	shared       bool    // found on the shared base: restored on its server, not by a desk
}

// VerifyReport is what a check found.
type VerifyReport struct {
	Checked  int               `json:"checked"` // documents read this run
	Total    int               `json:"total"`   // documents of the office
	Complete bool              `json:"complete"`
	Problems []DocumentProblem `json:"problems"`
}

// VerifyOptions are a check's choices.
type VerifyOptions struct {
	// Budget bounds the run's time; 0 checks every document from the first.
	// With a budget the run carries on the pass under way.
	Budget time.Duration
	// BackupDirs are the backup folders where a correct copy is looked
	// for, in order; nil: the folder of the daily settings.
	BackupDirs []string
}

// VerifyBudget is the time a scheduled run checks documents for.
const VerifyBudget = 20 * time.Second

// VerifyDocuments re-reads the stored documents, raises a flag for each
// one missing or altered and puts back a correct copy from a backup when
// one exists (journaled on its case). See VerifyOptions.
func (s *Store) VerifyDocuments(ctx context.Context, opt VerifyOptions, now time.Time) (VerifyReport, error) {
	var rep VerifyReport
	dirs := opt.BackupDirs
	if dirs == nil && s.dialect().restoresBlobs {
		var err error
		if dirs, err = s.backupDirs(ctx); err != nil {
			return rep, err
		}
	}
	var cursor int64
	if opt.Budget > 0 {
		if err := s.ro.QueryRowContext(ctx, "SELECT cursor FROM evidence_checks").Scan(&cursor); err != nil {
			return rep, fmt.Errorf("evidence check cursor: %w", err)
		}
	}
	if err := s.ro.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&rep.Total); err != nil {
		return rep, fmt.Errorf("documents: %w", err)
	}
	start := time.Now()
	seen := map[string]Problem{} // this run's verdict per file ("" sound)
	const batch = 500
	for {
		docs, err := s.documentsAfter(ctx, cursor, batch)
		if err != nil {
			return rep, err
		}
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return rep, err
			}
			p, ok := seen[d.SHA256]
			if !ok {
				if p, err = s.dialect().checkBlob(s, d.SHA256); err != nil {
					return rep, err
				}
				seen[d.SHA256] = p
			}
			cursor = d.DocID
			rep.Checked++
			if p == "" {
				continue
			}
			d.Problem, d.shared = p, !s.dialect().restoresBlobs
			if !d.shared {
				if from, err := s.restoreBlob(d.SHA256, dirs); err == nil {
					d.RestoredFrom = from
					seen[d.SHA256] = "" // the next documents of the same file are sound again
				}
			}
			if err := s.recordProblem(ctx, d, now); err != nil {
				return rep, err
			}
			rep.Problems = append(rep.Problems, d)
		}
		if len(docs) < batch {
			rep.Complete = true
			break
		}
		if opt.Budget > 0 && time.Since(start) > opt.Budget {
			break
		}
	}
	err := s.writeTx(ctx, false, func(tx *sql.Tx) error {
		if rep.Complete {
			_, err := tx.ExecContext(ctx, "UPDATE evidence_checks SET cursor = 0, pass_started = '', pass_finished = ?", instant(now))
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE evidence_checks SET cursor = ?, pass_started = CASE pass_started WHEN '' THEN ? ELSE pass_started END", cursor, instant(now))
		return err
	})
	return rep, err
}

// backupDirs returns the folders backups were written to, newest first
// (the daily folder first): where correct copies of documents are looked for.
func (s *Store) backupDirs(ctx context.Context) ([]string, error) {
	var dirs []string
	seen := map[string]bool{}
	add := func(d string) {
		if d != "" && d != "." && !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	d, err := s.DailySettings(ctx)
	if err != nil {
		return nil, err
	}
	add(d.BackupDir)
	rows, err := s.ro.QueryContext(ctx, "SELECT path FROM backups WHERE error = '' AND path != '' ORDER BY id DESC LIMIT 200")
	if err != nil {
		return nil, fmt.Errorf("backups: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		add(filepath.Dir(p))
	}
	return dirs, rows.Err()
}

// documentsAfter lists up to n documents after id, in id order, with their case.
func (s *Store) documentsAfter(ctx context.Context, id int64, n int) ([]DocumentProblem, error) {
	rows, err := s.ro.QueryContext(ctx, `SELECT d.id, coalesce(d.case_id, 0), coalesce(c.ref, ''), d.original_name, d.sha256
		FROM documents d LEFT JOIN cases c ON c.id = d.case_id WHERE d.id > ? ORDER BY d.id LIMIT ?`, id, n)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	var out []DocumentProblem
	for rows.Next() {
		var d DocumentProblem
		if err := rows.Scan(&d.DocID, &d.CaseID, &d.CaseRef, &d.Name, &d.SHA256); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// checkBlob returns what is wrong with the stored file at path ("" when
// it is sound). An unreadable file counts as altered.
func checkBlob(path, sum string) Problem {
	got, _, err := hashFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ProblemMissing
	case err != nil || got != sum:
		return ProblemAltered
	}
	return ""
}

// restoreBlob puts back the file sum from the first backup folder holding
// a correct copy, and returns that folder.
func (s *Store) restoreBlob(sum string, dirs []string) (string, error) {
	for _, dir := range dirs {
		err := copyVerified(blobPath(filepath.Join(dir, "documents"), sum), blobPath(s.docDir, sum), sum)
		if err == nil {
			return dir, nil
		}
	}
	return "", fs.ErrNotExist
}

// recordProblem raises the flag of a document found missing or altered
// and journals it on its case.
func (s *Store) recordProblem(ctx context.Context, d DocumentProblem, now time.Time) error {
	day := debt.DateOf(now)
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := raiseFlagTx(ctx, tx, evidenceFlag(d, day), day, now); err != nil {
			return err
		}
		text := fmt.Sprintf("Contrôle des pièces : « %s » (empreinte SHA-256 %s…) %s", d.Name, d.SHA256[:12], d.label())
		if d.RestoredFrom != "" {
			text += " ; copie correcte restaurée depuis la sauvegarde « " + d.RestoredFrom + " »"
		} else if d.shared {
			text += " ; " + sharedRestore
		} else {
			text += " ; aucune sauvegarde n'en a de copie correcte"
		}
		_, err := insertEvent(ctx, tx, debt.Event{CaseID: d.CaseID, At: now, Author: "Amiable", Kind: debt.EventDocument, Text: text, DocIDs: []int64{d.DocID}})
		return err
	})
}

// VerifyDue reports whether the scheduled check should run at now: a pass
// is under way, or the last complete one is VerifyDays old or more.
func (s *Store) VerifyDue(ctx context.Context, now time.Time) (bool, error) {
	d, err := s.DailySettings(ctx)
	if err != nil {
		return false, err
	}
	var cursor int64
	var started, finished string
	if err := s.ro.QueryRowContext(ctx, "SELECT cursor, pass_started, pass_finished FROM evidence_checks").Scan(&cursor, &started, &finished); err != nil {
		return false, fmt.Errorf("evidence check: %w", err)
	}
	if cursor > 0 || started != "" || finished == "" {
		return true, nil
	}
	every := d.VerifyDays
	if every <= 0 {
		every = DefaultDailySettings().VerifyDays
	}
	return debt.DateOf(now).DaysSince(debt.DateOf(parseInstant(finished))) >= every, nil
}

// ScheduledVerify is the daily job's check: when due (VerifyDue), a run of
// VerifyBudget at most; ran false when it was not due.
func (s *Store) ScheduledVerify(ctx context.Context, now time.Time) (rep VerifyReport, ran bool, err error) {
	due, err := s.VerifyDue(ctx, now)
	if err != nil || !due {
		return rep, false, err
	}
	rep, err = s.VerifyDocuments(ctx, VerifyOptions{Budget: VerifyBudget}, now)
	return rep, true, err
}

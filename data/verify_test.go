package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"amiable/debt"
)

// verify finds a deleted and an altered file, raises a flag on their
// case, puts back the backup's correct copies, and journals it; a file
// with no correct copy anywhere stays flagged.
func TestVerifyFindsMissingAndAlteredDocuments(t *testing.T) {
	ctx := context.Background()
	path, ref, docs := officeWithDocuments(t)
	dir := t.TempDir()
	backupOf(t, path, dir)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SaveDailySettings(ctx, DailySettings{At: "07:30", BackupDir: dir, BackupKeep: 14}, "test", t0); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.VerifyDocuments(ctx, VerifyOptions{}, t0); err != nil || len(rep.Problems) != 0 || rep.Checked != 3 || !rep.Complete {
		t.Fatalf("VerifyDocuments of a sound store = %+v, %v", rep, err)
	}
	os.Remove(docs[0].Path)
	overwrite(t, docs[1].Path, "%PDF-1.4 contrat modifié")
	overwrite(t, docs[2].Path, "")
	os.Remove(blobPath(filepath.Join(dir, "documents"), docs[2].SHA256))

	rep, err := s.VerifyDocuments(ctx, VerifyOptions{}, t0.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 3 {
		t.Fatalf("VerifyDocuments found %+v, want 3 problems", rep.Problems)
	}
	want := []struct {
		problem  Problem
		restored bool
	}{{ProblemMissing, true}, {ProblemAltered, true}, {ProblemAltered, false}}
	for i, p := range rep.Problems {
		if p.Problem != want[i].problem || (p.RestoredFrom != "") != want[i].restored || p.CaseRef != ref || p.Name != docs[i].OriginalName {
			t.Errorf("problem %d = %+v, want %v restored %v on %s", i, p, want[i].problem, want[i].restored, ref)
		}
	}
	for _, d := range docs[:2] {
		if err := s.VerifyBlob(d.SHA256); err != nil {
			t.Errorf("%s not put back: %v", d.OriginalName, err)
		}
	}
	flags, err := s.CaseFlags(ctx, docs[0].CaseID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range flags {
		if f.Kind == debt.FlagEvidence && f.State == debt.FlagOpen {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("%d open evidence flags on the case, want 3: %+v", n, flags)
	}
	events, _ := s.Events(ctx, docs[0].CaseID)
	journaled := 0
	for _, e := range events {
		if strings.HasPrefix(e.Text, "Contrôle des pièces") && strings.Contains(e.Text, "restaurée depuis la sauvegarde") {
			journaled++
		}
	}
	if journaled != 2 {
		t.Fatalf("%d journal entries of a restored document, want 2", journaled)
	}
	// The next check finds only the file that no backup holds, and the
	// sweep does not resolve the flags.
	rep, err = s.VerifyDocuments(ctx, VerifyOptions{}, t0.AddDate(0, 0, 2))
	if err != nil || len(rep.Problems) != 1 || rep.Problems[0].DocID != docs[2].ID {
		t.Fatalf("second VerifyDocuments = %+v, %v", rep, err)
	}
	if _, err := s.SweepDay(ctx, debt.DateOf(t0).AddDays(2), t0.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
	flags, _ = s.CaseFlags(ctx, docs[0].CaseID)
	for _, f := range flags {
		if f.Kind == debt.FlagEvidence && f.State != debt.FlagOpen {
			t.Fatalf("the sweep changed an evidence flag: %+v", f)
		}
	}
}

// The scheduled check runs weekly by default, carrying on a pass under way.
func TestVerifyDueWeekly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		caseWithDocuments(t, s)
		if due, err := s.VerifyDue(ctx, t0); err != nil || !due {
			t.Fatalf("VerifyDue never checked = %v, %v; want true", due, err)
		}
		rep, ran, err := s.ScheduledVerify(ctx, t0)
		if err != nil || !ran || !rep.Complete || rep.Checked != 3 {
			t.Fatalf("ScheduledVerify = %+v, %v, %v", rep, ran, err)
		}
		for days, want := range map[int]bool{1: false, 6: false, 7: true} {
			if due, _ := s.VerifyDue(ctx, t0.AddDate(0, 0, days)); due != want {
				t.Errorf("VerifyDue %d days after a pass = %v, want %v", days, due, want)
			}
		}
		if _, ran, _ := s.ScheduledVerify(ctx, t0.AddDate(0, 0, 1)); ran {
			t.Error("the check ran again the next day")
		}
		// A pass stopped half-way is due the next morning, and resumes.
		s.writeTx(ctx, false, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE evidence_checks SET cursor = 2, pass_started = ?", instant(t0))
			return err
		})
		if due, _ := s.VerifyDue(ctx, t0.AddDate(0, 0, 1)); !due {
			t.Error("a pass under way is not due")
		}
		if rep, _, _ := s.ScheduledVerify(ctx, t0.AddDate(0, 0, 1)); rep.Checked != 1 || !rep.Complete {
			t.Errorf("resumed pass = %+v, want the last document only", rep)
		}
	})
}

// A backup written elsewhere than the daily folder (backup -to) is where
// a correct copy is looked for too, newest first.
func TestVerifyRestoresFromALoggedBackup(t *testing.T) {
	ctx := context.Background()
	path, _, docs := officeWithDocuments(t)
	older, newer := t.TempDir(), t.TempDir()
	backupOf(t, path, older)
	backupOf(t, path, newer)
	os.Remove(blobPath(filepath.Join(newer, "documents"), docs[0].SHA256))
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.Remove(docs[0].Path)
	rep, err := s.VerifyDocuments(ctx, VerifyOptions{}, t0)
	if err != nil || len(rep.Problems) != 1 || rep.Problems[0].RestoredFrom != older {
		t.Fatalf("VerifyDocuments = %+v, %v; want the file put back from %s", rep, err, older)
	}
}

package demodb

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
)

// TestBuildIssuesTheStoryLetters builds a small demo office and checks its
// letters: issued as real PDFs kept by SHA-256, printed and posted, formal
// notices registered with their AR when it came back, and the cases left in
// the status their story reached (issuing history moves no case).
func TestBuildIssuesTheStoryLetters(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	st, err := data.Open(filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var stages []string
	res, err := Build(ctx, st, Options{Cases: 250, Seed: 3, Now: now, Progress: func(stage string, done, total int) {
		if done == total {
			stages = append(stages, stage)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(stages, ",") != "dossiers,courriers" {
		t.Errorf("progress stages = %v", stages)
	}
	if res.Issued == 0 || res.Issued < len(res.Letters)*9/10 {
		t.Fatalf("issued %d of %d demo letters", res.Issued, len(res.Letters))
	}
	rows, err := st.Letters(ctx, data.LetterQuery{})
	if err != nil || len(rows) != res.Issued {
		t.Fatalf("Letters = %d rows, %v; want %d", len(rows), err, res.Issued)
	}
	ars, pending := 0, 0
	for _, l := range rows {
		if l.Printed.IsZero() || l.Deposit.IsZero() {
			t.Fatalf("letter %s neither printed nor posted: %+v", l.Ref, l)
		}
		if l.Kind == "mise-en-demeure" {
			if !l.Post.AR || l.Post.Tracking == "" {
				t.Fatalf("formal notice %s not registered with AR: %+v", l.Ref, l.Post)
			}
			if l.AR.Outcome != "" {
				ars++
			} else {
				pending++
			}
		}
	}
	if ars == 0 || pending == 0 {
		t.Errorf("formal notices: %d with their AR, %d waiting; want both", ars, pending)
	}
	// The kept PDF is the letter: intact, and its text names the case.
	l := rows[len(rows)/2]
	if err := st.VerifyBlob(l.SHA256); err != nil {
		t.Fatal(err)
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command(pdftotext, st.BlobPath(l.SHA256), "-").Output()
		if err != nil || !strings.Contains(string(out), l.CaseRef) {
			t.Fatalf("pdftotext of %s: %v; want the case reference %s in:\n%.400s", l.Ref, err, l.CaseRef, out)
		}
	}
	// Issuing history moved no case: each is in the status its journal's
	// last status entry names.
	cases, _ := st.ListCases(ctx, data.CaseQuery{})
	for _, r := range cases[:60] {
		evs, err := st.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := ""
		for _, e := range evs {
			if e.Kind == debt.EventStatus {
				last = e.Text
			}
		}
		if r.Status != debt.StatusNew && !strings.Contains(last, "→ "+r.Status.Label()) {
			t.Fatalf("case %s is %s but its last status entry says %q", r.Ref, r.Status, last)
		}
	}
	// The same office twice: the cache builds once and reuses the file.
	cacheDir := filepath.Join(dir, "cache")
	p1, err := Cached(ctx, cacheDir, 40, 1, now)
	if err != nil {
		t.Fatal(err)
	}
	fi1, _ := os.Stat(p1)
	p2, err := Cached(ctx, cacheDir, 40, 1, now)
	fi2, _ := os.Stat(p2)
	if err != nil || p1 != p2 || !fi1.ModTime().Equal(fi2.ModTime()) {
		t.Fatalf("Cached twice = %s, %s (%v); want the same file, built once", p1, p2, err)
	}
	if left, _ := filepath.Glob(filepath.Join(cacheDir, ".build-*")); len(left) > 0 {
		t.Errorf("build files left behind: %v", left)
	}
}

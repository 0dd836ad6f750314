package app

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTourSlug(t *testing.T) {
	for in, want := range map[string]string{
		"À traiter (251)":                          "a-traiter",
		"Créanciers/Débiteurs":                     "creanciers-debiteurs",
		"Courriers En attente d'AR (4)":            "courriers-en-attente-d-ar",
		"Dossiers dossier nouveau courrier":        "dossiers-dossier-nouveau-courrier",
		"Courriels (1\u202f234) Classés récemment": "courriels-classes-recemment",
		"Paramètres Tâche quotidienne":             "parametres-tache-quotidienne",
	} {
		if got := tourSlug(in); got != want {
			t.Errorf("tourSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// shortTour makes the tour fast under the test driver: no pause, and no
// script to wait for (Fyne's software capture is used).
func shortTour(t *testing.T) {
	pause, answer := tourPause, tourAnswer
	tourPause, tourAnswer = time.Millisecond, time.Millisecond
	t.Cleanup(func() { tourPause, tourAnswer = pause, answer })
}

// TestScreenTour walks every screen of a window over a real base with one
// case: each rail screen, the case and each of its tabs, the letter
// dialog, each section of Paramètres; every shot is a PNG of the window's
// size, listed in report.tsv with the window's minimum.
func TestScreenTour(t *testing.T) {
	shortTour(t)
	u, _ := newTestUI(t)
	mustCreateCase(t, u)
	settle(u)
	dir := t.TempDir()
	shots, err := u.screenTour(dir)
	if err != nil {
		t.Fatalf("screenTour: %v", err)
	}
	var names []string
	for _, s := range shots {
		names = append(names, s.Name)
		f, err := os.Open(filepath.Join(dir, s.Name+".png"))
		if err != nil {
			t.Errorf("shot %s: %v", s.Name, err)
			continue
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Errorf("shot %s: %v", s.Name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != s.Width || b.Dy() != s.Height || s.Width != 1400 || s.Height != 900 {
			t.Errorf("shot %s is %dx%d, reported %dx%d, want the window's 1400x900", s.Name, b.Dx(), b.Dy(), s.Width, s.Height)
		}
		if s.MinWidth <= 0 || s.MinHeight <= 0 || s.ScreenMinWidth <= 0 || s.ScreenMinWidth > s.MinWidth {
			t.Errorf("shot %s: minimums %dx%d, screen alone %dx%d", s.Name, s.MinWidth, s.MinHeight, s.ScreenMinWidth, s.ScreenMinHeight)
		}
	}
	all := strings.Join(names, " ")
	for _, want := range []string{"01-ouverture", "-a-traiter", "-dossiers ", "-dossiers-dossier ", "-dossiers-dossier-creance",
		"-dossiers-dossier-journal", "-dossiers-dossier-nouveau-courrier", "-courriels", "-creanciers-debiteurs",
		"-parametres ", "-parametres-taux", "-parametres-raccourcis", "-calculette"} {
		if !strings.Contains(all+" ", want) {
			t.Errorf("the tour lacks %q: %s", want, all)
		}
	}
	if len(u.dialogs) != 0 || u.cases.view != nil {
		t.Errorf("after the tour: %d dialog(s) open, case view open %v", len(u.dialogs), u.cases.view != nil)
	}
	report, err := os.ReadFile(filepath.Join(dir, "report.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(report)), "\n")
	if len(lines) != len(shots) || len(strings.Split(lines[0], "\t")) != 7 {
		t.Errorf("report.tsv has %d lines for %d shots; first %q", len(lines), len(shots), lines[0])
	}
}

// TestScreenTourFirstRun: on an empty base, only the opening shot.
func TestScreenTourFirstRun(t *testing.T) {
	shortTour(t)
	u, _ := newTestUI(t)
	dir := t.TempDir()
	shots, err := u.screenTour(dir)
	if err != nil || len(shots) != 1 || shots[0].Name != "01-ouverture" {
		t.Fatalf("screenTour on an empty base = %v, %v; want the opening shot only", shots, err)
	}
}

package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

func TestFyneDialogsSpeakFrench(t *testing.T) {
	u, _ := newTestUI(t)

	u.confirm("Clore le dossier ?", "Le dossier sera clos.", func() {})
	top := topOverlay(t, u)
	for _, want := range []string{"Oui", "Non", "Clore le dossier ?"} {
		if !hasText(top, want) {
			t.Errorf("confirm dialog texts %q lack %q", texts(top), want)
		}
	}
	u.onEscape()
	if u.win.Canvas().Overlays().Top() != nil || len(u.dialogs) != 0 {
		t.Fatalf("Échap left the confirm dialog open")
	}

	u.showError(errors.New("disque plein"))
	top = topOverlay(t, u)
	if !hasText(top, "Erreur") || !hasText(top, "OK") {
		t.Errorf("error dialog texts = %q, want the title Erreur and OK", texts(top))
	}
	u.onEscape()

	cancelled := false
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) { cancelled = rc == nil && err == nil }, u.win)
	u.showDialog(fd)
	top = topOverlay(t, u)
	for _, want := range []string{"Ouvrir", "Annuler"} {
		if !hasText(top, want) {
			t.Errorf("file dialog texts %q lack %q", texts(top), want)
		}
	}
	if hasText(top, "Cancel") || hasText(top, "Open") {
		t.Errorf("file dialog still has English buttons: %q", texts(top))
	}
	u.onEscape()
	if !cancelled {
		t.Error("Échap did not cancel the file dialog")
	}
}

// TestFrenchWhateverTheSystemLanguage reruns the language set-up under the
// locales of desks in other languages.
func TestFrenchWhateverTheSystemLanguage(t *testing.T) {
	tests := []struct {
		name            string
		language, lcAll string
		lang            string
	}{
		{"english desk", "", "", "en_US.UTF-8"},
		{"german desk (Fyne has German)", "", "", "de_DE.UTF-8"},
		{"italian then german", "it:de", "", "it_IT.UTF-8"},
		{"C locale", "", "C", "C"},
		{"spanish via LC_ALL", "", "es_ES.UTF-8", "en_GB.UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("LANGUAGE", tt.language)
			t.Setenv("LC_ALL", tt.lcAll)
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", tt.lang)
			if err := useFrench(); err != nil {
				t.Fatalf("useFrench: %v", err)
			}
			for in, want := range map[string]string{"Yes": "Oui", "No": "Non", "Cancel": "Annuler", "Open": "Ouvrir", "Save": "Enregistrer", "Error": "Erreur"} {
				if got := lang.L(in); got != want {
					t.Errorf("lang.L(%q) = %q, want %q", in, got, want)
				}
			}
			if got := lang.X("file.parent", "Parent"); got != "Dossier parent" {
				t.Errorf("lang.X(file.parent) = %q, want %q", got, "Dossier parent")
			}
			if got := lang.X("monday", "Monday"); got != "lundi" {
				t.Errorf("lang.X(monday) = %q, want lundi", got)
			}
		})
	}
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LANG", "C.UTF-8")
	if err := useFrench(); err != nil {
		t.Fatal(err)
	}
}

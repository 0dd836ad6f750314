package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A new base opens on the welcome assistant: nothing is saved while a
// field is wrong; once right, the office, the person's name and the backup
// folder (the proposed default, created) are stored, and the first case's
// form opens over the rail.
func TestWelcomeOnNewBase(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	u, st := newTestUI(t)
	demo := 0
	u.opts.OpenDemo = func() { demo++ }
	u.ShowStart()
	w := u.welcome
	if w == nil || u.win.Content() != w.content {
		t.Fatal("a new base did not open on the welcome assistant")
	}
	if got, want := w.backupDir.Text, filepath.Join(home, "Sauvegardes Amiable"); got != want {
		t.Errorf("proposed backup folder = %q, want %q", got, want)
	}
	for _, e := range []*entry{w.postcode, w.town, w.street, w.phone, w.email} {
		if e.PlaceHolder != "" && !strings.HasPrefix(e.PlaceHolder, "ex. ") {
			t.Errorf("hint %q looks like a value: want « ex. … »", e.PlaceHolder)
		}
	}
	if !hasText(w.content, "L'import de dossiers depuis un tableur arrive avec une prochaine version") || !w.importCases.Disabled() {
		t.Error("the import button must be disabled and say it comes with a later version")
	}
	// shortcuts do nothing under the assistant
	pressShortcut(u, fyne.KeyN)
	if len(u.dialogs) != 0 {
		t.Fatal("Ctrl+N opened a form over the welcome assistant")
	}

	test.Type(w.name, "Étude Marchand & Castel")
	test.Type(w.street, "12 rue Nationale")
	test.Type(w.postcode, "59000")
	test.Type(w.town, "Lille")
	test.Type(w.iban, "FR76 3000 6000 0112 3456 7890 188")
	test.Tap(w.create)
	if !w.errs.Visible() || !strings.Contains(w.errs.Text, "clé de contrôle invalide") || !strings.Contains(w.errs.Text, "Indiquez votre nom") {
		t.Fatalf("errors = %q, want the IBAN and the name", w.errs.Text)
	}
	if o, _ := st.Office(ctx); o.Name != "" {
		t.Fatal("office saved despite errors")
	}
	w.iban.SetText("FR76 3000 6000 0112 3456 7890 189")
	test.Type(w.author, "Jeanne Dupont")
	w.author.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.welcome != nil {
		t.Fatalf("assistant still shown: %q", w.errs.Text)
	}
	o, err := st.Office(ctx)
	if err != nil || o.Name != "Étude Marchand & Castel" || o.Town != "Lille" || o.Address.Postcode != "59000" {
		t.Errorf("office = %+v, %v", o, err)
	}
	if u.author() != "Jeanne Dupont" {
		t.Errorf("author = %q, want Jeanne Dupont (not the session login)", u.author())
	}
	d, _ := st.DailySettings(ctx)
	if fi, err := os.Stat(d.BackupDir); err != nil || !fi.IsDir() || d.BackupDir != filepath.Join(home, "Sauvegardes Amiable") {
		t.Errorf("backup folder = %q (%v), want the default, created", d.BackupDir, err)
	}
	if u.win.Content() != u.tabs || len(u.dialogs) != 1 || u.cases.form == nil {
		t.Fatal("after the assistant, the rail shows with the new case form open")
	}
	if got := u.cases.form.assigned.Text; got != "Jeanne Dupont" {
		t.Errorf("the first case's manager (« Affaire suivie par ») = %q, want Jeanne Dupont", got)
	}

	// the next start opens on À traiter
	u2 := newTestUIOn(t, u.app, st)
	u2.ShowStart()
	if u2.welcome != nil || u2.tabs.SelectedIndex() != u2.review.index() {
		t.Error("a base with an office opened on the assistant again")
	}
}

// The demonstration button hands over to main and says what happens.
func TestWelcomeDemo(t *testing.T) {
	u, _ := newTestUI(t)
	demo := 0
	u.opts.OpenDemo = func() { demo++ }
	u.ShowStart()
	test.Tap(button(t, u.welcome.content, "Ouvrir une étude de démonstration"))
	if demo != 1 || !hasText(topOverlay(t, u), "seconde fenêtre") {
		t.Errorf("demo opened %d times; dialog %q", demo, texts(topOverlay(t, u)))
	}
	u.onEscape()
	if len(u.dialogs) != 0 || u.welcome == nil {
		t.Error("Échap closes the dialog and keeps the assistant")
	}
}

package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"amiable/letters"
	"amiable/mailroom"
)

func TestLetterSettingsSavedAndValidated(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	opened := recordOpened(t, u)
	u.settings.showSection(sectionLetters)
	settle(u)
	s := u.settings.letterSet
	if s.kind.Selected != letters.FormalNotice.Label() || s.x.Text != "110" || s.h.Text != "33" {
		t.Fatalf("loaded: kind %q, window x %q h %q", s.kind.Selected, s.x.Text, s.h.Text)
	}
	if s.deadlines[letters.FormalNotice].PlaceHolder != "15 (par défaut)" {
		t.Errorf("formal notice deadline hint = %q", s.deadlines[letters.FormalNotice].PlaceHolder)
	}
	if !hasText(s.content, "{solde} : solde restant dû à la date du courrier") {
		t.Error("the placeholders are not listed")
	}

	// the preview composes the letter being edited on a case
	s.previewRef.SetText(c.Ref)
	s.previewRef.OnSubmitted(c.Ref)
	settle(u)
	if !strings.Contains(s.preview.text, "MISE EN DEMEURE") && !strings.Contains(strings.ToUpper(s.preview.text), "MISE EN DEMEURE") {
		t.Fatalf("preview = %q, want the formal notice on %s (info %q)", s.preview.text, c.Ref, s.previewInfo.Text)
	}
	s.before.SetText("Paragraphe d'essai pour {debiteur} : reste {solde}.")
	settle(u)
	if !strings.Contains(s.preview.text, "Paragraphe d'essai pour "+c.FirstDebtor().Name()+" : reste ") {
		t.Errorf("live preview lacks the edited paragraph with its values:\n%s", s.preview.text)
	}
	if !strings.Contains(s.preview.text, "Les frais de recouvrement entrepris sans titre exécutoire") {
		t.Error("the preview lacks the mandatory L111-8 text")
	}

	// wrong values are listed and nothing is saved
	test.Type(s.deadlines[letters.FormalNotice], "0")
	s.after.SetText("Merci, {inconnu}.")
	s.w.SetText("40")
	test.Tap(s.save)
	for _, want := range []string{"Le délai de « Mise en demeure » doit être compris entre 1 et 90 jours",
		"champ inconnu dans le modèle : {inconnu}", "La fenêtre doit mesurer au moins 60 × 25 mm"} {
		if !s.errs.Visible() || !strings.Contains(s.errs.Text, want) {
			t.Errorf("errors = %q, want %q", s.errs.Text, want)
		}
	}
	if saved, _ := mailroom.Settings(ctx, st); saved.DeadlineDays != nil || saved.Templates != nil {
		t.Fatalf("invalid settings were saved: %+v", saved)
	}
	settle(u)
	if !strings.Contains(s.previewInfo.Text, "{inconnu}") {
		t.Errorf("preview info = %q, want the unknown placeholder", s.previewInfo.Text)
	}

	// the calibration page of the window typed
	s.w.SetText("85")
	test.Tap(button(t, s.content, "Page de calibrage"))
	if len(*opened) != 1 || !isPDF(t, openedPath(t, (*opened)[0])) {
		t.Fatalf("calibration opened %q", *opened)
	}

	// fixed, saved, and read back by the mail room
	s.deadlines[letters.FormalNotice].SetText("20")
	s.after.SetText("Merci de votre attention, {civilite}.\n\nAvec nos salutations.")
	s.x.SetText("108,5")
	test.Tap(s.save)
	if s.errs.Visible() || !strings.HasPrefix(s.saved.Text, "Enregistré le 15/05/2026") {
		t.Fatalf("save: errors %q, saved %q", s.errs.Text, s.saved.Text)
	}
	saved, err := mailroom.Settings(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	tpl := saved.Template(letters.FormalNotice)
	if saved.Deadline(letters.FormalNotice) != 20 || saved.Window.X != 108.5 || saved.Window.W != 85 ||
		len(tpl.After) != 2 || tpl.Before[0] != "Paragraphe d'essai pour {debiteur} : reste {solde}." {
		t.Errorf("saved settings = %+v", saved)
	}
	if _, ok := saved.Templates[letters.Reminder1]; ok {
		t.Error("an untouched template was saved instead of following the default")
	}
	d, err := mailroom.Prepare(ctx, st, mailroom.Request{CaseID: c.ID, Kind: letters.FormalNotice}, testNow)
	if err != nil || d.Letter.Deadline.DaysSince(d.Letter.Date) < 20 {
		t.Errorf("formal notice after saving: deadline %s from %s, %v; want 20 days at least", d.Letter.Deadline, d.Letter.Date, err)
	}

	// another kind keeps its own paragraphs; switching back keeps the edit
	s.kind.SetSelected(letters.Reminder1.Label())
	if got := s.before.Text; !strings.HasPrefix(got, "Sauf erreur ou omission de notre part") {
		t.Errorf("first reminder paragraphs = %q", got)
	}
	s.kind.SetSelected(letters.FormalNotice.Label())
	if s.before.Text != "Paragraphe d'essai pour {debiteur} : reste {solde}." {
		t.Errorf("formal notice paragraphs after switching = %q", s.before.Text)
	}
	test.Tap(button(t, s.content, "Rétablir le modèle d'origine"))
	if !strings.HasPrefix(s.before.Text, "Sauf erreur de notre part") {
		t.Errorf("after reset = %q", s.before.Text)
	}
}

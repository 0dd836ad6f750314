package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
	"amiable/letters"
)

// No Select of the window shows Fyne's « (Select one) ».
func TestSelectsSpeakFrench(t *testing.T) {
	u, _ := newTestUI(t)
	id := mustCreateCase(t, u)
	check := func(where string, o fyne.CanvasObject) {
		walk(o, func(o fyne.CanvasObject) {
			if s, ok := o.(*widget.Select); ok && s.PlaceHolder != selectHint {
				t.Errorf("%s: a Select says %q", where, s.PlaceHolder)
			}
		})
	}
	for i, s := range u.screens {
		u.showScreen(i)
		settle(u)
		check(s.title, s.content)
	}
	u.openCase(id)
	settle(u)
	pressShortcut(u, fyne.KeyL)
	check("courrier", topOverlay(t, u))
	u.onEscape()
	u.cases.view.onPay()
	check("encaissement", topOverlay(t, u))
}

// The file dialog's places read in French.
func TestFileDialogPlacesInFrench(t *testing.T) {
	u, _ := newTestUI(t)
	u.settings.showSection(sectionDaily)
	settle(u)
	u.settings.daily.onChoose()
	top := topOverlay(t, u)
	var names []string
	walkPublic(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok && l.CreateItem != nil && isPlaceRow(l.CreateItem()) {
			for i := 0; i < l.Length(); i++ {
				item := l.CreateItem()
				l.UpdateItem(i, item)
				lb, _ := placeLabel(item)
				names = append(names, lb.Text)
			}
		}
	})
	joined := strings.Join(names, "|")
	if !strings.Contains(joined, "Dossier personnel") || strings.Contains(joined, "Home") || strings.Contains(joined, "Computer") {
		t.Errorf("places = %q, want them in French", names)
	}
}

// Counts, agreement and help texts read as an office user reads them.
func TestWordingAgreement(t *testing.T) {
	if got := issuedWord(letters.FormalNotice); got != "émise" {
		t.Errorf("une mise en demeure … %s", got)
	}
	if got := issuedWord(letters.PlanAgreement); got != "émis" {
		t.Errorf("un accord … %s", got)
	}
	d := debt.MustDate("1980-02-01")
	for civ, want := range map[string]string{"Mme": "née le 01/02/1980", "M.": "né le 01/02/1980", "": "date de naissance : 01/02/1980"} {
		if got := bornOn(civ, d); got != want {
			t.Errorf("bornOn(%q) = %q, want %q", civ, got, want)
		}
	}

	u, _ := newTestUI(t)
	id := mustCreateCase(t, u)
	u.openCase(id)
	settle(u)
	v := u.cases.view
	for _, bad := range []string{"(s)", "(e)"} {
		for _, s := range texts(v.content) {
			if strings.Contains(s, bad) {
				t.Errorf("case view reads %q", s)
			}
		}
	}
	if !hasText(v.checklist, "1 ligne sans justificatif") {
		t.Errorf("checklist = %q, want « 1 ligne sans justificatif »", texts(v.checklist))
	}
	u.settings.showSection(sectionRules)
	settle(u)
	for _, s := range texts(u.settings.tabs) {
		if strings.Contains(s, "non vérifié") || strings.Contains(s, "AMIABLE_") || strings.Contains(s, "Valeur fictive") || strings.Contains(s, "variable d'environnement") {
			t.Errorf("Paramètres shows a developer note: %q", s)
		}
	}
	if got := rateNoteText("Taux BCE non vérifié (fiche de référence)"); strings.Contains(got, "non vérifié") {
		t.Errorf("rate note = %q", got)
	}
}

// The letter template preview is the letter laid out, not a text dump.
func TestLetterPreviewIsLaidOut(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	u.settings.showSection(sectionLetters)
	settle(u)
	s := u.settings.letterSet
	s.previewRef.SetText(c.Ref)
	s.previewRef.OnSubmitted(c.Ref)
	settle(u)
	if s.preview.text == "" || len(s.preview.box.Objects) < 5 {
		t.Fatalf("no letter laid out (info %q)", s.previewInfo.Text)
	}
	for _, o := range texts(s.preview.content) {
		if strings.Contains(o, "== ") || strings.Contains(o, "**") {
			t.Errorf("the preview shows raw markup: %q", o)
		}
	}
	bold := false
	walk(s.preview.content, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Objet : ") && l.TextStyle.Bold {
			bold = true
		}
	})
	if !bold {
		t.Error("the object line is not shown in bold")
	}
}

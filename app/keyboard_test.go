package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

func typeKey(u *UI, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := u.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(ev)
}

func ctrl(u *UI, k fyne.KeyName, mod fyne.KeyModifier) {
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod})
}

// The rail's screens answer to F1…F7 (the same keys on AZERTY and
// QWERTY), from the window and from a focused field or list.
func TestFunctionKeysSelectScreens(t *testing.T) {
	u, _ := newTestUI(t)
	for i, k := range []fyne.KeyName{fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6, fyne.KeyF7} {
		u.win.Canvas().Unfocus()
		typeKey(u, k)
		settle(u)
		if u.tabs.SelectedIndex() != i {
			t.Errorf("%s selected screen %d, want %d", k, u.tabs.SelectedIndex(), i)
		}
	}
	u.showScreen(u.cases.index())
	u.win.Canvas().Focus(u.cases.search)
	typeKey(u, fyne.KeyF5)
	if u.tabs.SelectedIndex() != 4 {
		t.Errorf("F5 in the search field selected screen %d, want Créanciers/Débiteurs", u.tabs.SelectedIndex())
	}
	u.win.Canvas().Focus(u.parties.table)
	typeKey(u, fyne.KeyF2)
	if u.tabs.SelectedIndex() != u.cases.index() {
		t.Errorf("F2 in the parties list selected screen %d, want Dossiers", u.tabs.SelectedIndex())
	}
	if c := u.app.Settings().Theme().Color(theme.ColorNameFocus, theme.VariantLight); c != focusTint {
		t.Errorf("focus colour = %v, want the plain focus tint", c)
	}
}

// Ctrl+Tab, Ctrl+Maj+Tab and Ctrl+Page suiv./préc. move between the tabs of
// the open case; Échap from a case opened from À traiter goes back there.
func TestCaseTabsByKeyboardAndEscapeBack(t *testing.T) {
	u, _ := newTestUI(t)
	id := mustCreateCase(t, u)
	u.openCase(id)
	settle(u)
	v := u.cases.view
	n := len(v.tabs.Items)
	ctrl(u, fyne.KeyTab, fyne.KeyModifierControl)
	if v.tabs.SelectedIndex() != 1 {
		t.Errorf("Ctrl+Tab: tab %d, want 1", v.tabs.SelectedIndex())
	}
	ctrl(u, fyne.KeyPageDown, fyne.KeyModifierControl)
	if v.tabs.SelectedIndex() != 2 {
		t.Errorf("Ctrl+Page suiv.: tab %d, want 2", v.tabs.SelectedIndex())
	}
	ctrl(u, fyne.KeyPageUp, fyne.KeyModifierControl)
	ctrl(u, fyne.KeyTab, fyne.KeyModifierControl|fyne.KeyModifierShift)
	if v.tabs.SelectedIndex() != 0 {
		t.Errorf("back twice: tab %d, want 0", v.tabs.SelectedIndex())
	}
	ctrl(u, fyne.KeyTab, fyne.KeyModifierControl|fyne.KeyModifierShift)
	if v.tabs.SelectedIndex() != n-1 {
		t.Errorf("previous from the first: tab %d, want the last %d", v.tabs.SelectedIndex(), n-1)
	}
	// Échap from a case opened from the Dossiers list: back to the list
	u.onEscape()
	if u.cases.view != nil || u.tabs.SelectedIndex() != u.cases.index() {
		t.Error("Échap from a case opened in Dossiers must show the list")
	}
	// opened from À traiter: Échap returns there
	u.showScreen(u.review.index())
	u.openCase(id)
	if !hasText(u.cases.view.content, "À traiter (Échap)") {
		t.Error("the case opened from À traiter does not say its back button returns there")
	}
	u.win.Canvas().Unfocus()
	typeKey(u, fyne.KeyEscape)
	if u.cases.view != nil || u.tabs.SelectedIndex() != u.review.index() {
		t.Errorf("Échap from a case opened from À traiter: screen %d, want À traiter", u.tabs.SelectedIndex())
	}
}

// Entrée confirms a question and closes a message; Échap closes an error.
func TestEnterAndEscapeInDialogs(t *testing.T) {
	u, _ := newTestUI(t)
	yes := false
	u.confirm("Question", "Continuer ?", func() { yes = true })
	u.win.Canvas().Unfocus()
	typeKey(u, fyne.KeyReturn)
	if !yes || len(u.dialogs) != 0 {
		t.Errorf("Entrée on a question: confirmed %v, %d dialogs open", yes, len(u.dialogs))
	}
	u.showInfo("Info", "Message")
	typeKey(u, fyne.KeyReturn)
	if len(u.dialogs) != 0 {
		t.Error("Entrée did not close the message")
	}
	u.showError(errors.New("panne"))
	typeKey(u, fyne.KeyEscape)
	if len(u.dialogs) != 0 {
		t.Error("Échap did not close the error")
	}
	// a form: Entrée with no field focused confirms it
	u.onNewParty()
	f := u.parties.form.f
	u.win.Canvas().Unfocus()
	typeKey(u, fyne.KeyReturn)
	if !f.errs.Visible() {
		t.Error("Entrée on an empty party form did not try to save it (no message shown)")
	}
	typeKey(u, fyne.KeyEscape)
	if len(u.dialogs) != 0 {
		t.Error("Échap did not close the form")
	}
}

package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/letters"
)

// A letter refused for many reasons lists them inside the dialog's
// scrolling form (not over it), each with a button to where it is fixed.
func TestLetterRefusalsListWithFixButtons(t *testing.T) {
	u, _ := newTestUI(t)
	id := mustCreateCase(t, u) // no office identity, no proof: many problems
	u.openCase(id)
	settle(u)
	v := u.cases.view
	pressShortcut(u, fyne.KeyL)
	d := v.letterDlg
	d.kind.SetSelectedIndex(kindIndex(letters.FormalNotice))
	test.Tap(d.f.confirm)
	if d.f.closed || !d.problems.Visible() {
		t.Fatal("the refused letter did not list its problems")
	}
	inScroll := false
	walk(d.f.scroll.Content, func(o fyne.CanvasObject) { inScroll = inScroll || o == d.problems })
	if !inScroll {
		t.Error("the problem list is not inside the dialog's scrolling form")
	}
	if n := len(d.problems.Objects); n < 4 {
		t.Errorf("%d rows in the list, want a heading and several problems: %q", n, texts(d.problems))
	}
	if len(d.f.errs.Text) > 80 {
		t.Errorf("the line under the form = %q, want one short line", d.f.errs.Text)
	}
	fix := button(t, d.problems, "Paramètres › Étude")
	test.Tap(fix)
	if !d.f.closed || len(u.dialogs) != 0 {
		t.Error("the fix button did not close the letter dialog")
	}
	if u.tabs.SelectedIndex() != u.settings.index() || u.settings.tabs.Selected().Text != "Étude" {
		t.Errorf("fix went to screen %d tab %q, want Paramètres › Étude", u.tabs.SelectedIndex(), u.settings.tabs.Selected().Text)
	}

	// a claim problem leads to the case's Créance tab
	u.openCase(id)
	settle(u)
	pressShortcut(u, fyne.KeyL)
	d = u.cases.view.letterDlg
	d.kind.SetSelectedIndex(kindIndex(letters.FormalNotice))
	test.Tap(d.f.confirm)
	var b *widget.Button
	walk(d.problems, func(o fyne.CanvasObject) {
		if x, ok := o.(*widget.Button); ok && x.Text == "Dossier › Créance" && b == nil {
			b = x
		}
	})
	if b == nil {
		t.Fatalf("no Dossier › Créance button among %q", texts(d.problems))
	}
	test.Tap(b)
	if got := u.cases.view.tabs.Selected().Text; got != "Créance" {
		t.Errorf("case tab = %q, want Créance", got)
	}
}

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// entry is a text field that hands Échap to the window (close the dialog,
// or go back), since a focused Fyne entry swallows that key. Enter is the
// entry's OnSubmitted, which forms set to their confirm action.
type entry struct {
	widget.Entry
	onEscape func()
	onWindow func(*fyne.KeyEvent) bool // the window's function keys
}

func (u *UI) newEntry(hint string) *entry {
	e := &entry{onEscape: u.onEscape, onWindow: u.onWindowKey}
	e.PlaceHolder = hint
	e.Wrapping = fyne.TextWrapOff
	e.ExtendBaseWidget(e)
	return e
}

func (u *UI) newMultiLineEntry(hint string, rows int) *entry {
	e := u.newEntry(hint)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	return e
}

// TypedKey passes Échap and the function keys to the window and
// everything else to the entry.
func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	if e.onWindow != nil && e.onWindow(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// selectHint is what an empty Select shows (Fyne writes « (Select one) »).
const selectHint = "Choisissez…"

// newSelect is a Select whose empty state reads in French.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = selectHint
	return s
}

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
}

func (u *UI) newEntry(hint string) *entry {
	e := &entry{onEscape: u.onEscape}
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

// TypedKey passes Échap to the window and everything else to the entry.
func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// besideOrBelow shows leading at the left and trailing at the right of one
// row when both fit the width, else trailing on a row of its own under
// leading, still at the right: its minimum width is the wider of the two,
// not their sum, so that a case's header (title, status, and the balance
// with its two labelled figures) fits a laptop screen.
func besideOrBelow(leading, trailing fyne.CanvasObject) *fyne.Container {
	return container.New(&besideOrBelowLayout{}, leading, trailing)
}

// besideOrBelowLayout remembers the width it was last given: its height
// (one row or two) follows from it.
type besideOrBelowLayout struct{ width float32 }

// oneRow tells whether the visible objects fit side by side in width.
func (l *besideOrBelowLayout) oneRow(objs []fyne.CanvasObject, width float32) bool {
	var w float32
	n := 0
	for _, o := range objs {
		if o.Visible() {
			w += o.MinSize().Width
			n++
		}
	}
	if n > 1 {
		w += theme.Padding() * float32(n-1)
	}
	return w <= width
}

func (l *besideOrBelowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	one := l.oneRow(objs, size.Width)
	var y, rowH float32
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w := min(m.Width, size.Width)
		x := float32(0)
		if i > 0 {
			x = size.Width - w
			if !one {
				y += rowH + theme.Padding()
			}
		}
		h := m.Height
		if one {
			h = max(m.Height, rowHeight(objs))
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
		rowH = h
	}
}

// rowHeight is the tallest visible object's minimum height.
func rowHeight(objs []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return h
}

func (l *besideOrBelowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			s.Width = max(s.Width, m.Width)
			s.Height += m.Height
			n++
		}
	}
	if l.oneRow(objs, max(l.width, s.Width)) {
		return fyne.NewSize(s.Width, rowHeight(objs))
	}
	if n > 1 {
		s.Height += theme.Padding() * float32(n-1)
	}
	return s
}

// wrappedHeading is a bold label that wraps words: a long title (the
// office's name on a letter, a table's title) takes the width it is given
// instead of setting its own.
func wrappedHeading(text string) *widget.Label {
	h := heading(text)
	h.Wrapping = fyne.TextWrapWord
	return h
}

// headerAbove puts header at the top, at its height for the width given,
// and body under it in the rest of the height, like a Border with only a
// top: but the header is laid out at the new width before its height is
// read, so that a header whose rows wrap (besideOrBelow) gets the height
// of its rows at that width, also when the window narrows (Fyne's Border
// reads the height before the header knows its new width).
func headerAbove(header, body fyne.CanvasObject) *fyne.Container {
	return container.New(headerAboveLayout{}, header, body)
}

type headerAboveLayout struct{}

func (headerAboveLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	header, body := objs[0], objs[1]
	h := header.MinSize().Height
	header.Move(fyne.NewPos(0, 0))
	header.Resize(fyne.NewSize(size.Width, h))
	if h2 := header.MinSize().Height; h2 != h { // its rows wrapped or unwrapped at this width
		h = h2
		header.Resize(fyne.NewSize(size.Width, h))
	}
	y := h + theme.Padding()
	body.Move(fyne.NewPos(0, y))
	body.Resize(fyne.NewSize(size.Width, max(0, size.Height-y)))
}

func (headerAboveLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+theme.Padding()+b.Height)
}

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// emptyPage is a screen with nothing to list yet: a title, what the screen
// is for, a line of live facts, and buttons to what exists.
type emptyPage struct {
	facts   *widget.Label
	content fyne.CanvasObject
}

func newEmptyPage(icon fyne.Resource, title, text string, buttons ...*widget.Button) *emptyPage {
	p := &emptyPage{facts: widget.NewLabel("")}
	p.facts.Alignment = fyne.TextAlignCenter
	p.facts.TextStyle.Bold = true
	h := heading(title)
	h.Alignment = fyne.TextAlignCenter
	h.SizeName = theme.SizeNameSubHeadingText
	body := wrapped(text)
	body.Alignment = fyne.TextAlignCenter
	row := container.NewHBox()
	for _, b := range buttons {
		row.Add(b)
	}
	inner := container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), widget.NewIcon(icon))),
		h, body, p.facts, container.NewCenter(row))
	p.content = container.NewVBox(layout.NewSpacer(), container.New(&maxWidthLayout{720}, inner), layout.NewSpacer())
	return p
}

// maxWidthLayout centres its objects in at most width points.
type maxWidthLayout struct{ width float32 }

func (m *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, m.width)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
	}
}

func (m *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

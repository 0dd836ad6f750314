package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
)

// Semantic colours come from the theme's names (success, warning, error)
// through widget importances and themed icons, so a dark theme or a later
// custom theme changes them in one place.

// statusImportance colours a status: green when paid, red when the amicable
// track failed, orange while a formal notice runs, plain otherwise.
func statusImportance(s debt.Status) widget.Importance {
	switch s {
	case debt.StatusPaid:
		return widget.SuccessImportance
	case debt.StatusEscalated, debt.StatusAbandoned:
		return widget.DangerImportance
	case debt.StatusFormalNotice:
		return widget.WarningImportance
	case debt.StatusPlan:
		return widget.HighImportance
	}
	return widget.MediumImportance
}

// checkIcon is the checklist mark: a green tick or a red cross.
func checkIcon(ok bool) fyne.Resource {
	if ok {
		return theme.NewColoredResource(theme.ConfirmIcon(), theme.ColorNameSuccess)
	}
	return theme.NewColoredResource(theme.CancelIcon(), theme.ColorNameError)
}

// checkImportance colours a checklist line's label the same way.
func checkImportance(ok bool) widget.Importance {
	if ok {
		return widget.SuccessImportance
	}
	return widget.DangerImportance
}

// errorLabel is the red, wrapping label under a form that lists what to fix.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// heading is a bold label.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// wrapped is a label that wraps words.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// atLeast gives o a minimum width (a Select otherwise shrinks to its
// shortest option and truncates the chosen one).
func atLeast(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&minWidthLayout{width}, o)
}

type minWidthLayout struct{ width float32 }

func (m *minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (m *minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(m.width, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// limitationImportance colours a limitation alert: red once the claim is
// time-barred or within the office's urgent days, orange within its
// warning days, plain otherwise.
func limitationImportance(a debt.LimitationAlert, r debt.Rules) widget.Importance {
	switch a.Level {
	case debt.LimitationExpired:
		return widget.DangerImportance
	case debt.LimitationSoon:
		if a.DaysLeft <= r.LimitationUrgentDays {
			return widget.DangerImportance
		}
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// instalmentImportance colours an instalment's state: paid green, late
// orange, missed red, the others plain.
func instalmentImportance(s debt.InstalmentState) widget.Importance {
	switch s {
	case debt.InstPaid:
		return widget.SuccessImportance
	case debt.InstLate:
		return widget.WarningImportance
	case debt.InstMissed:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// weightedRow lays out cells side by side, each taking its weight's share
// of the width, so that the rows of a table built from several of them
// line up: a long label gets a wide column, an amount a narrow one.
func weightedRow(weights []float32, cells ...fyne.CanvasObject) *fyne.Container {
	return container.New(&weightsLayout{weights}, cells...)
}

type weightsLayout struct{ weights []float32 }

func (l *weightsLayout) total(n int) float32 {
	var t float32
	for i := 0; i < n; i++ {
		t += l.weight(i)
	}
	return t
}

func (l *weightsLayout) weight(i int) float32 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 1
}

func (l *weightsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	avail := size.Width - pad*float32(len(objs)-1)
	widths := l.widths(objs, avail)
	var x float32
	for i, o := range objs {
		o.Resize(fyne.NewSize(widths[i], size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += widths[i] + pad
	}
}

// widths shares avail by weight, but never gives a cell less than its
// minimum while the row has room for it: the cells that need more take it
// from the others, which keep their weights' proportions.
func (l *weightsLayout) widths(objs []fyne.CanvasObject, avail float32) []float32 {
	n := len(objs)
	widths := make([]float32, n)
	fixed := make([]bool, n)
	for {
		var rest, total float32 = avail, 0
		for i := range objs {
			if fixed[i] {
				rest -= widths[i]
			} else {
				total += l.weight(i)
			}
		}
		changed := false
		for i, o := range objs {
			if fixed[i] {
				continue
			}
			w := rest * l.weight(i) / total
			if m := o.MinSize().Width; w < m && rest > 0 {
				widths[i], fixed[i], changed = m, true, true
				break
			}
			widths[i] = w
		}
		if !changed {
			return widths
		}
	}
}

// MinSize is the sum of the cells' minimum widths: a long cell widens the
// row by what it needs, not the whole row by its weight's ratio.
func (l *weightsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	if len(objs) > 1 {
		s.Width += theme.Padding() * float32(len(objs)-1)
	}
	return s
}

// sideBySide puts a form and its result side by side when the width
// allows both, one above the other otherwise: its minimum width is the
// widest of the two, not twice it.
func sideBySide(left, right fyne.CanvasObject) *fyne.Container {
	return container.New(&sideBySideLayout{}, left, right)
}

type sideBySideLayout struct{}

func (sideBySideLayout) fits(objs []fyne.CanvasObject, width float32) bool {
	var need float32
	for _, o := range objs {
		need = max(need, o.MinSize().Width)
	}
	return width >= 2*need+theme.Padding()
}

func (l sideBySideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	if l.fits(objs, size.Width) {
		w := (size.Width - pad*float32(len(objs)-1)) / float32(len(objs))
		for i, o := range objs {
			o.Resize(fyne.NewSize(w, size.Height))
			o.Move(fyne.NewPos(float32(i)*(w+pad), 0))
		}
		return
	}
	var y float32
	for _, o := range objs {
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h + pad
	}
}

func (sideBySideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	s.Height += theme.Padding() * float32(len(objs)-1)
	return s
}

// flow lays buttons out in rows that wrap at the width: its minimum width
// is its widest button (Fyne's row-wrap layout reports the width it was
// last given, so that a window never shrinks back).
func flow(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{}, objs...)
}

type flowLayout struct{ width float32 }

// rows places the visible objects at width and returns their positions
// and the total height.
func (l *flowLayout) rows(objs []fyne.CanvasObject, width float32, place bool) float32 {
	pad := theme.Padding()
	var x, y, rowH float32
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(m)
		}
		x += m.Width + pad
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.rows(objs, size.Width, true)
}

func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	width := l.width
	if width < w {
		width = w
	}
	return fyne.NewSize(w, l.rows(objs, width, false))
}

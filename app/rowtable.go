package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowTable is a widget.Table whose rows open with Enter or a double click.
// Fyne's table selects cells; it tracks the keyboard row itself since the
// table's own focus cell is private.
type rowTable struct {
	widget.Table
	row, col int // the cell the keyboard or the last tap is on
	onOpen   func(row int)
	onSelect func(row int)
	onEscape func()
	onWindow func(*fyne.KeyEvent) bool // the window's function keys
	selRow   int                       // the row marked as selected, -1 for none
	// fit, when set, are the columns' base widths: the columns are scaled
	// to the table's width, so that the table never scrolls sideways
	// (a tap on a half-hidden cell used to scroll it into view).
	fit    []float32
	fitted []float32 // the widths given at the last Resize
}

// Resize scales the columns to the width when fit is set.
func (t *rowTable) Resize(size fyne.Size) {
	if len(t.fit) > 0 && size.Width > 0 {
		var total float32
		for _, w := range t.fit {
			total += w
		}
		pad := theme.Padding()
		avail := size.Width - pad*float32(len(t.fit)) - theme.ScrollBarSize()
		t.fitted = t.fitted[:0]
		for i, w := range t.fit {
			cw := max(40, avail*w/total)
			t.fitted = append(t.fitted, cw)
			t.SetColumnWidth(i, cw)
		}
	}
	t.Table.Resize(size)
}

// cellContent is the callbacks' object of a cell (under its row mark).
func cellContent(o fyne.CanvasObject) fyne.CanvasObject {
	if st, ok := o.(*fyne.Container); ok && len(st.Objects) == 2 {
		return st.Objects[1]
	}
	return o
}

// The cells are the callbacks' objects over a background that marks the
// whole selected row (Fyne's table marks one cell): create and update
// see their own object, cellContent unwraps it.
func newRowTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *rowTable {
	t := &rowTable{row: -1}
	t.Length = length
	t.CreateCell = func() fyne.CanvasObject {
		bg := canvas.NewRectangle(color.Transparent)
		return container.NewStack(bg, create())
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		st := o.(*fyne.Container)
		update(id, st.Objects[1])
		bg := st.Objects[0].(*canvas.Rectangle)
		want := color.Color(color.Transparent)
		if id.Row == t.selRow {
			want = theme.Color(theme.ColorNameSelection)
		}
		if bg.FillColor != want {
			bg.FillColor = want
			bg.Refresh()
		}
	}
	t.ShowHeaderRow = true
	t.selRow = -1
	t.OnSelected = func(id widget.TableCellID) {
		t.row, t.col = id.Row, id.Col
		if t.selRow != id.Row {
			t.selRow = id.Row
			t.Refresh() // every cell of the row takes the mark
		}
		if t.onSelect != nil {
			t.onSelect(id.Row)
		}
	}
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey opens the row on Enter; the arrows, Page up/down, Home and End
// move the selected row.
func (t *rowTable) TypedKey(k *fyne.KeyEvent) {
	rows, _ := t.Length()
	next := -1
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.open(t.row)
		return
	case fyne.KeyEscape:
		if t.onEscape != nil {
			t.onEscape()
		}
		return
	case fyne.KeyDown:
		next = t.row + 1
	case fyne.KeyUp:
		next = t.row - 1
	case fyne.KeyPageDown:
		next = t.row + 20
	case fyne.KeyPageUp:
		next = t.row - 20
	case fyne.KeyHome:
		next = 0
	case fyne.KeyEnd:
		next = rows - 1
	default:
		if t.onWindow != nil && t.onWindow(k) {
			return
		}
		t.Table.TypedKey(k)
		return
	}
	if rows == 0 {
		return
	}
	t.Select(widget.TableCellID{Row: max(0, min(rows-1, next)), Col: t.col})
}

// DoubleTapped selects the cell under the pointer and opens its row.
func (t *rowTable) DoubleTapped(e *fyne.PointEvent) {
	t.Table.Tapped(e)
	t.open(t.row)
}

func (t *rowTable) open(row int) {
	rows, _ := t.Length()
	if row < 0 || row >= rows || t.onOpen == nil {
		return
	}
	t.onOpen(row)
}

// cellText is a table cell: one label, truncated with an ellipsis.
func cellText() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// setCell fills a cell label; right-aligned for amounts. A cell that
// already shows text is left alone: the table refreshes every visible cell
// when it merely loses the focus (opening a case), and measuring the text
// again is most of what that costs.
func setCell(o fyne.CanvasObject, text string, align fyne.TextAlign, imp widget.Importance) {
	l := o.(*widget.Label)
	if l.Text == text && l.Alignment == align && l.Importance == imp {
		return
	}
	l.Alignment = align
	l.Importance = imp
	l.SetText(text)
}

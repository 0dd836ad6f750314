package app

import (
	"fyne.io/fyne/v2"
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
}

func newRowTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *rowTable {
	t := &rowTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow = true
	t.OnSelected = func(id widget.TableCellID) {
		t.row, t.col = id.Row, id.Col
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

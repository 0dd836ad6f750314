package app

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowMark is the fill under a table cell.
func rowMark(tb *rowTable, row, col int) color.Color {
	o := tb.CreateCell()
	tb.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	return o.(*fyne.Container).Objects[0].(*canvas.Rectangle).FillColor
}

// A click on one cell marks the whole row of the case list.
func TestCaseListSelectsWholeRow(t *testing.T) {
	u, st := newTestUI(t)
	seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)
	l.table.Select(widgetCell(1, 2))
	sel := theme.Color(theme.ColorNameSelection)
	for col := range caseColumns {
		if got := rowMark(l.table, 1, col); got != sel {
			t.Errorf("row 1, column %d: fill %v, want the selection colour", col, got)
		}
		if got := rowMark(l.table, 0, col); got == sel {
			t.Errorf("row 0, column %d is marked too", col)
		}
	}
}

// A search that the status filter leaves empty says so and offers to
// search every status.
func TestSearchUnderStatusFilterOffersAllStatuses(t *testing.T) {
	u, st := newTestUI(t)
	seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)
	// a case that is not paid: found with every status, not under Soldé
	ref := cell(l.table, 0, 0)
	if cell(l.table, 0, 3) == "Soldé" {
		ref = cell(l.table, 1, 0)
	}
	l.filter.SetSelected("Soldé (1)")
	settle(u)
	test.Type(l.search, ref)
	settle(u)
	if !l.empty.Visible() || !strings.Contains(l.emptyMsg.Text, "au statut « Soldé »") || !l.allStatuses.Visible() {
		t.Fatalf("empty message = %q, button shown %v; want the active filter named and the button", l.emptyMsg.Text, l.allStatuses.Visible())
	}
	test.Tap(l.allStatuses)
	settle(u)
	if l.empty.Visible() || l.count.Text != "1 dossier" || l.filter.SelectedIndex() != 0 {
		t.Errorf("after « tous les statuts »: count %q, filter %d", l.count.Text, l.filter.SelectedIndex())
	}
}

// The Courriels tables fit their width: a click never scrolls sideways.
func TestMailTableColumnsFitWidth(t *testing.T) {
	u, _ := newTestUI(t)
	tb := u.mail.triage.table
	for _, w := range []float32{560, 900} {
		tb.Resize(fyne.NewSize(w, 300))
		var total float32
		for _, cw := range tb.fitted {
			total += cw
		}
		if len(tb.fitted) != len(tb.fit) {
			t.Fatalf("width %.0f: %d columns fitted, want %d", w, len(tb.fitted), len(tb.fit))
		}
		if total > w {
			t.Errorf("width %.0f: columns take %.0f, the table would scroll sideways", w, total)
		}
	}
}

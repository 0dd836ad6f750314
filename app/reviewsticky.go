package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// stickyHeader is the header of the group the top of the À traiter list
// is in, shown above the list once the group's own header has scrolled
// out: the first flags of a group never scroll away from their title.
type stickyHeader struct {
	r     *reviewScreen
	label *widget.Label
	box   *fyne.Container
}

func newStickyHeader(r *reviewScreen) *stickyHeader {
	h := &stickyHeader{r: r, label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	h.box = container.NewVBox(h.label, widget.NewSeparator())
	h.box.Hide()
	return h
}

// firstVisible is the list's top row, from its scroll offset (rows are
// all as tall as the template).
func (h *stickyHeader) firstVisible() int {
	l := h.r.list
	if l.CreateItem == nil {
		return 0
	}
	row := l.CreateItem().MinSize().Height + theme.Padding()
	if row <= 0 {
		return 0
	}
	return int(l.GetScrollOffset() / row)
}

// update shows the group of the top row when its header is above it.
func (h *stickyHeader) update() {
	g := h.r.group(h.firstVisible())
	if g == nil || g.row >= h.firstVisible() {
		if h.box.Visible() {
			h.box.Hide()
		}
		return
	}
	h.label.Importance = kindImportance(g.kind)
	h.label.SetText(fmt.Sprintf("%s (%s)", g.kind.Label(), groupThousands(g.count)))
	if !h.box.Visible() {
		h.box.Show()
	}
}

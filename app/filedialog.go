package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// favouriteNames are the French names of the places Fyne's file dialog
// lists on its left (v2.7.1 writes them in English, outside its
// translations).
var favouriteNames = map[string]string{
	"Home":      "Dossier personnel",
	"Computer":  "Ordinateur",
	"App Files": "Fichiers d'Amiable",
	"Desktop":   "Bureau",
	"Documents": "Documents",
	"Downloads": "Téléchargements",
	"Music":     "Musique",
	"Pictures":  "Images",
	"Videos":    "Vidéos",
}

// showFileDialog shows one of Fyne's file dialogs (on the Échap stack)
// with its places in French: the list of places is found in the dialog's
// tree, and its rows are renamed as they are drawn.
func (u *UI) showFileDialog(d dialog.Dialog) {
	u.showDialog(d)
	walkPublic(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		l, ok := o.(*widget.List)
		if !ok || l.CreateItem == nil || l.UpdateItem == nil || !isPlaceRow(l.CreateItem()) {
			return
		}
		update := l.UpdateItem
		l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			if label, ok := placeLabel(item); ok {
				if fr, ok := favouriteNames[label.Text]; ok {
					label.SetText(fr)
				}
			}
		}
		l.Refresh()
	})
}

// isPlaceRow tells a row of the places list (an icon and a label) from a
// row of files.
func isPlaceRow(o fyne.CanvasObject) bool {
	_, ok := placeLabel(o)
	return ok
}

func placeLabel(o fyne.CanvasObject) (*widget.Label, bool) {
	c, ok := o.(*fyne.Container)
	if !ok || len(c.Objects) != 2 {
		return nil, false
	}
	icon := c.Objects[0]
	if box, ok := icon.(*fyne.Container); ok && len(box.Objects) == 1 {
		icon = box.Objects[0]
	}
	if _, ok := icon.(*widget.Icon); !ok {
		return nil, false
	}
	l, ok := c.Objects[1].(*widget.Label)
	return l, ok
}

// walkPublic visits o and what it holds through public fields only
// (containers, pop-ups, splits, scrolls): enough to reach a dialog's lists.
func walkPublic(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkPublic(child, f)
		}
	case *widget.PopUp:
		walkPublic(c.Content, f)
	case *container.Split:
		walkPublic(c.Leading, f)
		walkPublic(c.Trailing, f)
	case *container.Scroll:
		walkPublic(c.Content, f)
	}
}

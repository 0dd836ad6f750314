package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// UpgradeWindow is shown while a database written by an earlier version
// of Amiable is brought up to date, before the main window: once per new
// version, it can take a minute on a large office (the search documents of
// 50 000 cases take about 20 s). It cannot be closed meanwhile: stopping
// half-way would only make the next start do it again.
func UpgradeWindow(a fyne.App) fyne.Window {
	w := a.NewWindow("Amiable")
	title := widget.NewLabelWithStyle("Mise à jour de la base de données", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel("Cette version d'Amiable met la base à jour une fois, avant d'ouvrir ses écrans ; " +
		"sur une grande étude, cela peut prendre une minute. Rien n'est perdu si l'ordinateur s'arrête : " +
		"la mise à jour reprendra au prochain démarrage.")
	text.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBarInfinite()
	w.SetContent(container.NewPadded(container.NewVBox(title, text, bar)))
	w.Resize(fyne.NewSize(520, 180))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.SetCloseIntercept(func() {})
	return w
}

// Show shows the main window (main runs the app afterwards).
func (u *UI) Show() { u.show() }

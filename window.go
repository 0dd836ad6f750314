package main

import (
	"fmt"
	"io"
	"os/user"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"amiable/app"
	"amiable/assets"
	"amiable/data"
)

// AppID is Amiable's Fyne application ID (preferences and storage live under it).
const AppID = "fr.amiable.app"

// runWindow opens the store and the main window, and blocks until the
// window is closed. A database that cannot be opened is explained in a
// small French window rather than a crash.
func runWindow(path string, stderr io.Writer) int {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	st, err := data.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "amiable :", data.Message(err))
		showFatal(a, data.Message(err))
		return 1
	}
	defer st.Close()
	ui := app.New(a, st, app.Options{Author: sessionUser()})
	// The daily job (daily.go): flags of the morning review, backups.
	stopDaily := startDaily(st, ui)
	defer stopDaily()
	ui.RefreshReview()
	ui.ShowReview()
	ui.ShowAndRun()
	return 0
}

// showFatal shows a French message in its own window until it is closed.
func showFatal(a fyne.App, msg string) {
	w := a.NewWindow("Amiable")
	quit := widget.NewButton("Quitter", func() { a.Quit() })
	quit.Importance = widget.HighImportance
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(widget.NewLabelWithStyle("Amiable ne peut pas ouvrir la base de données", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(quit), nil, nil, label))
	w.Resize(fyne.NewSize(560, 220))
	w.ShowAndRun()
}

// sessionUser returns the name of the person logged in, for the journal
// until they set "Votre nom" in Paramètres.
func sessionUser() string {
	u, err := user.Current()
	if err != nil {
		return "Amiable"
	}
	if n := strings.TrimSpace(u.Name); n != "" {
		return n
	}
	return u.Username
}

package app

import (
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// lettersScreen is "Courriers". Composing, printing and posting letters
// (reminders, formal notices by LRAR, plan agreements, receipts) and
// following registered post belong to a later issue; the screen says what
// it will hold and leads to the documents and the office identity that
// letters use.
type lettersScreen struct {
	ui   *UI
	page *emptyPage
}

func newLettersScreen(u *UI) *lettersScreen {
	s := &lettersScreen{ui: u}
	cases := widget.NewButtonWithIcon("Ouvrir les dossiers", theme.FolderOpenIcon(), func() { u.showScreen(u.cases.index()) })
	cases.Importance = widget.HighImportance
	office := widget.NewButtonWithIcon("Identité de l'étude", theme.SettingsIcon(), func() { u.showScreen(u.settings.index()) })
	s.page = newEmptyPage(theme.MailComposeIcon(), "Courriers",
		"Ici se prépareront les courriers des dossiers — relances, mises en demeure en recommandé avec AR, "+
			"propositions et accords d'échéancier, quittances — avec la tournée du jour pour La Poste et le suivi "+
			"des accusés de réception. Cette version ne produit pas encore de courrier : joignez les courriers "+
			"envoyés et les AR reçus aux pièces du dossier, et vérifiez dès maintenant l'identité de l'étude "+
			"qui figurera en en-tête (Paramètres).",
		cases, office)
	return s
}

func (s *lettersScreen) screen() *screen {
	return &screen{title: "Courriers", icon: theme.MailComposeIcon(), content: s.page.content}
}

package app

import (
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mailScreen is "Courriels". Synchronising the office mailbox (IMAP) and
// filing debtors' e-mails into their cases by reference belong to a later
// issue; the screen says what it will hold and leads to the journal where
// exchanges are noted meanwhile.
type mailScreen struct {
	ui   *UI
	page *emptyPage
}

func newMailScreen(u *UI) *mailScreen {
	s := &mailScreen{ui: u}
	cases := widget.NewButtonWithIcon("Ouvrir les dossiers", theme.FolderOpenIcon(), func() { u.showScreen(u.cases.index()) })
	cases.Importance = widget.HighImportance
	s.page = newEmptyPage(theme.MailAttachmentIcon(), "Courriels",
		"Ici arriveront les courriels de la boîte de l'étude, rattachés à leur dossier grâce à la référence "+
			"AAAA-NNNNN citée dans l'objet ou le message, avec les non-lus en évidence. La synchronisation de la "+
			"messagerie n'est pas encore en service dans cette version : notez les échanges dans le journal du "+
			"dossier (onglet Journal) et joignez les messages importants à ses pièces.",
		cases)
	return s
}

func (s *mailScreen) screen() *screen {
	return &screen{title: "Courriels", icon: theme.MailAttachmentIcon(), content: s.page.content}
}

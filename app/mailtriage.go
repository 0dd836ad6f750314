package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noCaseReasons are the usual reasons a mail belongs to no case; the
// person may type another.
var noCaseReasons = []string{"Lettre d'information", "Publicité ou courriel indésirable", "Expéditeur sans dossier à l'étude"}

// noCaseButton is the triage pane's « Sans dossier… » action.
func (s *mailScreen) noCaseButton() *widget.Button {
	return widget.NewButtonWithIcon("Sans dossier…", theme.DeleteIcon(), s.onNoCase)
}

// onNoCase files the mail shown as belonging to no case, with a reason:
// it leaves À trier, stays kept, and the office journal records it.
func (s *mailScreen) onNoCase() {
	if s.current == nil || s.current.CaseID != 0 {
		return
	}
	m := *s.current
	reason := s.ui.newEntry("Motif (obligatoire)")
	choices := newSelect(noCaseReasons, func(r string) { reason.SetText(r) })
	content := container.NewVBox(
		wrapped("« "+m.Subject+" » de "+sender(m)+" : le courriel quitte la liste À trier ; il reste conservé et l'entrée est inscrite au journal de l'étude."),
		formGrid(widget.NewLabel("Motif courant"), choices, widget.NewLabel("Motif"), reason),
	)
	var f *formDialog
	f = s.ui.newFormDialog("Classer sans dossier", "Classer sans dossier", content, func() []string {
		ds, err := s.ui.dataStore()
		if err == nil {
			err = ds.FileMailWithoutCase(context.Background(), m.ID, reason.Text, s.ui.author(), s.ui.now())
		}
		if err != nil {
			return s.ui.errorMessages(err)
		}
		s.current = nil
		s.reload()
		return nil
	})
	f.submitOnEnter(reason)
	s.noCase = f
	f.show(fyne.NewSize(560, 300))
	s.ui.win.Canvas().Focus(reason)
}

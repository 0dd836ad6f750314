package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// limitationActs lists, in the Échéancier tab under « Acte interruptif… »,
// the acts recorded on the case that interrupt or suspend its limitation:
// kind and article, date, end of a suspension, document and note. A
// suspension still running has « Fin de la suspension… ».
func (v *caseView) limitationActs() []fyne.CanvasObject {
	ds, err := v.ui.dataStore()
	if err != nil {
		return nil
	}
	its, err := ds.Interruptions(context.Background(), v.id)
	if err != nil {
		v.ui.logError(err)
		return []fyne.CanvasObject{widget.NewSeparator(), wrapped("Actes interruptifs ou suspensifs : " + data.Message(err))}
	}
	objs := []fyne.CanvasObject{widget.NewSeparator(), heading("Actes interruptifs ou suspensifs de la prescription")}
	if len(its) == 0 {
		return append(objs, wrapped("Aucun acte enregistré. « Acte interruptif… » enregistre une reconnaissance de dette, une demande en justice, "+
			"une mesure d'exécution, une médiation, la procédure des petites créances ou un titre exécutoire."))
	}
	docs := map[int64]debt.Document{}
	for _, d := range v.docs {
		docs[d.ID] = d
	}
	for _, it := range its {
		line := fmt.Sprintf("%s du %s (%s)", it.Kind.Label(), it.Date, it.Kind.Article())
		switch {
		case it.Kind.Suspends() && it.End.IsZero():
			line += " — suspension en cours"
		case it.Kind.Suspends():
			line += fmt.Sprintf(" — suspension terminée le %s", it.End)
		}
		if it.Note != "" {
			line += " — " + it.Note
		}
		var btns []fyne.CanvasObject
		if d, ok := docs[it.DocID]; ok {
			line += " — pièce : " + documentFileName(v.c.Ref, d)
			btns = append(btns, widget.NewButtonWithIcon("Ouvrir la pièce", theme.FileIcon(), func() { v.onOpenDocument(d) }))
		}
		if it.Kind.Suspends() && it.End.IsZero() {
			btns = append(btns, widget.NewButtonWithIcon("Fin de la suspension…", theme.MediaStopIcon(), func() { v.onEndSuspension(it) }))
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(btns...), wrapped(line)))
	}
	return objs
}

// onEndSuspension records the day a running conciliation, mediation or
// small-claims procedure ended (Code civil 2238 al. 2: the period runs
// again, six months at least); the store journals the new limitation
// date. It returns the form (for tests).
func (v *caseView) onEndSuspension(it data.Interruption) *formDialog {
	end := v.ui.newEntry("JJ/MM/AAAA")
	end.SetText(v.ui.today().String())
	intro := fmt.Sprintf("%s du %s : la prescription reprend son cours à la fin de la suspension, avec au moins six mois restants (Code civil 2238 al. 2).",
		it.Kind.Label(), it.Date)
	var f *formDialog
	f = v.ui.newFormDialog("Fin de la suspension — dossier "+v.c.Ref, "Enregistrer la fin", container.NewVBox(wrapped(intro), formGrid(
		widget.NewLabel("Fin de la suspension"), end,
	)), func() []string {
		day, msgs := readDate(end, "Fin de la suspension", nil)
		if len(msgs) > 0 {
			return msgs
		}
		ds, err := v.ui.dataStore()
		if err != nil {
			return v.ui.errorMessages(err)
		}
		res, err := ds.EndSuspension(context.Background(), v.id, it.ID, day, v.ui.author(), v.ui.now())
		if err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		f.then = func() {
			v.ui.showInfo("Fin de la suspension enregistrée", fmt.Sprintf("%s du %s terminée le %s.\nPrescription : %s.",
				it.Kind.Label(), it.Date, day, limitationLine(res.After)))
		}
		return nil
	})
	f.submitOnEnter(end)
	f.show(fyne.NewSize(560, 260))
	return f
}

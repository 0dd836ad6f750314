package app

import (
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// onInterruption opens the form that records on the case an act that
// interrupts or suspends its limitation (Code civil 2238, 2240, 2241, 2244;
// CPCE L125-1, L111-4), with its date and document; the store recomputes
// the limitation date and journals it. It returns the form (for tests).
func (v *caseView) onInterruption() *formDialog {
	labels := make([]string, len(debt.InterruptionKinds))
	for i, k := range debt.InterruptionKinds {
		labels[i] = k.Label() + " (" + k.Article() + ")"
	}
	kind := widget.NewSelect(labels, nil)
	date := v.ui.newEntry("JJ/MM/AAAA")
	date.SetText(v.ui.today().String())
	end := v.ui.newEntry("JJ/MM/AAAA, si elle est déjà terminée")
	doc := v.ui.newEntry("Chemin du fichier : scan, jugement, procès-verbal…")
	note := v.ui.newEntry("Juridiction, n° de rôle, huissier…")
	endLabel := widget.NewLabel("Fin de la suspension")
	endLabel.Hide()
	end.Hide()
	kind.OnChanged = func(string) {
		if i := kind.SelectedIndex(); i >= 0 && debt.InterruptionKinds[i].Suspends() {
			endLabel.Show()
			end.Show()
		} else {
			endLabel.Hide()
			end.Hide()
		}
	}
	intro := fmt.Sprintf("Prescription actuelle : %s. Une mise en demeure n'interrompt pas la prescription ; un paiement et un échéancier signé s'enregistrent dans leurs onglets.",
		limitationLine(v.fig.Limitation))
	var f *formDialog
	f = v.ui.newFormDialog("Acte interruptif ou suspensif — dossier "+v.c.Ref, "Enregistrer l'acte", container.NewVBox(wrapped(intro), formGrid(
		widget.NewLabel("Acte"), kind,
		widget.NewLabel("Date de l'acte"), date,
		endLabel, end,
		widget.NewLabel("Pièce"), doc,
		widget.NewLabel("Précision"), note,
	)), func() []string {
		var in data.InterruptionInput
		var msgs []string
		if i := kind.SelectedIndex(); i >= 0 {
			in.Kind = debt.InterruptionKinds[i]
		} else {
			msgs = append(msgs, "Choisissez l'acte")
		}
		in.Date, msgs = readDate(date, "Date de l'acte", msgs)
		if end.Visible() && strings.TrimSpace(end.Text) != "" {
			in.End, msgs = readDate(end, "Fin de la suspension", msgs)
		}
		if p := strings.TrimSpace(doc.Text); p != "" {
			b, err := os.ReadFile(p)
			if err != nil {
				msgs = append(msgs, fmt.Sprintf("Pièce « %s » illisible : vérifiez le chemin", p))
			}
			in.DocName, in.Doc = p, b
		}
		in.Note = note.Text
		if len(msgs) > 0 {
			return msgs
		}
		ds, err := v.ui.dataStore()
		if err != nil {
			return v.ui.errorMessages(err)
		}
		res, err := ds.RecordInterruption(context.Background(), v.id, in, v.ui.author(), v.ui.now())
		if err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		f.then = func() {
			v.ui.showInfo("Acte enregistré", fmt.Sprintf("%s du %s enregistrée.\nPrescription : %s.",
				res.Interruption.Kind.Label(), res.Interruption.Date, limitationLine(res.After)))
		}
		return nil
	})
	f.submitOnEnter(date, end, doc, note)
	f.show(fyne.NewSize(640, 440))
	return f
}

// limitationLine says when the claim becomes time-barred, in French.
func limitationLine(l debt.Limitation) string {
	switch {
	case l.Expires.IsZero() && l.Suspended:
		return "suspendue"
	case l.Expires.IsZero():
		return "non calculée (point de départ manquant)"
	case l.Suspended:
		return "suspendue (au plus tôt le " + l.Expires.String() + ")"
	}
	return "le " + l.Expires.String() + " (" + l.Period.Label + ")"
}

package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// onEditLine opens the claim line form; l.ID == 0 adds a line.
func (v *caseView) onEditLine(l debt.ClaimLine) {
	kinds := make([]string, len(debt.ClaimKinds))
	for i, k := range debt.ClaimKinds {
		kinds[i] = k.Label()
	}
	kind := newSelect(kinds, nil)
	label := v.ui.newEntry("Facture n° 2026-014 du 15/01/2026")
	number := v.ui.newEntry("N° de facture ou de contrat")
	issue := v.ui.newEntry("JJ/MM/AAAA")
	due := v.ui.newEntry("JJ/MM/AAAA")
	amount := v.ui.newEntry("1 234,56")

	for i, k := range debt.ClaimKinds {
		if k == l.Kind {
			kind.SetSelectedIndex(i)
		}
	}
	label.SetText(l.Label)
	number.SetText(l.DocNumber)
	issue.SetText(l.IssueDate.String())
	due.SetText(l.DueDate.String())
	if l.Amount > 0 {
		amount.SetText(l.Amount.Plain())
	}
	kind.OnChanged = func(string) {
		if i := kind.SelectedIndex(); i >= 0 && debt.ClaimKinds[i] == debt.LineIndemnity {
			amount.SetText(debt.FixedIndemnity.Plain())
			if strings.TrimSpace(label.Text) == "" {
				label.SetText("Indemnité forfaitaire pour frais de recouvrement")
			}
		}
	}

	title := "Nouvelle ligne de créance"
	if l.ID != 0 {
		title = "Modifier la ligne de créance"
	}
	f := v.ui.newFormDialog(title, "Enregistrer la ligne", formGrid(
		widget.NewLabel("Type"), kind,
		widget.NewLabel("Libellé"), label,
		widget.NewLabel("N° de pièce"), number,
		widget.NewLabel("Date d'émission"), issue,
		widget.NewLabel("Date d'échéance"), due,
		widget.NewLabel("Montant (€)"), amount,
	), func() []string {
		var msgs []string
		nl := l
		if i := kind.SelectedIndex(); i >= 0 {
			nl.Kind = debt.ClaimKinds[i]
		} else {
			nl.Kind = ""
		}
		nl.Label = strings.TrimSpace(label.Text)
		nl.DocNumber = strings.TrimSpace(number.Text)
		var err error
		if nl.IssueDate, err = debt.ParseDate(issue.Text); err != nil {
			msgs = append(msgs, "Date d'émission : "+data.Message(err))
		}
		if nl.DueDate, err = debt.ParseDate(due.Text); err != nil {
			msgs = append(msgs, "Date d'échéance : "+data.Message(err))
		}
		if strings.TrimSpace(amount.Text) == "" {
			msgs = append(msgs, "Le montant est obligatoire")
		} else if nl.Amount, err = debt.ParseAmount(amount.Text); err != nil {
			msgs = append(msgs, data.Message(err))
		}
		if len(msgs) > 0 {
			return msgs
		}
		if errs := nl.Validate(v.c, v.ui.today()); len(errs) > 0 {
			return fieldErrorMessages(errs)
		}
		if _, err := v.ui.store.SaveClaimLine(context.Background(), v.id, nl, v.ui.author(), v.ui.now()); err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	f.submitOnEnter(label, number, issue, due, amount)
	v.lineDialog = f
	f.show(fyne.NewSize(620, 420))
}

// onDeleteLine asks for a reason, then deletes the line (the journal keeps
// the deletion and its reason).
func (v *caseView) onDeleteLine(l debt.ClaimLine) {
	reason := v.ui.newEntry("Motif : saisie erronée, avoir, doublon…")
	f := v.ui.newFormDialog("Supprimer la ligne", "Supprimer", formGrid(
		widget.NewLabel("Ligne"), wrapped(l.Label+" — "+l.Amount.String()),
		widget.NewLabel("Motif"), reason,
	), func() []string {
		r := strings.TrimSpace(reason.Text)
		if r == "" {
			return []string{"Indiquez pourquoi la ligne est supprimée : le journal en garde la trace"}
		}
		if err := v.ui.store.DeleteClaimLine(context.Background(), v.id, l.ID, r, v.ui.author(), v.ui.now()); err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	f.confirm.Importance = widget.DangerImportance
	f.submitOnEnter(reason)
	v.deleteDialog = f
	f.show(fyne.NewSize(560, 240))
}

// onAttachProof links one of the case's documents to the line as its
// proof, or adds a new file for it.
func (v *caseView) onAttachProof(l debt.ClaimLine) {
	var choices []debt.Document
	var names []string
	for _, d := range v.docs {
		if !contains(l.Proofs, d.ID) {
			choices = append(choices, d)
			names = append(names, d.Kind.Label()+" — "+d.OriginalName)
		}
	}
	doc := newSelect(names, nil)
	if len(names) == 1 {
		doc.SetSelectedIndex(0)
	}
	addFile := widget.NewButton("Ajouter un nouveau fichier…", nil)
	var f *formDialog
	f = v.ui.newFormDialog("Justificatif de la ligne", "Rattacher", formGrid(
		widget.NewLabel("Ligne"), wrapped(l.Label+" — "+l.Amount.String()),
		widget.NewLabel("Pièce du dossier"), doc,
		widget.NewLabel(""), addFile,
	), func() []string {
		i := doc.SelectedIndex()
		if i < 0 {
			return []string{"Choisissez la pièce, ou ajoutez un nouveau fichier"}
		}
		if err := v.ui.store.LinkProof(context.Background(), v.id, l.ID, choices[i].ID, v.ui.author(), v.ui.now()); err != nil {
			return v.ui.errorMessages(err)
		}
		v.reload()
		return nil
	})
	addFile.OnTapped = func() {
		f.onCancel()
		v.chooseFile(debt.DocProof, l.ID)
	}
	v.proofDialog = f
	f.show(fyne.NewSize(620, 280))
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

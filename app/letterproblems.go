package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/debt"
	"amiable/letters"
)

// fixAction is where a letter's problem is fixed: the button's label and
// what it opens once the letter dialog has closed.
type fixAction struct {
	label string
	run   func()
}

// fixFor returns where the problem of that code is fixed, or false when
// it is fixed in the letter dialog itself (kind, recipient, post…).
func (d *letterDialog) fixFor(p letters.Problem) (fixAction, bool) {
	u, v := d.ui, d.v
	tab := func(label, title string) (fixAction, bool) {
		return fixAction{label, func() { v.selectTab(title) }}, true
	}
	switch p.Code {
	case "office", "office_iban", "office_bic":
		return fixAction{"Paramètres › Étude", func() { u.settings.showSection("Étude") }}, true
	case "template", "window":
		return fixAction{"Paramètres › Courriers", func() { u.settings.showSection(sectionLetters) }}, true
	case "deadline_days", "small_claims_limit", "statement_date":
		return fixAction{"Paramètres › Calculs", func() { u.settings.showSection(sectionRules) }}, true
	case "checklist", "not_due", "nothing_due", "fee", "fee_consumer", "fee_indemnity":
		return tab("Dossier › Créance", "Créance")
	case "payment_missing", "payment_unknown", "balance_not_zero":
		return tab("Dossier › Encaissements", tabPayments)
	case "plan_missing":
		return tab("Dossier › Échéancier", tabPlan)
	case "first_letter":
		return tab("Dossier › Courriers", tabLetters)
	case "recipient_address", "creditor_address":
		party := v.c.Creditor
		if p.Code == "recipient_address" {
			if i := d.recipientIndex(); i >= 0 {
				party = d.recipients[i]
			}
		}
		return fixAction{"Modifier l'adresse", func() {
			full, err := u.store.Party(context.Background(), party.ID)
			if err != nil {
				u.showError(err)
				return
			}
			newPartyForm(u, full, func(debt.Party) { v.reload() }).show()
		}}, true
	}
	return fixAction{}, false
}

func (d *letterDialog) recipientIndex() int {
	for i, o := range d.recipient.Options {
		if o == d.recipient.Selected {
			return i
		}
	}
	return -1
}

// showProblems lists the letter's problems at the top of the dialog's
// scrolling form, each with a button to where it is fixed; the line under
// the form points to the list.
func (d *letterDialog) showProblems(ps []letters.Problem) []string {
	head := heading(fmt.Sprintf("Le courrier ne peut pas être émis (%s) :", countOf(len(ps), "", "point à corriger", "points à corriger")))
	head.Importance = widget.DangerImportance
	objs := []fyne.CanvasObject{head}
	for _, p := range ps {
		text := wrapped("• " + p.String())
		var btn fyne.CanvasObject
		if fix, ok := d.fixFor(p); ok {
			btn = widget.NewButtonWithIcon(fix.label, theme.NavigateNextIcon(), func() {
				d.f.onCancel()
				fix.run()
			})
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, btn, text))
	}
	objs = append(objs, widget.NewSeparator())
	d.problems.Objects = objs
	d.problems.Show()
	d.problems.Refresh()
	d.f.scroll.ScrollToTop()
	return []string{fmt.Sprintf("%s : voir la liste en haut du formulaire.", upperFirst(countOf(len(ps), "", "point à corriger", "points à corriger")))}
}

// hideProblems empties the list (the letter passed its checks).
func (d *letterDialog) hideProblems() {
	d.problems.Objects = nil
	d.problems.Hide()
}

package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// caseForm creates a case or edits its parties and terms: creditor,
// debtors, nature, the creditor's reference, who handles it, the
// contractual basis and the interest terms.
type caseForm struct {
	ui      *UI
	c       debt.Case
	onSaved func(debt.Case)

	creditor      debt.Party
	debtors       []debt.CaseDebtor
	creditorLabel *widget.Label
	debtorsBox    *fyne.Container
	nature        *widget.Select
	creditorRef   *entry
	assigned      *entry
	basis         *entry
	interest      *widget.Select
	rate, from    *entry
	f             *formDialog
	chooser       *partyChooser // the last chooser opened (tests drive it)
}

// interestChoices are the interest kinds of the form, "not verified" first.
var interestChoices = append([]debt.InterestKind{debt.InterestUnset}, debt.InterestKinds...)

func newCaseForm(u *UI, c debt.Case, onSaved func(debt.Case)) *caseForm {
	cf := &caseForm{ui: u, c: c, onSaved: onSaved, creditor: c.Creditor, debtors: append([]debt.CaseDebtor(nil), c.Debtors...)}
	cf.creditorLabel = widget.NewLabel("")
	cf.creditorLabel.Wrapping = fyne.TextWrapWord
	chooseCreditor := widget.NewButtonWithIcon("Choisir…", theme.SearchIcon(), cf.onChooseCreditor)
	cf.debtorsBox = container.NewVBox()
	addDebtor := widget.NewButtonWithIcon("Ajouter un débiteur…", theme.ContentAddIcon(), cf.onAddDebtor)

	natures := make([]string, len(debt.Natures))
	for i, n := range debt.Natures {
		natures[i] = n.Label()
	}
	cf.nature = newSelect(natures, nil)
	cf.creditorRef = u.newEntry("Numéro de client, de contrat…")
	cf.assigned = u.newEntry("Nom du gestionnaire")
	cf.basis = u.newMultiLineEntry("Contrat, clause, bon de commande, conditions générales sur lesquels repose la créance", 3)
	interests := make([]string, len(interestChoices))
	for i, k := range interestChoices {
		interests[i] = k.Label()
	}
	cf.interest = newSelect(interests, func(string) { cf.onInterestChanged() })
	cf.rate = u.newEntry("Taux annuel, par exemple 10,50")
	cf.from = u.newEntry("JJ/MM/AAAA (facultatif)")

	cf.fill()

	content := formGrid(
		widget.NewLabel("Créancier"), container.NewBorder(nil, nil, nil, chooseCreditor, cf.creditorLabel),
		widget.NewLabel("Débiteurs"), container.NewVBox(cf.debtorsBox, container.NewHBox(addDebtor)),
		widget.NewLabel("Nature"), cf.nature,
		widget.NewLabel("Référence du créancier"), cf.creditorRef,
		widget.NewLabel("Gestionnaire"), cf.assigned,
		widget.NewLabel("Fondement"), cf.basis,
		widget.NewLabel("Intérêts"), cf.interest,
		widget.NewLabel("Taux contractuel (%)"), cf.rate,
		widget.NewLabel("Intérêts à compter du"), cf.from,
	)
	title, confirm := "Nouveau dossier", "Créer le dossier"
	if c.ID != 0 {
		title, confirm = "Modifier le dossier "+c.Ref, "Enregistrer"
	}
	cf.f = u.newFormDialog(title, confirm, content, cf.onSubmit)
	cf.f.submitOnEnter(cf.creditorRef, cf.assigned, cf.rate, cf.from)
	return cf
}

func (cf *caseForm) show() { cf.f.show(fyne.NewSize(760, 640)) }

func (cf *caseForm) fill() {
	c := cf.c
	nature := c.Nature
	if nature == "" {
		nature = debt.NatureInvoice
	}
	for i, n := range debt.Natures {
		if n == nature {
			cf.nature.SetSelectedIndex(i)
		}
	}
	cf.creditorRef.SetText(c.CreditorRef)
	if c.ID == 0 && c.AssignedTo == "" {
		cf.assigned.SetText(cf.ui.author())
	} else {
		cf.assigned.SetText(c.AssignedTo)
	}
	cf.basis.SetText(c.Basis)
	for i, k := range interestChoices {
		if k == c.Interest.Kind {
			cf.interest.SetSelectedIndex(i)
		}
	}
	if c.Interest.RateBP > 0 {
		cf.rate.SetText(percentBP(c.Interest.RateBP))
	}
	cf.from.SetText(c.Interest.From.String())
	cf.refreshParties()
	cf.onInterestChanged()
}

func (cf *caseForm) onInterestChanged() {
	if cf.rate == nil {
		return
	}
	if i := cf.interest.SelectedIndex(); i >= 0 && interestChoices[i] == debt.InterestContractual {
		cf.rate.Enable()
	} else {
		cf.rate.Disable()
	}
}

func (cf *caseForm) refreshParties() {
	if cf.creditor.ID == 0 {
		cf.creditorLabel.SetText("Aucun : choisissez ou créez le créancier")
	} else {
		cf.creditorLabel.SetText(cf.creditor.Name() + " — " + cf.creditor.LegalKind.Label())
	}
	var rows []fyne.CanvasObject
	if len(cf.debtors) == 0 {
		rows = append(rows, widget.NewLabel("Aucun : ajoutez au moins un débiteur"))
	}
	for i := range cf.debtors {
		d := &cf.debtors[i]
		name := widget.NewLabel(d.Party.Name())
		name.Truncation = fyne.TextTruncateEllipsis
		joint := widget.NewCheck("Solidaire", func(on bool) { d.Jointly = on })
		joint.Checked = d.Jointly
		if len(cf.debtors) < 2 {
			joint.Hide()
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { cf.onRemoveDebtor(i) })
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(joint, remove), name))
	}
	cf.debtorsBox.Objects = rows
	cf.debtorsBox.Refresh()
}

func (cf *caseForm) onChooseCreditor() {
	cf.chooser = newPartyChooser(cf.ui, "Choisir le créancier", func(p debt.Party) {
		cf.creditor = p
		cf.refreshParties()
	})
	cf.chooser.show()
}

func (cf *caseForm) onAddDebtor() {
	cf.chooser = newPartyChooser(cf.ui, "Ajouter un débiteur", func(p debt.Party) {
		for _, d := range cf.debtors {
			if d.Party.ID == p.ID {
				return
			}
		}
		cf.debtors = append(cf.debtors, debt.CaseDebtor{Party: p})
		cf.refreshParties()
	})
	cf.chooser.show()
}

func (cf *caseForm) onRemoveDebtor(i int) {
	if i < 0 || i >= len(cf.debtors) {
		return
	}
	cf.debtors = append(cf.debtors[:i], cf.debtors[i+1:]...)
	cf.refreshParties()
}

// caseFromForm reads the form into a case; its messages are the input that
// could not be read.
func (cf *caseForm) caseFromForm() (debt.Case, []string) {
	c := cf.c
	var msgs []string
	c.Creditor = cf.creditor
	c.Debtors = append([]debt.CaseDebtor(nil), cf.debtors...)
	if len(c.Debtors) == 1 {
		c.Debtors[0].Jointly = false
	}
	if i := cf.nature.SelectedIndex(); i >= 0 {
		c.Nature = debt.Natures[i]
	} else {
		c.Nature = ""
	}
	c.CreditorRef = strings.TrimSpace(cf.creditorRef.Text)
	c.AssignedTo = strings.TrimSpace(cf.assigned.Text)
	c.Basis = strings.TrimSpace(cf.basis.Text)
	c.Interest = debt.InterestTerms{}
	if i := cf.interest.SelectedIndex(); i >= 0 {
		c.Interest.Kind = interestChoices[i]
	}
	if c.Interest.Kind == debt.InterestContractual {
		bp, ok := parsePercentBP(cf.rate.Text)
		if !ok {
			msgs = append(msgs, "Le taux contractuel doit être un pourcentage, par exemple 10,50")
		}
		c.Interest.RateBP = bp
	}
	from, err := debt.ParseDate(cf.from.Text)
	if err != nil {
		msgs = append(msgs, "Intérêts à compter du : "+data.Message(err))
	}
	c.Interest.From = from
	if c.ID == 0 {
		c.Opened = cf.ui.today()
		c.Status = debt.StatusNew
	}
	return c, msgs
}

func (cf *caseForm) onSubmit() []string {
	c, msgs := cf.caseFromForm()
	if len(msgs) > 0 {
		return msgs
	}
	if errs := c.Validate(cf.ui.today()); len(errs) > 0 {
		return fieldErrorMessages(errs)
	}
	ctx := context.Background()
	if c.ID == 0 {
		saved, err := cf.ui.store.CreateCase(ctx, c, cf.ui.author(), cf.ui.now())
		if err != nil {
			return cf.ui.errorMessages(err)
		}
		c = saved
	} else if err := cf.ui.store.UpdateCase(ctx, c, cf.ui.author(), cf.ui.now()); err != nil {
		return cf.ui.errorMessages(err)
	}
	if cf.onSaved != nil {
		cf.onSaved(c)
	}
	return nil
}

package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

const (
	labelPerson       = "Personne physique"
	labelCompany      = "Société, association, administration"
	labelConsumer     = "Particulier / consommateur"
	labelProfessional = "Professionnel"
)

// partyForm creates or edits a creditor or debtor: a person or a company,
// its standing for the law, its addresses (one current), e-mails and phones.
type partyForm struct {
	ui      *UI
	p       debt.Party
	onSaved func(debt.Party)

	typ, kind             *widget.RadioGroup
	civility              *widget.SelectEntry
	first, last, birth    *entry
	company, siren        *entry
	legalForm             *widget.SelectEntry
	personBox, companyBox *fyne.Container
	addrBox               *fyne.Container
	addrs                 []*addressEditor
	emails, phones        *entry
	f                     *formDialog
	box                   *fyne.Container
}

// addressEditor edits one postal address of a party.
type addressEditor struct {
	id                                                              int64
	complement, building, street, locality, postcode, town, country *entry
	current                                                         *widget.Check
	box                                                             fyne.CanvasObject
}

func newPartyForm(u *UI, p debt.Party, onSaved func(debt.Party)) *partyForm {
	pf := &partyForm{ui: u, p: p, onSaved: onSaved}
	pf.typ = widget.NewRadioGroup([]string{labelPerson, labelCompany}, func(string) { pf.onTypeChanged() })
	pf.typ.Horizontal = true
	pf.typ.Required = true
	pf.kind = widget.NewRadioGroup([]string{labelConsumer, labelProfessional}, nil)
	pf.kind.Horizontal = true
	pf.kind.Required = true

	pf.civility = widget.NewSelectEntry([]string{"M.", "Mme"})
	pf.first = u.newEntry("Prénom")
	pf.last = u.newEntry("Nom de famille")
	pf.birth = u.newEntry("JJ/MM/AAAA (facultatif)")
	pf.company = u.newEntry("Raison sociale")
	pf.legalForm = widget.NewSelectEntry([]string{"SARL", "SAS", "SASU", "SA", "EURL", "SCI", "SNC", "EI", "Association"})
	pf.siren = u.newEntry("9 chiffres (facultatif)")
	pf.emails = u.newMultiLineEntry("Une adresse par ligne", 2)
	pf.phones = u.newMultiLineEntry("Un numéro par ligne", 2)

	pf.personBox = formGrid(
		widget.NewLabel("Civilité"), pf.civility,
		widget.NewLabel("Prénom"), pf.first,
		widget.NewLabel("Nom"), pf.last,
		widget.NewLabel("Date de naissance"), pf.birth,
	)
	pf.companyBox = formGrid(
		widget.NewLabel("Raison sociale"), pf.company,
		widget.NewLabel("Forme juridique"), pf.legalForm,
		widget.NewLabel("SIREN"), pf.siren,
	)
	pf.addrBox = container.NewVBox()
	addAddr := widget.NewButtonWithIcon("Ajouter une adresse", theme.ContentAddIcon(), func() {
		pf.addAddress(debt.Address{Current: len(pf.addrs) == 0})
	})

	pf.fill()

	pf.box = container.NewVBox(
		formGrid(widget.NewLabel("Type"), pf.typ, widget.NewLabel("Qualité"), pf.kind),
		pf.personBox, pf.companyBox,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, heading("Adresses postales (38 caractères par ligne au plus)"), addAddr),
		pf.addrBox,
		widget.NewSeparator(),
		formGrid(
			widget.NewLabel("Courriels"), pf.emails,
			widget.NewLabel("Téléphones"), pf.phones,
		),
	)
	title := "Nouvelle partie"
	if p.ID != 0 {
		title = "Modifier " + p.Name()
	}
	pf.f = u.newFormDialog(title, "Enregistrer", pf.box, pf.onSubmit)
	pf.f.submitOnEnter(pf.first, pf.last, pf.birth, pf.company, pf.siren)
	for _, ae := range pf.addrs {
		ae.submitOnEnter(pf.f)
	}
	return pf
}

func (pf *partyForm) show() { pf.f.show(fyne.NewSize(760, 680)) }

func (pf *partyForm) fill() {
	p := pf.p
	if p.Type == debt.Company {
		pf.typ.SetSelected(labelCompany)
	} else {
		pf.typ.SetSelected(labelPerson)
	}
	if p.LegalKind == debt.Professional {
		pf.kind.SetSelected(labelProfessional)
	} else {
		pf.kind.SetSelected(labelConsumer)
	}
	pf.civility.SetText(p.Civility)
	pf.first.SetText(p.FirstName)
	pf.last.SetText(p.LastName)
	pf.birth.SetText(p.BirthDate.String())
	pf.company.SetText(p.CompanyName)
	pf.legalForm.SetText(p.LegalForm)
	pf.siren.SetText(p.SIREN)
	pf.emails.SetText(strings.Join(p.Emails, "\n"))
	pf.phones.SetText(strings.Join(p.Phones, "\n"))
	for _, a := range p.Addresses {
		pf.addAddress(a)
	}
	if len(p.Addresses) == 0 {
		pf.addAddress(debt.Address{Current: true})
	}
	pf.onTypeChanged()
}

func (pf *partyForm) onTypeChanged() {
	if pf.personBox == nil {
		return
	}
	if pf.typ.Selected == labelCompany {
		pf.personBox.Hide()
		pf.companyBox.Show()
		if pf.p.ID == 0 {
			pf.kind.SetSelected(labelProfessional)
		}
	} else {
		pf.companyBox.Hide()
		pf.personBox.Show()
	}
	if pf.box != nil {
		pf.box.Refresh()
	}
}

func (pf *partyForm) addAddress(a debt.Address) {
	u := pf.ui
	ae := &addressEditor{
		id:         a.ID,
		complement: u.newEntry("Appartement, étage, chez…"),
		building:   u.newEntry("Bâtiment, résidence"),
		street:     u.newEntry("ex. 12 rue des Lilas"),
		locality:   u.newEntry("Lieu-dit, boîte postale"),
		postcode:   u.newEntry("ex. 59000"),
		town:       u.newEntry("ex. Lille"),
		country:    u.newEntry("Vide pour la France"),
	}
	ae.complement.SetText(a.Complement)
	ae.building.SetText(a.Building)
	ae.street.SetText(a.Street)
	ae.locality.SetText(a.Locality)
	ae.postcode.SetText(a.Postcode)
	ae.town.SetText(a.Town)
	ae.country.SetText(a.Country)
	ae.current = widget.NewCheck("Adresse actuelle (celle des courriers)", func(on bool) {
		if !on {
			return
		}
		for _, o := range pf.addrs {
			if o != ae && o.current.Checked {
				o.current.SetChecked(false)
			}
		}
	})
	ae.current.SetChecked(a.Current)
	remove := widget.NewButtonWithIcon("Retirer", theme.DeleteIcon(), func() { pf.removeAddress(ae) })
	ae.box = container.NewVBox(
		formGrid(
			widget.NewLabel("Complément"), ae.complement,
			widget.NewLabel("Bâtiment"), ae.building,
			widget.NewLabel("Numéro et voie"), ae.street,
			widget.NewLabel("Lieu-dit / BP"), ae.locality,
			widget.NewLabel("Code postal"), ae.postcode,
			widget.NewLabel("Ville"), ae.town,
			widget.NewLabel("Pays"), ae.country,
		),
		container.NewBorder(nil, nil, nil, remove, ae.current),
		widget.NewSeparator(),
	)
	pf.addrs = append(pf.addrs, ae)
	pf.addrBox.Add(ae.box)
	if pf.f != nil {
		ae.submitOnEnter(pf.f)
	}
}

func (ae *addressEditor) submitOnEnter(f *formDialog) {
	f.submitOnEnter(ae.complement, ae.building, ae.street, ae.locality, ae.postcode, ae.town, ae.country)
}

func (pf *partyForm) removeAddress(ae *addressEditor) {
	for i, o := range pf.addrs {
		if o == ae {
			pf.addrs = append(pf.addrs[:i], pf.addrs[i+1:]...)
			break
		}
	}
	pf.addrBox.Remove(ae.box)
}

func (ae *addressEditor) address() debt.Address {
	return debt.Address{
		ID:         ae.id,
		Complement: strings.TrimSpace(ae.complement.Text),
		Building:   strings.TrimSpace(ae.building.Text),
		Street:     strings.TrimSpace(ae.street.Text),
		Locality:   strings.TrimSpace(ae.locality.Text),
		Postcode:   strings.TrimSpace(ae.postcode.Text),
		Town:       strings.TrimSpace(ae.town.Text),
		Country:    strings.TrimSpace(ae.country.Text),
		Current:    ae.current.Checked,
	}
}

func blankAddress(a debt.Address) bool {
	return a.Complement == "" && a.Building == "" && a.Street == "" && a.Locality == "" &&
		a.Postcode == "" && a.Town == "" && a.Country == ""
}

// party reads the form. Its messages are the input that could not be read.
func (pf *partyForm) party() (debt.Party, []string) {
	p := debt.Party{ID: pf.p.ID, Type: debt.Person, LegalKind: debt.Consumer}
	var msgs []string
	switch pf.typ.Selected {
	case labelCompany:
		p.Type = debt.Company
		p.CompanyName = strings.TrimSpace(pf.company.Text)
		p.LegalForm = strings.TrimSpace(pf.legalForm.Text)
		p.SIREN = strings.TrimSpace(pf.siren.Text)
	default:
		p.Civility = strings.TrimSpace(pf.civility.Text)
		p.FirstName = strings.TrimSpace(pf.first.Text)
		p.LastName = strings.TrimSpace(pf.last.Text)
		d, err := debt.ParseDate(pf.birth.Text)
		if err != nil {
			msgs = append(msgs, "Date de naissance : "+data.Message(err))
		}
		p.BirthDate = d
	}
	if pf.kind.Selected == labelProfessional {
		p.LegalKind = debt.Professional
	}
	for _, ae := range pf.addrs {
		if a := ae.address(); !blankAddress(a) {
			p.Addresses = append(p.Addresses, a)
		}
	}
	if len(p.Addresses) == 1 {
		p.Addresses[0].Current = true
	}
	p.Emails = lines(pf.emails.Text)
	p.Phones = lines(pf.phones.Text)
	return p, msgs
}

func (pf *partyForm) onSubmit() []string {
	p, msgs := pf.party()
	if len(msgs) > 0 {
		return msgs
	}
	if errs := p.Validate(pf.ui.today()); len(errs) > 0 {
		return addressPrefixed(errs, len(p.Addresses))
	}
	ctx := context.Background()
	id, err := pf.ui.store.SaveParty(ctx, p, pf.ui.author(), pf.ui.now())
	if err != nil {
		return pf.ui.errorMessages(err)
	}
	saved, err := pf.ui.store.Party(ctx, id)
	if err != nil {
		pf.ui.logError(err)
		p.ID = id
		saved = p
	}
	if pf.onSaved != nil {
		pf.onSaved(saved)
	}
	return nil
}

// addressPrefixed says which address a message is about when there are
// several: "Adresse 2 : Le code postal…".
func addressPrefixed(errs []debt.FieldError, n int) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Message
		var k int
		if n > 1 && strings.HasPrefix(e.Field, "addresses[") {
			if _, err := fmt.Sscanf(e.Field, "addresses[%d]", &k); err == nil {
				out[i] = fmt.Sprintf("Adresse %d : %s", k+1, e.Message)
			}
		}
	}
	return out
}

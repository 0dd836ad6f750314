package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
)

func TestPartyFormCreatesPerson(t *testing.T) {
	u, st := newTestUI(t)
	u.onNewParty()
	pf := u.parties.form
	if pf.typ.Selected != labelPerson || pf.kind.Selected != labelConsumer || !pf.personBox.Visible() || pf.companyBox.Visible() {
		t.Fatalf("new party form: type %q kind %q; want a consumer person with its fields shown", pf.typ.Selected, pf.kind.Selected)
	}
	pf.civility.SetText("M.")
	test.Type(pf.first, "Luc")
	test.Type(pf.last, "Durand")
	test.Type(pf.birth, "03/04/1980")
	a := pf.addrs[0]
	test.Type(a.street, "5 place du Marché")
	test.Type(a.postcode, "59800")
	test.Type(a.town, "Lille")
	test.Type(pf.emails, "luc.durand@exemple.fr")
	test.Type(pf.phones, "06 00 00 00 01")
	a.town.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves
	if !pf.f.closed {
		t.Fatalf("party not saved: %q", pf.f.errs.Text)
	}
	rows, err := st.ListParties(ctx, data.PartyQuery{})
	if err != nil || len(rows) != 1 {
		t.Fatalf("ListParties = %v, %v; want one party", rows, err)
	}
	p, _ := st.Party(ctx, rows[0].ID)
	if p.Name() != "M. Luc DURAND" || p.BirthDate != debt.MustDate("1980-04-03") || len(p.Addresses) != 1 || !p.Addresses[0].Current ||
		p.Addresses[0].Street != "5 place du Marché" || strings.Join(p.Emails, ",") != "luc.durand@exemple.fr" || strings.Join(p.Phones, ",") != "06 00 00 00 01" {
		t.Errorf("saved party = %+v", p)
	}
	settle(u)
	if got := u.parties.count.Text; got != "1 partie" {
		t.Errorf("parties count = %q, want %q", got, "1 partie")
	}
	if got := cell(u.parties.table, 0, 0); got != "M. Luc DURAND" {
		t.Errorf("parties row = %q, want M. Luc DURAND", got)
	}
}

func TestPartyFormInvalidWritesNothing(t *testing.T) {
	u, st := newTestUI(t)
	u.onNewParty()
	pf := u.parties.form
	pf.typ.SetSelected(labelCompany)
	if !pf.companyBox.Visible() || pf.personBox.Visible() || pf.kind.Selected != labelProfessional {
		t.Fatalf("company chosen: company fields %v, person fields %v, kind %q", pf.companyBox.Visible(), pf.personBox.Visible(), pf.kind.Selected)
	}
	test.Type(pf.siren, "123456789")
	a := pf.addrs[0]
	test.Type(a.street, "Résidence des Grands Chênes, bâtiment B, escalier 4")
	test.Type(a.postcode, "5900")
	test.Type(a.town, "Lille")
	test.Type(pf.emails, "pas-une-adresse")
	test.Tap(pf.f.confirm)

	for _, want := range []string{
		"La raison sociale est obligatoire",
		"Le SIREN « 123456789 » est erroné (clé de contrôle invalide)",
		"La ligne numéro et voie dépasse 38 caractères",
		"Le code postal « 5900 » doit compter 5 chiffres",
		"L'adresse électronique « pas-une-adresse » est invalide",
	} {
		if !strings.Contains(pf.f.errs.Text, want) {
			t.Errorf("errors %q lack %q", pf.f.errs.Text, want)
		}
	}
	if pf.f.closed || !pf.f.errs.Visible() {
		t.Error("invalid form closed or hid its errors")
	}
	if n, _ := st.CountParties(ctx, data.PartyQuery{}); n != 0 {
		t.Fatalf("parties = %d after invalid input, want 0", n)
	}

	test.Type(pf.company, "Garage du Centre")
	pf.siren.SetText("552100554")
	a.street.SetText("Résidence des Grands Chênes")
	a.postcode.SetText("59000")
	pf.emails.SetText("contact@garage-centre.fr")
	test.Tap(pf.f.confirm)
	if !pf.f.closed {
		t.Fatalf("corrected form not saved: %q", pf.f.errs.Text)
	}
	rows, _ := st.ListParties(ctx, data.PartyQuery{})
	if len(rows) != 1 || rows[0].Name != "SARL Garage du Centre" && rows[0].Name != "Garage du Centre" || rows[0].LegalKind != debt.Professional {
		t.Errorf("saved = %+v, want the professional Garage du Centre", rows)
	}
}

func TestPartyFormEditsAddresses(t *testing.T) {
	u, st := newTestUI(t)
	p := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	pf := newPartyForm(u, p, nil)
	pf.show()
	if got := pf.addrs[0].street.Text; got != "3 rue des Lilas" {
		t.Fatalf("address filled = %q, want the saved street", got)
	}
	test.Tap(button(t, pf.f.content, "Ajouter une adresse"))
	b := pf.addrs[1]
	test.Type(b.street, "8 boulevard Carnot")
	test.Type(b.postcode, "59000")
	test.Type(b.town, "Lille")
	b.current.SetChecked(true)
	if pf.addrs[0].current.Checked {
		t.Error("two addresses marked current; checking one must uncheck the other")
	}
	test.Tap(pf.f.confirm)
	if !pf.f.closed {
		t.Fatalf("not saved: %q", pf.f.errs.Text)
	}
	got, _ := st.Party(ctx, p.ID)
	cur, _ := got.CurrentAddress()
	if len(got.Addresses) != 2 || cur.Street != "8 boulevard Carnot" {
		t.Errorf("addresses = %+v, want two with the boulevard current", got.Addresses)
	}
}

func TestCaseFormCreatesCase(t *testing.T) {
	u, st := newTestUI(t)
	saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	saveParty(t, st, person("Paul", "Bernard", "59000", "Lille"))

	pressShortcut(u, fyne.KeyN)
	cf := u.cases.form
	if cf == nil || topOverlay(t, u) == nil {
		t.Fatal("Ctrl+N opened no case form")
	}
	pressShortcut(u, fyne.KeyN)
	pressShortcut(u, fyne.Key6)
	if u.cases.form != cf || len(u.dialogs) != 1 || u.tabs.SelectedIndex() != 1 {
		t.Errorf("shortcuts acted under the open form: %d dialogs, screen %d", len(u.dialogs), u.tabs.SelectedIndex())
	}
	if cf.assigned.Text != "Claire Martin" || cf.nature.Selected != debt.NatureInvoice.Label() {
		t.Errorf("defaults: assigned %q, nature %q; want the author and an invoice", cf.assigned.Text, cf.nature.Selected)
	}

	test.Tap(button(t, cf.f.content, "Choisir…"))
	pc := cf.chooser
	settle(u)
	if len(pc.rows) != 3 {
		t.Fatalf("chooser lists %d parties, want 3", len(pc.rows))
	}
	test.Type(pc.search, "Boulang")
	settle(u)
	if len(pc.rows) != 1 || !strings.Contains(pc.rows[0].Name, "Boulangerie Dupont") {
		t.Fatalf("chooser search = %+v, want the bakery only", pc.rows)
	}
	pc.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter picks the first
	if cf.creditor.Name() != "SARL Boulangerie Dupont" {
		t.Fatalf("creditor = %q", cf.creditor.Name())
	}
	if !strings.HasPrefix(cf.creditorLabel.Text, "SARL Boulangerie Dupont") {
		t.Errorf("creditor label = %q", cf.creditorLabel.Text)
	}

	for _, name := range []string{"Martin", "Bernard"} {
		test.Tap(button(t, cf.f.content, "Ajouter un débiteur…"))
		test.Type(cf.chooser.search, name)
		settle(u)
		cf.chooser.list.Select(0)
	}
	if len(cf.debtors) != 2 {
		t.Fatalf("debtors = %d, want 2", len(cf.debtors))
	}
	cf.nature.SetSelected(debt.NatureRent.Label())
	test.Type(cf.creditorRef, "BAIL-12")
	test.Type(cf.basis, "Bail du 01/09/2024, article 5")
	cf.interest.SetSelected(debt.InterestContractual.Label())
	test.Type(cf.rate, "10,5")
	test.Tap(cf.f.confirm)
	if !cf.f.closed {
		t.Fatalf("case not created: %q", cf.f.errs.Text)
	}

	v := u.cases.view
	if v == nil || v.title.Text != "Dossier 2026-00001" {
		t.Fatalf("after creation the case view shows %v, want Dossier 2026-00001", v)
	}
	c, _ := st.Case(ctx, v.id)
	if c.Nature != debt.NatureRent || c.CreditorRef != "BAIL-12" || c.Interest.Kind != debt.InterestContractual ||
		c.Interest.RateBP != 1050 || c.AssignedTo != "Claire Martin" || len(c.Debtors) != 2 || c.Status != debt.StatusNew {
		t.Errorf("created case = %+v", c)
	}
	u.onEscape()
	settle(u)
	if got := cell(u.cases.table, 0, 2); got != "Mme Claire MARTIN (+1)" {
		t.Errorf("list debtor cell = %q, want %q", got, "Mme Claire MARTIN (+1)")
	}
}

func TestCaseFormInvalidWritesNothing(t *testing.T) {
	u, st := newTestUI(t)
	u.onNewCase()
	cf := u.cases.form
	cf.interest.SetSelected(debt.InterestContractual.Label())
	test.Type(cf.rate, "dix")
	test.Type(cf.from, "2026-13-01")
	test.Tap(cf.f.confirm)
	for _, want := range []string{"Le taux contractuel doit être un pourcentage, par exemple 10,50", "Intérêts à compter du : "} {
		if !strings.Contains(cf.f.errs.Text, want) {
			t.Errorf("errors %q lack %q", cf.f.errs.Text, want)
		}
	}
	cf.rate.SetText("10")
	cf.from.SetText("")
	test.Tap(cf.f.confirm)
	for _, want := range []string{"Choisissez le créancier", "Ajoutez au moins un débiteur"} {
		if !strings.Contains(cf.f.errs.Text, want) {
			t.Errorf("errors %q lack %q", cf.f.errs.Text, want)
		}
	}
	if n, _ := st.CountCases(ctx, data.CaseQuery{}); n != 0 {
		t.Errorf("cases = %d after invalid input, want 0", n)
	}
	u.onEscape()
	if len(u.dialogs) != 0 {
		t.Error("Échap did not close the case form")
	}
}

func TestChooserCreatesPartyInline(t *testing.T) {
	u, _ := newTestUI(t)
	u.onNewCase()
	cf := u.cases.form
	test.Tap(button(t, cf.f.content, "Choisir…"))
	settle(u)
	if !strings.Contains(cf.chooser.info.Text, "Aucune partie enregistrée") {
		t.Errorf("empty chooser says %q", cf.chooser.info.Text)
	}
	test.Tap(button(t, topOverlay(t, u), "Nouvelle partie…"))
	pf := u.parties.form
	if pf != nil {
		t.Fatal("the chooser's party form must not replace the screen's")
	}
	form := cf.chooser.form
	form.typ.SetSelected(labelCompany)
	test.Type(form.company, "Boulangerie Dupont")
	test.Type(form.addrs[0].street, "10 avenue Foch")
	test.Type(form.addrs[0].postcode, "59000")
	test.Type(form.addrs[0].town, "Lille")
	test.Tap(form.f.confirm)
	if !form.f.closed {
		t.Fatalf("party not saved: %q", form.f.errs.Text)
	}
	if cf.creditor.ID == 0 || cf.creditor.CompanyName != "Boulangerie Dupont" {
		t.Errorf("creditor after inline creation = %+v", cf.creditor)
	}
	if len(u.dialogs) != 1 {
		t.Errorf("dialogs open = %d, want the case form only", len(u.dialogs))
	}
}

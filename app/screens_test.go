package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/data"
)

func TestWindowRailAndShortcuts(t *testing.T) {
	u, _ := newTestUI(t)
	if got := u.win.Title(); got != "Amiable" {
		t.Errorf("title = %q, want Amiable", got)
	}
	want := []string{"À traiter", "Dossiers", "Courriers", "Courriels", "Créanciers/Débiteurs", "Paramètres", "Calculette"}
	var got []string
	for _, it := range u.tabs.Items {
		got = append(got, it.Text)
		if it.Icon == nil {
			t.Errorf("rail entry %q has no icon", it.Text)
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rail = %q, want %q", got, want)
	}
	if u.tabs.SelectedIndex() != 1 {
		t.Errorf("first screen = %d, want Dossiers (1)", u.tabs.SelectedIndex())
	}
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7} {
		pressShortcut(u, k)
		settle(u)
		if u.tabs.SelectedIndex() != i {
			t.Errorf("Ctrl+%s selected screen %d, want %d", k, u.tabs.SelectedIndex(), i)
		}
	}

	pressShortcut(u, fyne.KeyF) // from Paramètres, which has no search: go to Dossiers
	if u.tabs.SelectedIndex() != 1 || u.win.Canvas().Focused() != u.cases.search {
		t.Errorf("Ctrl+F: screen %d, focus %T; want Dossiers with its search focused", u.tabs.SelectedIndex(), u.win.Canvas().Focused())
	}
	u.cases.open(mustCreateCase(t, u))
	pressShortcut(u, fyne.KeyF) // from a case: back to the list, in the search
	if u.cases.view != nil || u.win.Canvas().Focused() != u.cases.search {
		t.Errorf("Ctrl+F from a case: view open %v, focus %T; want the list with its search focused", u.cases.view != nil, u.win.Canvas().Focused())
	}
	pressShortcut(u, fyne.Key5)
	pressShortcut(u, fyne.KeyF)
	if u.win.Canvas().Focused() != u.parties.search {
		t.Errorf("Ctrl+F on Créanciers/Débiteurs focused %T, want its search", u.win.Canvas().Focused())
	}

	// the menu carries the same shortcuts, so that they work in a text field
	menu := u.win.MainMenu()
	shortcuts := map[string]string{}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				shortcuts[it.Label] = it.Shortcut.ShortcutName()
			}
		}
	}
	if shortcuts["Nouveau dossier"] == "" || shortcuts["Rechercher"] == "" || shortcuts["Encaisser un paiement"] == "" {
		t.Errorf("menu shortcuts = %v, want Nouveau dossier, Rechercher, Encaisser", shortcuts)
	}
	var goLabels []string
	for _, m := range menu.Items {
		if m.Label == menuGo {
			for _, it := range m.Items {
				goLabels = append(goLabels, it.Label)
			}
		}
	}
	if !slices.Contains(goLabels, "Aller à : Paramètres (F6)") || !slices.Contains(goLabels, "Aller à : Calculette (F7)") {
		t.Errorf("menu Aller à = %q, want the screens with their function keys", goLabels)
	}

	u.onShowShortcuts()
	top := topOverlay(t, u)
	for _, want := range []string{"Ctrl+N", "Nouveau dossier", "Échap", "F7", "Aller à : Calculette", "Ctrl+E", "Encaisser un paiement", "Ctrl+Tab"} {
		if !hasText(top, want) {
			t.Errorf("shortcut help %q lacks %q", texts(top), want)
		}
	}
	u.onEscape()
}

func TestPartiesScreen(t *testing.T) {
	u, st := newTestUI(t)
	seedCases(t, st) // 2 creditors, 5 debtors
	pressShortcut(u, fyne.Key5)
	settle(u)
	pl := u.parties
	if got := pl.count.Text; got != "7 parties" {
		t.Errorf("count = %q, want 7 parties", got)
	}
	tests := []struct {
		role, count string
	}{
		{"Créanciers", "2 parties"},
		{"Débiteurs", "5 parties"},
		{"Toutes les parties", "7 parties"},
	}
	for _, tt := range tests {
		pl.role.SetSelected(tt.role)
		settle(u)
		if got := pl.count.Text; got != tt.count {
			t.Errorf("role %q: count = %q, want %q", tt.role, got, tt.count)
		}
	}
	test.Type(pl.search, "Petit")
	settle(u)
	if got := pl.count.Text; got != "1 partie" {
		t.Fatalf("search Petit: count = %q, want 1 partie", got)
	}
	row := []string{cell(pl.table, 0, 0), cell(pl.table, 0, 1), cell(pl.table, 0, 3), cell(pl.table, 0, 6), cell(pl.table, 0, 7)}
	if strings.Join(row, "|") != "Mme Sophie PETIT|Particulier|Lille|Non|Oui" {
		t.Errorf("row = %q", row)
	}
	pl.table.Select(widgetCell(0, 0))
	pl.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pl.form == nil || pl.form.last.Text != "Petit" {
		t.Fatalf("Enter did not open Sophie PETIT's form")
	}
	pl.form.addrs[0].town.SetText("Roubaix")
	pl.form.addrs[0].postcode.SetText("59100")
	test.Tap(pl.form.f.confirm)
	settle(u)
	if got := cell(pl.table, 0, 3); got != "Roubaix" {
		t.Errorf("town after edit = %q, want Roubaix", got)
	}
	pl.search.SetText("Zzz")
	settle(u)
	if !pl.empty.Visible() || !strings.Contains(pl.emptyMsg.Text, "Aucune partie ne correspond à « Zzz »") {
		t.Errorf("no-match state: visible %v, message %q", pl.empty.Visible(), pl.emptyMsg.Text)
	}
}

func TestSettingsOfficeAndAuthor(t *testing.T) {
	u, st := newTestUI(t)
	pressShortcut(u, fyne.Key6)
	s := u.settings
	test.Type(s.name, "Étude Dupont & Associés")
	test.Type(s.street, "12 rue Nationale")
	test.Type(s.postcode, "59000")
	test.Type(s.town, "Lille")
	test.Type(s.letterTown, "Lille")
	test.Type(s.siret, "73282932000074")
	test.Type(s.iban, "FR76 3000 6000 0112 3456 7890 188")
	test.Type(s.bic, "agrifrpp")
	test.Type(s.signatories, "Maître Jeanne DUPONT\nMaître Marc LEROY")
	test.Tap(s.officeSave)
	if !strings.Contains(s.officeErrs.Text, "L'IBAN « FR7630006000011234567890188 » est erroné (clé de contrôle invalide)") || !s.officeErrs.Visible() {
		t.Errorf("errors = %q, want the IBAN key message", s.officeErrs.Text)
	}
	if o, _ := st.Office(ctx); o.Name != "" {
		t.Fatalf("office saved despite a wrong IBAN: %+v", o)
	}

	s.iban.SetText("FR76 3000 6000 0112 3456 7890 189")
	s.iban.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.officeErrs.Visible() {
		t.Fatalf("valid office refused: %q", s.officeErrs.Text)
	}
	if got := s.officeSaved.Text; got != "Enregistré le 15/05/2026 à 09:30" {
		t.Errorf("saved label = %q", got)
	}
	o, _ := st.Office(ctx)
	if o.Name != "Étude Dupont & Associés" || o.IBAN != "FR7630006000011234567890189" || o.BIC != "AGRIFRPP" ||
		strings.Join(o.Signatories, "|") != "Maître Jeanne DUPONT|Maître Marc LEROY" || o.Address.Postcode != "59000" {
		t.Errorf("saved office = %+v", o)
	}

	if s.author.Text != "Claire Martin" {
		t.Errorf("Votre nom before any setting = %q, want the session's Claire Martin", s.author.Text)
	}
	s.author.SetText("")
	test.Type(s.author, "Jeanne Dupont")
	test.Tap(s.authorSave)

	// a restart shows what was saved
	u2 := newTestUIOn(t, u.app, st)
	u2.showScreen(5)
	s2 := u2.settings
	if s2.name.Text != "Étude Dupont & Associés" || s2.iban.Text != "FR76 3000 6000 0112 3456 7890 189" || s2.signatories.Text != "Maître Jeanne DUPONT\nMaître Marc LEROY" {
		t.Errorf("reloaded office: name %q, IBAN %q, signatories %q", s2.name.Text, s2.iban.Text, s2.signatories.Text)
	}
	if s2.author.Text != "Jeanne Dupont" || u2.author() != "Jeanne Dupont" {
		t.Errorf("reloaded author = %q / %q, want Jeanne Dupont", s2.author.Text, u2.author())
	}
	events, err := st.OfficeEvents(ctx, 10)
	if err != nil || len(events) == 0 || events[0].Author != "Claire Martin" {
		t.Errorf("office change journal = %+v, %v; want an entry by Claire Martin", events, err)
	}
}

// mustCreateCase saves a case through the window's store and returns its ID.
func mustCreateCase(t *testing.T, u *UI) int64 {
	t.Helper()
	st := u.store.(*data.Store)
	c := saveCase(t, st, saveParty(t, st, company("Boulangerie Dupont", "732829320")), saveParty(t, st, person("Claire", "Martin", "59800", "Lille")), 120000)
	return c.ID
}

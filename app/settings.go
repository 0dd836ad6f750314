package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// settingsScreen is Paramètres: one tab per section. Later issues add
// theirs (rates, calendar, letters, mail, backups) to sections.
type settingsScreen struct {
	ui       *UI
	scr      *screen
	loaded   bool
	tabs     *container.AppTabs
	sections []*container.TabItem

	// Étude
	name, complement, building, street, locality, postcode, town *entry
	siret, phone, email, iban, bic, letterTown                   *entry
	signatories                                                  *entry
	officeErrs, officeSaved                                      *widget.Label
	officeSave                                                   *widget.Button
	officeBox                                                    *fyne.Container

	// Utilisateur
	author      *entry
	authorSaved *widget.Label
	authorSave  *widget.Button

	rates *ratesSection // Taux
	rules *rulesSection // Calculs

	letterSet *letterSettings // Courriers (lettersettings.go)
	mailSet   *mailSettings   // Courriel (mailsettings.go)
	daily     *dailySection   // Tâche quotidienne (backupsettings.go)
	dbSet     *dbSection      // Base de données (dbsettings.go)
}

// Titles of the sections other screens lead to.
const (
	sectionRates = "Taux"
	sectionRules = "Calculs"
)

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{ui: u, rates: newRatesSection(u), rules: newRulesSection(u),
		letterSet: newLetterSettings(u), mailSet: newMailSettings(u), daily: newDailySection(u), dbSet: newDBSection(u)}
	s.sections = []*container.TabItem{
		container.NewTabItemWithIcon("Étude", theme.HomeIcon(), s.officeSection()),
		container.NewTabItemWithIcon("Utilisateur", theme.AccountIcon(), s.userSection()),
		container.NewTabItemWithIcon(sectionRates, theme.StorageIcon(), s.rates.content),
		container.NewTabItemWithIcon(sectionRules, theme.GridIcon(), s.rules.content),
		container.NewTabItemWithIcon(sectionLetters, theme.MailComposeIcon(), s.letterSet.content),
		container.NewTabItemWithIcon(sectionMail, theme.MailAttachmentIcon(), s.mailSet.content),
		container.NewTabItemWithIcon(sectionDaily, theme.HistoryIcon(), s.daily.content),
		container.NewTabItemWithIcon(sectionDatabase, theme.StorageIcon(), s.dbSet.content),
		container.NewTabItemWithIcon("Raccourcis", theme.HelpIcon(), container.NewVScroll(shortcutHelp(nil))),
	}
	s.tabs = container.NewAppTabs(s.sections...)
	return s
}

func (s *settingsScreen) screen() *screen {
	s.scr = &screen{
		title:   "Paramètres",
		icon:    theme.SettingsIcon(),
		content: s.tabs,
		shown: func() {
			if !s.loaded {
				s.load()
			}
		},
	}
	return s.scr
}

func (s *settingsScreen) index() int { return s.ui.indexOf(s.scr) }

// showSection shows Paramètres open on the section of that title.
func (s *settingsScreen) showSection(title string) {
	s.ui.showScreen(s.index())
	for _, it := range s.sections {
		if it.Text == title {
			s.tabs.Select(it)
		}
	}
}

func (s *settingsScreen) officeSection() fyne.CanvasObject {
	u := s.ui
	s.name = u.newEntry("Étude de Maîtres …")
	s.complement = u.newEntry("Étage, bureau…")
	s.building = u.newEntry("Immeuble, résidence")
	s.street = u.newEntry("ex. 12 rue Nationale")
	s.locality = u.newEntry("Lieu-dit, boîte postale")
	s.postcode = u.newEntry("ex. 59000")
	s.town = u.newEntry("ex. Lille")
	s.siret = u.newEntry("14 chiffres")
	s.phone = u.newEntry("ex. 03 20 00 00 00")
	s.email = u.newEntry("ex. contact@etude.fr")
	s.iban = u.newEntry("FR76 …")
	s.bic = u.newEntry("8 ou 11 caractères")
	s.letterTown = u.newEntry("ex. Lille")
	s.signatories = u.newMultiLineEntry("Un nom par ligne : Maître Jeanne DUPONT, commissaire de justice", 3)
	s.officeErrs = errorLabel()
	s.officeSaved = widget.NewLabel("")
	s.officeSaved.Importance = widget.SuccessImportance
	s.officeSave = widget.NewButtonWithIcon("Enregistrer l'identité de l'étude", theme.DocumentSaveIcon(), s.onSaveOffice)
	s.officeSave.Importance = widget.HighImportance
	for _, e := range []*entry{s.name, s.complement, s.building, s.street, s.locality, s.postcode, s.town,
		s.siret, s.phone, s.email, s.iban, s.bic, s.letterTown} {
		e.OnSubmitted = func(string) { s.onSaveOffice() }
	}
	intro := wrapped("L'identité de l'étude figure sur chaque courrier : en-tête, adresse, coordonnées du compte de fonds de tiers (IBAN) et signataires.")
	form := formGrid(
		widget.NewLabel("Nom de l'étude"), s.name,
		widget.NewLabel("Complément"), s.complement,
		widget.NewLabel("Bâtiment"), s.building,
		widget.NewLabel("Numéro et voie"), s.street,
		widget.NewLabel("Lieu-dit / BP"), s.locality,
		widget.NewLabel("Code postal"), s.postcode,
		widget.NewLabel("Ville"), s.town,
		widget.NewLabel("SIRET"), s.siret,
		widget.NewLabel("Téléphone"), s.phone,
		widget.NewLabel("Courriel"), s.email,
		widget.NewLabel("IBAN (fonds de tiers)"), s.iban,
		widget.NewLabel("BIC"), s.bic,
		widget.NewLabel("Signataires"), s.signatories,
		widget.NewLabel("« Fait à » (ville des courriers)"), s.letterTown,
	)
	s.officeBox = container.NewVBox(intro, form, s.officeErrs, container.NewHBox(s.officeSave, s.officeSaved))
	return container.NewVScroll(s.officeBox)
}

func (s *settingsScreen) userSection() fyne.CanvasObject {
	s.author = s.ui.newEntry("Prénom et nom")
	s.author.OnSubmitted = func(string) { s.onSaveAuthor() }
	s.authorSaved = widget.NewLabel("")
	s.authorSaved.Importance = widget.SuccessImportance
	s.authorSave = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), s.onSaveAuthor)
	s.authorSave.Importance = widget.HighImportance
	return container.NewVScroll(container.NewVBox(
		wrapped("Votre nom signe les entrées du journal (notes, appels, changements de statut) et est proposé comme gestionnaire des nouveaux dossiers. Il est propre à ce poste."),
		formGrid(widget.NewLabel("Votre nom"), s.author),
		container.NewHBox(s.authorSave, s.authorSaved),
	))
}

// load fills the sections from the store and the preferences.
func (s *settingsScreen) load() {
	s.loaded = true
	s.author.SetText(s.ui.author())
	s.authorSaved.SetText("")
	o, err := s.ui.store.Office(context.Background())
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		s.ui.showError(err)
		return
	}
	s.fillOffice(o)
	s.rates.load()
	s.rules.load()
	s.letterSet.load()
	s.mailSet.load()
	s.daily.load()
	s.dbSet.load()
}

func (s *settingsScreen) fillOffice(o debt.Office) {
	s.name.SetText(o.Name)
	s.complement.SetText(o.Address.Complement)
	s.building.SetText(o.Address.Building)
	s.street.SetText(o.Address.Street)
	s.locality.SetText(o.Address.Locality)
	s.postcode.SetText(o.Address.Postcode)
	s.town.SetText(o.Address.Town)
	s.siret.SetText(o.SIRET)
	s.phone.SetText(o.Phone)
	s.email.SetText(o.Email)
	s.iban.SetText(debt.FormatIBAN(o.IBAN))
	s.bic.SetText(o.BIC)
	s.signatories.SetText(strings.Join(o.Signatories, "\n"))
	s.letterTown.SetText(o.Town)
	s.officeErrs.Hide()
	s.officeSaved.SetText("")
}

func (s *settingsScreen) office() debt.Office {
	t := func(e *entry) string { return strings.TrimSpace(e.Text) }
	return debt.Office{
		Name: t(s.name),
		Address: debt.Address{
			Complement: t(s.complement), Building: t(s.building), Street: t(s.street),
			Locality: t(s.locality), Postcode: t(s.postcode), Town: t(s.town), Current: true,
		},
		SIRET:       t(s.siret),
		Phone:       t(s.phone),
		Email:       t(s.email),
		IBAN:        debt.NormalizeIBAN(s.iban.Text),
		BIC:         strings.ToUpper(t(s.bic)),
		Signatories: lines(s.signatories.Text),
		Town:        t(s.letterTown),
	}
}

// onSaveOffice validates the office identity and saves it; nothing is
// written while a field is wrong.
func (s *settingsScreen) onSaveOffice() {
	s.officeSaved.SetText("")
	o := s.office()
	msgs := fieldErrorMessages(o.Validate())
	if len(msgs) == 0 {
		msgs = s.ui.errorMessages(s.ui.store.SaveOffice(context.Background(), o, s.ui.author(), s.ui.now()))
	}
	if len(msgs) > 0 {
		s.officeErrs.SetText(joinUnique(msgs))
		s.officeErrs.Show()
		s.officeBox.Refresh()
		return
	}
	s.officeErrs.Hide()
	s.officeBox.Refresh()
	s.officeSaved.SetText("Enregistré le " + instant(s.ui.now()))
}

func (s *settingsScreen) onSaveAuthor() {
	name := strings.TrimSpace(s.author.Text)
	if len([]rune(name)) > 100 {
		s.authorSaved.Importance = widget.DangerImportance
		s.authorSaved.SetText("Le nom est trop long (100 caractères au plus)")
		return
	}
	s.ui.prefs.SetAuthor(name)
	s.authorSaved.Importance = widget.SuccessImportance
	if name == "" {
		s.authorSaved.SetText(fmt.Sprintf("Nom effacé : le journal utilisera « %s »", s.ui.author()))
		return
	}
	s.authorSaved.SetText("Enregistré")
}

// shortcutHelp lists the keyboard shortcuts. With nil, it lists those of a
// window's standard rail.
func shortcutHelp(list []shortcut) fyne.CanvasObject {
	rows := [][2]string{
		{"Ctrl+N", "Nouveau dossier"},
		{"Ctrl+F", "Rechercher (dossiers, parties)"},
		{"F1 … F7", "Aller à un écran de la barre de gauche (F1 : À traiter, F2 : Dossiers, F7 : Calculette)"},
		{"Ctrl+Tab, Ctrl+Page suiv.", "Onglet suivant du dossier ouvert ou de Paramètres (Ctrl+Maj+Tab, Ctrl+Page préc. : précédent)"},
		{"Ctrl+E", "Encaisser un paiement sur le dossier ouvert"},
		{"Ctrl+L", "Nouveau courrier sur le dossier ouvert"},
	}
	if list != nil {
		rows = rows[:0]
		for _, s := range list {
			rows = append(rows, [2]string{s.keys, s.label})
		}
	}
	rows = append(rows,
		[2]string{"Entrée", "Ouvrir le dossier ou la partie sélectionnés ; valider un formulaire"},
		[2]string{"Double clic", "Ouvrir le dossier ou la partie"},
		[2]string{"Flèches, Page préc./suiv., Début, Fin", "Se déplacer dans une liste"},
		[2]string{"Tab, Maj+Tab", "Passer au champ suivant, précédent"},
		[2]string{"Échap", "Fermer la fenêtre de dialogue ; depuis un dossier, revenir à l'écran d'où il a été ouvert"},
	)
	var objs []fyne.CanvasObject
	for _, r := range rows {
		objs = append(objs, heading(r[0]), wrapped(r[1]))
	}
	return formGrid(objs...)
}

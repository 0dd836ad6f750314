package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// welcome is the first-run assistant: a new, empty base opens on it
// instead of the rail. It asks the office's identity (checked as in
// Paramètres → Étude), the person's own name (the journal's author, the
// manager of new cases), the backup folder (a default proposed) and,
// optionally, leads to the mailbox settings; then it offers to create the
// first case or to open a demonstration office.
type welcome struct {
	ui *UI

	name, street, postcode, town, siret, iban, bic, phone, email *entry
	author, backupDir                                            *entry
	errs                                                         *widget.Label
	create, mailbox, demo, importCases                           *widget.Button
	content                                                      fyne.CanvasObject
}

// isFirstRun tells whether the base is new: no office name and no case.
func (u *UI) isFirstRun() bool {
	ctx := context.Background()
	if o, err := u.store.Office(ctx); (err != nil && !errors.Is(err, data.ErrNotFound)) || o.Name != "" {
		return false
	}
	n, err := u.store.CountCases(ctx, data.CaseQuery{})
	return err == nil && n == 0
}

// ShowStart opens the window on its first screen: the welcome assistant on
// a new base, else À traiter (main calls it before Show).
func (u *UI) ShowStart() {
	if u.isFirstRun() {
		u.showWelcome()
		return
	}
	u.ShowReview()
}

func (u *UI) showWelcome() {
	u.welcome = newWelcome(u)
	u.win.SetContent(u.welcome.content)
	u.win.Canvas().Focus(u.welcome.name)
	u.loaded = true // nothing to load: the window is usable
	u.checkReady()
}

// defaultBackupDir proposes a backup folder in the person's documents.
func defaultBackupDir() string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents", "Sauvegardes Amiable")
	}
	return filepath.Join(home, "Sauvegardes Amiable")
}

func newWelcome(u *UI) *welcome {
	w := &welcome{ui: u}
	w.name = u.newEntry("ex. Étude de Maîtres Dupont et Martin")
	w.street = u.newEntry("ex. 12 rue Nationale")
	w.postcode = u.newEntry("ex. 59000")
	w.town = u.newEntry("ex. Lille")
	w.siret = u.newEntry("14 chiffres")
	w.iban = u.newEntry("compte de fonds de tiers, commence par FR76")
	w.bic = u.newEntry("8 ou 11 caractères")
	w.phone = u.newEntry("ex. 03 20 00 00 00")
	w.email = u.newEntry("ex. contact@etude.fr")
	w.author = u.newEntry("ex. Claire Martin")
	if a := u.prefs.Author(); a != "" {
		w.author.SetText(a)
	}
	w.backupDir = u.newEntry("chemin complet d'un dossier")
	w.backupDir.SetText(defaultBackupDir())
	for _, e := range []*entry{w.name, w.street, w.postcode, w.town, w.siret, w.iban, w.bic, w.phone, w.email, w.author, w.backupDir} {
		e.OnSubmitted = func(string) { w.onCreate() }
	}
	w.errs = errorLabel()
	w.create = widget.NewButtonWithIcon("Créer le premier dossier", theme.ContentAddIcon(), w.onCreate)
	w.create.Importance = widget.HighImportance
	w.mailbox = widget.NewButtonWithIcon("Enregistrer et configurer la boîte courriel", theme.MailComposeIcon(), w.onMailbox)
	w.importCases = widget.NewButtonWithIcon("Importer des dossiers", theme.DownloadIcon(), nil)
	w.importCases.Disable()
	w.demo = widget.NewButtonWithIcon("Ouvrir une étude de démonstration", theme.ComputerIcon(), w.onDemo)
	if u.opts.OpenDemo == nil {
		w.demo.Hide()
	}

	office := formGrid(
		widget.NewLabel("Nom de l'étude"), w.name,
		widget.NewLabel("Numéro et voie"), w.street,
		widget.NewLabel("Code postal"), w.postcode,
		widget.NewLabel("Ville"), w.town,
		widget.NewLabel("SIRET"), w.siret,
		widget.NewLabel("IBAN (fonds de tiers)"), w.iban,
		widget.NewLabel("BIC"), w.bic,
		widget.NewLabel("Téléphone"), w.phone,
		widget.NewLabel("Courriel"), w.email,
	)
	title := widget.NewLabelWithStyle("Bienvenue dans Amiable", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	box := container.NewVBox(
		title,
		wrapped("Trois renseignements et l'étude est prête. Tout se modifie ensuite dans Paramètres."),
		heading("1. L'étude"),
		wrapped("Son identité figure sur chaque courrier : en-tête, coordonnées, compte de fonds de tiers."),
		office,
		heading("2. Vous"),
		wrapped("Votre nom signe le journal et les courriers (« Affaire suivie par ») ; il est propre à ce poste."),
		formGrid(widget.NewLabel("Votre nom"), w.author),
		heading("3. Les sauvegardes"),
		wrapped("Chaque jour, Amiable copie la base et les documents dans ce dossier. Le mieux : une clé USB, un disque externe ou un lecteur réseau."),
		formGrid(widget.NewLabel("Dossier de sauvegarde"), w.backupDir),
		heading("Facultatif : la boîte courriel"),
		wrapped("Les réponses des débiteurs arrivent dans l'écran Courriels une fois la boîte de l'étude configurée."),
		container.NewHBox(w.mailbox),
		w.errs,
		widget.NewSeparator(),
		container.NewHBox(w.create, w.importCases, w.demo),
		wrapped("L'import de dossiers depuis un tableur arrive avec une prochaine version d'Amiable : en attendant, créez les dossiers un par un."),
	)
	w.content = container.NewVScroll(container.NewPadded(box))
	return w
}

// save validates and stores the three steps; it returns what to fix, and
// writes nothing while something is wrong.
func (w *welcome) save() []string {
	u := w.ui
	t := func(e *entry) string { return strings.TrimSpace(e.Text) }
	o := debt.Office{
		Name:    t(w.name),
		Address: debt.Address{Street: t(w.street), Postcode: t(w.postcode), Town: t(w.town), Current: true},
		SIRET:   t(w.siret), Phone: t(w.phone), Email: t(w.email),
		IBAN: debt.NormalizeIBAN(w.iban.Text), BIC: strings.ToUpper(t(w.bic)),
		Town: t(w.town),
	}
	msgs := fieldErrorMessages(o.Validate())
	author := t(w.author)
	switch {
	case author == "":
		msgs = append(msgs, "Indiquez votre nom : il signe le journal et les courriers")
	case len([]rune(author)) > 100:
		msgs = append(msgs, "Le nom est trop long (100 caractères au plus)")
	}
	dir := t(w.backupDir)
	if dir == "" || !filepath.IsAbs(dir) {
		msgs = append(msgs, "Choisissez le dossier de sauvegarde par son chemin complet")
	}
	rs, err := u.reviewStore()
	if err != nil {
		msgs = append(msgs, data.Message(err))
	}
	if len(msgs) > 0 {
		return msgs
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		u.logError(err)
		return []string{"Le dossier de sauvegarde « " + dir + " » ne peut pas être créé : choisissez-en un autre"}
	}
	d, err := rs.DailySettings(context.Background())
	if err != nil {
		return u.errorMessages(err)
	}
	d.BackupDir = dir
	if err := rs.SaveDailySettings(context.Background(), d, author, u.now()); err != nil {
		return u.errorMessages(err)
	}
	if err := u.store.SaveOffice(context.Background(), o, author, u.now()); err != nil {
		return u.errorMessages(err)
	}
	u.prefs.SetAuthor(author)
	return nil
}

// finish saves, then replaces the assistant by the rail; next runs after.
func (w *welcome) finish(next func()) {
	if msgs := w.save(); len(msgs) > 0 {
		w.errs.SetText(joinUnique(msgs))
		w.errs.Show()
		return
	}
	u := w.ui
	u.welcome = nil
	u.settings.loaded = false
	u.win.SetContent(u.tabs)
	next()
}

func (w *welcome) onCreate() { w.finish(w.ui.onNewCase) }

func (w *welcome) onMailbox() {
	w.finish(func() { w.ui.settings.showSection(sectionMail) })
}

// onDemo opens the demonstration office in a second window, over a base
// of its own: this one stays new, and the assistant stays open.
func (w *welcome) onDemo() {
	w.ui.opts.OpenDemo()
	w.ui.showInfo("Étude de démonstration", "L'étude de démonstration s'ouvre dans une seconde fenêtre, sur une base à part : la vôtre reste vide. "+
		"La première fois, sa préparation prend une minute.")
}

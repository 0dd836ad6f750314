package app

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"amiable/data"
)

// Paramètres → Base de données: which base this desk opens, « Base de ce
// poste » (the SQLite file beside the desk) or « Base partagée de
// l'étude » (the office's PostgreSQL server). The choice belongs to the
// desk, not to a base: it is kept in the desk's preferences, and the next
// start opens it (ChosenBase, read by main). The password is typed once
// and kept in the system keyring (data.KeyringService, data.PasswordKey),
// never in the preferences nor in the address.

// sectionDatabase is the section's title.
const sectionDatabase = "Base de données"

// Preference keys of the chosen base.
const (
	prefDBShared = "db.shared" // true: the shared base at prefDBURL
	prefDBURL    = "db.url"    // postgres://user@host:port/base[?sslmode=verify-full&sslrootcert=…]
)

// Labels of the two choices.
const (
	dbLocalLabel  = "Base de ce poste"
	dbSharedLabel = "Base partagée de l'étude"
)

// ChosenBase is the base the desk's preferences say to open: the shared
// base's address, or "" for the desk's own file (data.DefaultPath).
func ChosenBase(p fyne.Preferences) string {
	if !p.Bool(prefDBShared) {
		return ""
	}
	return strings.TrimSpace(p.String(prefDBURL))
}

// ForgetChosenBase makes the desk open its own file again (the way back
// when the shared base chosen cannot be opened).
func ForgetChosenBase(p fyne.Preferences) { p.SetBool(prefDBShared, false) }

// dbSection is the « Base de données » section.
type dbSection struct {
	ui      *UI
	content fyne.CanvasObject

	choice                       *widget.RadioGroup
	current, localPath           *widget.Label
	server, port, base, user, ca *entry
	password                     *entry
	sharedForm                   *fyne.Container

	errs, saved, result *widget.Label
	save, test          *widget.Button
	box                 *fyne.Container
}

func newDBSection(u *UI) *dbSection {
	s := &dbSection{ui: u}
	s.choice = widget.NewRadioGroup([]string{dbLocalLabel, dbSharedLabel}, func(string) { s.showChoice() })
	s.choice.Required = true
	s.localPath = wrapped("")
	s.current = wrapped("")
	s.server = u.newEntry("ex. serveur-etude.local ou 192.168.1.10")
	s.port = u.newEntry("5432")
	s.base = u.newEntry("ex. amiable")
	s.user = u.newEntry("ex. accueil")
	s.password = u.newEntry("Laisser vide pour garder le mot de passe enregistré")
	s.password.Password = true
	s.ca = u.newEntry("chemin du certificat de l'étude (.crt), pour un serveur d'un autre poste")
	for _, e := range []*entry{s.server, s.port, s.base, s.user, s.password, s.ca} {
		e.OnSubmitted = func(string) { s.onTest() }
	}
	s.sharedForm = formGrid(
		widget.NewLabel("Serveur"), s.server,
		widget.NewLabel("Port"), atLeast(120, s.port),
		widget.NewLabel("Base"), s.base,
		widget.NewLabel("Utilisateur"), s.user,
		widget.NewLabel("Mot de passe"), s.password,
		widget.NewLabel("Certificat de l'étude"), s.ca,
	)
	s.errs = errorLabel()
	s.saved = wrapped("")
	s.saved.Importance = widget.SuccessImportance
	s.result = wrapped("")
	s.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.test = widget.NewButtonWithIcon("Tester la connexion", theme.MediaPlayIcon(), s.onTest)
	s.box = container.NewVBox(
		wrapped("Un poste seul garde ses dossiers dans un fichier sur ce poste. Une étude à plusieurs postes les garde dans une base partagée, sur le serveur PostgreSQL de l'étude : chaque poste y voit les mêmes dossiers, courriers et pièces."),
		s.current,
		s.choice,
		s.localPath,
		s.sharedForm,
		wrapped("Le mot de passe est gardé dans le trousseau de mots de passe du système, jamais dans un fichier. Vers un serveur qui n'est pas ce poste, la connexion est chiffrée et le certificat du serveur est vérifié avec celui de l'étude."),
		s.errs,
		container.NewHBox(s.save, s.test),
		s.saved,
		s.result,
	)
	s.content = container.NewVScroll(s.box)
	return s
}

// load fills the section from the desk's preferences and the open base.
func (s *dbSection) load() {
	p := s.ui.app.Preferences()
	local, err := data.DefaultPath()
	if ds, e := s.ui.dataStore(); e == nil {
		if ds.IsShared() {
			s.current.SetText("Base ouverte : la base partagée de l'étude, " + ds.Path())
		} else {
			local, err = ds.Path(), nil
			s.current.SetText("Base ouverte : le fichier de ce poste")
		}
	}
	if err != nil {
		s.localPath.SetText("Fichier de ce poste : introuvable (" + err.Error() + ")")
	} else {
		s.localPath.SetText("Fichier de ce poste : " + local)
	}
	if f, ok := parseSharedURL(p.String(prefDBURL)); ok {
		s.server.SetText(f.server)
		s.port.SetText(f.port)
		s.base.SetText(f.base)
		s.user.SetText(f.user)
		s.ca.SetText(f.ca)
	}
	if s.port.Text == "" {
		s.port.SetText("5432")
	}
	if p.Bool(prefDBShared) {
		s.choice.SetSelected(dbSharedLabel)
	} else {
		s.choice.SetSelected(dbLocalLabel)
	}
	s.showChoice()
}

// showChoice shows the server's fields only for the shared base.
func (s *dbSection) showChoice() {
	if s.choice.Selected == dbSharedLabel {
		s.sharedForm.Show()
		s.test.Enable()
	} else {
		s.sharedForm.Hide()
		s.test.Disable()
	}
	s.box.Refresh()
}

// sharedFields are the shared base's fields as typed.
type sharedFields struct {
	server, port, base, user, ca string
}

func (s *dbSection) fields() sharedFields {
	return sharedFields{server: strings.TrimSpace(s.server.Text), port: strings.TrimSpace(s.port.Text),
		base: strings.TrimSpace(s.base.Text), user: strings.TrimSpace(s.user.Text), ca: strings.TrimSpace(s.ca.Text)}
}

// sharedURL is the shared base's address (never with the password), or
// French messages for the fields to correct.
func (f sharedFields) sharedURL() (string, []string) {
	var msgs []string
	if f.server == "" {
		msgs = append(msgs, "Indiquez le serveur de la base partagée")
	}
	port, err := strconv.Atoi(f.port)
	if f.port == "" {
		port, err = 5432, nil
	}
	if err != nil || port < 1 || port > 65535 {
		msgs = append(msgs, "Le port est un nombre entre 1 et 65535 (5432 d'ordinaire)")
	}
	if f.base == "" {
		msgs = append(msgs, "Indiquez le nom de la base")
	}
	if f.user == "" {
		msgs = append(msgs, "Indiquez l'utilisateur de la base")
	}
	if f.ca != "" {
		if fi, err := os.Stat(f.ca); err != nil || fi.IsDir() {
			msgs = append(msgs, "Le certificat de l'étude est introuvable : "+f.ca+" (laissez le champ vide pour un serveur sur ce poste)")
		}
	}
	if len(msgs) > 0 {
		return "", msgs
	}
	u := url.URL{Scheme: "postgres", User: url.User(f.user), Host: net.JoinHostPort(f.server, strconv.Itoa(port)), Path: "/" + f.base}
	if f.ca != "" {
		u.RawQuery = url.Values{"sslmode": {"verify-full"}, "sslrootcert": {f.ca}}.Encode()
	}
	return u.String(), nil
}

// parseSharedURL reads the fields back from a saved address.
func parseSharedURL(raw string) (sharedFields, bool) {
	u, err := url.Parse(raw)
	if err != nil || raw == "" || u.Host == "" {
		return sharedFields{}, false
	}
	f := sharedFields{server: u.Hostname(), port: u.Port(), base: strings.TrimPrefix(u.Path, "/"), ca: u.Query().Get("sslrootcert")}
	if u.User != nil {
		f.user = u.User.Username()
	}
	return f, true
}

// keepPassword puts the password typed, if any, in the system keyring
// under the base's key, and empties the field.
func (s *dbSection) keepPassword(rawURL string) error {
	pw := s.password.Text
	if pw == "" {
		return nil
	}
	key, err := passwordKey(rawURL)
	if err != nil {
		return err
	}
	if err := keyring.Set(data.KeyringService, key, pw); err != nil {
		return &data.Error{Code: data.EINTERNAL, Message: "Le trousseau de mots de passe du système n'est pas disponible : le mot de passe n'est pas gardé. Sans trousseau, la personne qui a installé le poste fournit le mot de passe au démarrage (PGPASSWORD ou ~/.pgpass).",
			Err: fmt.Errorf("keyring set: %w", err)}
	}
	s.password.SetText("")
	return nil
}

// passwordKey is the keyring user of the base (data.PasswordKey: user,
// server, port and base; the certificate's options play no part).
func passwordKey(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	u.RawQuery = ""
	return data.PasswordKey(u.String())
}

// onTest opens the shared base with the address typed, read only (an
// empty, outdated or newer base is reported, never changed), and says in
// French how it went.
func (s *dbSection) onTest() {
	s.saved.SetText("")
	rawURL, msgs := s.fields().sharedURL()
	if len(msgs) > 0 {
		s.showErrors(msgs)
		return
	}
	s.errs.Hide()
	if err := s.keepPassword(rawURL); err != nil {
		s.ui.logError(err)
		s.showResult(data.Message(err), widget.DangerImportance)
		return
	}
	f := s.fields()
	s.test.Disable()
	s.showResult("Connexion à "+f.server+"…", widget.MediumImportance)
	s.ui.background(func(ctx context.Context) func() {
		n, err := testSharedBase(ctx, rawURL)
		return func() {
			s.test.Enable()
			if err != nil {
				s.ui.logError(err)
				s.showResult(data.Message(err), widget.DangerImportance)
				return
			}
			s.showResult(fmt.Sprintf("Connexion réussie : base « %s » sur %s, %s.", f.base, f.server,
				countOf(n, "aucun dossier", "dossier", "dossiers")), widget.SuccessImportance)
		}
	})
}

// testSharedBase opens the shared base read only and counts its cases.
func testSharedBase(ctx context.Context, rawURL string) (int, error) {
	st, err := data.OpenReadOnly(rawURL)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	return st.CountCases(ctx, data.CaseQuery{})
}

// onSave keeps the choice in the desk's preferences (and the password
// typed in the keyring); the base chosen opens at the next start.
func (s *dbSection) onSave() {
	s.saved.SetText("")
	p := s.ui.app.Preferences()
	if s.choice.Selected != dbSharedLabel {
		p.SetBool(prefDBShared, false)
		s.errs.Hide()
		s.showSaved("Enregistré : ce poste ouvrira son propre fichier au prochain démarrage d'Amiable.", widget.SuccessImportance)
		return
	}
	rawURL, msgs := s.fields().sharedURL()
	if len(msgs) > 0 {
		s.showErrors(msgs)
		return
	}
	s.errs.Hide()
	p.SetString(prefDBURL, rawURL)
	p.SetBool(prefDBShared, true)
	done := "Enregistré : ce poste ouvrira la base partagée au prochain démarrage d'Amiable"
	if err := s.keepPassword(rawURL); err != nil {
		s.ui.logError(err)
		s.showSaved(done+". "+data.Message(err), widget.WarningImportance)
		return
	}
	s.showSaved(done+".", widget.SuccessImportance)
}

func (s *dbSection) showErrors(msgs []string) {
	s.errs.SetText(joinUnique(msgs))
	s.errs.Show()
	s.box.Refresh()
}

func (s *dbSection) showSaved(msg string, imp widget.Importance) {
	s.saved.Importance = imp
	s.saved.SetText(msg)
	s.box.Refresh()
}

func (s *dbSection) showResult(msg string, imp widget.Importance) {
	s.result.Importance = imp
	s.result.SetText(msg)
	s.box.Refresh()
}

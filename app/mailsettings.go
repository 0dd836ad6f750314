package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/mailsync"
)

// Title of the e-mail section of Paramètres.
const sectionMail = "Courriel"

// testTimeout bounds "Tester la connexion".
const testTimeout = 30 * time.Second

// securities are the choices of the security field, in its order.
var securities = []mailsync.Security{mailsync.SecurityTLS, mailsync.SecurityStartTLS, mailsync.SecurityNone}

// mailSettings is Paramètres → Courriel: the office mailbox Amiable reads
// (server, port, security, user, folders, interval), its password (kept in
// the system keyring only), the office's own addresses, and a connection
// test that can trust a self-signed certificate by its fingerprint.
type mailSettings struct {
	ui      *UI
	content fyne.CanvasObject

	host, port, user, interval *entry
	folders, addresses         *entry
	password                   *entry
	security                   *widget.Select
	trusted                    string // SHA-256 fingerprint of a trusted certificate
	trustedLabel               *widget.Label
	forget                     *widget.Button

	errs, saved *widget.Label
	save, test  *widget.Button
	result      *widget.Label
	trust       *widget.Button
	offered     string // fingerprint the last test offers to trust
	box         *fyne.Container
}

func newMailSettings(u *UI) *mailSettings {
	s := &mailSettings{ui: u}
	s.host = u.newEntry("ex. imap.exemple.fr")
	s.port = u.newEntry("ex. 993")
	labels := make([]string, len(securities))
	for i, sec := range securities {
		labels[i] = sec.Label()
	}
	s.security = newSelect(labels, func(string) { s.onSecurity() })
	s.user = u.newEntry("ex. etude@exemple.fr")
	s.folders = u.newMultiLineEntry("INBOX (un dossier par ligne)", 2)
	s.interval = u.newEntry("ex. 10")
	s.password = u.newEntry("Laisser vide pour garder le mot de passe enregistré")
	s.password.Password = true
	s.addresses = u.newMultiLineEntry("Adresses de l'étude et du personnel, une par ligne (jamais rattachées à un débiteur)", 3)
	s.trustedLabel = widget.NewLabel("")
	s.forget = widget.NewButtonWithIcon("Ne plus faire confiance", theme.DeleteIcon(), func() {
		s.trusted = ""
		s.showTrusted()
		s.saved.SetText("")
	})
	for _, e := range []*entry{s.host, s.port, s.user, s.interval, s.password} {
		e.OnSubmitted = func(string) { s.onSave() }
	}

	s.errs = errorLabel()
	s.saved = widget.NewLabel("")
	s.saved.Importance = widget.SuccessImportance
	s.saved.Wrapping = fyne.TextWrapWord
	s.save = widget.NewButtonWithIcon("Enregistrer", theme.DocumentSaveIcon(), s.onSave)
	s.save.Importance = widget.HighImportance
	s.test = widget.NewButtonWithIcon("Tester la connexion", theme.MediaPlayIcon(), s.onTest)
	s.result = wrapped("")
	s.trust = widget.NewButtonWithIcon("Faire confiance à ce certificat", theme.ConfirmIcon(), s.onTrust)
	s.trust.Importance = widget.WarningImportance
	s.trust.Hide()

	form := formGrid(
		widget.NewLabel("Serveur IMAP"), s.host,
		widget.NewLabel("Port"), atLeast(120, s.port),
		widget.NewLabel("Sécurité"), s.security,
		widget.NewLabel("Identifiant"), s.user,
		widget.NewLabel("Mot de passe"), s.password,
		widget.NewLabel("Dossiers à lire"), s.folders,
		widget.NewLabel("Intervalle (minutes)"), atLeast(120, s.interval),
		widget.NewLabel("Adresses de l'étude"), s.addresses,
		widget.NewLabel("Certificat de confiance"), container.NewBorder(nil, nil, nil, s.forget, s.trustedLabel),
	)
	s.box = container.NewVBox(
		wrapped("Amiable lit la boîte de l'étude sans jamais rien modifier ni supprimer sur le serveur : chaque réponse d'un débiteur rejoint son dossier, le reste attend dans Courriels › À trier."),
		form,
		wrapped("Le mot de passe est gardé dans le trousseau de mots de passe du système, jamais dans la base ni dans un fichier. Si le poste n'en a pas, la personne qui l'a installé peut fournir le mot de passe au démarrage (voir le guide d'installation)."),
		s.errs,
		container.NewHBox(s.save, s.test),
		s.saved,
		s.result,
		container.NewHBox(s.trust),
	)
	s.content = container.NewVScroll(s.box)
	s.showTrusted()
	return s
}

// load fills the form from the saved settings.
func (s *mailSettings) load() {
	ds, err := s.ui.dataStore()
	if err != nil {
		s.showErrors(s.ui.errorMessages(err))
		return
	}
	ms, err := ds.MailSettings(context.Background())
	if err != nil {
		s.showErrors(s.ui.errorMessages(err))
		return
	}
	a := ms.Account
	s.host.SetText(a.Host)
	if a.Port != 0 {
		s.port.SetText(strconv.Itoa(a.Port))
	} else {
		s.port.SetText("")
	}
	s.security.SetSelectedIndex(0)
	for i, sec := range securities {
		if sec == a.Security {
			s.security.SetSelectedIndex(i)
		}
	}
	s.user.SetText(a.User)
	s.folders.SetText(strings.Join(a.Folders, "\n"))
	if a.Interval > 0 {
		s.interval.SetText(strconv.Itoa(int(a.Interval / time.Minute)))
	} else {
		s.interval.SetText("")
	}
	s.addresses.SetText(strings.Join(ms.OfficeAddresses, "\n"))
	s.password.SetText("")
	s.trusted = a.TrustedFingerprint
	s.showTrusted()
	s.errs.Hide()
	s.saved.SetText("")
	s.result.SetText("")
	s.trust.Hide()
	s.box.Refresh()
}

func (s *mailSettings) showTrusted() {
	if s.trusted == "" {
		s.trustedLabel.SetText("Aucun : seuls les certificats vérifiés sont acceptés")
		s.forget.Hide()
		return
	}
	s.trustedLabel.SetText("SHA-256 " + s.trusted)
	s.forget.Show()
}

// onSecurity proposes the usual port of the security chosen when the port
// is empty or still the other mode's usual one.
func (s *mailSettings) onSecurity() {
	i := s.security.SelectedIndex()
	if i < 0 {
		return
	}
	p := strings.TrimSpace(s.port.Text)
	if p == "" || p == "993" || p == "143" {
		s.port.SetText(strconv.Itoa(mailsync.DefaultPort(securities[i])))
	}
}

// settings reads the form; the messages say what cannot be read.
func (s *mailSettings) settings() (data.MailSettings, []string) {
	var ms data.MailSettings
	var msgs []string
	a := mailsync.Account{Host: strings.TrimSpace(s.host.Text), User: strings.TrimSpace(s.user.Text),
		Folders: lines(s.folders.Text), TrustedFingerprint: s.trusted}
	if i := s.security.SelectedIndex(); i >= 0 {
		a.Security = securities[i]
	} else {
		msgs = append(msgs, "Choisissez la sécurité : TLS ou STARTTLS")
	}
	if p := strings.TrimSpace(s.port.Text); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			msgs = append(msgs, "Le port doit être un nombre (993 pour TLS, 143 pour STARTTLS)")
		} else {
			a.Port = n
		}
	}
	if t := strings.TrimSpace(s.interval.Text); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 {
			msgs = append(msgs, "L'intervalle est un nombre de minutes, au moins 1")
		} else {
			a.Interval = time.Duration(n) * time.Minute
		}
	}
	ms.Account = a.WithDefaults()
	for _, l := range lines(s.addresses.Text) {
		ms.OfficeAddresses = append(ms.OfficeAddresses, strings.ToLower(l))
	}
	if len(msgs) == 0 {
		msgs = fieldErrorMessages(ms.Account.Validate())
	}
	return ms, msgs
}

// onSave checks and saves the account, then the password typed, if any,
// to the keyring; the background sync picks the new settings up.
func (s *mailSettings) onSave() {
	s.saved.SetText("")
	ms, msgs := s.settings()
	if len(msgs) == 0 {
		ds, err := s.ui.dataStore()
		if err == nil {
			err = ds.SaveMailSettings(context.Background(), ms, s.ui.author(), s.ui.now())
		}
		msgs = s.ui.errorMessages(err)
	}
	if len(msgs) > 0 {
		s.showErrors(msgs)
		return
	}
	s.errs.Hide()
	done := "Enregistré le " + instant(s.ui.now())
	if pw := s.password.Text; pw != "" {
		s.password.SetText("")
		if err := mailsync.SavePassword(ms.Account, pw); err != nil {
			s.ui.logError(err)
			s.saved.Importance = widget.WarningImportance
			s.saved.SetText(done + ". " + mailsync.UserMessage(err))
			s.box.Refresh()
			s.ui.mail.settingsChanged()
			return
		}
		done += " ; mot de passe gardé dans le trousseau du système"
	}
	s.saved.Importance = widget.SuccessImportance
	s.saved.SetText(done)
	s.box.Refresh()
	s.ui.mail.settingsChanged()
}

func (s *mailSettings) showErrors(msgs []string) {
	s.errs.SetText(joinUnique(msgs))
	s.errs.Show()
	s.box.Refresh()
}

// onTest connects with the account as typed (saved or not) and the
// password typed, else the saved one, and says what happened.
func (s *mailSettings) onTest() {
	ms, msgs := s.settings()
	if len(msgs) > 0 {
		s.showErrors(msgs)
		return
	}
	s.errs.Hide()
	pw := s.password.Text
	if pw == "" {
		var err error
		if pw, err = mailsync.Password(ms.Account); err != nil {
			s.showResult(mailsync.UserMessage(err), widget.DangerImportance)
			return
		}
	}
	s.trust.Hide()
	s.offered = ""
	s.test.Disable()
	s.showResult("Connexion à "+ms.Account.Address()+"…", widget.MediumImportance)
	s.ui.background(func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, testTimeout)
		defer cancel()
		folders, err := mailsync.TestConnection(ctx, ms.Account, pw)
		return func() {
			s.test.Enable()
			if err != nil {
				s.ui.logError(err)
				s.showResult(mailsync.UserMessage(err), widget.DangerImportance)
				var se *mailsync.Error
				if errors.As(err, &se) && se.Code == mailsync.CodeCertificate && se.Fingerprint != "" {
					s.offered = se.Fingerprint
					s.trust.SetText("Faire confiance à ce certificat (" + shortFingerprint(se.Fingerprint) + ")")
					s.trust.Show()
				}
				s.box.Refresh()
				return
			}
			s.showResult(mailsync.Summary(folders), widget.SuccessImportance)
		}
	})
}

func (s *mailSettings) showResult(text string, imp widget.Importance) {
	s.result.Importance = imp
	s.result.SetText(text)
	s.box.Refresh()
}

// shortFingerprint writes the first and last bytes of a fingerprint.
func shortFingerprint(fp string) string {
	if len(fp) <= 17 {
		return fp
	}
	return fp[:11] + "…" + fp[len(fp)-5:]
}

// onTrust stores the fingerprint of the certificate the last test met,
// with the rest of the form, so that the next connections accept it.
func (s *mailSettings) onTrust() {
	if s.offered == "" {
		return
	}
	s.trusted = s.offered
	s.offered = ""
	s.trust.Hide()
	s.showTrusted()
	s.onSave()
	if s.errs.Visible() {
		return
	}
	s.showResult(fmt.Sprintf("Certificat enregistré comme digne de confiance (SHA-256 %s). Testez à nouveau la connexion.", s.trusted), widget.SuccessImportance)
}

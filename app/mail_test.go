package app

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/zalando/go-keyring"

	"amiable/data"
	"amiable/mailsync"
)

func TestMailSettingsValidationAndPassword(t *testing.T) {
	u, st := newTestUI(t)
	u.settings.showSection(sectionMail)
	settle(u)
	s := u.settings.mailSet
	if s.security.Selected != mailsync.SecurityTLS.Label() || s.trustedLabel.Text != "Aucun : seuls les certificats vérifiés sont acceptés" {
		t.Errorf("empty settings: security %q, certificate %q", s.security.Selected, s.trustedLabel.Text)
	}

	// no encryption to a server on the network is refused, nothing saved
	test.Type(s.host, "imap.exemple.fr")
	s.security.SetSelected(mailsync.SecurityNone.Label())
	if s.port.Text != "143" {
		t.Errorf("port proposed for no encryption = %q, want 143", s.port.Text)
	}
	test.Type(s.user, "etude@exemple.fr")
	test.Tap(s.save)
	if !s.errs.Visible() || !strings.Contains(s.errs.Text, "Une connexion sans chiffrement n'est permise que vers 127.0.0.1 ou localhost") {
		t.Fatalf("errors = %q, want no encryption refused off the loopback", s.errs.Text)
	}
	if ms, _ := st.MailSettings(ctx); ms.Account.Host != "" {
		t.Fatalf("refused settings were saved: %+v", ms.Account)
	}
	s.interval.SetText("0")
	s.addresses.SetText("accueil@etude.fr\npas-une-adresse")
	test.Tap(s.save)
	for _, want := range []string{"L'intervalle est un nombre de minutes, au moins 1"} {
		if !strings.Contains(s.errs.Text, want) {
			t.Errorf("errors = %q, want %q", s.errs.Text, want)
		}
	}

	// where no keyring exists, the password is not kept and the message
	// says to set AMIABLE_IMAP_PASSWORD
	keyring.MockInitWithError(errors.New("no secret service"))
	s.security.SetSelected(mailsync.SecurityTLS.Label())
	s.interval.SetText("5")
	s.addresses.SetText("Accueil@Etude.fr")
	test.Type(s.password, "secret")
	test.Tap(s.save)
	if s.errs.Visible() || !strings.Contains(s.saved.Text, mailsync.PasswordEnv) || s.password.Text != "" {
		t.Fatalf("save without keyring: errors %q, saved %q, password field %q", s.errs.Text, s.saved.Text, s.password.Text)
	}
	ms, err := st.MailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a := ms.Account; a.Host != "imap.exemple.fr" || a.Port != 993 || a.Security != mailsync.SecurityTLS || a.User != "etude@exemple.fr" ||
		!slices.Equal(a.Folders, []string{"INBOX"}) || a.Interval.Minutes() != 5 || !slices.Equal(ms.OfficeAddresses, []string{"accueil@etude.fr"}) {
		t.Errorf("saved = %+v, addresses %q", a, ms.OfficeAddresses)
	}

	// with a keyring, the password goes there and nowhere else
	keyring.MockInit()
	test.Type(s.password, "secret")
	test.Tap(s.save)
	if !strings.Contains(s.saved.Text, "mot de passe gardé dans le trousseau du système") {
		t.Errorf("saved = %q", s.saved.Text)
	}
	if pw, err := mailsync.Password(ms.Account); err != nil || pw != "secret" {
		t.Errorf("Password() = %q, %v; want the one saved in the keyring", pw, err)
	}
	raw, _ := st.MailSettings(ctx)
	if strings.Contains(strings.Join(append([]string{raw.Account.Host, raw.Account.User, raw.Account.TrustedFingerprint}, raw.OfficeAddresses...), " "), "secret") {
		t.Error("the password reached the settings")
	}
	if err := mailsync.DeletePassword(ms.Account); err != nil {
		t.Fatal(err)
	}

	// the test of an unreachable server says so
	s.load()
	s.host.SetText("127.0.0.1")
	s.port.SetText(freePort(t))
	s.security.SetSelected(mailsync.SecurityNone.Label())
	test.Type(s.password, "secret")
	test.Tap(s.test)
	settle(u)
	if !strings.Contains(s.result.Text, "Connexion refusée par 127.0.0.1:") || s.trust.Visible() {
		t.Errorf("test result = %q (trust shown %v)", s.result.Text, s.trust.Visible())
	}
}

// freePort returns a loopback port nothing listens on.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	return port
}

const imapUser, imapPassword = "etude", "mot-de-passe-de-test"

// serveIMAP serves go-imap's in-memory server on a loopback port with the
// messages in INBOX, and returns the account to read it.
func serveIMAP(t *testing.T, raws ...string) mailsync.Account {
	t.Helper()
	return serveIMAPWith(t, nil, raws...)
}

// serveIMAPWith serves the mailbox with implicit TLS when cert is set.
func serveIMAPWith(t *testing.T, cert *tls.Certificate, raws ...string) mailsync.Account {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(imapUser, imapPassword)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	for _, raw := range raws {
		b := []byte(strings.ReplaceAll(raw, "\n", "\r\n"))
		if _, err := user.Append("INBOX", bytes.NewReader(b), &imap.AppendOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	security := mailsync.SecurityNone
	if cert != nil {
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{*cert}})
		security = mailsync.SecurityTLS
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return mailsync.Account{Host: "127.0.0.1", Port: port, Security: security, User: imapUser, Folders: []string{"INBOX"}}
}

// selfSigned makes a self-signed certificate for 127.0.0.1.
func selfSigned(t *testing.T) *tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "imap.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func TestMailSettingsTrustSelfSignedCertificate(t *testing.T) {
	keyring.MockInit()
	u, st := newTestUI(t)
	cert := selfSigned(t)
	a := serveIMAPWith(t, cert)
	u.settings.showSection(sectionMail)
	settle(u)
	s := u.settings.mailSet
	s.host.SetText(a.Host)
	s.security.SetSelected(mailsync.SecurityTLS.Label())
	s.port.SetText(strconv.Itoa(a.Port))
	s.user.SetText(imapUser)
	test.Type(s.password, imapPassword)
	test.Tap(s.test)
	settle(u)
	leaf, _ := x509.ParseCertificate(cert.Certificate[0])
	fp := mailsync.Fingerprint(leaf)
	if !strings.Contains(s.result.Text, "Empreinte SHA-256 : "+fp) || !s.trust.Visible() {
		t.Fatalf("test of a self-signed server = %q (trust shown %v), want its fingerprint %s", s.result.Text, s.trust.Visible(), fp)
	}
	test.Tap(s.trust)
	ms, err := st.MailSettings(ctx)
	if err != nil || ms.Account.TrustedFingerprint != fp || s.trust.Visible() {
		t.Fatalf("trusted fingerprint saved = %q, %v", ms.Account.TrustedFingerprint, err)
	}
	if s.trustedLabel.Text != "SHA-256 "+fp {
		t.Errorf("certificate label = %q", s.trustedLabel.Text)
	}
	test.Tap(s.test)
	settle(u)
	if s.result.Text != "Connexion réussie : INBOX (0 message)" {
		t.Errorf("test after trusting = %q", s.result.Text)
	}
	test.Tap(s.forget)
	test.Tap(s.save)
	if ms, _ := st.MailSettings(ctx); ms.Account.TrustedFingerprint != "" {
		t.Errorf("fingerprint kept after Ne plus faire confiance: %q", ms.Account.TrustedFingerprint)
	}
	_ = mailsync.DeletePassword(ms.Account)
}

func mailFrom(from, subject, body string) string {
	return "From: " + from + "\nTo: etude@exemple.fr\nSubject: " + subject +
		"\nDate: Thu, 14 May 2026 18:00:00 +0200\nMessage-ID: <" + strings.ReplaceAll(subject, " ", "-") + "@exemple.fr>\nMIME-Version: 1.0\n" +
		"Content-Type: text/plain; charset=utf-8\n\n" + body + "\n"
}

func TestMailSyncAndTriageByKeyboard(t *testing.T) {
	u, st := newTestUI(t)
	opened := recordOpened(t, u)
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	claire := saveParty(t, st, person("Claire", "Martin", "59800", "Lille"))
	paul := saveParty(t, st, person("Paul", "Durand", "59000", "Lille"))
	cc := saveCase(t, st, cred, claire, 120000)
	p1 := saveCase(t, st, cred, paul, 50000)
	saveCase(t, st, cred, paul, 70000) // Paul has two open cases

	withAttachment := "From: Inconnu <inconnu@ailleurs.fr>\nTo: etude@exemple.fr\nSubject: Facture contestée\n" +
		"Date: Thu, 14 May 2026 19:00:00 +0200\nMessage-ID: <conteste@ailleurs.fr>\nMIME-Version: 1.0\n" +
		"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n" +
		"Bonjour, je conteste la facture de ma sœur Claire.\n--b\nContent-Type: text/plain; name=\"releve.txt\"\n" +
		"Content-Disposition: attachment; filename=\"releve.txt\"\n\nrelevé\n--b--\n"
	a := serveIMAP(t,
		mailFrom("Claire Martin <claire@exemple.fr>", "Re: dossier "+cc.Ref, "Je paierai la semaine prochaine."),
		mailFrom("Paul Durand <paul@exemple.fr>", "Mon paiement", "J'ai payé hier."),
		withAttachment,
	)
	if err := st.SaveMailSettings(ctx, data.MailSettings{Account: a}, "test", testNow); err != nil {
		t.Fatal(err)
	}
	t.Setenv(mailsync.PasswordEnv, imapPassword)

	s := u.mail
	pressShortcut(u, fyne.Key4)
	settle(u)
	if !strings.Contains(s.status.Text, "jamais synchronisée") {
		t.Errorf("status before the first pass = %q", s.status.Text)
	}
	test.Tap(s.syncBtn)
	settle(u)
	want := "Dernière synchronisation le 15/05/2026 à 09:30 : 3 messages récupérés, 1 classé dans son dossier, 2 à trier, aucun doublon, aucune erreur."
	if !strings.HasPrefix(s.status.Text, want) || s.statusErr.Visible() {
		t.Fatalf("status = %q (error %q), want %q", s.status.Text, s.statusErr.Text, want)
	}
	if s.progress.Visible() || s.syncBtn.Disabled() {
		t.Error("progress still shown after the pass")
	}
	if got := s.triage.item.Text; got != "À trier (2)" {
		t.Errorf("triage tab = %q", got)
	}
	if got := u.tabs.Items[s.index()].Text; got != "Courriels (2)" {
		t.Errorf("rail = %q, want Courriels (2)", got)
	}
	if got := column(s.recent.table, 1); !slices.Equal(got, []string{cc.Ref}) {
		t.Errorf("filed recently = %q, want %s", got, cc.Ref)
	}
	if got := column(s.triage.table, 2); !slices.Equal(got, []string{"Facture contestée", "Mon paiement"}) {
		t.Fatalf("triage = %q", got)
	}

	// The reading pane: text, attachments, original message; read.
	s.triage.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if s.current == nil || s.current.Subject != "Facture contestée" {
		t.Fatalf("Home showed %+v", s.current)
	}
	if !strings.Contains(s.body.Text, "je conteste la facture de ma sœur") || !hasText(s.pane, "releve.txt") {
		t.Errorf("pane = %q / %q", s.body.Text, texts(s.pane))
	}
	test.Tap(button(t, s.pane, "Message d'origine (.eml)"))
	if len(*opened) != 1 || !strings.HasSuffix(openedPath(t, (*opened)[0]), ".eml") || strings.HasPrefix(openedPath(t, (*opened)[0]), st.DocDir()) {
		t.Errorf("original message opened %q, want a copy named .eml outside the document store", *opened)
	}
	if ms, _ := st.Mails(ctx, data.MailQuery{Triage: true}); !ms[0].Read || ms[1].Read {
		t.Errorf("read flags = %v %v, want the shown mail read only", ms[0].Read, ms[1].Read)
	}

	// Paul has two open cases: Enter, then Enter files into the first of
	// them, remembering nothing new (his address is known).
	s.triage.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	s.triage.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ch := s.chooser
	if ch == nil || ch.m.Subject != "Mon paiement" {
		t.Fatalf("Enter opened chooser %+v", ch)
	}
	settle(u)
	if len(ch.rows) != 2 || !strings.Contains(ch.info.Text, "paul@exemple.fr") {
		t.Fatalf("chooser = %d rows, %q; want Paul's two cases", len(ch.rows), ch.info.Text)
	}
	if u.win.Canvas().Focused() != ch.search {
		t.Errorf("focus = %T, want the chooser's search", u.win.Canvas().Focused())
	}
	first := ch.rows[0]
	ch.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(u)
	if !ch.closed {
		t.Fatalf("chooser still open: %q", ch.errs.Text)
	}
	if ms, _ := st.Mails(ctx, data.MailQuery{CaseID: first.ID}); len(ms) != 1 || ms[0].Subject != "Mon paiement" {
		t.Errorf("mails of %s = %d", first.Ref, len(ms))
	}

	// The unknown sender: Enter, type the reference, Enter; the sender is
	// remembered for Claire.
	if got := column(s.triage.table, 2); !slices.Equal(got, []string{"Facture contestée"}) {
		t.Fatalf("triage after filing = %q", got)
	}
	s.triage.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	s.triage.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ch = s.chooser
	settle(u)
	if len(ch.rows) != 0 || !strings.Contains(ch.info.Text, "Aucun dossier ne connaît l'adresse inconnu@ailleurs.fr") || !ch.remember.Checked {
		t.Fatalf("chooser for an unknown sender = %d rows, %q, remember %v", len(ch.rows), ch.info.Text, ch.remember.Checked)
	}
	test.Type(ch.search, cc.Ref)
	ch.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // before the search caught up
	settle(u)
	if !ch.closed {
		t.Fatalf("chooser still open: %q / %q", ch.info.Text, ch.errs.Text)
	}
	got, _ := st.Party(ctx, claire.ID)
	if !slices.Contains(got.Emails, "inconnu@ailleurs.fr") {
		t.Errorf("Claire's e-mails = %q, want the sender remembered", got.Emails)
	}
	if s.triage.item.Text != "À trier (0)" || u.tabs.Items[s.index()].Text != "Courriels" {
		t.Errorf("after filing: triage %q, rail %q", s.triage.item.Text, u.tabs.Items[s.index()].Text)
	}

	// Moving a filed mail needs a reason.
	s.lists.SelectIndex(1)
	s.recent.table.Select(widgetCell(0, 0))
	if s.current == nil || s.current.CaseID != cc.ID {
		t.Fatalf("recent row 0 = %+v", s.current)
	}
	test.Tap(button(t, s.pane, "Déplacer…"))
	ch = s.chooser
	settle(u)
	test.Type(ch.search, p1.Ref)
	settle(u)
	ch.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ch.closed || !strings.Contains(ch.errs.Text, "Indiquez pourquoi le courriel change de dossier") {
		t.Fatalf("move without reason: closed %v, %q", ch.closed, ch.errs.Text)
	}
	test.Type(ch.reason, "Classé par erreur")
	ch.reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(u)
	if !ch.closed {
		t.Fatalf("move: %q", ch.errs.Text)
	}

	// The case journal shows the mail with its files.
	u.openCase(cc.ID)
	v := u.cases.view
	if !hasText(v.journal, "Courriel reçu de") || !hasText(v.journal, "déplacé vers le dossier "+p1.Ref) {
		t.Errorf("journal = %q", texts(v.journal))
	}
	test.Tap(button(t, v.journal, "Message d'origine (.eml)"))
	if last := (*opened)[len(*opened)-1]; !strings.HasSuffix(openedPath(t, last), ".eml") {
		t.Errorf("journal opened %q, want the message's copy", last)
	}

	// A second pass finds nothing new.
	pressShortcut(u, fyne.Key4)
	test.Tap(s.syncBtn)
	settle(u)
	if !strings.Contains(s.status.Text, ": aucun message récupéré") {
		t.Errorf("status after an empty pass = %q", s.status.Text)
	}
}

func TestMailSyncFailureShownInFrench(t *testing.T) {
	u, st := newTestUI(t)
	a := serveIMAP(t)
	if err := st.SaveMailSettings(ctx, data.MailSettings{Account: a}, "test", testNow); err != nil {
		t.Fatal(err)
	}
	t.Setenv(mailsync.PasswordEnv, "mauvais")
	s := u.mail
	u.showScreen(s.index())
	test.Tap(s.syncBtn)
	settle(u)
	if !s.statusErr.Visible() || !strings.Contains(s.statusErr.Text, "Identifiant ou mot de passe refusé par le serveur 127.0.0.1") {
		t.Errorf("error shown = %q", s.statusErr.Text)
	}
	rep, _ := st.LastSyncReport(ctx)
	if rep.Error == "" || !rep.At.Equal(testNow) {
		t.Errorf("report = %+v", rep)
	}
	// a refused password stops the automatic passes until the settings change
	if d := s.plan(ctx); d != 0 {
		t.Errorf("next automatic pass in %v after a refused password, want none", d)
	}
	s.settingsChanged()
	settle(u)
	if d := s.plan(ctx); d != a.WithDefaults().Interval {
		t.Errorf("next automatic pass after new settings in %v, want the interval", d)
	}

	// a server that does not answer is retried soon, then less often
	a.Port, _ = strconv.Atoi(freePort(t))
	if err := st.SaveMailSettings(ctx, data.MailSettings{Account: a}, "test", testNow); err != nil {
		t.Fatal(err)
	}
	for _, want := range []time.Duration{time.Minute, 2 * time.Minute} {
		test.Tap(s.syncBtn)
		settle(u)
		if !strings.Contains(s.statusErr.Text, "Connexion refusée par 127.0.0.1:") {
			t.Errorf("error shown = %q", s.statusErr.Text)
		}
		if d := s.plan(ctx); d != want {
			t.Errorf("next automatic pass in %v after a refused connection, want %v", d, want)
		}
	}
}

func TestMailScreenWithoutAccount(t *testing.T) {
	u, _ := newTestUI(t)
	s := u.mail
	u.showScreen(s.index())
	settle(u)
	if !strings.Contains(s.status.Text, "Aucune boîte de courriel n'est configurée") {
		t.Errorf("status = %q", s.status.Text)
	}
	test.Tap(s.syncBtn)
	settle(u)
	if top := topOverlay(t, u); !hasText(top, "Renseignez d'abord la boîte de l'étude") {
		t.Errorf("sync without account = %q", texts(top))
	}
	u.onEscape()
	if d := s.plan(ctx); d != 0 {
		t.Errorf("automatic pass planned in %v without account", d)
	}
}

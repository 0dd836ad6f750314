package app

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/zalando/go-keyring"

	"amiable/data"
	"amiable/internal/pgtest"
)

// openDBSection shows Paramètres → Base de données.
func openDBSection(t *testing.T, u *UI) *dbSection {
	t.Helper()
	u.settings.showSection(sectionDatabase)
	settle(u)
	return u.settings.dbSet
}

func TestDatabaseSectionKeepsTheChoiceInTheDeskPreferences(t *testing.T) {
	keyring.MockInit()
	u, st := newTestUI(t)
	s := openDBSection(t, u)
	if s.choice.Selected != dbLocalLabel || s.sharedForm.Visible() {
		t.Fatalf("new desk: choice %q, server form shown %v; want %q and no server form", s.choice.Selected, s.sharedForm.Visible(), dbLocalLabel)
	}
	if s.current.Text != "Base ouverte : le fichier de ce poste" {
		t.Errorf("open base = %q", s.current.Text)
	}
	if want := "Fichier de ce poste : " + st.Path(); s.localPath.Text != want {
		t.Errorf("local path = %q, want %q", s.localPath.Text, want)
	}

	s.choice.SetSelected(dbSharedLabel)
	if !s.sharedForm.Visible() {
		t.Fatal("shared base chosen: the server's fields are hidden")
	}
	// a wrong port and no user: French messages, nothing saved
	test.Type(s.server, "serveur-etude.local")
	s.port.SetText("54x")
	test.Type(s.base, "amiable")
	test.Tap(s.save)
	if !s.errs.Visible() || !strings.Contains(s.errs.Text, "Le port est un nombre") || !strings.Contains(s.errs.Text, "Indiquez l'utilisateur") {
		t.Errorf("errors = %q (shown %v), want the port and the user", s.errs.Text, s.errs.Visible())
	}
	if got := ChosenBase(u.app.Preferences()); got != "" {
		t.Errorf("ChosenBase after a refused save = %q, want none", got)
	}

	ca := filepath.Join(t.TempDir(), "etude.crt")
	s.port.SetText("5433")
	test.Type(s.user, "accueil")
	test.Type(s.ca, ca)
	test.Tap(s.save)
	if !strings.Contains(s.errs.Text, "Le certificat de l'étude est introuvable") {
		t.Errorf("errors = %q, want the missing certificate", s.errs.Text)
	}
	s.user.SetText("")
	s.ca.SetText("")
	if err := os.WriteFile(ca, []byte("-----BEGIN CERTIFICATE-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	test.Type(s.user, "accueil")
	test.Type(s.password, "mot de passe secret")
	test.Type(s.ca, ca)
	test.Tap(s.save)
	want := "postgres://accueil@serveur-etude.local:5433/amiable?sslmode=verify-full&sslrootcert=" + url.QueryEscape(ca)
	if got := ChosenBase(u.app.Preferences()); got != want {
		t.Errorf("ChosenBase = %q, want %q", got, want)
	}
	if s.errs.Visible() || !strings.Contains(s.saved.Text, "prochain démarrage") {
		t.Errorf("saved = %q, errors %q; want the next start announced", s.saved.Text, s.errs.Text)
	}
	key, _ := data.PasswordKey("postgres://accueil@serveur-etude.local:5433/amiable")
	if pw, err := keyring.Get(data.KeyringService, key); err != nil || pw != "mot de passe secret" {
		t.Errorf("keyring %q = %q, %v; want the password typed", key, pw, err)
	}
	if s.password.Text != "" {
		t.Errorf("password field = %q after saving, want it emptied", s.password.Text)
	}
	for _, k := range []string{prefDBURL, prefDBShared} {
		var v any
		if found, _ := st.Setting(ctx, k, &v); found {
			t.Errorf("base setting %s = %v: the choice belongs to the desk, not the base", k, v)
		}
	}
	if strings.Contains(u.app.Preferences().String(prefDBURL), "secret") {
		t.Error("the password is in the preferences")
	}

	// another window on this desk shows the saved choice
	u2 := newTestUIOn(t, u.app, st)
	s2 := openDBSection(t, u2)
	if s2.choice.Selected != dbSharedLabel || s2.server.Text != "serveur-etude.local" || s2.port.Text != "5433" ||
		s2.base.Text != "amiable" || s2.user.Text != "accueil" || s2.ca.Text != ca || s2.password.Text != "" {
		t.Errorf("reloaded: %q %q %q %q %q %q pw %q", s2.choice.Selected, s2.server.Text, s2.port.Text, s2.base.Text, s2.user.Text, s2.ca.Text, s2.password.Text)
	}

	// the way back main offers when the shared base cannot be opened
	ForgetChosenBase(u.app.Preferences())
	if got := ChosenBase(u.app.Preferences()); got != "" {
		t.Errorf("ChosenBase after ForgetChosenBase = %q, want none", got)
	}
	u.app.Preferences().SetBool(prefDBShared, true)

	// back to the desk's own file
	s2.choice.SetSelected(dbLocalLabel)
	test.Tap(s2.save)
	if got := ChosenBase(u.app.Preferences()); got != "" {
		t.Errorf("ChosenBase after choosing the desk's file = %q, want none", got)
	}
}

// pgServer is the test server's address, user and password, from
// AMIABLE_PG_URL and PGPASSWORD.
func pgServer(t *testing.T) (host, port, user, password string) {
	t.Helper()
	pgtest.Need(t)
	cfg, err := pgx.ParseConfig(os.Getenv("AMIABLE_PG_URL"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Host, itoa(int(cfg.Port)), cfg.User, cfg.Password
}

func itoa(n int) string { return strconv.Itoa(n) }

// testConnection fills the section, taps « Tester la connexion » and
// returns the result shown.
func testConnection(t *testing.T, u *UI, s *dbSection, host, port, base, user, password, ca string) string {
	t.Helper()
	s.choice.SetSelected(dbSharedLabel)
	s.server.SetText(host)
	s.port.SetText(port)
	s.base.SetText(base)
	s.user.SetText(user)
	s.password.SetText(password)
	s.ca.SetText(ca)
	test.Tap(s.test)
	settle(u)
	return s.result.Text
}

func TestDatabaseSectionTestsTheConnectionInFrench(t *testing.T) {
	host, port, user, password := pgServer(t)
	empty := pgtest.NewDatabase(t)
	keyring.MockInit()
	t.Setenv("PGPASSWORD", "") // the password comes from the field, then the keyring
	u, _ := newTestUI(t)
	s := openDBSection(t, u)
	base := strings.TrimPrefix(mustURL(t, empty).Path, "/")

	if got := testConnection(t, u, s, host, port, base, user, "pas le bon", ""); !strings.Contains(got, "Mot de passe refusé") {
		t.Errorf("wrong password: %q", got)
	}
	if got := testConnection(t, u, s, host, port, base, user, password, ""); !strings.Contains(got, "n'est pas initialisée") {
		t.Errorf("empty base: %q", got)
	}
	if s.password.Text != "" {
		t.Error("the password stays in the field after the test")
	}
	// the password now comes from the keyring: the first desk initialises
	// the base, and the test finds its cases
	shared := "postgres://" + user + "@" + net.JoinHostPort(host, port) + "/" + base
	st, err := data.Open(shared)
	if err != nil {
		t.Fatalf("data.Open with the keyring's password: %v", err)
	}
	t.Cleanup(func() { st.Close() }) // after the window's own cleanup
	// a window on the shared base says so
	onShared := openDBSection(t, newTestUIOn(t, test.NewTempApp(t), st))
	if want := "Base ouverte : la base partagée de l'étude, " + shared; onShared.current.Text != want {
		t.Errorf("open base = %q, want %q", onShared.current.Text, want)
	}
	if got := testConnection(t, u, s, host, port, base, user, "", ""); got != "Connexion réussie : base « "+base+" » sur "+host+", aucun dossier." {
		t.Errorf("initialised base: %q", got)
	}
	if got := testConnection(t, u, s, host, port, "amiable_absente", user, password, ""); !strings.Contains(got, "n'existe pas sur le serveur") {
		t.Errorf("missing base: %q", got)
	}

	// a base written by a newer Amiable is refused and left alone
	cfg, _ := pgx.ParseConfig(pgtest.URL(t, base))
	cfg.Password = password
	db := stdlib.OpenDB(*cfg)
	if _, err := db.Exec("UPDATE amiable_meta SET schema_version = 999"); err != nil {
		t.Fatal(err)
	}
	if got := testConnection(t, u, s, host, port, base, user, "", ""); !strings.Contains(got, "version plus récente") {
		t.Errorf("newer base: %q", got)
	}
	var v int
	if err := db.QueryRow("SELECT schema_version FROM amiable_meta").Scan(&v); err != nil || v != 999 {
		t.Errorf("schema_version after the test = %d, %v; want 999 untouched", v, err)
	}
	db.Close()

	// a closed port: unreachable
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	if got := testConnection(t, u, s, "127.0.0.1", closed, base, user, "", ""); !strings.Contains(got, "injoignable") {
		t.Errorf("closed port: %q", got)
	}

	// a server whose certificate the office's CA did not sign
	tlsPort, otherCA := fakeTLSServer(t)
	if got := testConnection(t, u, s, "127.0.0.1", tlsPort, base, user, "", otherCA); !strings.Contains(got, "certificat du serveur") {
		t.Errorf("unknown certificate: %q", got)
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// fakeTLSServer answers PostgreSQL's SSLRequest on loopback with « S »
// and a TLS handshake under a self-signed certificate; it returns its port
// and the PEM file of another authority (not the one that signed it).
func fakeTLSServer(t *testing.T) (port, caFile string) {
	t.Helper()
	cert := selfSignedCert(t, "serveur")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				req := make([]byte, 8)
				if _, err := io.ReadFull(c, req); err != nil {
					return
				}
				c.Write([]byte("S"))
				tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}})
				tc.Handshake()
				tc.Close()
			}(c)
		}
	}()
	other := selfSignedCert(t, "autre autorité")
	caFile = filepath.Join(t.TempDir(), "etude.crt")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: other.Certificate[0]}), 0o600); err != nil {
		t.Fatal(err)
	}
	return itoa(l.Addr().(*net.TCPAddr).Port), caFile
}

func selfSignedCert(t *testing.T, name string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

package mailsync

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/zalando/go-keyring"

	"amiable/debt"
)

// Security is how the connection to the IMAP server is protected.
type Security string

const (
	SecurityTLS      Security = "tls"      // implicit TLS, usually port 993
	SecurityStartTLS Security = "starttls" // STARTTLS upgrade, usually port 143
	SecurityNone     Security = "none"     // no encryption: 127.0.0.1/localhost only (tests)
)

// Label returns the French label of the security mode.
func (s Security) Label() string {
	switch s {
	case SecurityTLS:
		return "TLS (port 993 en général)"
	case SecurityStartTLS:
		return "STARTTLS (port 143 en général)"
	case SecurityNone:
		return "Aucun chiffrement (serveur local de test uniquement)"
	}
	return string(s)
}

// ParseSecurity accepts "tls", "starttls" or "none" (any case).
func ParseSecurity(s string) (Security, error) {
	switch v := Security(strings.ToLower(strings.TrimSpace(s))); v {
	case SecurityTLS, SecurityStartTLS, SecurityNone:
		return v, nil
	}
	return "", fmt.Errorf("sécurité « %s » inconnue (tls, starttls ou none)", s)
}

// DefaultPort returns the usual port of a security mode.
func DefaultPort(s Security) int {
	if s == SecurityTLS {
		return 993
	}
	return 143
}

// Defaults of an account.
const (
	DefaultFolder   = "INBOX"
	DefaultInterval = 10 * time.Minute
	MinInterval     = time.Minute
)

// Account is the office mailbox to read.
type Account struct {
	Host     string        `json:"host"`
	Port     int           `json:"port"`
	Security Security      `json:"security"`
	User     string        `json:"user"`
	Folders  []string      `json:"folders"`
	Interval time.Duration `json:"interval"`
	// TrustedFingerprint is the SHA-256 fingerprint of a certificate the
	// user chose to trust although it does not verify (self-signed). Any
	// other unverifiable certificate is refused.
	TrustedFingerprint string `json:"trusted_fingerprint,omitempty"`
}

// WithDefaults fills the port, folders and interval left empty.
func (a Account) WithDefaults() Account {
	a.Host = strings.TrimSpace(a.Host)
	a.User = strings.TrimSpace(a.User)
	if a.Security == "" {
		a.Security = SecurityTLS
	}
	if a.Port == 0 {
		a.Port = DefaultPort(a.Security)
	}
	var folders []string
	for _, f := range a.Folders {
		if f = strings.TrimSpace(f); f != "" {
			folders = append(folders, f)
		}
	}
	if len(folders) == 0 {
		folders = []string{DefaultFolder}
	}
	a.Folders = folders
	if a.Interval == 0 {
		a.Interval = DefaultInterval
	}
	return a
}

// Key identifies the account in the sync bookkeeping: "user@host",
// lower-cased. Changing the port or the security keeps the bookkeeping.
func (a Account) Key() string {
	return strings.ToLower(strings.TrimSpace(a.User) + "@" + strings.TrimSpace(a.Host))
}

// Address returns "host:port".
func (a Account) Address() string { return net.JoinHostPort(a.Host, fmt.Sprint(a.Port)) }

// Validate checks the settings; the messages are French.
func (a Account) Validate() []debt.FieldError {
	var errs []debt.FieldError
	add := func(field, msg string) { errs = append(errs, debt.FieldError{Field: field, Message: msg}) }
	host := strings.TrimSpace(a.Host)
	switch {
	case host == "":
		add("host", "Le serveur IMAP est obligatoire")
	case strings.ContainsAny(host, " /:") && net.ParseIP(host) == nil:
		add("host", "Le serveur doit être un nom (imap.exemple.fr) ou une adresse IP, sans « imap:// » ni port")
	}
	if a.Port < 1 || a.Port > 65535 {
		add("port", "Le port doit être compris entre 1 et 65535")
	}
	switch a.Security {
	case SecurityTLS, SecurityStartTLS:
	case SecurityNone:
		if host != "" && !isLoopback(host) {
			add("security", "Une connexion sans chiffrement n'est permise que vers 127.0.0.1 ou localhost : choisissez TLS ou STARTTLS")
		}
	default:
		add("security", "Choisissez la sécurité : TLS ou STARTTLS")
	}
	if strings.TrimSpace(a.User) == "" {
		add("user", "L'identifiant est obligatoire")
	} else if debt.UnsafeText(a.User) {
		add("user", "L'identifiant ne peut pas contenir de caractère de contrôle, de saut de ligne ni d'inversion du sens du texte")
	}
	if debt.UnsafeText(a.Host) || debt.UnsafeText(a.TrustedFingerprint) {
		add("host", "Le serveur ne peut pas contenir de caractère de contrôle ni de saut de ligne")
	}
	for _, f := range a.Folders {
		if debt.UnsafeText(f) {
			add("folders", "Un nom de dossier ne peut pas contenir de retour à la ligne ni de caractère de contrôle")
		}
	}
	if a.Interval != 0 && a.Interval < MinInterval {
		add("interval", "L'intervalle de synchronisation est d'au moins une minute")
	}
	if a.TrustedFingerprint != "" && len(normFingerprint(a.TrustedFingerprint)) != 64 {
		add("trusted_fingerprint", "L'empreinte de certificat doit être une empreinte SHA-256 (64 chiffres hexadécimaux)")
	}
	return errs
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Fingerprint returns the SHA-256 fingerprint of a certificate as shown to
// people and by `openssl x509 -fingerprint -sha256`: "04:A4:…:6A".
func Fingerprint(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.Raw)
	h := strings.ToUpper(hex.EncodeToString(sum[:]))
	parts := make([]string, 0, len(h)/2)
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

// normFingerprint keeps the hex digits of a fingerprint, lower-cased, so
// that "04:A4…", "04a4…" and "04 A4 …" compare equal.
func normFingerprint(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'f' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Where the password lives.
const (
	KeyringService = "fr.amiable.app"
	PasswordEnv    = "AMIABLE_IMAP_PASSWORD"
)

// Password returns the account's password from the OS keyring (service
// KeyringService, user Account.Key()), else from the environment variable
// AMIABLE_IMAP_PASSWORD (headless machines, CI). It is never written to
// disk or logs by this package.
func Password(a Account) (string, error) {
	pw, err := keyring.Get(KeyringService, a.Key())
	if err == nil && pw != "" {
		return pw, nil
	}
	if env := os.Getenv(PasswordEnv); env != "" {
		return env, nil
	}
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return "", &Error{Code: CodeNoPassword, Err: errors.New("no password in keyring or environment"),
			Message: "Aucun mot de passe enregistré pour " + a.Key() + " : saisissez-le dans Paramètres → Courriel."}
	}
	return "", &Error{Code: CodeNoPassword, Err: fmt.Errorf("keyring: %w", err),
		Message: "Le trousseau du système est indisponible et " + PasswordEnv + " n'est pas définie : le mot de passe ne peut pas être lu."}
}

// SavePassword stores the password in the OS keyring. Where there is no
// keyring, it fails with a French message pointing to AMIABLE_IMAP_PASSWORD.
func SavePassword(a Account, password string) error {
	if err := keyring.Set(KeyringService, a.Key(), password); err != nil {
		return &Error{Code: CodeNoPassword, Err: fmt.Errorf("keyring: %w", err),
			Message: "Le trousseau du système est indisponible : le mot de passe n'a pas été enregistré. Sur un poste sans trousseau, définissez la variable " + PasswordEnv + "."}
	}
	return nil
}

// DeletePassword removes the password from the keyring; a missing entry is
// not an error.
func DeletePassword(a Account) error {
	if err := keyring.Delete(KeyringService, a.Key()); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return fmt.Errorf("keyring: %w", err)
	}
	return nil
}

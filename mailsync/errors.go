package mailsync

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Code classifies a sync failure.
type Code string

const (
	CodeConfig      Code = "config"      // the account settings are invalid
	CodeNoPassword  Code = "no_password" // no password in the keyring or environment
	CodeAuth        Code = "auth"        // user name or password refused
	CodeUnreachable Code = "unreachable" // unknown host, connection refused, no network
	CodeTimeout     Code = "timeout"     // the server does not answer
	CodeCertificate Code = "certificate" // certificate not verified and not trusted
	CodeTLS         Code = "tls"         // TLS negotiation failed (wrong port or mode?)
	CodeDropped     Code = "dropped"     // connection lost after it was established
	CodeFolder      Code = "folder"      // a folder is missing or cannot be read
	CodeServer      Code = "server"      // the server refused a command
	CodeStore       Code = "store"       // the local database failed
	CodeCanceled    Code = "canceled"    // cancelled by the person
)

// Error is a sync failure with a French message that can be shown as is.
// Error() gives the technical chain for logs.
type Error struct {
	Code    Code
	Message string // French, for the person
	// Fingerprint is the server certificate's SHA-256 fingerprint when
	// Code is CodeCertificate: the person may choose to trust it.
	Fingerprint string
	Err         error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "mailsync: " + string(e.Code)
	}
	return "mailsync: " + string(e.Code) + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// UserMessage returns the French message for any error of this package,
// and a generic one for others.
func UserMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	return "La synchronisation du courriel a échoué : " + err.Error()
}

// ErrorCode returns the Code of err, or "" when it is not a sync error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Retryable reports whether trying again later may succeed on its own.
// Refused credentials, an untrusted certificate, bad settings or a missing
// password need the person first: retrying a refused password could get the
// account locked by the server.
func Retryable(err error) bool {
	switch ErrorCode(err) {
	case CodeAuth, CodeCertificate, CodeConfig, CodeNoPassword, CodeCanceled:
		return false
	}
	return err != nil
}

// CertificateError is returned by the TLS handshake when the server's
// certificate neither verifies nor matches the trusted fingerprint.
type CertificateError struct {
	Host        string
	Fingerprint string // SHA-256, "AB:CD:…"
	Subject     string
	Issuer      string
	NotAfter    time.Time
	Reason      error // why verification failed
}

func (e *CertificateError) Error() string {
	return fmt.Sprintf("certificate of %s not trusted (sha256 %s): %v", e.Host, e.Fingerprint, e.Reason)
}

func (e *CertificateError) Unwrap() error { return e.Reason }

// stage says what the connection was doing when an error happened: the
// same network error means "unreachable" while dialling and "dropped" later.
type stage int

const (
	stageDial stage = iota
	stageLogin
	stageFolder
	stageFetch
)

// classify turns an error from the network, TLS or IMAP into an *Error
// with a French message.
func classify(ctx context.Context, err error, st stage, a Account, folder string) error {
	if err == nil {
		return nil
	}
	var already *Error
	if errors.As(err, &already) {
		return err
	}
	wrap := func(code Code, msg string) error { return &Error{Code: code, Message: msg, Err: err} }
	if ctx.Err() != nil {
		return &Error{Code: CodeCanceled, Message: "Synchronisation annulée.", Err: errors.Join(ctx.Err(), err)}
	}
	addr := a.Address()

	var certErr *CertificateError
	if errors.As(err, &certErr) {
		return &Error{Code: CodeCertificate, Fingerprint: certErr.Fingerprint, Err: err,
			Message: fmt.Sprintf("Le certificat du serveur %s n'est pas reconnu (%s). Empreinte SHA-256 : %s. "+
				"Ne faites confiance à ce certificat que si votre fournisseur de messagerie vous confirme cette empreinte.",
				a.Host, certReason(certErr.Reason), certErr.Fingerprint)}
	}

	var imapErr *imap.Error
	if errors.As(err, &imapErr) {
		text := strings.TrimSpace(imapErr.Text)
		switch {
		case st == stageLogin || imapErr.Code == imap.ResponseCodeAuthenticationFailed:
			if imapErr.Code == imap.ResponseCodePrivacyRequired {
				return wrap(CodeTLS, "Le serveur refuse l'identification sans chiffrement : choisissez TLS ou STARTTLS.")
			}
			return wrap(CodeAuth, fmt.Sprintf("Identifiant ou mot de passe refusé par le serveur %s. Vérifiez-les dans Paramètres → Courriel.", a.Host))
		case st == stageFolder && (imapErr.Code == imap.ResponseCodeNonExistent || imapErr.Code == ""):
			return wrap(CodeFolder, fmt.Sprintf("Le dossier « %s » n'existe pas sur le serveur ou ne peut pas être ouvert (%s).", folder, text))
		case imapErr.Code == imap.ResponseCodeUnavailable:
			return wrap(CodeServer, fmt.Sprintf("Le serveur %s est momentanément indisponible (%s) : nouvel essai plus tard.", a.Host, text))
		}
		return wrap(CodeServer, fmt.Sprintf("Le serveur %s a refusé la commande : %s.", a.Host, text))
	}

	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return wrap(CodeUnreachable, fmt.Sprintf("Serveur « %s » introuvable : vérifiez son nom.", a.Host))
		}
		return wrap(CodeUnreachable, fmt.Sprintf("Le nom du serveur « %s » ne peut pas être résolu : vérifiez la connexion au réseau.", a.Host))
	}

	timeout := errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded)
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		timeout = true
	}

	if st == stageDial {
		var recErr tls.RecordHeaderError
		var alert tls.AlertError
		switch {
		case errors.As(err, &recErr), errors.As(err, &alert):
			return wrap(CodeTLS, fmt.Sprintf("La négociation TLS avec %s a échoué : vérifiez la sécurité choisie (TLS ou STARTTLS) et le port.", addr))
		case timeout:
			return wrap(CodeTimeout, fmt.Sprintf("Le serveur %s ne répond pas : vérifiez le nom, le port et la connexion au réseau.", addr))
		case errors.Is(err, syscall.ECONNREFUSED):
			return wrap(CodeUnreachable, fmt.Sprintf("Connexion refusée par %s : vérifiez le port et la sécurité.", addr))
		case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
			return wrap(CodeUnreachable, fmt.Sprintf("Impossible de joindre %s : le réseau est-il disponible ?", addr))
		case isDropped(err):
			return wrap(CodeTLS, fmt.Sprintf("Le serveur %s a fermé la connexion dès l'ouverture : vérifiez la sécurité choisie (TLS ou STARTTLS) et le port.", addr))
		}
		return wrap(CodeUnreachable, fmt.Sprintf("Impossible de se connecter à %s.", addr))
	}
	if timeout {
		return wrap(CodeTimeout, fmt.Sprintf("Le serveur %s ne répond plus ; la prochaine synchronisation reprendra là où elle s'est arrêtée.", a.Host))
	}
	if isDropped(err) {
		return wrap(CodeDropped, fmt.Sprintf("La connexion avec %s a été interrompue ; la prochaine synchronisation reprendra là où elle s'est arrêtée.", a.Host))
	}
	return wrap(CodeServer, fmt.Sprintf("Échange avec le serveur %s impossible : %v.", a.Host, err))
}

// isDropped reports whether err means the connection went away.
func isDropped(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) ||
		strings.Contains(err.Error(), "use of closed network connection") ||
		strings.Contains(err.Error(), "connection reset")
}

// certReason says in French why a certificate did not verify.
func certReason(err error) string {
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &unknown):
		return "autorité de certification inconnue ou certificat auto-signé"
	case errors.As(err, &host):
		return "le certificat est établi pour un autre nom de serveur"
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "certificat expiré ou pas encore valide"
		}
		return "certificat invalide"
	}
	return "certificat non vérifiable"
}

// storeError wraps a failure of the local store.
func storeError(err error) error {
	var already *Error
	if errors.As(err, &already) {
		return err
	}
	return &Error{Code: CodeStore, Err: err,
		Message: "Le courriel n'a pas pu être enregistré dans la base ; la prochaine synchronisation reprendra là où elle s'est arrêtée."}
}

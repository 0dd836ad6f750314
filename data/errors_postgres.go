package data

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL's SQLSTATE codes the store explains.
const (
	pgInvalidPassword      = "28P01"
	pgInvalidAuthorization = "28000" // no pg_hba.conf entry, role refused
	pgInvalidCatalog       = "3D000" // no such database
	pgInsufficientPriv     = "42501"
	pgRaiseException       = "P0001" // a trigger's RAISE EXCEPTION (append-only tables)
	pgCannotConnectNow     = "57P03"
)

// pgConnectError turns a failed connection into one French line.
func pgConnectError(where, host string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case pgInvalidPassword:
			return &Error{Code: EREFUSED, Message: fmt.Sprintf("Mot de passe refusé par la base partagée %s : vérifiez le mot de passe enregistré dans le trousseau (ou PGPASSWORD, ~/.pgpass).", where), Err: err}
		case pgInvalidAuthorization:
			return &Error{Code: EREFUSED, Message: fmt.Sprintf("Le serveur refuse la connexion à %s pour cet utilisateur (pg_hba.conf) : demandez à l'administrateur de l'autoriser.", where), Err: err}
		case pgInvalidCatalog:
			return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("La base %s n'existe pas sur le serveur : créez-la (voir « Passer à plusieurs postes ») ou corrigez son nom.", where), Err: err}
		case pgCannotConnectNow:
			return &Error{Code: EINTERNAL, Message: fmt.Sprintf("Le serveur de la base partagée %s démarre ou s'arrête : réessayez dans un instant.", where), Err: err}
		}
	}
	if isCertificateError(err) {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("Le certificat du serveur de la base partagée %s n'a pas pu être vérifié : vérifiez le certificat de l'étude (sslrootcert) et le nom du serveur.", where), Err: err}
	}
	msg := err.Error()
	if strings.Contains(msg, "server refused TLS connection") {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("Le serveur de la base partagée %s n'accepte pas les connexions chiffrées : activez TLS sur le serveur (ssl = on).", where), Err: err}
	}
	if strings.Contains(msg, "SASL") || strings.Contains(msg, "password") {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("Aucun mot de passe pour la base partagée %s : enregistrez-le dans Paramètres → Base de données (trousseau du système), ou donnez PGPASSWORD ou ~/.pgpass.", where), Err: err}
	}
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	if errors.As(err, &oe) || errors.As(err, &de) || errors.As(err, &ne) || strings.Contains(msg, "dial") || strings.Contains(msg, "connect:") {
		return &Error{Code: EINTERNAL, Message: fmt.Sprintf("Le serveur de la base partagée %s est injoignable (%s) : vérifiez qu'il est allumé, son adresse et son port.", where, host), Err: err}
	}
	return pgError(where, err)
}

func isCertificateError(err error) bool {
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	var cv *tls.CertificateVerificationError
	return errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci) || errors.As(err, &cv) ||
		strings.Contains(err.Error(), "x509:") || strings.Contains(err.Error(), "sslrootcert")
}

// pgError wraps an unexpected server error with the base's name.
func pgError(where string, err error) error {
	var se *Error
	if errors.As(err, &se) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == pgInsufficientPriv {
		return &Error{Code: EREFUSED, Message: fmt.Sprintf("L'utilisateur n'a pas les droits nécessaires sur la base partagée %s : %s.", where, pe.Message), Err: err}
	}
	return &Error{Code: EINTERNAL, Message: fmt.Sprintf("Erreur de la base partagée %s", where), Err: err}
}

// isPgConstraint reports a PostgreSQL integrity constraint violation
// (class 23: unique, foreign key, check, not null) or a refusal by an
// append-only trigger, which SQLite reports as a constraint too.
func isPgConstraint(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (strings.HasPrefix(pe.Code, "23") || pe.Code == pgRaiseException)
}

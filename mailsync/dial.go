package mailsync

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"amiable/debt"
)

// rootCAs are the authorities certificates are verified against; nil means
// the system's. Tests point it at their own CA.
var rootCAs *x509.CertPool

const dialTimeout = 20 * time.Second

// tlsConfig verifies the server certificate against the system authorities
// and the host name; a certificate that fails is accepted only when its
// SHA-256 fingerprint is exactly the one the user trusted.
func tlsConfig(a Account) *tls.Config {
	trusted := normFingerprint(a.TrustedFingerprint)
	return &tls.Config{
		ServerName: a.Host,
		MinVersion: tls.VersionTLS12,
		// Verification is done below, so that a trusted self-signed
		// certificate can be accepted by its fingerprint.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return &CertificateError{Host: a.Host, Reason: errors.New("no certificate presented")}
			}
			leaf := cs.PeerCertificates[0]
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			_, err := leaf.Verify(x509.VerifyOptions{DNSName: a.Host, Intermediates: inter, Roots: rootCAs})
			if err == nil {
				return nil
			}
			fp := Fingerprint(leaf)
			if trusted != "" && normFingerprint(fp) == trusted {
				return nil
			}
			return &CertificateError{Host: a.Host, Fingerprint: fp, Subject: leaf.Subject.String(),
				Issuer: leaf.Issuer.String(), NotAfter: leaf.NotAfter, Reason: err}
		},
	}
}

// session is a logged-in IMAP connection that closes itself when ctx is
// cancelled.
type session struct {
	c    *imapclient.Client
	stop func() bool
}

func (s *session) close() {
	s.stop()
	s.c.Close()
}

// logout ends the session politely, then closes it.
func (s *session) logout() {
	s.stop()
	_ = s.c.Logout().Wait()
	s.c.Close()
}

// connect dials the account's server with its security mode, waits for the
// greeting and logs in. Errors are *Error with a French message.
func connect(ctx context.Context, a Account, password string) (*session, error) {
	a = a.WithDefaults()
	if errs := a.Validate(); len(errs) > 0 {
		return nil, &Error{Code: CodeConfig, Message: debt.ValidationError(errs).Error(), Err: debt.ValidationError(errs)}
	}
	if password == "" {
		return nil, &Error{Code: CodeNoPassword, Err: errors.New("empty password"),
			Message: "Aucun mot de passe pour " + a.Key() + " : saisissez-le dans Paramètres → Courriel."}
	}
	if err := ctx.Err(); err != nil {
		return nil, classify(ctx, err, stageDial, a, "")
	}
	opts := &imapclient.Options{
		WordDecoder: wordDecoder,
		TLSConfig:   tlsConfig(a),
	}
	nd := &net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}
	addr := a.Address()

	var conn net.Conn
	var err error
	if a.Security == SecurityTLS {
		td := &tls.Dialer{NetDialer: nd, Config: opts.TLSConfig}
		conn, err = td.DialContext(ctx, "tcp", addr)
	} else {
		conn, err = nd.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, classify(ctx, err, stageDial, a, "")
	}
	// Until the session exists, cancelling closes the bare connection.
	stopConn := context.AfterFunc(ctx, func() { conn.Close() })

	var c *imapclient.Client
	if a.Security == SecurityStartTLS {
		c, err = imapclient.NewStartTLS(conn, opts)
		if err != nil {
			stopConn()
			conn.Close()
			return nil, classify(ctx, err, stageDial, a, "")
		}
	} else {
		c = imapclient.New(conn, opts)
	}
	if err := c.WaitGreeting(); err != nil {
		stopConn()
		c.Close()
		return nil, classify(ctx, err, stageDial, a, "")
	}
	stopConn()
	s := &session{c: c, stop: context.AfterFunc(ctx, func() { c.Close() })}
	// Validate has refused plain connections to anything but loopback.
	if err := c.Login(a.User, password).Wait(); err != nil {
		s.close()
		return nil, classify(ctx, err, stageLogin, a, "")
	}
	return s, nil
}

// FolderStatus is what TestConnection reports for one folder.
type FolderStatus struct {
	Name        string `json:"name"`
	Messages    uint32 `json:"messages"`
	UIDValidity uint32 `json:"uid_validity"`
}

// TestConnection connects, logs in and opens each folder read-only. On
// success it returns the folders' message counts; on failure an *Error
// whose Message says what to fix (and Fingerprint, for a certificate the
// person may choose to trust).
func TestConnection(ctx context.Context, a Account, password string) ([]FolderStatus, error) {
	a = a.WithDefaults()
	s, err := connect(ctx, a, password)
	if err != nil {
		return nil, err
	}
	defer s.logout()
	var out []FolderStatus
	for _, f := range a.Folders {
		data, err := s.c.Select(f, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil {
			return out, classify(ctx, err, stageFolder, a, f)
		}
		out = append(out, FolderStatus{Name: f, Messages: data.NumMessages, UIDValidity: data.UIDValidity})
	}
	return out, nil
}

// Summary returns a French one-line result for the "test" button:
// "Connexion réussie : INBOX (1 234 messages)".
func Summary(folders []FolderStatus) string {
	s := "Connexion réussie"
	for i, f := range folders {
		if i == 0 {
			s += " : "
		} else {
			s += ", "
		}
		s += fmt.Sprintf("%s (%s message%s)", f.Name, groupThousands(f.Messages), plural(f.Messages))
	}
	return s
}

func plural(n uint32) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// groupThousands writes 1234 as "1 234" with a narrow no-break space, as
// French typography wants.
func groupThousands(n uint32) string {
	s := fmt.Sprint(n)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, "\u202f"...)
		}
		out = append(out, s[i])
	}
	return string(out)
}

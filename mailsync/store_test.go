package mailsync

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"slices"
	"sync"
	"testing"
	"time"
)

// memStore is the Store of mailsync's own tests: maps behind a mutex, each
// File all-or-nothing like the transaction the data package runs. The
// data package tests its SQLite Store against the same contract.
type memStore struct {
	*officeFacts
	mu       sync.Mutex
	states   map[string]FolderState
	msgs     map[string]FiledMessage // by Message.Key
	order    []string                // keys in filing order
	files    int                     // File calls
	failFile int                     // the File call (1-based) that fails; 0: none
}

var errDiskFull = errors.New("disk full")

func newMemStore() *memStore {
	return &memStore{officeFacts: newOfficeFacts(), states: map[string]FolderState{}, msgs: map[string]FiledMessage{}}
}

func stateKey(account, folder string) string { return account + "\x00" + folder }

func (s *memStore) FolderState(_ context.Context, account, folder string) (FolderState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.states[stateKey(account, folder)], nil
}

func (s *memStore) SetFolderState(_ context.Context, account, folder string, st FolderState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states[stateKey(account, folder)] = st
	return nil
}

func (s *memStore) HasMessage(_ context.Context, key, sum string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range []string{key, OtherBytesKey(key, sum)} {
		if m, ok := s.msgs[k]; ok && m.Message.SHA256 == sum {
			return true, nil
		}
	}
	return false, nil
}

func (s *memStore) File(_ context.Context, m FiledMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files++
	if s.files == s.failFile {
		return errDiskFull
	}
	if held, ok := s.msgs[m.Message.Key]; ok {
		if held.Message.SHA256 == m.Message.SHA256 {
			return fmt.Errorf("file %s: %w", m.Message.Key, ErrDuplicate)
		}
		other := OtherBytesKey(m.Message.Key, m.Message.SHA256)
		if _, ok := s.msgs[other]; ok {
			return fmt.Errorf("file %s: %w", other, ErrDuplicate)
		}
		if !slices.Contains(held.Message.Warnings, SameIDWarning) {
			held.Message.Warnings = append(slices.Clone(held.Message.Warnings), SameIDWarning)
			s.msgs[m.Message.Key] = held
		}
		m.Message.Key = other
		m.Message.Warnings = append(slices.Clone(m.Message.Warnings), SameIDWarning)
	}
	k := stateKey(m.Account, m.Folder)
	st := s.states[k]
	if st.UIDValidity != m.UIDValidity {
		st = FolderState{UIDValidity: m.UIDValidity}
	}
	st.LastUID = max(st.LastUID, m.UID)
	s.states[k] = st
	s.msgs[m.Message.Key] = m
	s.order = append(s.order, m.Message.Key)
	return nil
}

func (s *memStore) state(account, folder string) FolderState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.states[stateKey(account, folder)]
}

func (s *memStore) keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.order)
}

func (s *memStore) message(key string) (FiledMessage, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.msgs[key]
	return m, ok
}

// checkFiledOnce fails unless the store holds exactly the wanted keys, each
// filed once.
func checkFiledOnce(t *testing.T, s *memStore, want []string) {
	t.Helper()
	got := s.keys()
	seen := map[string]int{}
	for _, k := range got {
		seen[k]++
	}
	for k, n := range seen {
		if n > 1 {
			t.Errorf("%s filed %d times", k, n)
		}
	}
	for _, k := range want {
		if seen[k] == 0 {
			t.Errorf("%s never filed", k)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d messages filed, want %d", len(got), len(want))
	}
}

// genMessage returns a small French reply numbered i.
func genMessage(i int) []byte {
	return fmt.Appendf(nil, "From: Jean Dupont <jean.dupont@example.fr>\r\n"+
		"To: contact@etude-martin.fr\r\n"+
		"Subject: =?utf-8?Q?R=C3=A9ponse_n=C2=B0_%d?=\r\n"+
		"Date: Mon, 2 Mar 2026 10:%02d:%02d +0100\r\n"+
		"Message-ID: <gen-%d@example.fr>\r\n"+
		"MIME-Version: 1.0\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n"+
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n"+
		"Bonjour,\r\n\r\nJe r=C3=A9gle le versement n=C2=B0 %d du dossier 2026-00042 : 150,00 =E2=82=AC.\r\n\r\n"+
		"Jean Dupont\r\n\r\n"+
		"Le 1 mars 2026 =C3=A0 09:00, =C3=89tude Martin a =C3=A9crit :\r\n"+
		"> Monsieur, nous attendons votre versement.\r\n", i, (i/60)%60, i%60, i, i)
}

// selfSigned returns a self-signed certificate for the given host names and
// IP addresses, by default 127.0.0.1 and localhost.
func selfSigned(t testing.TB, hosts ...string) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	if len(hosts) == 0 {
		hosts = []string{"localhost", "127.0.0.1"}
	}
	var dns []string
	var ips []net.IP
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			ips = append(ips, ip)
		} else {
			dns = append(dns, h)
		}
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{Organization: []string{"Amiable tests"}, CommonName: hosts[0]},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              dns,
		IPAddresses:           ips,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, cert
}

// withRootCAs makes the package verify certificates against pool for the
// duration of the test.
func withRootCAs(t *testing.T, certs ...*x509.Certificate) {
	t.Helper()
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	old := rootCAs
	rootCAs = pool
	t.Cleanup(func() { rootCAs = old })
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

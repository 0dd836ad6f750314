package mailsync

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

const (
	memUser     = "amiable"
	memPassword = "mot-de-passe-de-test"
)

// memIMAP is go-imap's in-memory server on a loopback port. The mailbox
// outlives restarts of the listener.
type memIMAP struct {
	t    *testing.T
	mem  *imapmemserver.Server
	user *imapmemserver.User
	srv  *imapserver.Server
	port int
	cert *tls.Certificate // nil: plain IMAP only
	tls  bool             // implicit TLS instead of plain + STARTTLS
}

func newMemIMAP(t *testing.T) *memIMAP {
	t.Helper()
	m := &memIMAP{t: t, mem: imapmemserver.New(), user: imapmemserver.NewUser(memUser, memPassword)}
	if err := m.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	m.mem.AddUser(m.user)
	return m
}

// start serves the mailbox on a new port.
func (m *memIMAP) start() {
	m.t.Helper()
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return m.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		m.t.Fatal(err)
	}
	if m.cert != nil {
		cfg := &tls.Config{Certificates: []tls.Certificate{*m.cert}}
		if m.tls {
			ln = tls.NewListener(ln, cfg)
		} else {
			opts.TLSConfig = cfg
		}
	}
	m.srv = imapserver.New(opts)
	m.port = ln.Addr().(*net.TCPAddr).Port
	go m.srv.Serve(ln)
	m.t.Cleanup(func() { m.srv.Close() })
}

func (m *memIMAP) stop() { m.srv.Close() }

func (m *memIMAP) account() Account {
	return Account{Host: "127.0.0.1", Port: m.port, Security: SecurityNone, User: memUser, Folders: []string{"INBOX"}}
}

func (m *memIMAP) appendTo(folder string, raws ...[]byte) {
	m.t.Helper()
	for _, raw := range raws {
		if _, err := m.user.Append(folder, bytes.NewReader(raw), &imap.AppendOptions{}); err != nil {
			m.t.Fatal(err)
		}
	}
}

// flags returns the flags of every message of INBOX, read with a separate
// client.
func (m *memIMAP) flags() map[imap.UID][]imap.Flag {
	m.t.Helper()
	c, err := imapclient.DialInsecure(net.JoinHostPort("127.0.0.1", strconv.Itoa(m.port)), nil)
	if err != nil {
		m.t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(memUser, memPassword).Wait(); err != nil {
		m.t.Fatal(err)
	}
	if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		m.t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		m.t.Fatal(err)
	}
	out := map[imap.UID][]imap.Flag{}
	for _, msg := range msgs {
		out[msg.UID] = msg.Flags
	}
	return out
}

// crlf turns bare LF line ends into CRLF.
func crlf(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

func corpusRaws(t *testing.T) (raws [][]byte, keys []string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v (%d files)", err, len(files))
	}
	slices.Sort(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
		keys = append(keys, Parse(raw).Key)
	}
	return raws, keys
}

// The whole corpus goes through a real IMAP exchange: each message filed
// once with its exact bytes and decision, counts as Match decides, nothing
// marked \Seen, and the next pass fetches nothing.
func TestSyncMemFullThenIncremental(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	raws, keys := corpusRaws(t)
	// imapmemserver re-parses a message to serve BODY[] and serves nothing
	// usable for a header go-message refuses: the malformed-headers mail
	// goes through Dovecot (TestDovecot*) and the parser tests instead.
	for i := range raws {
		if bytes.Contains(raws[i], []byte("this line is not a header")) {
			raws, keys = slices.Delete(raws, i, i+1), slices.Delete(keys, i, i+1)
			break
		}
	}
	srv.appendTo("INBOX", raws...)

	store := newMemStore()
	var reports []Progress
	s := &Syncer{Store: store, BatchSize: 4, Progress: func(p Progress) { reports = append(reports, p) }}
	a := srv.account()
	res, err := s.Sync(context.Background(), a, memPassword)
	if err != nil {
		t.Fatalf("Sync: %v (%s)", err, UserMessage(err))
	}
	want := Result{Fetched: 14, Filed: 10, Triage: 4}
	if res != want {
		t.Errorf("first pass = %+v, want %+v", res, want)
	}
	checkFiledOnce(t, store, keys)
	for i, k := range keys {
		fm, _ := store.message(k)
		// imapmemserver rewrites the header's line ends to CRLF and keeps
		// the body's: compare line by line.
		if !bytes.Equal(crlf(fm.Raw), crlf(raws[i])) {
			t.Errorf("%s: raw bytes differ from the appended message", k)
		}
		if fm.UID != uint32(i+1) || fm.Folder != "INBOX" || fm.Account != "amiable@127.0.0.1" {
			t.Errorf("%s filed as %s/%s uid %d, want amiable@127.0.0.1/INBOX uid %d", k, fm.Account, fm.Folder, fm.UID, i+1)
		}
		if fm.InternalDate.IsZero() {
			t.Errorf("%s: no internal date", k)
		}
		d, _ := Match(context.Background(), Parse(raws[i]), store)
		if fm.Decision != d {
			t.Errorf("%s: decision %+v, want %+v", k, fm.Decision, d)
		}
	}
	if st := store.state(a.Key(), "INBOX"); st.LastUID != 14 || st.UIDValidity == 0 {
		t.Errorf("folder state = %+v, want LastUID 14 and a UIDVALIDITY", st)
	}
	if len(reports) != 15 || reports[14].Done != 14 || reports[14].Total != 14 || reports[14].Result != want {
		t.Errorf("progress: %d reports, last %+v; want 15 ending at 14/14 with %+v", len(reports), reports[len(reports)-1], want)
	}
	for uid, fl := range srv.flags() {
		if slices.Contains(fl, imap.FlagSeen) {
			t.Errorf("uid %d is \\Seen after sync: flags %v", uid, fl)
		}
	}

	// Nothing new: nothing fetched.
	if res, err := s.Sync(context.Background(), a, memPassword); err != nil || res != (Result{}) {
		t.Errorf("empty pass = %+v, %v; want zero counts", res, err)
	}
	// Two new messages: only they are fetched.
	srv.appendTo("INBOX", genMessage(1), genMessage(2))
	res, err = s.Sync(context.Background(), a, memPassword)
	if err != nil || res != (Result{Fetched: 2, Filed: 2}) {
		t.Errorf("incremental pass = %+v, %v; want 2 fetched and filed", res, err)
	}
	if st := store.state(a.Key(), "INBOX"); st.LastUID != 16 {
		t.Errorf("LastUID = %d, want 16", st.LastUID)
	}
}

// The same message in two folders, or delivered twice, is held once.
func TestSyncMemDuplicatesAcrossFolders(t *testing.T) {
	srv := newMemIMAP(t)
	if err := srv.user.Create("Archives", nil); err != nil {
		t.Fatal(err)
	}
	srv.start()
	srv.appendTo("INBOX", genMessage(1), genMessage(2), genMessage(2))
	srv.appendTo("Archives", genMessage(1), genMessage(3))
	store := newMemStore()
	a := srv.account()
	a.Folders = []string{"INBOX", "Archives"}
	res, err := (&Syncer{Store: store}).Sync(context.Background(), a, memPassword)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Result{Fetched: 5, Filed: 3, Duplicates: 2}); res != want {
		t.Errorf("Sync = %+v, want %+v", res, want)
	}
	// Duplicates advance the bookkeeping too: the next pass fetches nothing.
	if st := store.state(a.Key(), "Archives"); st.LastUID != 2 {
		t.Errorf("Archives LastUID = %d, want 2", st.LastUID)
	}
	if res, _ := (&Syncer{Store: store}).Sync(context.Background(), a, memPassword); res != (Result{}) {
		t.Errorf("second pass = %+v, want nothing", res)
	}
}

// The server renumbers the folder (new UIDVALIDITY, same messages plus a
// new one): every message is looked at again, only the new one is filed.
func TestSyncMemUIDValidityReset(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	var raws [][]byte
	for i := range 10 {
		raws = append(raws, genMessage(i))
	}
	srv.appendTo("INBOX", raws...)
	store := newMemStore()
	s := &Syncer{Store: store, BatchSize: 3}
	a := srv.account()
	if _, err := s.Sync(context.Background(), a, memPassword); err != nil {
		t.Fatal(err)
	}
	before := store.state(a.Key(), "INBOX")

	if err := srv.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := srv.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	srv.appendTo("INBOX", append(raws, genMessage(10))...)
	res, err := s.Sync(context.Background(), a, memPassword)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Result{Fetched: 11, Filed: 1, Duplicates: 10}); res != want {
		t.Errorf("pass after UIDVALIDITY change = %+v, want %+v", res, want)
	}
	after := store.state(a.Key(), "INBOX")
	if after.UIDValidity == before.UIDValidity || after.LastUID != 11 {
		t.Errorf("state %+v → %+v, want a new UIDVALIDITY and LastUID 11", before, after)
	}
	var want []string
	for i := range 11 {
		want = append(want, Parse(genMessage(i)).Key)
	}
	checkFiledOnce(t, store, want)
}

// The server goes away in the middle of a pass: the pass fails with the
// "connection dropped" message, what was filed stays, and the next pass on
// a restarted server files the rest, with no loss and no duplicate.
func TestSyncMemDroppedMidPass(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	var raws [][]byte
	var want []string
	for i := range 30 {
		raws = append(raws, genMessage(i))
		want = append(want, Parse(raws[i]).Key)
	}
	srv.appendTo("INBOX", raws...)
	store := newMemStore()
	stopped := false
	s := &Syncer{Store: store, BatchSize: 5, Progress: func(p Progress) {
		if p.Done == 7 && !stopped {
			stopped = true
			srv.stop()
		}
	}}
	res, err := s.Sync(context.Background(), srv.account(), memPassword)
	if ErrorCode(err) != CodeDropped {
		t.Fatalf("Sync error = %v (code %q), want %q", err, ErrorCode(err), CodeDropped)
	}
	if !strings.Contains(UserMessage(err), "interrompue") || !strings.Contains(UserMessage(err), "reprendra") {
		t.Errorf("message %q should say the connection was cut and will resume", UserMessage(err))
	}
	// The batch under way (6-10) was already received: it is filed.
	if res.Filed != 10 || res.Errors != 0 {
		t.Errorf("cut pass = %+v, want 10 filed", res)
	}
	if st := store.state(srv.account().Key(), "INBOX"); st.LastUID != 10 {
		t.Errorf("LastUID after cut = %d, want 10", st.LastUID)
	}

	srv.start()
	res, err = s.Sync(context.Background(), srv.account(), memPassword)
	if err != nil {
		t.Fatalf("resumed pass: %v", err)
	}
	if want := (Result{Fetched: 20, Filed: 20}); res != want {
		t.Errorf("resumed pass = %+v, want %+v", res, want)
	}
	checkFiledOnce(t, store, want)
}

// The database fails on the 7th message: the pass stops with a store
// error, and the next pass starts exactly at that message.
func TestSyncMemStoreFailureResumes(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	var want []string
	for i := range 12 {
		srv.appendTo("INBOX", genMessage(i))
		want = append(want, Parse(genMessage(i)).Key)
	}
	store := newMemStore()
	store.failFile = 7
	s := &Syncer{Store: store, BatchSize: 5}
	res, err := s.Sync(context.Background(), srv.account(), memPassword)
	if ErrorCode(err) != CodeStore || !errors.Is(err, errDiskFull) {
		t.Fatalf("Sync error = %v, want a store error wrapping %v", err, errDiskFull)
	}
	if res.Filed != 6 || res.Errors != 1 {
		t.Errorf("failed pass = %+v, want 6 filed and 1 error", res)
	}
	if st := store.state(srv.account().Key(), "INBOX"); st.LastUID != 6 {
		t.Errorf("LastUID = %d, want 6", st.LastUID)
	}
	res, err = s.Sync(context.Background(), srv.account(), memPassword)
	if err != nil || res != (Result{Fetched: 6, Filed: 6}) {
		t.Errorf("resumed pass = %+v, %v; want 6 fetched and filed", res, err)
	}
	checkFiledOnce(t, store, want)
}

// Cancelling stops the pass at once with its own message; the next pass
// resumes.
func TestSyncMemCancel(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	for i := range 20 {
		srv.appendTo("INBOX", genMessage(i))
	}
	store := newMemStore()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := &Syncer{Store: store, BatchSize: 50, Progress: func(p Progress) {
		if p.Done == 3 {
			cancel()
		}
	}}
	res, err := s.Sync(ctx, srv.account(), memPassword)
	if ErrorCode(err) != CodeCanceled || UserMessage(err) != "Synchronisation annulée." {
		t.Fatalf("Sync error = %v (%q), want cancelled", err, UserMessage(err))
	}
	if res.Filed != 3 {
		t.Errorf("cancelled pass filed %d, want 3", res.Filed)
	}
	s.Progress = nil
	res, err = s.Sync(context.Background(), srv.account(), memPassword)
	if err != nil || res.Filed != 17 {
		t.Errorf("next pass = %+v, %v; want 17 filed", res, err)
	}
}

func TestSyncMemWrongPasswordAndMissingFolder(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	srv.appendTo("INBOX", genMessage(1))
	store := newMemStore()
	s := &Syncer{Store: store}

	_, err := s.Sync(context.Background(), srv.account(), "mauvais")
	if ErrorCode(err) != CodeAuth || Retryable(err) {
		t.Errorf("wrong password: error %v (code %q, retryable %v), want %q, not retryable", err, ErrorCode(err), Retryable(err), CodeAuth)
	}
	if msg := UserMessage(err); !strings.Contains(msg, "mot de passe refusé") || strings.Contains(msg, "mauvais") {
		t.Errorf("wrong password message %q: should say refused, never show the password", msg)
	}
	if _, err := TestConnection(context.Background(), srv.account(), "mauvais"); ErrorCode(err) != CodeAuth {
		t.Errorf("TestConnection with wrong password: %v, want %q", err, CodeAuth)
	}

	a := srv.account()
	a.Folders = []string{"Absent", "INBOX"}
	res, err := s.Sync(context.Background(), a, memPassword)
	if ErrorCode(err) != CodeFolder || !strings.Contains(UserMessage(err), "« Absent » n'existe pas") {
		t.Errorf("missing folder: %v (%q), want %q naming the folder", err, UserMessage(err), CodeFolder)
	}
	if res != (Result{Fetched: 1, Filed: 1, Errors: 1}) {
		t.Errorf("pass with a missing folder = %+v, want INBOX read and 1 error", res)
	}

	st, err := TestConnection(context.Background(), srv.account(), memPassword)
	if err != nil || len(st) != 1 || st[0].Messages != 1 {
		t.Errorf("TestConnection = %+v, %v; want INBOX with 1 message", st, err)
	}
	if got := Summary(st); got != "Connexion réussie : INBOX (1 message)" {
		t.Errorf("Summary = %q", got)
	}
}

// Implicit TLS and STARTTLS with a self-signed certificate: refused with
// its fingerprint, accepted once that exact fingerprint is trusted or the
// certificate verifies; another fingerprint is still refused.
func TestSyncMemCertificates(t *testing.T) {
	cert, leaf := selfSigned(t)
	_, other := selfSigned(t)
	for _, mode := range []Security{SecurityTLS, SecurityStartTLS} {
		t.Run(string(mode), func(t *testing.T) {
			srv := newMemIMAP(t)
			srv.cert = &cert
			srv.tls = mode == SecurityTLS
			srv.start()
			srv.appendTo("INBOX", genMessage(1))
			a := srv.account()
			a.Security = mode

			_, err := TestConnection(context.Background(), a, memPassword)
			var e *Error
			if ErrorCode(err) != CodeCertificate || !errors.As(err, &e) || e.Fingerprint != Fingerprint(leaf) {
				t.Fatalf("untrusted certificate: %v, want %q with fingerprint %s", err, CodeCertificate, Fingerprint(leaf))
			}
			if !strings.Contains(UserMessage(err), Fingerprint(leaf)) || !strings.Contains(UserMessage(err), "auto-signé") {
				t.Errorf("message %q should show the fingerprint and say why", UserMessage(err))
			}
			if Retryable(err) {
				t.Error("an untrusted certificate should not be retried automatically")
			}

			a.TrustedFingerprint = Fingerprint(other)
			if _, err := TestConnection(context.Background(), a, memPassword); ErrorCode(err) != CodeCertificate {
				t.Errorf("another trusted fingerprint: %v, want %q", err, CodeCertificate)
			}

			a.TrustedFingerprint = strings.ToLower(strings.ReplaceAll(Fingerprint(leaf), ":", ""))
			res, err := (&Syncer{Store: newMemStore()}).Sync(context.Background(), a, memPassword)
			if err != nil || res.Filed != 1 {
				t.Errorf("trusted fingerprint: %+v, %v; want 1 filed", res, err)
			}

			a.TrustedFingerprint = ""
			withRootCAs(t, leaf)
			if _, err := TestConnection(context.Background(), a, memPassword); err != nil {
				t.Errorf("certificate signed by a known authority: %v", err)
			}
		})
	}
}

// A certificate from a known authority but for another host is refused.
func TestSyncMemCertificateWrongName(t *testing.T) {
	cert, leaf := selfSigned(t, "imap.example.fr")
	withRootCAs(t, leaf)
	srv := newMemIMAP(t)
	srv.cert = &cert
	srv.tls = true
	srv.start()
	a := srv.account()
	a.Security = SecurityTLS
	_, err := TestConnection(context.Background(), a, memPassword)
	if ErrorCode(err) != CodeCertificate || !strings.Contains(UserMessage(err), "autre nom de serveur") {
		t.Errorf("certificate for another host: %v (%q), want a certificate name error", err, UserMessage(err))
	}
}

func TestConnectErrors(t *testing.T) {
	// A port nobody listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()

	srv := newMemIMAP(t)
	srv.start() // plain IMAP, no TLS

	tests := []struct {
		name string
		a    Account
		pw   string
		code Code
		msg  string
	}{
		{"plain to a remote host", Account{Host: "imap.example.fr", Port: 143, Security: SecurityNone, User: "u"}, "x", CodeConfig, "127.0.0.1 ou localhost"},
		{"no host", Account{Security: SecurityTLS, User: "u"}, "x", CodeConfig, "serveur IMAP est obligatoire"},
		{"no password", Account{Host: "127.0.0.1", Port: 1, Security: SecurityNone, User: "u"}, "", CodeNoPassword, "mot de passe"},
		{"refused", Account{Host: "127.0.0.1", Port: closedPort, Security: SecurityTLS, User: "u"}, "x", CodeUnreachable, "Connexion refusée"},
		{"unknown host", Account{Host: "serveur-inexistant.invalid", Port: 993, Security: SecurityTLS, User: "u"}, "x", CodeUnreachable, "« serveur-inexistant.invalid »"},
		{"tls to a plain port", Account{Host: "127.0.0.1", Port: srv.port, Security: SecurityTLS, User: "u"}, "x", CodeTLS, "TLS ou STARTTLS"},
		{"starttls not offered", Account{Host: "127.0.0.1", Port: srv.port, Security: SecurityStartTLS, User: "u"}, "x", CodeServer, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := TestConnection(context.Background(), tc.a, tc.pw)
			if ErrorCode(err) != tc.code {
				t.Fatalf("TestConnection error %v (code %q), want code %q", err, ErrorCode(err), tc.code)
			}
			if !strings.Contains(UserMessage(err), tc.msg) {
				t.Errorf("message %q does not contain %q", UserMessage(err), tc.msg)
			}
		})
	}
}

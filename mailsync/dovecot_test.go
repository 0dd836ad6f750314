package mailsync

import (
	"bufio"
	"bytes"
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// dovecot is the throwaway server of scripts/dovecot.sh, described by the
// test.env file it writes in AMIABLE_DOVECOT_DIR.
type dovecot struct {
	dir, conf, host      string
	imapPort, imapsPort  int
	user, password       string
	ca, leaf             *x509.Certificate
	script               string // scripts/dovecot.sh
	maildir              string // the test user's Maildir
	folderPrefix, folder string
}

// needDovecot skips the test unless a Dovecot started by scripts/dovecot.sh
// is announced in AMIABLE_DOVECOT_DIR.
func needDovecot(t testing.TB) *dovecot {
	t.Helper()
	dir := os.Getenv("AMIABLE_DOVECOT_DIR")
	if dir == "" {
		t.Skip("AMIABLE_DOVECOT_DIR is not set: run eval \"$(scripts/dovecot.sh start /tmp/amiable-dovecot)\" (root, Debian dovecot-imapd) to test against a real Dovecot")
	}
	env := map[string]string{}
	f, err := os.Open(filepath.Join(dir, "test.env"))
	if err != nil {
		t.Fatalf("AMIABLE_DOVECOT_DIR=%s: %v (started with scripts/dovecot.sh?)", dir, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			env[k] = v
		}
	}
	d := &dovecot{dir: dir, conf: env["CONF"], host: env["HOST"], user: env["USER"], password: env["PASSWORD"]}
	d.imapPort, _ = strconv.Atoi(env["IMAP_PORT"])
	d.imapsPort, _ = strconv.Atoi(env["IMAPS_PORT"])
	d.ca = readCert(t, env["CA"])
	d.leaf = readCert(t, filepath.Join(dir, "server.pem"))
	d.script, _ = filepath.Abs(filepath.Join("..", "scripts", "dovecot.sh"))
	d.maildir = env["MAILDIR"]
	if d.conf == "" || d.imapPort == 0 || d.imapsPort == 0 {
		t.Fatalf("incomplete %s/test.env: %v", dir, env)
	}
	return d
}

func readCert(t testing.TB, path string) *x509.Certificate {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatalf("%s: no PEM block", path)
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// account returns the test account over implicit TLS, reading folder.
func (d *dovecot) account(folder string) Account {
	return Account{Host: d.host, Port: d.imapsPort, Security: SecurityTLS, User: d.user, Folders: []string{folder}}
}

// admin logs in over plain IMAP on loopback for setting up and checking.
func (d *dovecot) admin(t testing.TB) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(net.JoinHostPort(d.host, strconv.Itoa(d.imapPort)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(d.user, d.password).Wait(); err != nil {
		c.Close()
		t.Fatal(err)
	}
	return c
}

// newFolder creates a folder of its own for the test, deleted afterwards.
func (d *dovecot) newFolder(t *testing.T) string {
	t.Helper()
	name := fmt.Sprintf("T%s-%d", strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()), time.Now().UnixNano())
	c := d.admin(t)
	defer c.Close()
	if err := c.Create(name, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c := d.admin(t)
		defer c.Close()
		_ = c.Delete(name).Wait()
	})
	return name
}

// appendAll adds messages to folder with IMAP APPEND (fast, for volume).
func (d *dovecot) appendAll(t testing.TB, folder string, raws ...[]byte) {
	t.Helper()
	c := d.admin(t)
	defer c.Close()
	for _, raw := range raws {
		cmd := c.Append(folder, int64(len(raw)), nil)
		if _, err := cmd.Write(raw); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
}

// deliver saves one message with doveadm, as a mail server delivers it.
func (d *dovecot) deliver(t testing.TB, folder string, raw []byte) {
	t.Helper()
	cmd := exec.Command("doveadm", "-c", d.conf, "save", "-u", d.user, "-m", folder)
	cmd.Stdin = bytes.NewReader(raw)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("doveadm save: %v: %s", err, out)
	}
}

func (d *dovecot) run(t testing.TB, args ...string) {
	t.Helper()
	if out, err := exec.Command(d.script, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v: %s", d.script, args, err, out)
	}
}

// seen returns the UIDs of folder flagged \Seen.
func (d *dovecot) seen(t *testing.T, folder string) []imap.UID {
	t.Helper()
	c := d.admin(t)
	defer c.Close()
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out []imap.UID
	for _, m := range msgs {
		if slices.Contains(m.Flags, imap.FlagSeen) {
			out = append(out, m.UID)
		}
	}
	return out
}

// Full sync of the corpus delivered by doveadm, over implicit TLS verified
// against the test CA: exact bytes (Dovecot sends CRLF), every decision,
// no \Seen, then an empty pass and an incremental one over STARTTLS.
func TestDovecotFullAndIncremental(t *testing.T) {
	d := needDovecot(t)
	withRootCAs(t, d.ca)
	folder := d.newFolder(t)
	raws, keys := corpusRaws(t)
	for _, raw := range raws {
		d.deliver(t, folder, raw)
	}
	store := newMemStore()
	s := &Syncer{Store: store, BatchSize: 4}
	a := d.account(folder)
	res, err := s.Sync(context.Background(), a, d.password)
	if err != nil {
		t.Fatalf("Sync: %v (%s)", err, UserMessage(err))
	}
	if want := (Result{Fetched: 15, Filed: 11, Triage: 4}); res != want {
		t.Errorf("first pass = %+v, want %+v", res, want)
	}
	checkFiledOnce(t, store, keys)
	for i, k := range keys {
		fm, _ := store.message(k)
		if !bytes.Equal(fm.Raw, crlf(raws[i])) {
			t.Errorf("%s: raw bytes differ from the delivered message", k)
		}
		d, _ := Match(context.Background(), Parse(raws[i]), store)
		if fm.Decision != d {
			t.Errorf("%s: decision %+v, want %+v", k, fm.Decision, d)
		}
	}
	if seen := d.seen(t, folder); len(seen) > 0 {
		t.Errorf("UIDs %v are \\Seen after sync", seen)
	}

	start := time.Now()
	res, err = s.Sync(context.Background(), a, d.password)
	empty := time.Since(start)
	if err != nil || res != (Result{}) {
		t.Errorf("empty pass = %+v, %v; want nothing", res, err)
	}
	t.Logf("empty pass over TLS: %v", empty)

	d.appendAll(t, folder, genMessage(1), genMessage(2), genMessage(3))
	a.Security, a.Port = SecurityStartTLS, d.imapPort
	res, err = s.Sync(context.Background(), a, d.password)
	if err != nil || res != (Result{Fetched: 3, Filed: 3}) {
		t.Errorf("incremental pass over STARTTLS = %+v, %v; want 3 fetched and filed", res, err)
	}
	if st := store.state(a.Key(), folder); st.LastUID != 18 {
		t.Errorf("LastUID = %d, want 18", st.LastUID)
	}
}

// doveadm gives the folder a new UIDVALIDITY: the next pass looks at every
// message again and files only the new one.
func TestDovecotUIDValidityReset(t *testing.T) {
	d := needDovecot(t)
	withRootCAs(t, d.ca)
	folder := d.newFolder(t)
	var want []string
	for i := range 10 {
		d.appendAll(t, folder, genMessage(i))
		want = append(want, Parse(genMessage(i)).Key)
	}
	store := newMemStore()
	s := &Syncer{Store: store}
	a := d.account(folder)
	if _, err := s.Sync(context.Background(), a, d.password); err != nil {
		t.Fatal(err)
	}
	before := store.state(a.Key(), folder)
	out, err := exec.Command("doveadm", "-c", d.conf, "mailbox", "update", "-u", d.user,
		"--uid-validity", strconv.FormatUint(uint64(before.UIDValidity)+7, 10), folder).CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm mailbox update: %v: %s", err, out)
	}
	d.appendAll(t, folder, genMessage(10))
	want = append(want, Parse(genMessage(10)).Key)

	res, err := s.Sync(context.Background(), a, d.password)
	if err != nil {
		t.Fatal(err)
	}
	if w := (Result{Fetched: 11, Filed: 1, Duplicates: 10}); res != w {
		t.Errorf("pass after UIDVALIDITY change = %+v, want %+v", res, w)
	}
	after := store.state(a.Key(), folder)
	if after.UIDValidity != before.UIDValidity+7 || after.LastUID != 11 {
		t.Errorf("state %+v → %+v, want UIDVALIDITY %d and LastUID 11", before, after, before.UIDValidity+7)
	}
	checkFiledOnce(t, store, want)
}

// Dovecot is stopped in the middle of a pass and started again: the pass
// fails with the "connection dropped" message, the next one files the rest,
// nothing is lost or filed twice.
func TestDovecotStoppedMidPass(t *testing.T) {
	d := needDovecot(t)
	withRootCAs(t, d.ca)
	folder := d.newFolder(t)
	var raws [][]byte
	var want []string
	for i := range 300 {
		raws = append(raws, genMessage(i))
		want = append(want, Parse(raws[i]).Key)
	}
	d.appendAll(t, folder, raws...)
	// Whatever happens, leave Dovecot running for the other tests.
	t.Cleanup(func() { d.run(t, "start", d.dir) })

	store := newMemStore()
	stopped := false
	s := &Syncer{Store: store, BatchSize: 50, Progress: func(p Progress) {
		if p.Done == 60 && !stopped {
			stopped = true
			d.run(t, "stop", d.dir)
		}
	}}
	a := d.account(folder)
	res, err := s.Sync(context.Background(), a, d.password)
	if ErrorCode(err) != CodeDropped {
		t.Fatalf("Sync error = %v (code %q), want %q", err, ErrorCode(err), CodeDropped)
	}
	t.Logf("cut pass: %+v, %q", res, UserMessage(err))
	// The batch under way (51-100) was already received.
	if res.Filed != 100 || store.state(a.Key(), folder).LastUID != 100 {
		t.Errorf("cut pass = %+v, LastUID %d; want 100 filed", res, store.state(a.Key(), folder).LastUID)
	}
	if _, err := s.Sync(context.Background(), a, d.password); ErrorCode(err) != CodeUnreachable {
		t.Errorf("pass while stopped: %v, want %q", err, CodeUnreachable)
	}

	d.run(t, "start", d.dir)
	s.Progress = nil
	res, err = s.Sync(context.Background(), a, d.password)
	if err != nil {
		t.Fatalf("resumed pass: %v", err)
	}
	if w := (Result{Fetched: 200, Filed: 200}); res != w {
		t.Errorf("resumed pass = %+v, want %+v", res, w)
	}
	checkFiledOnce(t, store, want)
}

func TestDovecotWrongPassword(t *testing.T) {
	d := needDovecot(t)
	withRootCAs(t, d.ca)
	_, err := TestConnection(context.Background(), d.account("INBOX"), "pas-le-bon")
	if ErrorCode(err) != CodeAuth {
		t.Fatalf("TestConnection with a wrong password: %v (code %q), want %q", err, ErrorCode(err), CodeAuth)
	}
	if msg := UserMessage(err); !strings.Contains(msg, "mot de passe refusé par le serveur 127.0.0.1") || strings.Contains(msg, "pas-le-bon") {
		t.Errorf("message %q", msg)
	}
	st, err := TestConnection(context.Background(), d.account("INBOX"), d.password)
	if err != nil || len(st) != 1 {
		t.Errorf("TestConnection = %+v, %v", st, err)
	}
}

// The test CA is not among the system's: the certificate is refused with
// its fingerprint, then accepted once that fingerprint is trusted.
func TestDovecotUntrustedCertificate(t *testing.T) {
	d := needDovecot(t)
	for _, mode := range []Security{SecurityTLS, SecurityStartTLS} {
		t.Run(string(mode), func(t *testing.T) {
			a := d.account("INBOX")
			a.Security = mode
			if mode == SecurityStartTLS {
				a.Port = d.imapPort
			}
			_, err := TestConnection(context.Background(), a, d.password)
			var e *Error
			if ErrorCode(err) != CodeCertificate || !errors.As(err, &e) || e.Fingerprint != Fingerprint(d.leaf) {
				t.Fatalf("untrusted certificate: %v, want %q with fingerprint %s", err, CodeCertificate, Fingerprint(d.leaf))
			}
			if !strings.Contains(UserMessage(err), Fingerprint(d.leaf)) {
				t.Errorf("message %q lacks the fingerprint", UserMessage(err))
			}
			a.TrustedFingerprint = e.Fingerprint
			if _, err := TestConnection(context.Background(), a, d.password); err != nil {
				t.Errorf("with the trusted fingerprint: %v", err)
			}
		})
	}
}

// benchFolder returns a folder holding n messages of a few kilobytes, kept
// between runs (filling it takes a while).
func benchFolder(b *testing.B, d *dovecot, n int) string {
	b.Helper()
	name := fmt.Sprintf("Bench%d", n)
	c := d.admin(b)
	defer c.Close()
	st, err := c.Status(name, &imap.StatusOptions{NumMessages: true}).Wait()
	if err == nil && st.NumMessages != nil && int(*st.NumMessages) == n {
		return name
	}
	_ = c.Delete(name).Wait()
	if err := c.Create(name, nil).Wait(); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	// APPEND takes about 10 ms a message on this Dovecot: write the
	// Maildir++ files directly, named and owned as Dovecot's own delivery
	// names them (size in S=, CRLF size in W=), then index them with
	// doveadm before any timing.
	dir := filepath.Join(d.maildir, "."+name)
	fi, err := os.Stat(d.maildir)
	if err != nil {
		b.Fatal(err)
	}
	owner := fi.Sys().(*syscall.Stat_t)
	for i := range n {
		raw := benchMessage(i)
		f := filepath.Join(dir, "cur", fmt.Sprintf("%d.M%dP1.amiable-bench,S=%d,W=%d:2,", 1772442000+i, i, len(raw), len(raw)))
		if err := os.WriteFile(f, raw, 0o600); err != nil {
			b.Fatal(err)
		}
		if err := os.Chown(f, int(owner.Uid), int(owner.Gid)); err != nil {
			b.Fatal(err)
		}
	}
	if out, err := exec.Command("doveadm", "-c", d.conf, "index", "-u", d.user, name).CombinedOutput(); err != nil {
		b.Fatalf("doveadm index: %v: %s", err, out)
	}
	st, err = c.Status(name, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || st.NumMessages == nil || int(*st.NumMessages) != n {
		b.Fatalf("STATUS %s after filling = %+v, %v; want %d messages", name, st, err, n)
	}
	b.Logf("filled %s with %d messages in %v", name, n, time.Since(start))
	return name
}

// benchMessage is a realistic reply: text and HTML alternatives, a quoted
// history, about 4 KB.
func benchMessage(i int) []byte {
	var hist strings.Builder
	for j := range 25 {
		fmt.Fprintf(&hist, "> Ligne %d de l'historique : rappel du dossier 2026-%05d et de la somme due.\r\n", j, i%99999)
	}
	return fmt.Appendf(nil, "From: Débiteur %d <debiteur-%d@example.fr>\r\n"+
		"To: contact@etude-martin.fr\r\nSubject: =?utf-8?Q?R=C3=A9ponse_%d?=\r\n"+
		"Date: Mon, 2 Mar 2026 10:00:00 +0100\r\nMessage-ID: <bench-%d@example.fr>\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"+
		"--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"+
		"Bonjour,\r\nje propose de régler en trois fois.\r\n\r\nLe 1 mars 2026, Étude Martin a écrit :\r\n%s\r\n"+
		"--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"+
		"<html><body><p>Bonjour,<br>je propose de r&eacute;gler en trois fois.</p><blockquote>%s</blockquote></body></html>\r\n"+
		"--alt--\r\n", i, i, i, i, hist.String(), strings.ReplaceAll(hist.String(), "\r\n", "<br>\r\n"))
}

// BenchmarkDovecotInitialSync10k: first pass over 10 000 messages over TLS
// into an empty store.
func BenchmarkDovecotInitialSync10k(b *testing.B) {
	d := needDovecot(b)
	old := rootCAs
	rootCAs = x509.NewCertPool()
	rootCAs.AddCert(d.ca)
	defer func() { rootCAs = old }()
	folder := benchFolder(b, d, 10000)
	a := d.account(folder)
	b.ResetTimer()
	for b.Loop() {
		res, err := (&Syncer{Store: newMemStore()}).Sync(context.Background(), a, d.password)
		if err != nil || res.Fetched != 10000 || res.Filed+res.Triage != 10000 {
			b.Fatalf("Sync = %+v, %v", res, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/pass")
}

// BenchmarkDovecotEmptyPass: a pass with nothing new over 10 000 messages
// already filed (connect, TLS, login, EXAMINE, logout).
func BenchmarkDovecotEmptyPass(b *testing.B) {
	d := needDovecot(b)
	old := rootCAs
	rootCAs = x509.NewCertPool()
	rootCAs.AddCert(d.ca)
	defer func() { rootCAs = old }()
	folder := benchFolder(b, d, 10000)
	a := d.account(folder)
	store := newMemStore()
	if _, err := (&Syncer{Store: store}).Sync(context.Background(), a, d.password); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		res, err := (&Syncer{Store: store}).Sync(context.Background(), a, d.password)
		if err != nil || res != (Result{}) {
			b.Fatalf("Sync = %+v, %v", res, err)
		}
	}
}

// BenchmarkMbsyncInitialSync10k: the reference, isync's mbsync copying the
// same folder over TLS to a Maildir.
func BenchmarkMbsyncInitialSync10k(b *testing.B) {
	d := needDovecot(b)
	if _, err := exec.LookPath("mbsync"); err != nil {
		b.Skip("mbsync not installed (Debian package isync)")
	}
	folder := benchFolder(b, d, 10000)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, "mail"), 0o700); err != nil {
			b.Fatal(err)
		}
		rc := filepath.Join(dir, "mbsyncrc")
		// Host localhost: isync 1.4 matches the certificate's DNS names,
		// not its IP addresses.
		conf := fmt.Sprintf(`IMAPAccount bench
Host localhost
Port %d
User %s
Pass %s
SSLType IMAPS
CertificateFile %s

IMAPStore remote
Account bench

MaildirStore local
Path %s/mail/
Inbox %s/mail/INBOX
SubFolders Verbatim

Channel bench
Far :remote:%s
Near :local:INBOX
Sync Pull
Create Near
SyncState *
`, d.imapsPort, d.user, d.password, filepath.Join(d.dir, "ca.pem"), dir, dir, folder)
		if err := os.WriteFile(rc, []byte(conf), 0o600); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if out, err := exec.Command("mbsync", "-q", "-c", rc, "bench").CombinedOutput(); err != nil {
			b.Fatalf("mbsync: %v: %s", err, out)
		}
		b.StopTimer()
		files, _ := filepath.Glob(filepath.Join(dir, "mail", "INBOX", "*", "*"))
		if len(files) != 10000 {
			b.Fatalf("mbsync copied %d messages, want 10000", len(files))
		}
		b.StartTimer()
	}
}

package data

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"amiable/debt"
	"amiable/mailsync"
)

func eml(from, subject, body string, extra ...string) []byte {
	h := "From: " + from + "\r\nTo: recouvrement@etude.fr\r\nSubject: " + subject + "\r\nDate: Mon, 02 Mar 2026 10:00:00 +0100\r\n"
	for _, e := range extra {
		h += e + "\r\n"
	}
	return []byte(h + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
}

// imapServer serves a mailbox with msgs on loopback (go-imap's in-memory server).
func imapServer(t *testing.T, msgs ...[]byte) (mailsync.Account, *imapmemserver.User) {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("amiable", "secret")
	user.Create("INBOX", nil)
	mem.AddUser(user)
	for _, m := range msgs {
		if _, err := user.Append("INBOX", bytesLiteral(m), &imap.AppendOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return mailsync.Account{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, Security: mailsync.SecurityNone, User: "amiable"}, user
}

type literal struct {
	*strings.Reader
	n int64
}

func (l literal) Size() int64 { return l.n }

func bytesLiteral(b []byte) imap.LiteralReader {
	return literal{strings.NewReader(string(b)), int64(len(b))}
}

func TestSyncFilesRepliesIntoCasesWithARealIMAPServer(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := newCase(t, s, "Martin") // debtor martin@exemple.fr
		b := newCase(t, s, "Bernard")
		acc, _ := imapServer(t,
			eml("Claire Martin <martin@exemple.fr>", "Re: votre courrier", "Je paierai le 15."),
			eml("inconnu@ailleurs.fr", "Dossier "+b.Ref+" : contestation", "Je conteste la facture."),
			eml("personne@nulle-part.fr", "Bonjour", "Qui êtes-vous ?"),
		)
		sy := &mailsync.Syncer{Store: s.Mail()}
		res, err := sy.Sync(ctx, acc, "secret")
		if err != nil || res.Fetched != 3 || res.Filed != 2 || res.Triage != 1 {
			t.Fatalf("first pass = %+v, %v; want 3 fetched, 2 filed, 1 in triage", res, err)
		}
		if res, err := sy.Sync(ctx, acc, "secret"); err != nil || res.Fetched != 0 {
			t.Fatalf("second pass = %+v, %v; want nothing new", res, err)
		}
		mine, _ := s.Mails(ctx, MailQuery{CaseID: a.ID})
		if len(mine) != 1 || !strings.Contains(mine[0].Body, "Je paierai le 15") || !blobHolds(s, mine[0].Raw) {
			t.Fatalf("mails of %s = %+v", a.Ref, mine)
		}
		evs, _ := s.Events(ctx, a.ID)
		if last := evs[len(evs)-1]; last.Kind != debt.EventEmail || !strings.Contains(last.Text, "Courriel reçu de Claire Martin") {
			t.Fatalf("journal of %s ends with %+v", a.Ref, last)
		}
		// The mail is found by its words, on both engines.
		if rows, _ := s.ListCases(ctx, CaseQuery{Text: "conteste"}); len(rows) != 1 || rows[0].Ref != b.Ref {
			t.Fatalf("search in mail text = %+v", rows)
		}
		// Nothing was marked \Seen on the server.
		c, err := imapclient.DialInsecure(acc.Address(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Login("amiable", "secret").Wait(); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Select("INBOX", &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatal(err)
		}
		fetched, err := c.Fetch(imap.SeqSetNum(1, 2, 3), &imap.FetchOptions{Flags: true}).Collect()
		if err != nil || len(fetched) != 3 {
			t.Fatalf("fetch flags: %v", err)
		}
		for _, f := range fetched {
			for _, fl := range f.Flags {
				if fl == imap.FlagSeen {
					t.Fatalf("message %d is \\Seen after the sync", f.SeqNum)
				}
			}
		}
		triage, _ := s.Mails(ctx, MailQuery{Triage: true})
		if len(triage) != 1 || triage[0].Reason == "" {
			t.Fatalf("triage = %+v", triage)
		}
		// Filed by hand, remembering the sender: their next mail goes to the case.
		if err := s.FileMail(ctx, triage[0].ID, a.ID, true, "", "test", time.Now()); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Party(ctx, a.FirstDebtor().ID)
		if len(got.Emails) != 2 || got.Emails[1] != "personne@nulle-part.fr" {
			t.Fatalf("debtor e-mails = %v", got.Emails)
		}
		cs, _ := s.Mail().OpenCasesByDebtorEmail(ctx, "PERSONNE@nulle-part.fr")
		if len(cs) != 1 || cs[0].ID != a.ID {
			t.Fatalf("OpenCasesByDebtorEmail = %+v", cs)
		}
		// Moving a mail needs a reason and is journaled on both cases.
		if err := s.FileMail(ctx, triage[0].ID, b.ID, false, "", "test", time.Now()); err == nil {
			t.Fatal("moving a mail without a reason succeeded")
		}
		if err := s.FileMail(ctx, triage[0].ID, b.ID, false, "Homonyme", "test", time.Now()); err != nil {
			t.Fatal(err)
		}
		ea, _ := s.Events(ctx, a.ID)
		eb, _ := s.Events(ctx, b.ID)
		if !strings.Contains(ea[len(ea)-1].Text, "déplacé vers le dossier "+b.Ref) || !strings.Contains(eb[len(eb)-1].Text, "depuis le dossier "+a.Ref) {
			t.Fatalf("move journal: %q / %q", ea[len(ea)-1].Text, eb[len(eb)-1].Text)
		}
	})
}

func TestFileTwiceIsADuplicateAndUIDValidityResets(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		m := s.Mail()
		msg := mailsync.Parse(eml("x@y.fr", "Bonjour", "texte", "Message-ID: <abc@y.fr>"))
		fm := mailsync.FiledMessage{Account: "a", Folder: "INBOX", UIDValidity: 7, UID: 3, InternalDate: time.Now(), Raw: eml("x@y.fr", "Bonjour", "texte"), Message: msg,
			Decision: mailsync.Decision{Rule: mailsync.RuleTriage, Reason: "Expéditeur inconnu"}}
		if err := m.File(ctx, fm); err != nil {
			t.Fatal(err)
		}
		if err := m.File(ctx, fm); !errors.Is(err, mailsync.ErrDuplicate) {
			t.Fatalf("second File = %v; want ErrDuplicate", err)
		}
		st, _ := m.FolderState(ctx, "a", "INBOX")
		if st.UIDValidity != 7 || st.LastUID != 3 {
			t.Fatalf("folder state = %+v", st)
		}
		m.SetFolderState(ctx, "a", "INBOX", mailsync.FolderState{UIDValidity: 9, LastUID: 1})
		st, _ = m.FolderState(ctx, "a", "INBOX")
		if st.UIDValidity != 9 || st.LastUID != 1 {
			t.Fatalf("after a UIDVALIDITY change = %+v; want the new validity and its UID", st)
		}
		if _, err := s.rw.Exec("DELETE FROM mails"); err == nil {
			t.Fatal("a received mail can be deleted")
		}
	})
}

// blobHolds reports whether the document store holds d's bytes, of d's size.
func blobHolds(s *Store, d debt.Document) bool {
	b, err := blobBytes(s, d.SHA256)
	return err == nil && int64(len(b)) == d.Size
}

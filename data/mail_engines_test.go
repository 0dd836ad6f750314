package data

import (
	"context"
	"strings"
	"testing"
	"time"

	"amiable/debt"
	"amiable/mailsync"
)

// The mail settings, the office's own addresses, the sent Message-IDs, the
// read marks and the last sync's report behave the same on both engines.
func TestMailBookkeepingOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 15, 9, 30, 0, 0, time.UTC)
		m := s.Mail()
		c := newCase(t, s, "Martin")
		bad := MailSettings{Account: mailsync.Account{Host: "", User: "recouvrement@etude.fr"}}
		if err := s.SaveMailSettings(ctx, bad, "Claire", now); err == nil {
			t.Fatal("settings without a host were saved")
		}
		ms := MailSettings{Account: mailsync.Account{Host: "imap.etude.fr", Security: mailsync.SecurityTLS, User: "recouvrement@etude.fr"},
			OfficeAddresses: []string{"clerc@etude.fr"}}
		if err := s.SaveMailSettings(ctx, ms, "Claire", now); err != nil {
			t.Fatal(err)
		}
		got, err := s.MailSettings(ctx)
		if err != nil || got.Account.Host != "imap.etude.fr" || got.Account.Port == 0 || len(got.OfficeAddresses) != 1 {
			t.Fatalf("MailSettings = %+v, %v", got, err)
		}
		for addr, want := range map[string]bool{"Clerc@Etude.fr": true, " recouvrement@etude.fr ": true, "martin@exemple.fr": false} {
			if ok, err := m.IsOfficeAddress(ctx, addr); err != nil || ok != want {
				t.Errorf("IsOfficeAddress(%q) = %v, %v; want %v", addr, ok, err, want)
			}
		}
		// A sent Message-ID finds its case; recording it again is harmless.
		if err := s.RecordSentMessage(ctx, "  ", c.ID, now); err == nil {
			t.Fatal("an empty Message-ID was recorded")
		}
		for range 2 {
			if err := s.RecordSentMessage(ctx, "<relance-1@etude.fr>", c.ID, now); err != nil {
				t.Fatal(err)
			}
		}
		if ci, ok, err := m.CaseBySentMessageID(ctx, "relance-1@etude.fr"); err != nil || !ok || ci.ID != c.ID || ci.Ref != c.Ref {
			t.Fatalf("CaseBySentMessageID = %+v, %v, %v", ci, ok, err)
		}
		if _, ok, err := m.CaseBySentMessageID(ctx, "inconnu@etude.fr"); err != nil || ok {
			t.Fatalf("unknown Message-ID = %v, %v", ok, err)
		}
		// A mail with an attachment, read once.
		raw := []byte("From: martin@exemple.fr\r\nTo: recouvrement@etude.fr\r\nSubject: Dossier " + c.Ref + "\r\nMessage-ID: <r1@exemple.fr>\r\n" +
			"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCi-joint.\r\n" +
			"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"releve.pdf\"\r\n\r\n%PDF-1.4 relevé\r\n--b--\r\n")
		msg := mailsync.Parse(raw)
		if err := m.File(ctx, mailsync.FiledMessage{Account: "a", Folder: "INBOX", UIDValidity: 1, UID: 5, InternalDate: now, Raw: raw, Message: msg,
			Decision: mailsync.Decision{CaseID: c.ID, Rule: mailsync.RuleReference, Reason: "référence"}}); err != nil {
			t.Fatal(err)
		}
		mails, err := s.Mails(ctx, MailQuery{CaseID: c.ID})
		if err != nil || len(mails) != 1 || mails[0].Read || len(mails[0].Attachments) != 1 || !blobHolds(s, mails[0].Attachments[0]) {
			t.Fatalf("mails = %+v, %v; want one unread with its attachment kept", mails, err)
		}
		if !blobHolds(s, mails[0].Raw) {
			t.Fatal("the raw message is not in the document store")
		}
		for range 2 {
			if err := s.MarkMailRead(ctx, mails[0].ID, now); err != nil {
				t.Fatal(err)
			}
		}
		if again, _ := s.Mails(ctx, MailQuery{CaseID: c.ID}); !again[0].Read {
			t.Fatal("MarkMailRead did not mark the mail read")
		}
		if evs, _ := s.Events(ctx, c.ID); evs[len(evs)-1].Kind != debt.EventEmail || len(evs[len(evs)-1].DocIDs) != 2 {
			t.Fatalf("journal ends with %+v; want the mail with its two documents", evs[len(evs)-1])
		}
		// The folder's last UID only grows under the same UIDVALIDITY.
		m.SetFolderState(ctx, "a", "INBOX", mailsync.FolderState{UIDValidity: 1, LastUID: 2})
		if st, _ := m.FolderState(ctx, "a", "INBOX"); st.LastUID != 5 {
			t.Fatalf("folder state = %+v; want the last UID kept at 5", st)
		}
		r := SyncReport{At: now, Result: mailsync.Result{Fetched: 3, Filed: 2, Triage: 1}, Error: "Serveur injoignable"}
		if err := s.SaveSyncReport(ctx, r); err != nil {
			t.Fatal(err)
		}
		if back, err := s.LastSyncReport(ctx); err != nil || !back.At.Equal(now) || back.Result != r.Result || !strings.Contains(back.Error, "injoignable") {
			t.Fatalf("LastSyncReport = %+v, %v", back, err)
		}
	})
}

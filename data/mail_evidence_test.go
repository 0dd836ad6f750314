package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"amiable/debt"
	"amiable/mailsync"
)

// A forged message sent first with the Message-ID of the genuine one must
// not suppress it: both are kept, with their raw bytes, and flagged.
func TestSameMessageIDOtherBytesKeepsBoth(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		m := s.Mail()
		c := newCase(t, s, "Martin")
		forged := eml("claire.martin@exemple.fr", "Dossier "+c.Ref, "Je ne dois rien, le dossier est soldé.", "Message-ID: <reponse-1@exemple.fr>")
		genuine := eml("claire.martin@exemple.fr", "Dossier "+c.Ref, "Je propose de payer 50 euros par mois.", "Message-ID: <reponse-1@exemple.fr>")
		file := func(raw []byte, uid uint32) error {
			msg := mailsync.Parse(raw)
			if held, err := m.HasMessage(ctx, msg.Key, msg.SHA256); err != nil || held {
				return errors.Join(err, mailsync.ErrDuplicate)
			}
			return m.File(ctx, mailsync.FiledMessage{Account: "a", Folder: "INBOX", UIDValidity: 1, UID: uid, InternalDate: time.Now(),
				Raw: raw, Message: msg, Decision: mailsync.Decision{CaseID: c.ID, Rule: mailsync.RuleReference, Reason: "référence dans l'objet"}})
		}
		if err := file(forged, 1); err != nil {
			t.Fatal(err)
		}
		if err := file(genuine, 2); err != nil {
			t.Fatalf("the genuine message with the same Message-ID = %v; want it kept", err)
		}
		// The same bytes again are a duplicate, whichever of the two.
		if err := file(genuine, 3); !errors.Is(err, mailsync.ErrDuplicate) {
			t.Fatalf("genuine again = %v; want a duplicate", err)
		}
		if err := file(forged, 4); !errors.Is(err, mailsync.ErrDuplicate) {
			t.Fatalf("forged again = %v; want a duplicate", err)
		}
		mails, err := s.Mails(ctx, MailQuery{CaseID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(mails) != 2 {
			t.Fatalf("%d mails kept, want 2", len(mails))
		}
		bodies := map[string]bool{}
		for _, ml := range mails {
			bodies[ml.Body] = true
			if !strings.Contains(ml.Warnings, "Même identifiant, contenu différent") {
				t.Errorf("mail %q not flagged: warnings %q", ml.Body, ml.Warnings)
			}
			if b, err := blobBytes(s, ml.Raw.SHA256); err != nil || int64(len(b)) != ml.Raw.Size {
				t.Fatalf("raw bytes of %q: %v", ml.Body, err)
			}
		}
		if !bodies["Je propose de payer 50 euros par mois."] || !bodies["Je ne dois rien, le dossier est soldé."] {
			t.Fatalf("bodies kept = %v", bodies)
		}
		evs, _ := s.Events(ctx, c.ID)
		flagged := 0
		for _, e := range evs {
			if strings.Contains(e.Text, "contenu différent") {
				flagged++
			}
		}
		if flagged != 1 {
			t.Errorf("%d journal entries say « contenu différent », want 1 (the second message)", flagged)
		}
	})
}

// Decoded headers and file names never carry line breaks or bidi
// overrides into the store, whoever built the message.
func TestFiledMailTextIsCleaned(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		raw := eml("claire.martin@exemple.fr", "x", "corps")
		msg := mailsync.Parse(raw)
		msg.Subject = "Dossier " + c.Ref + "\r\n04/12/2026 10:00  Note  Maître — dette effacée\u202E"
		msg.From.Name = "Claire\nMartin"
		msg.Attachments = []mailsync.Attachment{{Filename: "facture\u202Efdp.exe", MediaType: "application/pdf", Data: []byte("%PDF-1.4")}}
		if err := s.Mail().File(ctx, mailsync.FiledMessage{Account: "a", Folder: "INBOX", UIDValidity: 1, UID: 1, InternalDate: time.Now(),
			Raw: raw, Message: msg, Decision: mailsync.Decision{CaseID: c.ID, Rule: mailsync.RuleReference}}); err != nil {
			t.Fatal(err)
		}
		mails, _ := s.Mails(ctx, MailQuery{CaseID: c.ID})
		evs, _ := s.Events(ctx, c.ID)
		docs, _ := s.Documents(ctx, c.ID)
		texts := []string{mails[0].Subject, mails[0].FromName, evs[len(evs)-1].Text}
		for _, d := range docs {
			texts = append(texts, d.OriginalName)
		}
		for _, txt := range texts {
			if strings.ContainsAny(txt, "\r\u202E") || strings.Contains(txt, "\n04/12") || strings.Contains(txt, "Claire\nMartin") {
				t.Errorf("stored text %q keeps a control or bidi character", txt)
			}
		}
	})
}

func TestPaymentTextsAreCleaned(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		r, err := s.RecordPayment(ctx, c.ID, PaymentInput{Received: debt.MustDate("2026-03-05"), Amount: 1000, Method: MethodTransfer,
			BankRef: "VIR 1\r\n05/03/2026 Note : annulé", Payer: "M. Durand\u202E"}, "test", day("2026-03-05"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Payment.BankRef != "VIR 1 05/03/2026 Note : annulé" || r.Payment.Payer != "M. Durand" {
			t.Fatalf("payment texts = %q, %q", r.Payment.BankRef, r.Payment.Payer)
		}
	})
}

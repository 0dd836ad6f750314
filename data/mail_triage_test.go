package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A mail of no case leaves the triage list with its reason, journaled for
// the office; without a reason nothing changes.
func TestFileMailWithoutCase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 15, 9, 30, 0, 0, time.UTC)
		if _, err := s.Demo(ctx, DemoOptions{Cases: 30, Seed: 3, Now: now}); err != nil {
			t.Fatal(err)
		}
		triage, _ := s.Mails(ctx, MailQuery{Triage: true})
		if len(triage) == 0 {
			t.Fatal("the demo has no mail to sort")
		}
		m := triage[0]
		if err := s.FileMailWithoutCase(ctx, m.ID, "  ", "Claire", now); err == nil || !strings.Contains(Message(err), "Indiquez pourquoi") {
			t.Fatalf("no reason: %v", err)
		}
		if again, _ := s.Mails(ctx, MailQuery{Triage: true}); len(again) != len(triage) {
			t.Fatal("a refused filing changed the triage list")
		}
		if err := s.FileMailWithoutCase(ctx, m.ID, "Lettre d'information", "Claire", now); err != nil {
			t.Fatal(err)
		}
		after, _ := s.Mails(ctx, MailQuery{Triage: true})
		if len(after) != len(triage)-1 {
			t.Fatalf("triage has %d mails, want %d", len(after), len(triage)-1)
		}
		evs, _ := s.OfficeEvents(ctx, 5)
		if len(evs) == 0 || !strings.Contains(evs[0].Text, "classé sans dossier. Motif : Lettre d'information") || evs[0].Author != "Claire" {
			t.Fatalf("office journal = %+v", evs)
		}
		if err := s.FileMailWithoutCase(ctx, m.ID, "encore", "Claire", now); err == nil {
			t.Fatal("filing twice succeeded")
		}
		// it can still be filed into a case later
		rows, _ := s.ListCases(ctx, CaseQuery{Limit: 1})
		if err := s.FileMail(ctx, m.ID, rows[0].ID, false, "", "Claire", now); err != nil {
			t.Fatalf("FileMail after sans dossier: %v", err)
		}
		if err := s.FileMailWithoutCase(ctx, m.ID, "x", "Claire", now); err == nil {
			t.Fatal("a mail in a case was filed without case")
		}
	})
}

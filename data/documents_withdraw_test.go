package data

import (
	"context"
	"strings"
	"testing"
	"time"

	"amiable/debt"
)

// A proof attached by mistake is withdrawn by a journaled correction: the
// line loses it (the checklist counts it no more), the document and its
// file stay.
func TestWithdrawProof(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 5, 15, 9, 30, 0, 0, time.UTC)
	c := newCase(t, s, "Martin")
	line := c.Lines[0]
	doc, err := s.AddDocument(ctx, c.ID, debt.DocProof, "vacances.jpg", strings.NewReader("pas une facture"), "Claire", now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LinkProof(ctx, c.ID, line.ID, doc.ID, "Claire", now); err != nil {
		t.Fatal(err)
	}
	if err := s.WithdrawProof(ctx, c.ID, line.ID, doc.ID, " ", "Claire", now); err == nil {
		t.Fatal("withdrawn without a reason")
	}
	if got, _ := s.Case(ctx, c.ID); len(got.Lines[0].Proofs) != 1 {
		t.Fatal("a refused withdrawal changed the line")
	}
	if err := s.WithdrawProof(ctx, c.ID, line.ID, doc.ID, "Mauvais fichier", "Claire", now); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Case(ctx, c.ID)
	for _, p := range got.Lines[0].Proofs {
		if p == doc.ID {
			t.Fatal("the withdrawn document still proves the line")
		}
	}
	docs, _ := s.Documents(ctx, c.ID)
	kept := false
	for _, d := range docs {
		kept = kept || d.ID == doc.ID
	}
	if !kept {
		t.Error("the document left the case")
	}
	evs, _ := s.Events(ctx, c.ID)
	last := evs[len(evs)-1]
	if !strings.Contains(last.Text, "retiré de la ligne") || !strings.Contains(last.Text, "Motif : Mauvais fichier") || len(last.DocIDs) != 1 || last.DocIDs[0] != doc.ID {
		t.Errorf("journal = %+v", last)
	}
	if err := s.WithdrawProof(ctx, c.ID, line.ID, doc.ID, "encore", "Claire", now); err == nil {
		t.Error("withdrawn twice")
	}
}

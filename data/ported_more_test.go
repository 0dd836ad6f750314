package data

import (
	"context"
	"strings"
	"testing"

	"amiable/debt"
)

// The exported methods of the ported areas that the older tests do not
// call, on both engines.
func TestMoreOfThePortedMethodsOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		got, err := s.CaseByRef(ctx, c.Ref)
		if err != nil || got.ID != c.ID {
			t.Fatalf("CaseByRef(%s) = %d, %v; want %d", c.Ref, got.ID, err, c.ID)
		}
		if _, err := s.CaseByRef(ctx, "2026-99999"); err == nil {
			t.Error("CaseByRef(unknown) succeeded")
		}
		id, err := s.AddEvent(ctx, debt.Event{CaseID: c.ID, At: t0, Author: "test", Kind: debt.EventNote, Text: "Appel du débiteur : promesse de paiement"})
		if err != nil || id == 0 {
			t.Fatalf("AddEvent = %d, %v", id, err)
		}
		evs, _ := s.Events(ctx, c.ID)
		if len(evs) != 2 || evs[1].ID != id || !strings.Contains(evs[1].Text, "promesse") {
			t.Fatalf("Events = %+v", evs)
		}
		inst, _, total, err := s.PreviewPlan(ctx, c.ID, debt.PlanSpec{Count: 3, First: debt.MustDate("2026-03-10"), Every: debt.Monthly}, t0)
		if err != nil || len(inst) != 3 || total != 65000 {
			t.Fatalf("PreviewPlan = %d instalments, %s, %v; want 3, 650,00 €", len(inst), total, err)
		}
		pay(t, s, c, "2026-03-05", 30000)
		r, err := s.RecordRemittance(ctx, c.Creditor.ID, debt.MustDate("2026-04-01"), 10000, "VIR-CARPA-1", "test", day("2026-04-01"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CancelRemittance(ctx, r.ID, "", "test", day("2026-04-02")); err == nil {
			t.Error("CancelRemittance without a reason succeeded")
		}
		if err := s.CancelRemittance(ctx, r.ID, "Virement rejeté", "test", day("2026-04-02")); err != nil {
			t.Fatal(err)
		}
		rs, err := s.Remittances(ctx, c.Creditor.ID)
		if err != nil || len(rs) != 1 || !rs[0].Cancelled || rs[0].Reason != "Virement rejeté" {
			t.Fatalf("Remittances = %+v, %v; want the remittance, cancelled with its reason", rs, err)
		}
		accs, err := s.CreditorAccounts(ctx)
		if err != nil || len(accs) != 1 || accs[0].ToRemit != 30000 {
			t.Fatalf("CreditorAccounts = %+v, %v; want 300,00 € to remit", accs, err)
		}
		if err := s.FoldSearch(ctx); err != nil {
			t.Fatalf("FoldSearch: %v", err)
		}
		s.WaitFold()
	})
}

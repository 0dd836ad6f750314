package data

import (
	"context"
	"errors"
	"strings"
	"testing"

	"amiable/debt"
)

// consumerCase opens a case of a professional creditor against a consumer
// with two invoices under legal interest.
func consumerCase(t *testing.T, s *Store, name string) debt.Case {
	t.Helper()
	ctx := context.Background()
	cid, err := s.SaveParty(ctx, company("Cuisines "+name), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	did, err := s.SaveParty(ctx, person(name, "Paul", strings.ToLower(name)+"@exemple.fr"), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}},
		Nature: debt.NatureInvoice, Basis: "Devis signé", Interest: debt.InterestTerms{Kind: debt.InterestLegal},
		Lines: []debt.ClaimLine{
			{Kind: debt.LinePrincipal, Label: "Facture A1", DocNumber: "A1", DueDate: debt.MustDate("2025-12-31"), Amount: 90_000},
			{Kind: debt.LinePrincipal, Label: "Facture A2", DocNumber: "A2", DueDate: debt.MustDate("2026-01-31"), Amount: 40_000},
		}}, "test", t0)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

func wantRefusal(t *testing.T, what string, err error, words ...string) {
	t.Helper()
	var ve debt.ValidationError
	if err == nil || !errors.As(err, &ve) {
		t.Fatalf("%s: err = %v, want a validation error", what, err)
	}
	for _, w := range words {
		if !strings.Contains(Message(err), w) {
			t.Errorf("%s: message %q lacks %q", what, Message(err), w)
		}
	}
}

// TestCommercialTermsBetweenProfessionalsOnly: L441-10 penalties and the
// 40 € indemnity (D441-5) are refused on a case against a consumer, with
// what to choose instead; between professionals, one indemnity per
// invoice, and the missing ones are proposed and added.
func TestCommercialTermsBetweenProfessionalsOnly(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := consumerCase(t, s, "Durand")

		// The B2B rate against a consumer, at creation and by an edit.
		bad := c
		bad.ID, bad.Ref = 0, ""
		bad.Interest.Kind = debt.InterestBusiness
		_, err := s.CreateCase(ctx, bad, "test", t0)
		wantRefusal(t, "CreateCase with L441-10 against a consumer", err, "L. 441-10", "taux légal", "clause")
		edit := c
		edit.Interest.Kind = debt.InterestBusiness
		wantRefusal(t, "UpdateCase to L441-10 against a consumer", s.UpdateCase(ctx, edit, "test", t0), "entre professionnels")
		got, _ := s.Case(ctx, c.ID)
		if got.Interest.Kind != debt.InterestLegal {
			t.Errorf("interest after a refused edit = %s", got.Interest.Kind)
		}

		// The indemnity against a consumer.
		_, err = s.SaveClaimLine(ctx, c.ID, debt.ClaimLine{Kind: debt.LineIndemnity, Label: "Indemnité A1", DocNumber: "A1",
			DueDate: debt.MustDate("2026-01-01"), Amount: debt.FixedIndemnity}, "test", t0)
		wantRefusal(t, "indemnity against a consumer", err, "40 €", "particulier")
		if miss, err := s.MissingIndemnities(ctx, c.ID, debt.DateOf(t0)); err != nil || len(miss) != 0 {
			t.Errorf("MissingIndemnities(consumer) = %v, %v; want none", miss, err)
		}

		// Between professionals: one indemnity per invoice.
		b := b2bCase(t, s, "Unique")
		_, err = s.SaveClaimLine(ctx, b.ID, debt.ClaimLine{Kind: debt.LineIndemnity, Label: "Indemnité F1 bis", DocNumber: "F1",
			DueDate: debt.MustDate("2025-10-01"), Amount: debt.FixedIndemnity}, "test", t0)
		wantRefusal(t, "second indemnity for F1", err, "F1", "une seule indemnité")

		// The missing ones are proposed for a professional debtor, then added.
		var f3 debt.ClaimLine
		for _, l := range b.Lines {
			if l.Kind == debt.LineIndemnity && l.DocNumber == "F3" {
				f3 = l
			}
		}
		if err := s.DeleteClaimLine(ctx, b.ID, f3.ID, "saisie en double", "test", t0); err != nil {
			t.Fatal(err)
		}
		miss, err := s.MissingIndemnities(ctx, b.ID, debt.DateOf(t0))
		if err != nil || len(miss) != 1 || miss[0].DocNumber != "F3" || miss[0].Amount != debt.FixedIndemnity {
			t.Fatalf("MissingIndemnities = %+v, %v; want F3's", miss, err)
		}
		added, err := s.AddMissingIndemnities(ctx, b.ID, "test", t0)
		if err != nil || len(added) != 1 || added[0].ID == 0 {
			t.Fatalf("AddMissingIndemnities = %+v, %v", added, err)
		}
		if miss, _ := s.MissingIndemnities(ctx, b.ID, debt.DateOf(t0)); len(miss) != 0 {
			t.Errorf("still missing after adding: %+v", miss)
		}
		if _, err := s.AddMissingIndemnities(ctx, c.ID, "test", t0); err == nil {
			t.Error("AddMissingIndemnities on a consumer case accepted")
		}
	})
}

// TestSweepFlagsCommercialTermsTypedBefore: a case against a consumer
// that carries L441-10 penalties and an indemnity (typed before the rule)
// is flagged by the daily job; once corrected, the flag resolves.
func TestSweepFlagsCommercialTermsTypedBefore(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := consumerCase(t, s, "Avant")
		ok := b2bCase(t, s, "Conforme")
		// What an earlier version let through, written directly.
		if _, err := s.rw.ExecContext(ctx, "UPDATE cases SET interest_kind = 'commercial' WHERE id = ?", c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.rw.ExecContext(ctx, `INSERT INTO claim_lines (case_id, kind, label, doc_number, issue_date, due_date, amount_cents, created_at)
			VALUES (?, 'indemnite', 'Indemnité A1', 'A1', '', '2026-01-01', 4000, '2026-03-01T10:00:00Z')`, c.ID); err != nil {
			t.Fatal(err)
		}
		today := debt.DateOf(t0)
		if _, err := s.SweepDay(ctx, today, t0); err != nil {
			t.Fatal(err)
		}
		flags, err := s.OpenFlags(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		var found *FlagRow
		for i, f := range flags {
			if f.Kind == debt.FlagCommercialTerms {
				if f.CaseID == ok.ID {
					t.Errorf("the B2B case was flagged: %+v", f)
				}
				if f.CaseID == c.ID {
					found = &flags[i]
				}
			}
		}
		if found == nil || !strings.Contains(found.Text, "L. 441-10") || !strings.Contains(found.Text, "40 €") {
			t.Fatalf("flags = %+v; want a %s flag on %s naming L. 441-10 and the 40 € indemnity", flags, debt.FlagCommercialTerms, c.Ref)
		}
		// Corrected: legal interest, the indemnity removed.
		fixed, _ := s.Case(ctx, c.ID)
		fixed.Interest.Kind = debt.InterestLegal
		if err := s.UpdateCase(ctx, fixed, "test", t0); err != nil {
			t.Fatal(err)
		}
		for _, l := range fixed.Lines {
			if l.Kind == debt.LineIndemnity {
				if err := s.DeleteClaimLine(ctx, c.ID, l.ID, "indemnité non due à un particulier", "test", t0); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := s.SweepDay(ctx, today, t0); err != nil {
			t.Fatal(err)
		}
		if f, _ := s.Flag(ctx, found.ID); f.State != debt.FlagResolved {
			t.Errorf("flag after the correction = %+v, want resolved", f)
		}
	})
}

// TestDemoProposesMissingIndemnities: the demo office has B2B cases with
// fewer indemnities than late invoices; each gets its missing ones
// proposed, and no consumer case gets any.
func TestDemoProposesMissingIndemnities(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Demo(ctx, DemoOptions{Cases: 120, Seed: 5, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	ids, err := int64List(ctx, s.ro, "SELECT id FROM cases ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	proposed := 0
	for _, id := range ids {
		c, err := s.Case(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		miss, err := s.MissingIndemnities(ctx, id, debt.DateOf(benchNow))
		if err != nil {
			t.Fatal(err)
		}
		if pro, _ := c.Between(); !pro && len(miss) > 0 {
			t.Errorf("%s (not between professionals) got %d indemnities proposed", c.Ref, len(miss))
		}
		proposed += len(miss)
	}
	if proposed == 0 {
		t.Error("no indemnity proposed on the demo office")
	}
}

// TestSweepSplitsImminentFromPrescribed: on the demo office, « Prescription
// imminente » holds only claims still savable (limitation date today or
// later), the fewest days left first; the claims already time-barred are
// « Créances prescrites », advised that they can no longer be demanded.
func TestSweepSplitsImminentFromPrescribed(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Demo(ctx, DemoOptions{Cases: 400, Seed: 3, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	today := debt.DateOf(benchNow)
	if _, err := s.SweepDay(ctx, today, benchNow); err != nil {
		t.Fatal(err)
	}
	flags, err := s.OpenFlags(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	var imminent, prescribed []FlagRow
	for _, f := range flags {
		switch f.Kind {
		case debt.FlagLimitationUrgent:
			imminent = append(imminent, f)
		case debt.FlagPrescribed:
			prescribed = append(prescribed, f)
		}
	}
	if len(prescribed) == 0 {
		t.Fatal("no prescribed claim on the demo office")
	}
	for i, f := range imminent {
		if f.Due.Before(today) {
			t.Errorf("imminent flag of %s due %s: already time-barred", f.CaseRef, f.Due)
		}
		if i > 0 && f.Due.Before(imminent[i-1].Due) {
			t.Errorf("imminent flags not fewest days first: %s after %s", f.Due, imminent[i-1].Due)
		}
	}
	for _, f := range prescribed {
		if !f.Due.Before(today) || !strings.Contains(f.Text, "ne peut plus être exigée") {
			t.Errorf("prescribed flag %+v", f)
		}
	}
	if a := debt.FlagPrescribed.Advice(); !strings.Contains(a, "ne peut plus être exigée") || strings.Contains(a, "acte interruptif") {
		t.Errorf("advice of prescribed claims = %q", a)
	}
}

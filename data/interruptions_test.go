package data

import (
	"context"
	"strings"
	"testing"

	"amiable/debt"
)

// TestInterruptionsRecomputeLimitation: a consumer's claim (2 years, C.
// consom. L218-2) due 31/12/2025 expires on 31/12/2027. Each act recorded
// on the case, with its document, moves the date as the law says and is
// journaled; bad input writes nothing.
func TestInterruptionsRecomputeLimitation(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := consumerCase(t, s, "Actes")
		now := day("2026-06-15")
		expires := func() debt.Date {
			t.Helper()
			f, err := s.Figures(ctx, c.ID, debt.DateOf(now))
			if err != nil {
				t.Fatal(err)
			}
			return f.Limitation.Expires
		}
		if got := expires(); got.ISO() != "2027-12-31" {
			t.Fatalf("limitation before any act = %s", got)
		}

		// Refused: a formal notice is no interruption, a future date, an end
		// on an acknowledgement. Nothing is written.
		for _, in := range []InterruptionInput{
			{Kind: debt.LimitationFormalNotice, Date: debt.MustDate("2026-03-01")},
			{Kind: debt.LimitationAcknowledgement, Date: debt.MustDate("2026-07-01")},
			{Kind: debt.LimitationAcknowledgement, Date: debt.MustDate("2026-03-01"), End: debt.MustDate("2026-04-01")},
		} {
			if _, err := s.RecordInterruption(ctx, c.ID, in, "test", now); err == nil {
				t.Errorf("RecordInterruption(%+v) accepted", in)
			}
		}
		if its, _ := s.Interruptions(ctx, c.ID); len(its) != 0 {
			t.Fatalf("refused acts were written: %+v", its)
		}

		// C. civ. 2240: acknowledgement signed 10/03/2026, with its scan.
		res, err := s.RecordInterruption(ctx, c.ID, InterruptionInput{Kind: debt.LimitationAcknowledgement, Date: debt.MustDate("2026-03-10"),
			DocName: "reconnaissance.pdf", Doc: []byte("%PDF-1.4 reconnaissance de dette signée")}, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		if res.Before.Expires.ISO() != "2027-12-31" || res.After.Expires.ISO() != "2028-03-10" || res.Interruption.DocID == 0 {
			t.Errorf("acknowledgement: %s → %s, doc %d; want 31/12/2027 → 10/03/2028 with its document", res.Before.Expires, res.After.Expires, res.Interruption.DocID)
		}
		docs, _ := s.Documents(ctx, c.ID)
		if len(docs) != 1 || docs[0].OriginalName != "reconnaissance.pdf" {
			t.Errorf("documents = %+v", docs)
		}
		events, _ := s.Events(ctx, c.ID)
		last := events[len(events)-1]
		if !strings.Contains(last.Text, "reconnaissance de dette du 10/03/2026 (Code civil 2240)") || !strings.Contains(last.Text, "31/12/2027 → 10/03/2028") {
			t.Errorf("journal = %q", last.Text)
		}

		// C. civ. 2238: mediation from 01/04/2026, still running on
		// 15/06/2026 (75 days): at least six months from that day.
		res, err = s.RecordInterruption(ctx, c.ID, InterruptionInput{Kind: debt.LimitationMediation, Date: debt.MustDate("2026-04-01")}, "test", now)
		if err != nil {
			t.Fatal(err)
		}
		if !res.After.Suspended || res.After.Expires.ISO() != "2028-05-24" {
			t.Errorf("running mediation: %+v; want suspended, 10/03/2028 + 75 days = 24/05/2028", res.After)
		}
		// It ends on 30/04/2026 (29 days): 08/04/2028.
		res, err = s.EndSuspension(ctx, c.ID, res.Interruption.ID, debt.MustDate("2026-04-30"), "test", now)
		if err != nil {
			t.Fatal(err)
		}
		if res.After.Suspended || res.After.Expires.ISO() != "2028-04-08" {
			t.Errorf("ended mediation: %+v; want 08/04/2028", res.After)
		}
		if _, err := s.EndSuspension(ctx, c.ID, res.Interruption.ID, debt.MustDate("2026-05-30"), "test", now); err == nil {
			t.Error("a suspension was ended twice")
		}
		// The row is evidence: it cannot be changed or deleted.
		if _, err := s.rw.ExecContext(ctx, "UPDATE interruptions SET end_date = '2026-05-01' WHERE id = ?", res.Interruption.ID); err == nil {
			t.Error("an ended suspension was rewritten")
		}
		if _, err := s.rw.ExecContext(ctx, "DELETE FROM interruptions"); err == nil {
			t.Error("acts were deleted")
		}

		// C. civ. 2241 (claim in court 02/05/2026), then CPCE L111-4 (title
		// of 01/06/2026): ten years.
		for _, in := range []InterruptionInput{
			{Kind: debt.LimitationCourtDemand, Date: debt.MustDate("2026-05-02")},
			{Kind: debt.LimitationTitleObtained, Date: debt.MustDate("2026-06-01"), Note: "Ordonnance d'injonction de payer revêtue de la formule exécutoire"},
		} {
			if _, err := s.RecordInterruption(ctx, c.ID, in, "test", now); err != nil {
				t.Fatal(err)
			}
		}
		if got := expires(); got.ISO() != "2036-06-01" {
			t.Errorf("limitation after the title = %s, want 01/06/2036", got)
		}
		// C. civ. 2244: an enforcement measure on 10/06/2026 restarts the ten years.
		if _, err := s.RecordInterruption(ctx, c.ID, InterruptionInput{Kind: debt.LimitationEnforcement, Date: debt.MustDate("2026-06-10")}, "test", now); err != nil {
			t.Fatal(err)
		}
		if got := expires(); got.ISO() != "2036-06-10" {
			t.Errorf("limitation after the enforcement measure = %s, want 10/06/2036", got)
		}
		if its, _ := s.Interruptions(ctx, c.ID); len(its) != 5 {
			t.Errorf("%d acts on record, want 5", len(its))
		}
	})
}

// TestSweepCountsRecordedActs: a claim about to be time-barred is flagged
// « Prescription imminente »; a claim in court recorded on the case moves
// the date and the next sweep resolves the flag.
func TestSweepCountsRecordedActs(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := consumerCase(t, s, "Bientot") // oldest due 31/12/2025: expires 31/12/2027
		now := day("2027-12-20")
		today := debt.DateOf(now)
		if _, err := s.SweepDay(ctx, today, now); err != nil {
			t.Fatal(err)
		}
		var urgent *FlagRow
		flags, _ := s.CaseFlags(ctx, c.ID)
		for i, f := range flags {
			if f.Kind == debt.FlagLimitationUrgent {
				urgent = &flags[i]
			}
		}
		if urgent == nil {
			t.Fatalf("flags = %+v, want prescription_urgente", flags)
		}
		if _, err := s.RecordInterruption(ctx, c.ID, InterruptionInput{Kind: debt.LimitationCourtDemand, Date: today}, "test", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SweepDay(ctx, today, now); err != nil {
			t.Fatal(err)
		}
		if f, _ := s.Flag(ctx, urgent.ID); f.State != debt.FlagResolved {
			t.Errorf("flag after the claim in court = %+v, want resolved", f)
		}
	})
}

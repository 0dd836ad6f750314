package data_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/schedule"
)

// Two desks of the shared base catch up the same missed days at the same
// hour (the scheduler of each window at 07:30): each day is swept once,
// by one desk or the other, and the flags are raised and journaled once.
func TestTwoDesksSweepEachDayOnce(t *testing.T) {
	url := data.SharedTestBase(t)
	ctx := context.Background()
	desks := make([]*data.Store, 2)
	for i := range desks {
		s, err := data.Open(url)
		if err != nil {
			t.Fatalf("desk %d: %v", i, err)
		}
		defer s.Close()
		desks[i] = s
	}
	at := func(d string, h int) time.Time {
		x := debt.MustDate(d)
		return time.Date(x.Year(), x.Month(), x.Day(), h, 0, 0, 0, debt.Paris())
	}
	// An office with a plan whose instalments fall due over the days missed.
	cid, err := desks[0].SaveParty(ctx, debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: "SCI Les Tilleuls", LegalForm: "SCI",
		Addresses: []debt.Address{{Street: "1 place du Marché", Postcode: "59000", Town: "Lille", Current: true}}}, "test", at("2026-03-02", 9))
	if err != nil {
		t.Fatal(err)
	}
	var cases []debt.Case
	for _, name := range []string{"Martin", "Bernard", "Petit"} {
		did, err := desks[0].SaveParty(ctx, debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: "Mme", FirstName: "Claire", LastName: name,
			Addresses: []debt.Address{{Street: "12 rue des Lilas", Postcode: "59000", Town: "Lille", Current: true}}}, "test", at("2026-03-02", 9))
		if err != nil {
			t.Fatal(err)
		}
		c, err := desks[0].CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}},
			Nature: debt.NatureRent, Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Loyers", DueDate: debt.MustDate("2026-01-05"), Amount: 60000}}},
			"test", at("2026-03-02", 9))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := desks[0].CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 6, First: debt.MustDate("2026-03-10"), Every: debt.Monthly}, "test", at("2026-03-02", 9)); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if _, err := desks[0].SweepDay(ctx, debt.MustDate("2026-03-16"), at("2026-03-16", 8)); err != nil {
		t.Fatal(err)
	}
	// Both desks wake up on 25 March at 9:00: 17 to 25 March were missed.
	reports := make([]schedule.Report, len(desks))
	errs := make([]error, len(desks))
	var wg sync.WaitGroup
	for i, s := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j := &schedule.Job{Store: s, Logf: func(string, ...any) {}, Clock: func() time.Time { return at("2026-03-25", 9) }}
			reports[i], errs[i] = j.CatchUp(ctx, at("2026-03-25", 9), "07:30")
		}()
	}
	wg.Wait()
	swept := map[debt.Date]int{}
	raised := 0
	for i, r := range reports {
		if errs[i] != nil {
			t.Fatalf("desk %d: CatchUp: %v", i, errs[i])
		}
		for _, d := range r.Days {
			swept[d.Day]++
			raised += d.Raised
		}
	}
	for d := debt.MustDate("2026-03-17"); !d.After(debt.MustDate("2026-03-25")); d = d.AddDays(1) {
		if swept[d] != 1 {
			t.Errorf("%s swept %d times by the two desks, want once (%v)", d, swept[d], swept)
		}
	}
	if len(swept) != 9 {
		t.Errorf("days swept = %v, want 17 to 25 March once each", swept)
	}
	runs, err := desks[1].Sweeps(ctx, 100)
	if err != nil || len(runs) != 10 {
		t.Fatalf("sweeps log = %d runs, %v; want 16 to 25 March", len(runs), err)
	}
	// The first instalments (10/03, 10 days of grace) are missed from
	// 21/03: raised once per case, journaled once.
	if raised != len(cases) {
		t.Errorf("%d flags raised by the two desks, want %d (one missed instalment per case)", raised, len(cases))
	}
	for _, c := range cases {
		flags, err := desks[1].CaseFlags(ctx, c.ID)
		if err != nil || len(flags) != 1 || flags[0].Kind != debt.FlagInstalmentMissed || flags[0].Since != debt.MustDate("2026-03-21") {
			t.Errorf("case %s flags = %+v, %v; want one missed instalment since 21/03", c.Ref, flags, err)
		}
		evs, _ := desks[0].Events(ctx, c.ID)
		n := 0
		for _, e := range evs {
			if e.Kind == debt.EventFlag {
				n++
			}
		}
		if n != 1 {
			t.Errorf("case %s: %d flag journal entries, want 1", c.Ref, n)
		}
	}
}

package data

import (
	"context"
	"strings"
	"testing"
	"time"

	"amiable/debt"
)

func TestDemoIsRealisticAndDeterministic(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	fill := func() (*Store, DemoResult) {
		s := openTest(t)
		res, err := s.Demo(ctx, DemoOptions{Cases: 300, Seed: 7, Now: now})
		if err != nil {
			t.Fatalf("Demo: %v", err)
		}
		return s, res
	}
	a, ra := fill()
	b, rb := fill()
	if ra != rb || ra.Cases != 300 || ra.Lines < 300 || ra.Events < 600 || ra.Documents == 0 {
		t.Fatalf("Demo results = %+v and %+v; want equal, 300 cases with lines, events, documents", ra, rb)
	}
	rowsA, _ := a.ListCases(ctx, CaseQuery{})
	rowsB, _ := b.ListCases(ctx, CaseQuery{})
	for i := range rowsA {
		if rowsA[i].Ref != rowsB[i].Ref || rowsA[i].Debtor != rowsB[i].Debtor || rowsA[i].Balance != rowsB[i].Balance {
			t.Fatalf("row %d differs between two demos with the same seed: %+v / %+v", i, rowsA[i], rowsB[i])
		}
	}
	counts, _ := a.StatusCounts(ctx, CaseQuery{})
	for _, st := range debt.Statuses {
		if counts[st] == 0 {
			t.Errorf("no demo case in status %s", st)
		}
	}
	office, _ := a.Office(ctx)
	if errs := office.Validate(); len(errs) > 0 || office.IBAN == "" {
		t.Errorf("demo office invalid: %v", errs)
	}
	// Every party the demo wrote passes the same validation as typed input.
	parties, _ := a.ListParties(ctx, PartyQuery{})
	for _, r := range parties {
		p, _ := a.Party(ctx, r.ID)
		if errs := p.Validate(debt.DateOf(now)); len(errs) > 0 {
			t.Fatalf("demo party %s invalid: %v", p.Name(), errs)
		}
	}
	// Cases beyond "nouveau" pass the verification checklist; references
	// follow opening dates.
	prev := debt.Date{}
	for _, r := range rowsA {
		if r.Opened.Before(prev) {
			t.Fatalf("case %s opened %s before the previous one (%s)", r.Ref, r.Opened, prev)
		}
		prev = r.Opened
		if r.Status == debt.StatusNew || r.Status == debt.StatusVerifying {
			continue
		}
		c, _ := a.Case(ctx, r.ID)
		if !debt.Verify(c, debt.DateOf(now)).Complete() {
			t.Fatalf("demo case %s (%s) fails verification: %+v", c.Ref, c.Status, debt.Verify(c, debt.DateOf(now)).Missing())
		}
	}
	// A debtor's name finds their case.
	name := strings.Fields(rowsA[10].Debtor)
	found, _ := a.ListCases(ctx, CaseQuery{Text: name[len(name)-1]})
	ok := false
	for _, f := range found {
		ok = ok || f.Ref == rowsA[10].Ref
	}
	if !ok {
		t.Fatalf("search %q did not find %s", name[len(name)-1], rowsA[10].Ref)
	}
	if _, err := a.Demo(ctx, DemoOptions{Cases: 5, Seed: 1, Now: now}); err == nil {
		t.Fatal("Demo on a database with cases succeeded; want refusal")
	}
}

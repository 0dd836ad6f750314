package data

import (
	"context"
	"strings"
	"testing"

	"amiable/debt"
)

// TestPlanFirstInstalmentAtMostAYearAhead: a plan whose first due date
// (a down payment's included) is more than a year after today is refused
// by the preview and by the save, and nothing is written; a year to the
// day is accepted.
func TestPlanFirstInstalmentAtMostAYearAhead(t *testing.T) {
	s := openTest(t)
	c := newCase(t, s, "Martin")
	ctx := context.Background()
	today := debt.DateOf(t0)
	limit := today.AddYears(1)
	for _, spec := range []debt.PlanSpec{
		{Count: 3, First: limit.AddDays(1), Every: debt.Monthly},
		{Count: 3, First: debt.MustDate("2199-01-05"), Every: debt.Monthly},
		{Count: 3, First: limit.AddDays(10), Down: 100, DownDate: limit.AddDays(2), Every: debt.Monthly},
	} {
		want := "est à plus d'un an : au plus tard le " + limit.String()
		if _, _, _, err := s.PreviewPlan(ctx, c.ID, spec, t0); err == nil || !strings.Contains(Message(err), want) {
			t.Errorf("PreviewPlan(first %s) = %v, want %q", spec.First, err, want)
		}
		if _, _, err := s.CreatePlan(ctx, c.ID, spec, "test", t0); err == nil || !strings.Contains(Message(err), want) {
			t.Errorf("CreatePlan(first %s) = %v, want %q", spec.First, err, want)
		}
	}
	if plans, _ := s.Plans(ctx, c.ID, t0); len(plans) != 0 {
		t.Fatalf("a refused plan was saved: %+v", plans)
	}
	if _, _, err := s.CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 3, First: limit, Every: debt.Monthly}, "test", t0); err != nil {
		t.Fatalf("CreatePlan(first %s, a year to the day) = %v", limit, err)
	}
}

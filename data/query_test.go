package data

import (
	"context"
	"testing"

	"amiable/debt"
)

// CaseQuery.Count over the counts per status gives what CountCases counts,
// for every filter of the case list and with a search.
func TestCaseQueryCount(t *testing.T) {
	s, err := Open(t.TempDir() + "/q.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Demo(ctx, DemoOptions{Cases: 120, Seed: 5, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	queries := []CaseQuery{{}, {OpenOnly: true}, {Text: "Lille"}, {Text: "Lille", OpenOnly: true}, {Text: "introuvable-xyz"}}
	for _, st := range debt.Statuses {
		queries = append(queries, CaseQuery{Statuses: []debt.Status{st}}, CaseQuery{Text: "relance", Statuses: []debt.Status{st}})
	}
	queries = append(queries, CaseQuery{Statuses: []debt.Status{debt.StatusNew, debt.StatusPaid}, OpenOnly: true})
	for _, q := range queries {
		want, err := s.CountCases(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		cq := q
		cq.Statuses, cq.OpenOnly = nil, false
		counts, err := s.StatusCounts(ctx, cq)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Count(counts); got != want {
			t.Errorf("%+v: Count = %d, CountCases = %d", q, got, want)
		}
	}
}

package debt

import (
	"strings"
	"testing"
	"testing/quick"
)

func TestBuildPlanMonthlyRemainderOnLast(t *testing.T) {
	// 1 000,00 € in 3 monthly instalments from 31 January 2026:
	// 333,33 + 333,33 + 333,34; due 31 Jan, 28 Feb (clamped), 31 Mar.
	got, warn, err := BuildPlan(PlanSpec{Total: 100000, Count: 3, First: MustDate("2026-01-31"), Every: Monthly})
	if err != nil || len(warn) != 0 {
		t.Fatalf("BuildPlan = %v, %v", err, warn)
	}
	want := []Instalment{{1, MustDate("2026-01-31"), 33333}, {2, MustDate("2026-02-28"), 33333}, {3, MustDate("2026-03-31"), 33334}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("instalment %d = %+v; want %+v", i+1, got[i], want[i])
		}
	}
}

func TestBuildPlanByAmountWithDownPayment(t *testing.T) {
	// 1 000,00 € with 100,00 € down on 1 March, then 250,00 € weekly from 9 March:
	// 900 / 250 → 4 instalments: 250, 250, 250, 150.
	got, _, err := BuildPlan(PlanSpec{Total: 100000, Down: 10000, DownDate: MustDate("2026-03-01"), Amount: 25000,
		First: MustDate("2026-03-09"), Every: Weekly})
	if err != nil || len(got) != 5 || got[0].N != 0 || got[4].Amount != 15000 || got[4].Due != MustDate("2026-03-30") {
		t.Fatalf("BuildPlan = %+v, %v", got, err)
	}
}

func TestBuildPlanWarnsBeyond24MonthsAndRefusesNonsense(t *testing.T) {
	_, warn, err := BuildPlan(PlanSpec{Total: 300000, Count: 30, First: MustDate("2026-01-10"), Every: Monthly})
	if err != nil || len(warn) != 1 || !strings.Contains(warn[0], "24 mois") {
		t.Fatalf("30 months: warnings %v, %v", warn, err)
	}
	for _, s := range []PlanSpec{
		{Total: 0, Count: 3, First: MustDate("2026-01-10"), Every: Monthly},
		{Total: 1000, Count: 3, Amount: 100, First: MustDate("2026-01-10"), Every: Monthly},
		{Total: 1000, Down: 1000, Count: 3, First: MustDate("2026-01-10"), Every: Monthly},
		{Total: 2, Count: 3, First: MustDate("2026-01-10"), Every: Monthly},
		{Total: 1000, Every: Custom, Custom: []Instalment{{Due: MustDate("2026-01-10"), Amount: 400}, {Due: MustDate("2026-01-05"), Amount: 600}}},
		{Total: 1000, Every: Custom, Custom: []Instalment{{Due: MustDate("2026-01-10"), Amount: 400}}},
	} {
		if _, _, err := BuildPlan(s); err == nil {
			t.Errorf("BuildPlan(%+v) succeeded; want a refusal", s)
		}
	}
}

func TestBuildPlanConservesTheTotal(t *testing.T) {
	f := func(total uint32, count uint8, down uint16) bool {
		s := PlanSpec{Total: Cents(total%10_000_000) + 100, Count: int(count%36) + 1, First: MustDate("2026-01-31"), Every: Monthly}
		s.Down = Cents(down) % s.Total
		inst, _, err := BuildPlan(s)
		if err != nil {
			return s.Total-s.Down < Cents(s.Count) // too small to split: refused
		}
		var sum Cents
		for _, in := range inst {
			sum += in.Amount
			if in.Amount <= 0 {
				return false
			}
		}
		return sum == s.Total
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Fatal(err)
	}
}

func TestPlanStatusGraceDays(t *testing.T) {
	inst := []Instalment{{1, MustDate("2026-01-05"), 10000}, {2, MustDate("2026-02-05"), 10000}, {3, MustDate("2026-03-05"), 10000}}
	for _, tc := range []struct {
		paid  Cents
		today string
		want  []InstalmentState
	}{
		{0, "2026-01-04", []InstalmentState{InstUpcoming, InstUpcoming, InstUpcoming}},
		{0, "2026-01-05", []InstalmentState{InstDue, InstUpcoming, InstUpcoming}},
		{0, "2026-01-15", []InstalmentState{InstLate, InstUpcoming, InstUpcoming}},   // 10 grace days: still late
		{0, "2026-01-16", []InstalmentState{InstMissed, InstUpcoming, InstUpcoming}}, // 11th day: missed
		{15000, "2026-02-10", []InstalmentState{InstPaid, InstLate, InstUpcoming}},
		{15000, "2026-01-20", []InstalmentState{InstPaid, InstPartly, InstUpcoming}},
		{30000, "2026-06-01", []InstalmentState{InstPaid, InstPaid, InstPaid}},
	} {
		got := PlanStatus(inst, tc.paid, MustDate(tc.today), 10)
		for i, st := range got {
			if st.State != tc.want[i] {
				t.Errorf("PlanStatus(paid %d, %s)[%d] = %s; want %s", tc.paid, tc.today, i, st.State, tc.want[i])
			}
		}
	}
}

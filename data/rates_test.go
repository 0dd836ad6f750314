package data

import (
	"context"
	"errors"
	"strings"
	"testing"

	"amiable/debt"
)

func TestRatesSeededFromTheBriefAndExtendable(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		rates, err := s.Rates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rates) != len(debt.DefaultRates())+6 {
			t.Fatalf("seeded %d semesters; want %d from the brief and 6 from 2020-2022", len(rates), len(debt.DefaultRates())+6)
		}
		if r, _ := rates.Find(debt.Semester{Year: 2021, Half: 2}); !r.HasECB || r.ECBBP != 0 || r.LegalConsumerBP != 312 || r.Note == "" {
			t.Errorf("rates 2021 S2 = %+v; want the seeded value with a note to check it", r)
		}
		for _, want := range debt.DefaultRates() {
			got, ok := rates.Find(want.Semester)
			got.Note = ""
			if !ok || got != want {
				t.Errorf("rates %s = %+v; want %+v", want.Semester, got, want)
			}
		}
		s2 := debt.Semester{Year: 2026, Half: 2}
		if _, err := rates.LegalRate(s2, debt.Consumer); !errors.Is(err, debt.ErrRateMissing) || !strings.Contains(err.Error(), "2e semestre 2026") {
			t.Fatalf("LegalRate(2026 S2) = %v; want a missing-rate error naming the semester", err)
		}
		add := debt.SemesterRates{Semester: s2, LegalConsumerBP: 640, LegalOtherBP: 250, HasLegal: true}
		if err := s.SaveRates(ctx, add, "test", t0); err != nil {
			t.Fatal(err)
		}
		fix := add
		fix.LegalOtherBP, fix.ECBBP, fix.HasECB = 251, 200, true
		if err := s.SaveRates(ctx, fix, "test", t0); err != nil {
			t.Fatal(err)
		}
		rates, _ = s.Rates(ctx)
		if got, _ := rates.LegalRate(s2, debt.Professional); got != 251 {
			t.Fatalf("corrected rate = %d; want 251", got)
		}
		evs, _ := s.OfficeEvents(ctx, 10)
		if len(evs) != 2 || !strings.Contains(evs[0].Text, "corrigés") || !strings.Contains(evs[0].Text, "2,50") || !strings.Contains(evs[0].Text, "2,51") {
			t.Fatalf("office journal = %+v; want the addition and the correction with old and new values", evs)
		}
		bad := debt.SemesterRates{Semester: debt.Semester{Year: 2027, Half: 3}, HasLegal: true}
		if err := s.SaveRates(ctx, bad, "test", t0); err == nil {
			t.Fatal("SaveRates(2027 S3) succeeded")
		}
	})
}

func TestRulesDefaultsAndSave(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		r, err := s.Rules(ctx)
		if err != nil || r.LimitationWarnDays != 90 || r.LimitationUrgentDays != 30 || r.Calendar.Alsace || r.LeapDivisor366 {
			t.Fatalf("Rules() = %+v, %v; want the defaults", r, err)
		}
		r.Calendar.Alsace = true
		r.Calendar.Closures = []debt.Date{debt.MustDate("2026-12-24"), debt.MustDate("2026-08-14")}
		if err := s.SaveRules(ctx, r, "test", t0); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Rules(ctx)
		if !got.Calendar.Alsace || len(got.Calendar.Closures) != 2 || got.Calendar.Closures[0] != debt.MustDate("2026-08-14") {
			t.Fatalf("saved rules = %+v", got)
		}
		r.LimitationUrgentDays = 120
		if err := s.SaveRules(ctx, r, "test", t0); err == nil || !strings.Contains(Message(err), "urgente") {
			t.Fatalf("SaveRules(urgent > warn) = %v; want refusal", err)
		}
	})
}

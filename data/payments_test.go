package data

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"amiable/debt"
)

// day returns 10:00 in Paris on the ISO date s.
func day(s string) time.Time {
	d := debt.MustDate(s)
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, debt.Paris())
}

// planCase opens a case of 600,00 € (no interest) on 2 March 2026 and
// agrees a 6-instalment monthly plan of 100,00 € from 10 March.
func planCase(t *testing.T, s *Store) (debt.Case, Plan) {
	t.Helper()
	c := newCase(t, s, "Martin")
	ctx := context.Background()
	l := c.Lines[0]
	l.Amount = 60000
	if _, err := s.SaveClaimLine(ctx, c.ID, l, "test", t0); err != nil {
		t.Fatal(err)
	}
	p, warn, err := s.CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 6, First: debt.MustDate("2026-03-10"), Every: debt.Monthly}, "test", t0)
	if err != nil || len(warn) != 0 || len(p.Instalments) != 6 || p.Total != 60000 || p.GraceDays != 10 {
		t.Fatalf("CreatePlan = %+v, %v, %v", p, warn, err)
	}
	return c, p
}

func pay(t *testing.T, s *Store, c debt.Case, date string, amount debt.Cents) PaymentResult {
	t.Helper()
	r, err := s.RecordPayment(context.Background(), c.ID, PaymentInput{Received: debt.MustDate(date), Amount: amount, Method: MethodTransfer, BankRef: "VIR " + date}, "test", day(date))
	if err != nil {
		t.Fatalf("RecordPayment(%s, %s): %v", date, amount, err)
	}
	return r
}

func states(t *testing.T, s *Store, c debt.Case, today string) string {
	t.Helper()
	plans, err := s.Plans(context.Background(), c.ID, day(today))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, in := range plans[0].Instalments {
		out = append(out, string(in.State))
	}
	return strings.Join(out, " ")
}

func TestPlanPaidOnTime(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		c, _ := planCase(t, s)
		got, _ := s.Case(context.Background(), c.ID)
		if got.Status != debt.StatusPlan {
			t.Fatalf("status after the plan = %s; want echeancier", got.Status)
		}
		for i, d := range []string{"2026-03-10", "2026-04-10", "2026-05-08", "2026-06-10", "2026-07-10"} {
			r := pay(t, s, c, d, 10000)
			if r.Settled || r.Statement.Due() != debt.Cents(60000-10000*(i+1)) {
				t.Fatalf("after payment %d: due %s, settled %v", i+1, r.Statement.Due(), r.Settled)
			}
		}
		if got := states(t, s, c, "2026-07-20"); got != "payee payee payee payee payee a_venir" {
			t.Fatalf("states = %s", got)
		}
		r := pay(t, s, c, "2026-08-10", 10000)
		if !r.Settled || r.Statement.Due() != 0 {
			t.Fatalf("last payment: settled %v, due %s; want the case proposed for closing", r.Settled, r.Statement.Due())
		}
		rows, _ := s.ListCases(context.Background(), CaseQuery{})
		if rows[0].Balance != 0 || !rows[0].NextDeadline.IsZero() {
			t.Fatalf("list row = %+v; want balance 0 and no next deadline", rows[0])
		}
	})
}

func TestPlanLateWithinGraceThenMissed(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		c, _ := planCase(t, s)
		pay(t, s, c, "2026-03-10", 10000)
		if got := states(t, s, c, "2026-04-15"); got != "payee en_retard a_venir a_venir a_venir a_venir" {
			t.Fatalf("5 days late: %s", got)
		}
		if got := states(t, s, c, "2026-04-21"); got != "payee impayee a_venir a_venir a_venir a_venir" {
			t.Fatalf("11 days late: %s", got)
		}
		pay(t, s, c, "2026-04-18", 10000) // late, within the 10 grace days
		if got := states(t, s, c, "2026-04-21"); got != "payee payee a_venir a_venir a_venir a_venir" {
			t.Fatalf("paid late within grace: %s", got)
		}
		rows, _ := s.ListCases(context.Background(), CaseQuery{})
		if rows[0].NextDeadline != debt.MustDate("2026-05-10") {
			t.Fatalf("next deadline = %s; want 10/05/2026", rows[0].NextDeadline)
		}
	})
}

func TestPartialPaymentSpanningTwoInstalmentsAndOverpayment(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		c, _ := planCase(t, s)
		pay(t, s, c, "2026-03-10", 15000) // first and half of the second
		if got := states(t, s, c, "2026-03-20"); got != "payee partielle a_venir a_venir a_venir a_venir" {
			t.Fatalf("states = %s", got)
		}
		r := pay(t, s, c, "2026-04-10", 50000) // 450,00 € left: 50,00 € too much
		if r.Payment.Credit != 5000 || !r.Settled {
			t.Fatalf("overpayment: credit %s, settled %v; want 50,00 € credit and settled", r.Payment.Credit, r.Settled)
		}
		evs, _ := s.Events(context.Background(), c.ID)
		if last := evs[len(evs)-1].Text; !strings.Contains(last, "Trop-perçu de 50,00") {
			t.Fatalf("journal = %q; want the overpayment flagged", last)
		}
		acc, _ := s.CreditorAccount(context.Background(), c.Creditor.ID)
		if acc.Collected != 60000 {
			t.Fatalf("collected for the creditor = %s; want 600,00 € (the credit is the debtor's)", acc.Collected)
		}
	})
}

func TestCancelledPaymentAndCreditorNotice(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin") // 650,00 €, no plan
		r := pay(t, s, c, "2026-03-05", 20000)
		if !r.NotifyCreditor {
			t.Fatal("a partial payment outside a plan must be queued for the creditor")
		}
		if err := s.CancelPayment(ctx, c.ID, r.Payment.ID, "", "test", day("2026-03-06")); err == nil {
			t.Fatal("cancel without reason succeeded")
		}
		if err := s.CancelPayment(ctx, c.ID, r.Payment.ID, "Chèque sans provision", "test", day("2026-03-06")); err != nil {
			t.Fatal(err)
		}
		if err := s.CancelPayment(ctx, c.ID, r.Payment.ID, "deux fois", "test", day("2026-03-06")); err == nil {
			t.Fatal("cancelling twice succeeded")
		}
		ps, _ := s.Payments(ctx, c.ID)
		if len(ps) != 1 || !ps[0].Cancelled || ps[0].Reason != "Chèque sans provision" {
			t.Fatalf("payments = %+v", ps)
		}
		f, _ := s.Figures(ctx, c.ID, debt.MustDate("2026-03-06"))
		if f.Statement.Due() != 65000 {
			t.Fatalf("due after cancellation = %s; want 650,00 €", f.Statement.Due())
		}
		if _, err := s.rw.Exec("DELETE FROM payments"); err == nil {
			t.Fatal("payments can be deleted")
		}
		ms, _ := s.Movements(ctx, debt.MustDate("2026-03-01"), debt.MustDate("2026-03-31"))
		if len(ms) != 2 || ms[0].Amount != 20000 || ms[1].Amount != -20000 || ms[1].Kind != "annulation_encaissement" {
			t.Fatalf("movements = %+v", ms)
		}
	})
}

func TestRenegotiatedPlanKeepsTheOldOne(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, first := planCase(t, s)
		pay(t, s, c, "2026-03-10", 10000)
		if err := s.SignPlan(ctx, c.ID, first.ID, debt.MustDate("2026-03-03"), "test", day("2026-03-10")); err != nil {
			t.Fatal(err)
		}
		p2, _, err := s.CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 10, First: debt.MustDate("2026-05-05"), Every: debt.Monthly}, "test", day("2026-04-25"))
		if err != nil || p2.Total != 50000 || p2.Replaces != first.ID || p2.Instalments[9].Amount != 5000 {
			t.Fatalf("renegotiated plan = %+v, %v", p2, err)
		}
		plans, _ := s.Plans(ctx, c.ID, day("2026-04-25"))
		if len(plans) != 2 || plans[1].Open() || !strings.Contains(plans[1].CloseReason, "Renégocié") || plans[1].Signed != debt.MustDate("2026-03-03") {
			t.Fatalf("old plan = %+v", plans[1])
		}
		f, _ := s.Figures(ctx, c.ID, debt.MustDate("2026-04-25"))
		if f.Limitation.From != debt.MustDate("2026-03-10") || f.Limitation.FromEvent != debt.LimitationPartialPayment {
			t.Fatalf("limitation runs from %s (%s)", f.Limitation.From, f.Limitation.FromEvent)
		}
	})
}

func TestBadPaymentsChangeNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		now := day("2026-03-10")
		for _, in := range []PaymentInput{
			{Received: debt.MustDate("2026-03-05"), Amount: 0, Method: MethodCash},
			{Received: debt.MustDate("2026-03-05"), Amount: -100, Method: MethodCash},
			{Received: debt.MustDate("2026-03-11"), Amount: 100, Method: MethodCash},
			{Received: debt.MustDate("2026-01-01"), Amount: 100, Method: MethodCash},
			{Received: debt.MustDate("2026-03-05"), Amount: 100, Method: "bitcoin"},
			{Received: debt.MustDate("2026-03-05"), Amount: 100, Method: MethodCash, Lines: []int64{9999}},
		} {
			if _, err := s.RecordPayment(ctx, c.ID, in, "test", now); err == nil {
				t.Errorf("RecordPayment(%+v) succeeded", in)
			} else if strings.HasPrefix(Message(err), "Erreur inattendue") {
				t.Errorf("RecordPayment(%+v): %q is not a clear message", in, Message(err))
			}
		}
		if _, _, err := s.CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 70000, First: debt.MustDate("2026-03-15"), Every: debt.Weekly}, "test", now); err == nil {
			t.Error("a plan of 70 000 instalments for 650,00 € succeeded")
		}
		ps, _ := s.Payments(ctx, c.ID)
		plans, _ := s.Plans(ctx, c.ID, now)
		evs, _ := s.Events(ctx, c.ID)
		if len(ps) != 0 || len(plans) != 0 || len(evs) != 1 {
			t.Fatalf("refused input wrote %d payments, %d plans, %d events", len(ps), len(plans), len(evs)-1)
		}
	})
}

func TestRemittancesConserveEveryCent(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		pay(t, s, c, "2026-03-05", 20000)
		pay(t, s, c, "2026-03-20", 15000)
		acc, _ := s.CreditorAccount(ctx, c.Creditor.ID)
		if acc.Collected != 35000 || acc.ToRemit != 35000 || acc.OldestUnremitted != debt.MustDate("2026-03-05") || !acc.Overdue(debt.MustDate("2026-04-06")) {
			t.Fatalf("account = %+v", acc)
		}
		if _, err := s.RecordRemittance(ctx, c.Creditor.ID, debt.MustDate("2026-04-01"), 40000, "x", "test", day("2026-04-01")); err == nil {
			t.Fatal("remitting more than held succeeded")
		}
		if _, err := s.RecordRemittance(ctx, c.Creditor.ID, debt.MustDate("2026-04-01"), 20000, "VIR-CARPA-1", "test", day("2026-04-01")); err != nil {
			t.Fatal(err)
		}
		acc, _ = s.CreditorAccount(ctx, c.Creditor.ID)
		if acc.Remitted != 20000 || acc.ToRemit != 15000 || acc.OldestUnremitted != debt.MustDate("2026-03-20") || acc.Overdue(debt.MustDate("2026-04-15")) {
			t.Fatalf("account after remittance = %+v", acc)
		}
		ms, _ := s.Movements(ctx, debt.MustDate("2026-03-01"), debt.MustDate("2026-04-30"))
		var sum debt.Cents
		for _, m := range ms {
			sum += m.Amount
		}
		if len(ms) != 3 || sum != acc.ToRemit {
			t.Fatalf("movements %+v sum to %s; want %s held", ms, sum, acc.ToRemit)
		}
		var csvBuf, xlsxBuf bytes.Buffer
		if err := WriteMovementsCSV(&csvBuf, ms); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(csvBuf.String()), "\r\n")
		if len(lines) != 4 || lines[0] != "\ufeff"+strings.Join(MovementColumns, ";") || !strings.Contains(lines[3], ";-200,00;-20000;") {
			t.Fatalf("CSV = %q", csvBuf.String())
		}
		if err := WriteMovementsXLSX(&xlsxBuf, ms); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&xlsxBuf)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.GetCellValue("Mouvements", "G4")
		if v != "-20000" {
			t.Fatalf("XLSX G4 = %q; want -20000", v)
		}
		if _, err := s.Movements(ctx, debt.MustDate("2026-04-30"), debt.MustDate("2026-03-01")); !errors.Is(err, &Error{Code: EINVALID}) && err == nil {
			t.Fatal("a reversed period succeeded")
		}
	})
}

func TestRenegotiationOnThePaymentDayCountsThePaymentOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, _ := planCase(t, s)
		r := pay(t, s, c, "2026-03-10", 10000)
		if r.Statement.Due() != 50000 {
			t.Fatalf("due = %s", r.Statement.Due())
		}
		p2, _, err := s.CreatePlan(ctx, c.ID, debt.PlanSpec{Count: 5, First: debt.MustDate("2026-04-10"), Every: debt.Monthly}, "test", day("2026-03-10").Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if p2.Paid != 0 || p2.Instalments[0].State != debt.InstUpcoming {
			t.Fatalf("new plan = paid %s, first instalment %s; the payment belongs to the old plan", p2.Paid, p2.Instalments[0].State)
		}
		plans, _ := s.Plans(ctx, c.ID, day("2026-03-10").Add(2*time.Hour))
		if plans[1].Paid != 10000 {
			t.Fatalf("old plan received %s; want 100,00 €", plans[1].Paid)
		}
	})
}

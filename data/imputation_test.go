package data

import (
	"context"
	"testing"

	"amiable/debt"
)

// b2bCase opens, on 2 March 2026, a case of a professional creditor against
// a professional debtor with three invoices under L441-10 penalties, each
// with its 40 € indemnity (same document number: one debt per invoice).
func b2bCase(t *testing.T, s *Store, name string) debt.Case {
	t.Helper()
	ctx := context.Background()
	cid, err := s.SaveParty(ctx, company("Fournil "+name), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	did, err := s.SaveParty(ctx, company("Brasserie "+name), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	inv := func(n, due string, amount debt.Cents) []debt.ClaimLine {
		d := debt.MustDate(due)
		return []debt.ClaimLine{
			{Kind: debt.LinePrincipal, Label: "Facture " + n, DocNumber: n, IssueDate: d.AddDays(-30), DueDate: d, Amount: amount},
			{Kind: debt.LineIndemnity, Label: "Indemnité " + n, DocNumber: n, DueDate: d.AddDays(1), Amount: debt.FixedIndemnity},
		}
	}
	var lines []debt.ClaimLine
	lines = append(lines, inv("F1", "2025-09-30", 150_000)...)
	lines = append(lines, inv("F2", "2025-11-30", 80_000)...)
	lines = append(lines, inv("F3", "2026-01-31", 120_000)...)
	c, err := s.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}},
		Nature: debt.NatureInvoice, Basis: "CGV art. 8", Interest: debt.InterestTerms{Kind: debt.InterestBusiness}, Lines: lines}, "test", t0)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return c
}

// lineByDoc returns the case's line of that kind and document number.
func lineByDoc(t *testing.T, c debt.Case, kind debt.ClaimKind, doc string) debt.ClaimLine {
	t.Helper()
	for _, l := range c.Lines {
		if l.Kind == kind && l.DocNumber == doc {
			return l
		}
	}
	t.Fatalf("no %s line %s in %+v", kind, doc, c.Lines)
	return debt.ClaimLine{}
}

// TestPaymentImputedInvoiceByInvoice: 2 000 € on three invoices at the same
// L441-10 rate goes to the oldest invoice first, paid in full (interest,
// indemnity, principal), then to the next (C. civ. 1342-10, then 1343-1
// inside each); the newest gets nothing. Before, it paid both indemnities
// and the interest of every invoice first.
func TestPaymentImputedInvoiceByInvoice(t *testing.T) {
	s := openTest(t)
	c := b2bCase(t, s, "Imputation")
	res := pay(t, s, c, "2026-03-16", 200_000)
	paid := map[int64]debt.Amounts{}
	for _, a := range res.Payment.Allocation {
		paid[a.LineID] = a.Amounts
	}
	bal := map[int64]debt.Amounts{}
	for _, l := range res.Statement.Lines {
		bal[l.LineID] = l.Balance
	}
	f1, i1 := lineByDoc(t, c, debt.LinePrincipal, "F1"), lineByDoc(t, c, debt.LineIndemnity, "F1")
	f2, i2 := lineByDoc(t, c, debt.LinePrincipal, "F2"), lineByDoc(t, c, debt.LineIndemnity, "F2")
	f3, i3 := lineByDoc(t, c, debt.LinePrincipal, "F3"), lineByDoc(t, c, debt.LineIndemnity, "F3")
	if bal[f1.ID] != (debt.Amounts{}) || bal[i1.ID] != (debt.Amounts{}) || paid[f1.ID].Principal != 150_000 {
		t.Errorf("F1 balance %+v / %+v, paid %+v: want the oldest invoice paid in full", bal[f1.ID], bal[i1.ID], paid[f1.ID])
	}
	if bal[f2.ID].Interest != 0 || bal[i2.ID] != (debt.Amounts{}) || paid[f2.ID].Principal <= 0 || bal[f2.ID].Principal <= 0 {
		t.Errorf("F2 balance %+v / %+v, paid %+v: want its interest and indemnity paid, then part of its principal", bal[f2.ID], bal[i2.ID], paid[f2.ID])
	}
	if paid[f3.ID] != (debt.Amounts{}) || paid[i3.ID] != (debt.Amounts{}) {
		t.Errorf("F3 paid %+v / %+v, want nothing", paid[f3.ID], paid[i3.ID])
	}
	var sum debt.Cents
	for _, a := range paid {
		sum += a.Total()
	}
	if sum != 200_000 || res.Payment.Credit != 0 {
		t.Errorf("allocated %s + credit %s, want 2 000,00 €", sum, res.Payment.Credit)
	}
}

// TestStoredAllocationsStayAndAreListed: a payment recorded by an earlier
// version (indemnities first) keeps its allocation in the statement (it is
// evidence: the receipt said so), CheckAllocations lists the case with the
// allocation the law gives, and a new payment follows the law.
func TestStoredAllocationsStayAndAreListed(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c := b2bCase(t, s, "Ancien")
	i1, i2 := lineByDoc(t, c, debt.LineIndemnity, "F1"), lineByDoc(t, c, debt.LineIndemnity, "F2")
	f1 := lineByDoc(t, c, debt.LinePrincipal, "F1")
	// 100 € received on 10 March, recorded the old way: 40 + 40 on the
	// two indemnities, 20 on F1's interest.
	r, err := s.rw.ExecContext(ctx, `INSERT INTO payments (case_id, received, amount_cents, method, created_at, author)
		VALUES (?, '2026-03-10', 10000, 'virement', '2026-03-10T10:00:00Z', 'ancienne version')`, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := r.LastInsertId()
	for _, a := range []debt.LineAllocation{{LineID: i1.ID, Amounts: debt.Amounts{Accessory: 4000}},
		{LineID: i2.ID, Amounts: debt.Amounts{Accessory: 4000}}, {LineID: f1.ID, Amounts: debt.Amounts{Interest: 2000}}} {
		if _, err := s.rw.ExecContext(ctx, `INSERT INTO payment_allocations VALUES (?,?,?,?,?)`, pid, a.LineID, a.Principal, a.Interest, a.Accessory); err != nil {
			t.Fatal(err)
		}
	}
	fig, err := s.Figures(ctx, c.ID, debt.MustDate("2026-03-12"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Statement.Payments) != 1 || len(fig.Statement.Payments[0].Lines) != 3 || fig.Statement.Payments[0].Reallocated {
		t.Fatalf("statement payments = %+v, want the recorded allocation on three lines", fig.Statement.Payments)
	}
	for _, l := range fig.Statement.Lines {
		if l.LineID == i2.ID && l.Paid.Accessory != 4000 {
			t.Errorf("F2 indemnity paid %+v, want the recorded 40,00 €", l.Paid)
		}
	}

	chk, err := s.CheckAllocations(ctx, debt.MustDate("2026-03-12"))
	if err != nil {
		t.Fatal(err)
	}
	if chk.Checked != 1 || len(chk.Differ) != 1 || chk.Differ[0].Ref != c.Ref || len(chk.Differ[0].Payments) != 1 {
		t.Fatalf("CheckAllocations = %+v, want case %s listed", chk, c.Ref)
	}
	law := chk.Differ[0].Payments[0].Law
	// The law: F1 alone, its interest first (150 000 × 92 × 12,15 % / 365
	// = 45,94 € to 31/12/2025, then 150 000 × 69 × 12,15 % / 365 = 34,45 €
	// to 10/03/2026: 80,39 €), then its indemnity (19,61 € of 40 €).
	want := []debt.LineAllocation{{LineID: f1.ID, Amounts: debt.Amounts{Interest: 8039}}, {LineID: i1.ID, Amounts: debt.Amounts{Accessory: 1961}}}
	if len(law) != 2 || law[0] != want[0] || law[1] != want[1] {
		t.Errorf("law allocation = %+v, want %+v", law, want)
	}

	// A new payment follows the law; the recorded one stays.
	res := pay(t, s, c, "2026-03-12", 5000)
	if len(res.Payment.Allocation) != 1 || res.Payment.Allocation[0].LineID != f1.ID || res.Payment.Allocation[0].Interest != 5000 {
		t.Errorf("new payment allocation = %+v, want 50,00 € on F1's interest", res.Payment.Allocation)
	}
	ps, err := s.Payments(ctx, c.ID)
	if err != nil || len(ps) != 2 || len(ps[0].Allocation) != 3 {
		t.Fatalf("Payments = %+v, %v", ps, err)
	}
}

// TestDebtorsChoiceOfInvoice: the debtor says which invoice he pays
// (1342-10 al. 1): the newest one gets the payment, interest first
// (1343-1); a line of another case is refused and nothing is written.
func TestDebtorsChoiceOfInvoice(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	c := b2bCase(t, s, "Choix")
	f3 := lineByDoc(t, c, debt.LinePrincipal, "F3")
	res, err := s.RecordPayment(ctx, c.ID, PaymentInput{Received: debt.MustDate("2026-03-16"), Amount: 50_000, Method: MethodCheque,
		Lines: []int64{f3.ID}}, "test", day("2026-03-16"))
	if err != nil {
		t.Fatal(err)
	}
	var got debt.Amounts
	for _, a := range res.Payment.Allocation {
		if a.LineID != f3.ID && a.LineID != lineByDoc(t, c, debt.LineIndemnity, "F3").ID {
			t.Errorf("part %+v on another invoice than the chosen F3", a)
		}
		if a.LineID == f3.ID {
			got = a.Amounts
		}
	}
	if got.Interest <= 0 || got.Principal <= 0 {
		t.Errorf("F3 got %+v, want its interest then principal", got)
	}
	other := b2bCase(t, s, "Autre")
	if _, err := s.RecordPayment(ctx, c.ID, PaymentInput{Received: debt.MustDate("2026-03-16"), Amount: 100, Method: MethodCheque,
		Lines: []int64{other.Lines[0].ID}}, "test", day("2026-03-16")); err == nil {
		t.Error("a line of another case was accepted")
	}
	if ps, _ := s.Payments(ctx, c.ID); len(ps) != 1 {
		t.Errorf("%d payments after a refused one, want 1", len(ps))
	}
}

package debt

import (
	"errors"
	"math/rand"
	"strings"
	"testing"
)

func line(id int64, kind ClaimKind, due string, amount Cents) ClaimLine {
	return ClaimLine{ID: id, Kind: kind, Label: string(kind), DueDate: MustDate(due), Amount: amount}
}

// TestStatementBusiness: an invoice of 1 000,00 € due 31 October 2025 with
// business penalties (ECB 2,15 % + 10 = 12,15 % in 2025 S2 and 2026 S1)
// and its 40 € indemnity; 500 € received 15 January 2026; statement at
// 31 March 2026.
//
//	interest to the payment:
//	  (31/10/2025, 31/12/2025] 61 days: 100 000 × 61 × 1 215 / 3 650 000
//	    = 7 411 500 000 / 3 650 000 = 2 030,5… → 20,31 €
//	  (31/12/2025, 15/01/2026] 15 days: 100 000 × 15 × 1 215 / 3 650 000
//	    = 499,3… → 4,99 €                               owed then: 25,30 €
//	the invoice and its indemnity are one debt (same invoice number);
//	500 € → 25,30 interest, 40,00 indemnity, 434,70 principal (C. civ.
//	1343-1: interest first, principal last);
//	principal left 1 000 − 434,70 = 565,30 €
//	  (15/01/2026, 31/03/2026] 75 days: 56 530 × 75 × 1 215 / 3 650 000
//	    = 5 151 296 250 / 3 650 000 = 1 411,3… → 14,11 €
//	interest accrued 20,31 + 4,99 + 14,11 = 39,41 €
//	balance 565,30 + 14,11 = 579,41 €
func TestStatementBusiness(t *testing.T) {
	c := Case{
		Creditor: Party{LegalKind: Professional},
		Debtors:  []CaseDebtor{{Party: Party{LegalKind: Professional}}},
		Interest: InterestTerms{Kind: InterestBusiness},
		Lines: []ClaimLine{
			line(10, LinePrincipal, "2025-10-31", 100_000),
			line(11, LineIndemnity, "2025-10-31", FixedIndemnity),
		},
	}
	c.Lines[0].DocNumber, c.Lines[1].DocNumber = "F2025-0042", "F2025-0042"
	st, err := ComputeStatement(StatementInput{Case: c, At: MustDate("2026-03-31"), Rates: DefaultRates(),
		Payments: []Payment{{ID: 1, Received: MustDate("2026-01-15"), Amount: 50_000}}})
	if err != nil {
		t.Fatalf("ComputeStatement() error %v", err)
	}
	wantPeriods := []InterestPeriod{
		period("2025-10-31", "2025-12-31", 61, 100_000, 1215, 365, 2031),
		period("2025-12-31", "2026-01-15", 15, 100_000, 1215, 365, 499),
		period("2026-01-15", "2026-03-31", 75, 56_530, 1215, 365, 1411),
	}
	l := st.Lines[0]
	if len(l.Interest.Periods) != len(wantPeriods) {
		t.Fatalf("interest periods = %+v, want %+v", l.Interest.Periods, wantPeriods)
	}
	for i, p := range l.Interest.Periods {
		if p != wantPeriods[i] {
			t.Errorf("period %d = %+v, want %+v", i, p, wantPeriods[i])
		}
	}
	checks := []struct {
		what      string
		got, want Amounts
	}{
		{"invoice owed", l.Owed, Amounts{100_000, 3_941, 0}},
		{"invoice paid", l.Paid, Amounts{43_470, 2_530, 0}},
		{"invoice balance", l.Balance, Amounts{56_530, 1_411, 0}},
		{"indemnity owed", st.Lines[1].Owed, Amounts{0, 0, 4_000}},
		{"indemnity balance", st.Lines[1].Balance, Amounts{}},
		{"total owed", st.Owed, Amounts{100_000, 3_941, 4_000}},
		{"total paid", st.Paid, Amounts{43_470, 2_530, 4_000}},
		{"total balance", st.Balance, Amounts{56_530, 1_411, 0}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.what, c.got, c.want)
		}
	}
	if st.Due() != 57_941 || st.Credit != 0 || st.Indemnities() != 4_000 {
		t.Errorf("Due, Credit, Indemnities = %v, %v, %v; want 579,41 €, 0, 40,00 €", st.Due(), st.Credit, st.Indemnities())
	}
	if !l.InterestFrom.Equal(MustDate("2025-10-31")) {
		t.Errorf("InterestFrom = %s, want 31/10/2025 (penalties from the day after the due date)", l.InterestFrom)
	}
	if len(st.Payments) != 1 || len(st.Payments[0].Lines) != 2 {
		t.Fatalf("Payments = %+v, want one payment reaching two lines", st.Payments)
	}
}

// TestStatementLegalChoiceAndIgnoredPayments: three monthly rents of
// 600,00 € owed to a private landlord (legal rate 6,65 % in 2025 S2, 6,67 %
// in 2026 S1), formal notice sent 15 December 2025, statement at 28
// February 2026. The debtor pays 300 € on 10 January 2026 for the January
// rent; a cancelled payment and one after the statement date count for
// nothing.
//
//	interest starts at the notice, or at the due date if later:
//	  A (due 05/11) and B (due 05/12) from 15/12; C (due 05/01) from 05/01.
//	to the payment (10/01/2026):
//	  A, B: (15/12, 31/12] 16 days: 60 000 × 16 × 665 / 3 650 000 = 174,9 → 1,75 €
//	        (31/12, 10/01] 10 days: 60 000 × 10 × 667 / 3 650 000 = 109,6 → 1,10 €
//	  C:    (05/01, 10/01]  5 days: 60 000 ×  5 × 667 / 3 650 000 =  54,8 → 0,55 €
//	300 € on C by the debtor's choice: 0,55 interest, 299,45 principal;
//	C's principal left: 300,55 €.
//	to 28/02 (49 days from 10/01):
//	  A, B: 60 000 × 49 × 667 / 3 650 000 = 537,2 → 5,37 €  (total 8,22 € each)
//	  C:    30 055 × 49 × 667 / 3 650 000 = 982 287 565 / 3 650 000 = 269,1 → 2,69 €
//	interest 8,22 + 8,22 + 0,55 + 2,69 = 19,68 €; paid 0,55 → 19,13 € left
//	balance 1 800 − 299,45 + 19,13 = 1 519,68 €
func TestStatementLegalChoiceAndIgnoredPayments(t *testing.T) {
	c := Case{
		Creditor: Party{LegalKind: Consumer},
		Nature:   NatureRent,
		Interest: InterestTerms{Kind: InterestLegal},
		Lines: []ClaimLine{
			line(1, LinePrincipal, "2025-11-05", 60_000),
			line(2, LinePrincipal, "2025-12-05", 60_000),
			line(3, LinePrincipal, "2026-01-05", 60_000),
		},
	}
	in := StatementInput{Case: c, At: MustDate("2026-02-28"), NoticeDate: MustDate("2025-12-15"), Rates: DefaultRates(),
		Payments: []Payment{
			{ID: 3, Received: MustDate("2026-03-05"), Amount: 50_000},
			{ID: 2, Received: MustDate("2026-02-10"), Amount: 100_000, Cancelled: true},
			{ID: 1, Received: MustDate("2026-01-10"), Amount: 30_000, Lines: []int64{3}},
		}}
	st, err := ComputeStatement(in)
	if err != nil {
		t.Fatalf("ComputeStatement() error %v", err)
	}
	wantFrom := []string{"2025-12-15", "2025-12-15", "2026-01-05"}
	wantOwed := []Amounts{{60_000, 822, 0}, {60_000, 822, 0}, {60_000, 324, 0}}
	wantPaid := []Amounts{{}, {}, {29_945, 55, 0}}
	for i, l := range st.Lines {
		if l.InterestFrom.ISO() != wantFrom[i] || l.Owed != wantOwed[i] || l.Paid != wantPaid[i] {
			t.Errorf("line %d: from %s owed %+v paid %+v; want from %s owed %+v paid %+v",
				l.LineID, l.InterestFrom.ISO(), l.Owed, l.Paid, wantFrom[i], wantOwed[i], wantPaid[i])
		}
	}
	if want := (Amounts{150_055, 1_913, 0}); st.Balance != want || st.Due() != 151_968 {
		t.Errorf("Balance = %+v (due %v), want %+v (1 519,68 €)", st.Balance, st.Due(), want)
	}
	if len(st.Payments) != 1 || st.Payments[0].Payment.ID != 1 {
		t.Errorf("Payments = %+v, want only payment 1 (2 cancelled, 3 after the statement date)", st.Payments)
	}

	// Without a formal notice there is no legal interest yet.
	in.NoticeDate = Date{}
	st, err = ComputeStatement(in)
	if err != nil || st.Owed.Interest != 0 || !st.Lines[0].InterestFrom.IsZero() {
		t.Errorf("ComputeStatement(no notice) interest = %v, from %s, %v; want none", st.Owed.Interest, st.Lines[0].InterestFrom, err)
	}
	// InterestTerms.From overrides the notice date (but never before a
	// line is due): A and B from 31/12/2025, C from its due date 05/01.
	in.NoticeDate = MustDate("2025-12-15")
	in.Case.Interest.From = MustDate("2025-12-31")
	st, err = ComputeStatement(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"2025-12-31", "2025-12-31", "2026-01-05"} {
		if got := st.Lines[i].InterestFrom.ISO(); got != want {
			t.Errorf("with From 31/12: line %d InterestFrom = %s, want %s", i, got, want)
		}
	}
}

// TestStatementOverpayment: 100 € principal and 50 € accessory; 200 € paid
// on the due date (no interest yet) leaves a 50 € credit; a further 10 €
// all goes to credit.
func TestStatementOverpayment(t *testing.T) {
	c := Case{
		Interest: InterestTerms{Kind: InterestContractual, RateBP: 1000},
		Lines: []ClaimLine{
			line(1, LinePrincipal, "2026-01-31", 10_000),
			line(2, LineAccessory, "2026-01-31", 5_000),
		},
	}
	st, err := ComputeStatement(StatementInput{Case: c, At: MustDate("2026-03-31"),
		Payments: []Payment{
			{ID: 1, Received: MustDate("2026-01-31"), Amount: 20_000},
			{ID: 2, Received: MustDate("2026-02-10"), Amount: 1_000},
		}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Due() != 0 || st.Credit != 6_000 || st.Owed.Interest != 0 {
		t.Errorf("Due, Credit, Interest = %v, %v, %v; want 0, 60,00 €, 0", st.Due(), st.Credit, st.Owed.Interest)
	}
	if len(st.Payments) != 2 || st.Payments[0].Credit != 5_000 || st.Payments[1].Credit != 1_000 || len(st.Payments[1].Lines) != 0 {
		t.Errorf("Payments = %+v, want credits 50 € and 10 €", st.Payments)
	}
}

func TestStatementErrors(t *testing.T) {
	base := Case{
		Creditor: Party{LegalKind: Professional},
		Interest: InterestTerms{Kind: InterestLegal},
		Lines:    []ClaimLine{line(1, LinePrincipal, "2026-01-31", 10_000)},
	}
	tests := []struct {
		name string
		in   StatementInput
		want string
	}{
		{"missing 2026 S2 rate", StatementInput{Case: base, At: MustDate("2026-08-31"), NoticeDate: MustDate("2026-03-01"),
			Rates: DefaultRates()}, "taux légal du 2e semestre 2026 non renseigné"},
		{"missing rate at a payment", StatementInput{Case: base, At: MustDate("2026-06-30"), NoticeDate: MustDate("2026-03-01"),
			Payments: []Payment{{ID: 1, Received: MustDate("2026-04-01"), Amount: 100}}}, "taux légal du 1er semestre 2026 non renseigné"},
		{"no date", StatementInput{Case: base}, "date du décompte"},
		{"unknown chosen line", StatementInput{Case: base, At: MustDate("2026-02-28"), Rates: DefaultRates(),
			Payments: []Payment{{ID: 1, Received: MustDate("2026-02-01"), Amount: 100, Lines: []int64{7}}}}, "ligne 7 inconnue"},
		{"zero payment", StatementInput{Case: base, At: MustDate("2026-02-28"),
			Payments: []Payment{{ID: 4, Received: MustDate("2026-02-01")}}}, "encaissement 4"},
	}
	for _, tt := range tests {
		st, err := ComputeStatement(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ComputeStatement() = %+v, %v; want an error containing %q", tt.name, st.Balance, err, tt.want)
		}
	}
	_, err := ComputeStatement(tests[0].in)
	var mre *MissingRateError
	if !errors.As(err, &mre) || mre.Semester != (Semester{2026, 2}) {
		t.Errorf("ComputeStatement(2026 S2) error %v, want a MissingRateError for 2026 S2", err)
	}
}

// TestStatementConservation: over random cases and payments, every cent
// received is either allocated or credited, nothing is paid beyond what is
// owed, and balances never go negative.
func TestStatementConservation(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	kinds := []InterestKind{InterestNone, InterestLegal, InterestBusiness, InterestContractual}
	lineKinds := []ClaimKind{LinePrincipal, LinePrincipal, LineIndemnity, LinePenalty, LineAccessory}
	start := MustDate("2023-03-01")
	for n := range 500 {
		c := Case{Creditor: Party{LegalKind: []LegalKind{Consumer, Professional}[r.Intn(2)]},
			Interest: InterestTerms{Kind: kinds[r.Intn(len(kinds))], RateBP: 1 + r.Int63n(2000)}}
		for i := range 1 + r.Intn(5) {
			c.Lines = append(c.Lines, line(int64(i+1), lineKinds[r.Intn(len(lineKinds))],
				start.AddDays(r.Intn(600)).ISO(), Cents(1+r.Int63n(500_000))))
		}
		in := StatementInput{Case: c, At: start.AddDays(700 + r.Intn(400)), NoticeDate: start.AddDays(r.Intn(700)),
			Rates: DefaultRates(), LeapDivisor366: r.Intn(2) == 0}
		var received Cents
		for i := range r.Intn(8) {
			p := Payment{ID: int64(i + 1), Received: start.AddDays(r.Intn(1100)), Amount: Cents(1 + r.Int63n(400_000)),
				Cancelled: r.Intn(6) == 0}
			if r.Intn(4) == 0 {
				p.Lines = []int64{int64(1 + r.Intn(len(c.Lines)))}
			}
			if !p.Cancelled && !p.Received.After(in.At) {
				received += p.Amount
			}
			in.Payments = append(in.Payments, p)
		}
		st, err := ComputeStatement(in)
		if err != nil {
			t.Fatalf("case %d: ComputeStatement() error %v", n, err)
		}
		if st.Paid.Total()+st.Credit != received {
			t.Fatalf("case %d: paid %d + credit %d ≠ received %d", n, st.Paid.Total(), st.Credit, received)
		}
		if st.Balance != st.Owed.Sub(st.Paid) {
			t.Fatalf("case %d: balance %+v ≠ owed %+v − paid %+v", n, st.Balance, st.Owed, st.Paid)
		}
		for _, l := range st.Lines {
			if l.Balance.Principal < 0 || l.Balance.Interest < 0 || l.Balance.Accessory < 0 {
				t.Fatalf("case %d: line %d balance %+v negative", n, l.LineID, l.Balance)
			}
		}
		if st.Credit > 0 && st.Due() != 0 {
			t.Fatalf("case %d: credit %v while %v still due", n, st.Credit, st.Due())
		}
	}
}

func BenchmarkComputeStatement(b *testing.B) {
	c := Case{Creditor: Party{LegalKind: Consumer}, Interest: InterestTerms{Kind: InterestLegal}}
	for i := range 6 {
		c.Lines = append(c.Lines, line(int64(i+1), LinePrincipal, MustDate("2024-01-05").AddMonths(i).ISO(), 60_000))
	}
	in := StatementInput{Case: c, At: MustDate("2026-06-30"), NoticeDate: MustDate("2024-09-01"), Rates: DefaultRates()}
	for i := range 12 {
		in.Payments = append(in.Payments, Payment{ID: int64(i + 1), Received: MustDate("2024-10-10").AddMonths(i), Amount: 15_000})
	}
	for b.Loop() {
		if _, err := ComputeStatement(in); err != nil {
			b.Fatal(err)
		}
	}
}

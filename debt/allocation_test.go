package debt

import (
	"errors"
	"math/rand"
	"reflect"
	"testing"
	"testing/quick"
)

func owedLine(id int64, due string, principal, interest, accessory Cents) LineOwed {
	var d Date
	if due != "" {
		d = MustDate(due)
	}
	return LineOwed{LineID: id, DueDate: d, Amounts: Amounts{principal, interest, accessory}}
}

func debtLine(id int64, debt, due string, rate int64, principal, interest, accessory Cents) LineOwed {
	l := owedLine(id, due, principal, interest, accessory)
	l.Debt, l.RateBP = debt, rate
	return l
}

func TestAllocate(t *testing.T) {
	received := "2026-03-15"
	tests := []struct {
		name   string
		amount Cents
		owed   []LineOwed
		chosen []int64
		want   []Amounts // per line: principal, interest, accessory
		credit Cents
	}{
		{
			// C. civ. 1343-1: inside one debt, interest first, then the
			// indemnity, principal last. Invoice F1 of 1 000,00 € with
			// 25,30 € interest and its 40 € indemnity (line 2, same
			// debt): 500 € pays 25,30 + 40, then 434,70 of principal.
			name:   "1343-1 interest then indemnity then principal",
			amount: 50_000,
			owed: []LineOwed{
				debtLine(1, "F1", "2025-10-31", 1215, 100_000, 2_530, 0),
				debtLine(2, "F1", "2025-11-01", 0, 0, 0, 4_000),
			},
			want: []Amounts{{43_470, 2_530, 0}, {0, 0, 4_000}},
		},
		{
			// C. civ. 1342-10: each invoice is its own debt. Three
			// invoices at the same L441-10 rate (12,15 %), each with its
			// indemnity: 2 000 € on 15/03/2026 goes to the oldest debt
			// first (F1: 60 interest + 40 indemnity + 1 500 principal =
			// 1 600), then to F2 (20 interest, 40 indemnity, 340 of its
			// 800 principal); F3 gets nothing. Not "the interest of every
			// invoice first".
			name:   "1342-10 oldest debt paid in full before the next",
			amount: 200_000,
			owed: []LineOwed{
				debtLine(1, "F1", "2025-09-30", 1215, 150_000, 6_000, 0),
				debtLine(2, "F1", "2025-10-01", 0, 0, 0, 4_000),
				debtLine(3, "F2", "2025-11-30", 1215, 80_000, 2_000, 0),
				debtLine(4, "F2", "2025-12-01", 0, 0, 0, 4_000),
				debtLine(5, "F3", "2026-01-31", 1215, 120_000, 1_000, 0),
			},
			want: []Amounts{{150_000, 6_000, 0}, {0, 0, 4_000}, {34_000, 2_000, 0}, {0, 0, 4_000}, {}},
		},
		{
			// C. civ. 1342-10 al. 2: the debt the debtor has most interest
			// in paying comes before the oldest: line 2 bears 12,15 %,
			// line 1 (older) bears nothing yet. 300 € → line 2.
			name:   "1342-10 higher rate before the oldest",
			amount: 30_000,
			owed: []LineOwed{
				debtLine(1, "", "2025-01-01", 0, 50_000, 0, 0),
				debtLine(2, "", "2025-06-01", 1215, 50_000, 1_000, 0),
			},
			want: []Amounts{{}, {29_000, 1_000, 0}},
		},
		{
			// C. civ. 1342-10 al. 2: debts due before debts not yet due,
			// even an older one: 300 € → 200 on the due line, 100 on
			// the other.
			name:   "1342-10 due debts before debts not yet due",
			amount: 30_000,
			owed: []LineOwed{
				owedLine(1, "2026-04-30", 50_000, 0, 0),
				owedLine(2, "2026-03-15", 20_000, 0, 0), // due that very day
			},
			want: []Amounts{{10_000, 0, 0}, {20_000, 0, 0}},
		},
		{
			// C. civ. 1342-10 al. 1: the debtor chose line 1 (the
			// newest): its interest then its principal come first; the
			// rest follows the legal order inside line 2's debt.
			name:   "1342-10 debtor's choice",
			amount: 60_000,
			owed: []LineOwed{
				owedLine(1, "2025-06-01", 50_000, 1_000, 0),
				owedLine(2, "2025-01-01", 50_000, 2_000, 4_000),
			},
			chosen: []int64{1},
			// 600 → line 1: 10 interest + 500 principal = 510; 90 left →
			// line 2: 20 interest, 40 accessory, 30 principal.
			want: []Amounts{{50_000, 1_000, 0}, {3_000, 2_000, 4_000}},
		},
		{
			// C. civ. 1343-1: even a chosen debt pays its interest before
			// its principal.
			name:   "1343-1 choice keeps interest before principal",
			amount: 1_500,
			owed:   []LineOwed{owedLine(1, "2025-06-01", 50_000, 1_000, 0), owedLine(2, "2025-01-01", 50_000, 0, 0)},
			chosen: []int64{1},
			want:   []Amounts{{500, 1_000, 0}, {}},
		},
		{
			// Choosing the indemnity line chooses its invoice's debt.
			name:   "1342-10 choice of a line chooses its debt",
			amount: 5_000,
			owed: []LineOwed{
				debtLine(1, "F1", "2025-01-01", 1215, 50_000, 2_000, 0),
				debtLine(2, "F2", "2025-06-01", 1215, 50_000, 500, 0),
				debtLine(3, "F2", "2025-06-02", 0, 0, 0, 4_000),
			},
			chosen: []int64{3},
			want:   []Amounts{{}, {500, 500, 0}, {0, 0, 4_000}},
		},
		{
			// C. civ. 1342-10 al. 2 in fine: all things equal (same due
			// date, same rate), proportionally: 200 € over 300 and 100 →
			// 150 and 50.
			name:   "1342-10 pro rata on equal debts",
			amount: 20_000,
			owed: []LineOwed{
				owedLine(1, "2025-05-01", 30_000, 0, 0),
				owedLine(2, "2025-05-01", 10_000, 0, 0),
			},
			want: []Amounts{{15_000, 0, 0}, {5_000, 0, 0}},
		},
		{
			// Pro rata between equal debts, then 1343-1 inside each: 300 €
			// over two debts owing 1 100 and 550 → 200 and 100, each
			// paying its interest first.
			name:   "pro rata then 1343-1 inside each debt",
			amount: 30_000,
			owed: []LineOwed{
				owedLine(1, "2025-05-01", 100_000, 10_000, 0),
				owedLine(2, "2025-05-01", 50_000, 5_000, 0),
			},
			want: []Amounts{{10_000, 10_000, 0}, {5_000, 5_000, 0}},
		},
		{
			// 1,00 € over three equal lines: 33 each and the last cent to
			// the first line (largest remainder, earliest on a tie).
			name:   "pro rata remainder cent",
			amount: 100,
			owed: []LineOwed{
				owedLine(1, "2025-05-01", 1_000, 0, 0),
				owedLine(2, "2025-05-01", 1_000, 0, 0),
				owedLine(3, "2025-05-01", 1_000, 0, 0),
			},
			want: []Amounts{{34, 0, 0}, {33, 0, 0}, {33, 0, 0}},
		},
		{
			// Overpayment: 1 200 € on 1 040 € owed → 160 € credit.
			name:   "overpayment",
			amount: 120_000,
			owed: []LineOwed{
				owedLine(1, "2025-05-01", 100_000, 0, 0),
				owedLine(2, "2025-05-01", 0, 0, 4_000),
			},
			want:   []Amounts{{100_000, 0, 0}, {0, 0, 4_000}},
			credit: 16_000,
		},
		{
			name:   "nothing owed",
			amount: 500,
			owed:   nil,
			want:   []Amounts{},
			credit: 500,
		},
		{
			// A line without a due date counts as due long ago.
			name:   "no due date first",
			amount: 100,
			owed:   []LineOwed{owedLine(1, "2025-01-01", 100, 0, 0), owedLine(2, "", 100, 0, 0)},
			want:   []Amounts{{}, {100, 0, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Allocate(tt.amount, MustDate(received), tt.owed, tt.chosen)
			if err != nil {
				t.Fatalf("Allocate() error %v", err)
			}
			parts := make([]Amounts, len(got.Lines))
			for i, l := range got.Lines {
				parts[i] = l.Amounts
				if l.LineID != tt.owed[i].LineID {
					t.Errorf("Lines[%d].LineID = %d, want %d", i, l.LineID, tt.owed[i].LineID)
				}
			}
			if !reflect.DeepEqual(parts, tt.want) || got.Credit != tt.credit {
				t.Errorf("Allocate(%d) = %+v credit %d, want %+v credit %d", tt.amount, parts, got.Credit, tt.want, tt.credit)
			}
			if got.Overpaid() != (tt.credit > 0) {
				t.Errorf("Overpaid() = %v, want %v", got.Overpaid(), tt.credit > 0)
			}
			if got.Allocated()+got.Credit != tt.amount {
				t.Errorf("Allocated() + Credit = %d, want %d", got.Allocated()+got.Credit, tt.amount)
			}
		})
	}
}

func TestAllocateErrors(t *testing.T) {
	d := MustDate("2026-03-15")
	ok := []LineOwed{owedLine(1, "2025-01-01", 100, 0, 0), owedLine(2, "2025-01-01", 100, 0, 0)}
	tests := []struct {
		name   string
		amount Cents
		owed   []LineOwed
		chosen []int64
	}{
		{"zero amount", 0, ok, nil},
		{"negative amount", -5, ok, nil},
		{"unknown chosen line", 100, ok, []int64{3}},
		{"negative owed", 100, []LineOwed{owedLine(1, "2025-01-01", -1, 0, 0)}, nil},
		{"duplicate line", 100, []LineOwed{owedLine(1, "", 1, 0, 0), owedLine(1, "", 1, 0, 0)}, nil},
	}
	for _, tt := range tests {
		if got, err := Allocate(tt.amount, d, tt.owed, tt.chosen); err == nil || !errors.Is(err, ErrAllocation) {
			t.Errorf("%s: Allocate() = %+v, %v; want an ErrAllocation", tt.name, got, err)
		}
	}
}

// allocCase is a random allocation problem for testing/quick.
type allocCase struct {
	Amount Cents
	Owed   []LineOwed
	Chosen []int64
}

// Generate implements quick.Generator.
func (allocCase) Generate(r *rand.Rand, _ int) reflect.Value {
	return reflect.ValueOf(randomAllocCase(r))
}

func randomAllocCase(r *rand.Rand) allocCase {
	n := r.Intn(6)
	c := allocCase{Amount: Cents(1 + r.Int63n(300_000))}
	base := MustDate("2025-01-01")
	small := func() Cents {
		if r.Intn(4) == 0 {
			return 0
		}
		return Cents(r.Int63n(100_000))
	}
	for i := range n {
		l := LineOwed{LineID: int64(i + 1), DueDate: base.AddDays(r.Intn(4) * 30),
			Amounts: Amounts{small(), small(), small()}}
		c.Owed = append(c.Owed, l)
		if r.Intn(5) == 0 {
			c.Chosen = append(c.Chosen, l.LineID)
		}
	}
	return c
}

// TestAllocateConservesEveryCent: the parts plus the credit are the
// payment, no part exceeds what was owed, and a credit exists only when
// everything owed was paid.
func TestAllocateConservesEveryCent(t *testing.T) {
	received := MustDate("2025-02-15")
	f := func(c allocCase) bool {
		got, err := Allocate(c.Amount, received, c.Owed, c.Chosen)
		if err != nil {
			t.Logf("Allocate(%+v) error %v", c, err)
			return false
		}
		var sum, owed Cents
		for i, l := range got.Lines {
			o := c.Owed[i]
			if l.Principal < 0 || l.Interest < 0 || l.Accessory < 0 ||
				l.Principal > o.Principal || l.Interest > o.Interest || l.Accessory > o.Accessory {
				t.Logf("Allocate(%+v) line %d = %+v, owed %+v", c, i, l.Amounts, o.Amounts)
				return false
			}
			sum += l.Total()
			owed += o.Total()
		}
		if sum+got.Credit != c.Amount {
			t.Logf("Allocate(%+v): parts %d + credit %d ≠ %d", c, sum, got.Credit, c.Amount)
			return false
		}
		if got.Credit > 0 && sum != owed {
			t.Logf("Allocate(%+v): credit %d while %d of %d owed unpaid", c, got.Credit, owed-sum, owed)
			return false
		}
		if got.Credit < 0 || (c.Amount <= owed && got.Credit != 0) {
			t.Logf("Allocate(%+v): credit %d with %d owed", c, got.Credit, owed)
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
}

// TestAllocateOrder: with no choice and every line its own debt, a debt
// ranking later (1342-10: due first, higher rate, then oldest) receives
// nothing while one ranking earlier is unpaid, and inside each debt
// (1343-1) accessories are not taken while interest is unpaid, nor
// principal while interest or accessories are.
func TestAllocateOrder(t *testing.T) {
	received := MustDate("2025-02-15")
	r := rand.New(rand.NewSource(3))
	for range 5000 {
		c := randomAllocCase(r)
		for i := range c.Owed {
			c.Owed[i].RateBP = int64(r.Intn(3)) * 500
		}
		got, err := Allocate(c.Amount, received, c.Owed, nil)
		if err != nil {
			t.Fatal(err)
		}
		debts := debtsOf(received, c.Owed, make([]bool, len(c.Owed)))
		for i, l := range got.Lines {
			o := c.Owed[i]
			if (o.Interest > l.Interest && l.Accessory+l.Principal > 0) || (o.Interest+o.Accessory > l.Interest+l.Accessory && l.Principal > 0) {
				t.Fatalf("Allocate(%+v) line %d = %+v: 1343-1 order broken", c, i, l)
			}
			for j, m := range got.Lines {
				if compareDebts(debts[j], debts[i]) < 0 && c.Owed[j].Total() > m.Total() && l.Total() > 0 {
					t.Fatalf("Allocate(%+v): line %d paid while line %d, ranking first, is not", c, i, j)
				}
			}
		}
	}
}

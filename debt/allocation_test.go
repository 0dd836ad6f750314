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
			// One invoice of 1 000,00 € with 25,30 € interest and its 40 €
			// indemnity owed on the same line: 500 € pays 40 + 25,30, then
			// 434,70 of principal.
			name:   "accessory then interest then principal",
			amount: 50_000,
			owed:   []LineOwed{owedLine(1, "2025-10-31", 100_000, 2_530, 4_000)},
			want:   []Amounts{{43_470, 2_530, 4_000}},
		},
		{
			// Two invoices: line 2 is older. 1 500 € pays the interest of
			// both (50 + 100), then principal oldest first: 1 000 to line 2,
			// the 350 left to line 1.
			name:   "interest of every line before principal, oldest first",
			amount: 150_000,
			owed: []LineOwed{
				owedLine(1, "2025-03-01", 100_000, 10_000, 0),
				owedLine(2, "2025-01-01", 100_000, 5_000, 0),
			},
			want: []Amounts{{35_000, 10_000, 0}, {100_000, 5_000, 0}},
		},
		{
			// The indemnity is its own line (accessory): paid before any
			// interest or principal, even though it is the newest.
			name:   "indemnity line first",
			amount: 10_000,
			owed: []LineOwed{
				owedLine(1, "2025-01-01", 100_000, 3_000, 0),
				owedLine(2, "2025-06-01", 0, 0, 4_000),
			},
			want: []Amounts{{3_000, 3_000, 0}, {0, 0, 4_000}},
		},
		{
			// A line not yet due on 15/03/2026 comes after the due ones
			// even if it was issued earlier: 300 € → 200 on the due line,
			// 100 on the other.
			name:   "due lines before lines not yet due",
			amount: 30_000,
			owed: []LineOwed{
				owedLine(1, "2026-04-30", 50_000, 0, 0),
				owedLine(2, "2026-03-15", 20_000, 0, 0), // due that very day
			},
			want: []Amounts{{10_000, 0, 0}, {20_000, 0, 0}},
		},
		{
			// The debtor chose line 1 (the newest): its interest then its
			// principal come first; the rest follows the legal order.
			name:   "debtor's choice",
			amount: 60_000,
			owed: []LineOwed{
				owedLine(1, "2025-06-01", 50_000, 1_000, 0),
				owedLine(2, "2025-01-01", 50_000, 2_000, 4_000),
			},
			chosen: []int64{1},
			// 600 → line 1: 10 interest + 500 principal = 510; 90 left →
			// line 2: 40 accessory, 20 interest, 30 principal.
			want: []Amounts{{50_000, 1_000, 0}, {3_000, 2_000, 4_000}},
		},
		{
			// Even a chosen line pays its interest before its principal.
			name:   "choice keeps interest before principal",
			amount: 1_500,
			owed:   []LineOwed{owedLine(1, "2025-06-01", 50_000, 1_000, 0), owedLine(2, "2025-01-01", 50_000, 0, 0)},
			chosen: []int64{1},
			want:   []Amounts{{500, 1_000, 0}, {}},
		},
		{
			// Same due date: pro rata. 200 € over 300 and 100 → 150 and 50.
			name:   "pro rata on equal due dates",
			amount: 20_000,
			owed: []LineOwed{
				owedLine(1, "2025-05-01", 30_000, 0, 0),
				owedLine(2, "2025-05-01", 10_000, 0, 0),
			},
			want: []Amounts{{15_000, 0, 0}, {5_000, 0, 0}},
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

// TestAllocateOrder: with no choice, interest is never taken while an
// accessory is left unpaid, nor principal while interest is.
func TestAllocateOrder(t *testing.T) {
	received := MustDate("2025-02-15")
	r := rand.New(rand.NewSource(3))
	for range 5000 {
		c := randomAllocCase(r)
		got, err := Allocate(c.Amount, received, c.Owed, nil)
		if err != nil {
			t.Fatal(err)
		}
		var accLeft, intLeft, intPaid, prinPaid Cents
		for i, l := range got.Lines {
			accLeft += c.Owed[i].Accessory - l.Accessory
			intLeft += c.Owed[i].Interest - l.Interest
			intPaid += l.Interest
			prinPaid += l.Principal
		}
		if (accLeft > 0 && intPaid+prinPaid > 0) || (intLeft > 0 && prinPaid > 0) {
			t.Fatalf("Allocate(%+v) = %+v: order accessory → interest → principal broken", c, got)
		}
	}
}

package debt

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/quick"
)

// period is a short way to write an expected breakdown line.
func period(from, to string, days int, base Cents, rate int64, divisor int, amount Cents) InterestPeriod {
	return InterestPeriod{From: MustDate(from), To: MustDate(to), Days: days, Base: base,
		RateBP: rate, Divisor: divisor, Amount: amount}
}

func TestComputeInterestWorkedExamples(t *testing.T) {
	rates := DefaultRates()
	tests := []struct {
		name string
		in   InterestInput
		want []InterestPeriod
	}{
		{
			// Across 30 June / 1 July: 10 000,00 € at the legal rate for a
			// professional creditor, from 31 May 2025 (excluded) to 31 July.
			//   (31/05, 30/06] 30 days × 3,71 %: 1 000 000 × 30 × 371 / 3 650 000
			//     = 11 130 000 000 / 3 650 000 = 3 049,315… → 30,49 €
			//   (30/06, 31/07] 31 days × 2,76 %: 1 000 000 × 31 × 276 / 3 650 000
			//     = 8 556 000 000 / 3 650 000 = 2 344,109… → 23,44 €
			//   total 53,93 €
			name: "semester boundary",
			in: InterestInput{Principal: 1_000_000, From: MustDate("2025-05-31"), To: MustDate("2025-07-31"),
				Kind: InterestLegal, Creditor: Professional, Rates: rates},
			want: []InterestPeriod{
				period("2025-05-31", "2025-06-30", 30, 1_000_000, 371, 365, 3049),
				period("2025-06-30", "2025-07-31", 31, 1_000_000, 276, 365, 2344),
			},
		},
		{
			// Across a year end: 1 234,56 € at the legal rate for a private
			// creditor, from 1 December 2025 (excluded) to 31 January 2026.
			//   (01/12, 31/12] 30 days × 6,65 %: 123 456 × 30 × 665 = 2 462 947 200
			//     / 3 650 000 = 674,78… → 6,75 €
			//   (31/12, 31/01] 31 days × 6,67 %: 123 456 × 31 × 667 = 2 552 699 712
			//     / 3 650 000 = 699,36… → 6,99 €
			//   total 13,74 €
			name: "year end",
			in: InterestInput{Principal: 123_456, From: MustDate("2025-12-01"), To: MustDate("2026-01-31"),
				Kind: InterestLegal, Creditor: Consumer, Rates: rates},
			want: []InterestPeriod{
				period("2025-12-01", "2025-12-31", 30, 123_456, 665, 365, 675),
				period("2025-12-31", "2026-01-31", 31, 123_456, 667, 365, 699),
			},
		},
		{
			// Leap year, 365 divisor (default): business penalties on
			// 10 000,00 € from 31 January 2024 to 31 March 2024: 29 days of
			// February + 31 of March = 60 days at ECB 4,50 % + 10 = 14,50 %:
			//   1 000 000 × 60 × 1 450 / 3 650 000 = 23 835,6… → 238,36 €
			name: "leap year 365",
			in: InterestInput{Principal: 1_000_000, From: MustDate("2024-01-31"), To: MustDate("2024-03-31"),
				Kind: InterestBusiness, Rates: rates},
			want: []InterestPeriod{period("2024-01-31", "2024-03-31", 60, 1_000_000, 1450, 365, 23836)},
		},
		{
			// Same with the 366 setting: 87 000 000 000 / 3 660 000
			//   = 23 770,49… → 237,70 €
			name: "leap year 366",
			in: InterestInput{Principal: 1_000_000, From: MustDate("2024-01-31"), To: MustDate("2024-03-31"),
				Kind: InterestBusiness, Rates: rates, LeapDivisor366: true},
			want: []InterestPeriod{period("2024-01-31", "2024-03-31", 60, 1_000_000, 1450, 366, 23770)},
		},
		{
			// The 366 setting changes nothing outside a leap year.
			name: "366 setting in 2025",
			in: InterestInput{Principal: 1_000_000, From: MustDate("2025-01-31"), To: MustDate("2025-03-31"),
				Kind: InterestContractual, RateBP: 1000, LeapDivisor366: true},
			// 1 000 000 × 59 × 1 000 / 3 650 000 = 16 164,38… → 161,64 €
			want: []InterestPeriod{period("2025-01-31", "2025-03-31", 59, 1_000_000, 1000, 365, 16164)},
		},
		{
			// A partial payment of 2 000,00 € received 15 February 2026 on
			// 5 000,00 € at the legal rate (professional creditor, 2,62 %),
			// from 15 January to 31 March 2026; the base drops from the 16th:
			//   (15/01, 15/02] 31 days on 5 000,00 €: 500 000 × 31 × 262
			//     = 4 061 000 000 / 3 650 000 = 1 112,6… → 11,13 €
			//   (15/02, 31/03] 44 days on 3 000,00 €: 300 000 × 44 × 262
			//     = 3 458 400 000 / 3 650 000 = 947,5… → 9,48 €
			//   total 20,61 €
			name: "partial payment",
			in: InterestInput{Principal: 500_000, From: MustDate("2026-01-15"), To: MustDate("2026-03-31"),
				Kind: InterestLegal, Creditor: Professional, Rates: rates,
				Payments: []DatedAmount{{MustDate("2026-02-15"), 200_000}}},
			want: []InterestPeriod{
				period("2026-01-15", "2026-02-15", 31, 500_000, 262, 365, 1113),
				period("2026-02-15", "2026-03-31", 44, 300_000, 262, 365, 948),
			},
		},
		{
			// Half a cent rounds away from zero: 18,25 € for 1 day at 10 %
			//   = 1 825 × 1 × 1 000 / 3 650 000 = 0,5 → 1 cent.
			name: "half cent up",
			in: InterestInput{Principal: 1825, From: MustDate("2026-03-01"), To: MustDate("2026-03-02"),
				Kind: InterestContractual, RateBP: 1000},
			want: []InterestPeriod{period("2026-03-01", "2026-03-02", 1, 1825, 1000, 365, 1)},
		},
		{
			// Just under half a cent: 1 824 × 1 000 / 3 650 000 = 0,4997 → 0.
			name: "just under half cent",
			in: InterestInput{Principal: 1824, From: MustDate("2026-03-01"), To: MustDate("2026-03-02"),
				Kind: InterestContractual, RateBP: 1000},
			want: []InterestPeriod{period("2026-03-01", "2026-03-02", 1, 1824, 1000, 365, 0)},
		},
		{
			// A payment received before the start lowers the base from the
			// first day; one that pays everything ends the interest.
			//   (28/02, 31/03] 31 days on 600,00 € at 10 %: 60 000 × 31 × 1 000
			//     / 3 650 000 = 509,58… → 5,10 €; nothing after 31/03.
			name: "payments before start and full payment",
			in: InterestInput{Principal: 100_000, From: MustDate("2026-02-28"), To: MustDate("2026-04-30"),
				Kind: InterestContractual, RateBP: 1000,
				Payments: []DatedAmount{{MustDate("2026-03-31"), 60_000}, {MustDate("2026-02-01"), 40_000}}},
			want: []InterestPeriod{period("2026-02-28", "2026-03-31", 31, 60_000, 1000, 365, 510)},
		},
		{
			name: "same day",
			in: InterestInput{Principal: 100_000, From: MustDate("2026-02-28"), To: MustDate("2026-02-28"),
				Kind: InterestLegal, Rates: rates},
			want: nil,
		},
		{
			name: "no interest claimed",
			in: InterestInput{Principal: 100_000, From: MustDate("2026-02-28"), To: MustDate("2026-12-31"),
				Kind: InterestNone},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ComputeInterest(tt.in)
			if err != nil {
				t.Fatalf("ComputeInterest() error %v", err)
			}
			if len(got.Periods) != len(tt.want) {
				t.Fatalf("ComputeInterest() = %d periods %+v, want %d %+v", len(got.Periods), got.Periods, len(tt.want), tt.want)
			}
			var sum Cents
			for i, p := range got.Periods {
				if p != tt.want[i] {
					t.Errorf("period %d = %+v, want %+v", i, p, tt.want[i])
				}
				sum += p.Amount
			}
			if got.Total != sum {
				t.Errorf("Total = %d, want the sum of the periods %d", got.Total, sum)
			}
		})
	}
}

func TestComputeInterestTotals(t *testing.T) {
	// Totals of the worked examples above, as a letter prints them.
	rates := DefaultRates()
	got, err := ComputeInterest(InterestInput{Principal: 1_000_000, From: MustDate("2025-05-31"),
		To: MustDate("2025-07-31"), Kind: InterestLegal, Creditor: Professional, Rates: rates})
	if err != nil || got.Total.String() != "53,93\u00a0€" {
		t.Errorf("ComputeInterest(10 000 €, 31/05/2025 → 31/07/2025).Total = %v, %v; want 53,93 €", got.Total, err)
	}
	// Over a whole year 2025 at 10 %: 1 000,00 € × 365 / 365 × 10 % = 100,00 €,
	// split 181 + 184 days: 49,59 + 50,41.
	got, err = ComputeInterest(InterestInput{Principal: 100_000, From: MustDate("2024-12-31"),
		To: MustDate("2025-12-31"), Kind: InterestContractual, RateBP: 1000})
	if err != nil || got.Total != 10_000 || len(got.Periods) != 2 || got.Periods[0].Days != 181 || got.Periods[1].Days != 184 {
		t.Errorf("ComputeInterest(1 000 € for 2025 at 10 %%) = %+v, %v; want 100,00 € in 181 + 184 days", got, err)
	}
}

func TestComputeInterestErrors(t *testing.T) {
	rates := DefaultRates()
	tests := []struct {
		name    string
		in      InterestInput
		missing *Semester // a MissingRateError for this semester, else ErrInterest
		text    string
	}{
		{"T before F", InterestInput{Principal: 100, From: MustDate("2026-03-02"), To: MustDate("2026-03-01"),
			Kind: InterestLegal, Rates: rates}, nil, "précède"},
		{"no start", InterestInput{Principal: 100, To: MustDate("2026-03-01"), Kind: InterestLegal, Rates: rates}, nil, "obligatoires"},
		{"negative principal", InterestInput{Principal: -1, From: MustDate("2026-03-01"), To: MustDate("2026-03-02"),
			Kind: InterestLegal, Rates: rates}, nil, "négatif"},
		{"contractual without rate", InterestInput{Principal: 100, From: MustDate("2026-03-01"), To: MustDate("2026-03-02"),
			Kind: InterestContractual}, nil, "contractuel"},
		{"unknown kind", InterestInput{Principal: 100, From: MustDate("2026-03-01"), To: MustDate("2026-03-02"),
			Kind: "usure"}, nil, "inconnu"},
		{"legal 2026 S2 missing", InterestInput{Principal: 100_000, From: MustDate("2026-06-01"), To: MustDate("2026-07-01"),
			Kind: InterestLegal, Creditor: Consumer, Rates: rates}, &Semester{2026, 2},
			"taux légal du 2e semestre 2026 non renseigné : ajoutez-le dans Paramètres → Taux"},
		{"ECB 2022 S2 missing", InterestInput{Principal: 100_000, From: MustDate("2022-12-01"), To: MustDate("2023-01-31"),
			Kind: InterestBusiness, Rates: rates}, &Semester{2022, 2},
			"taux BCE du 2e semestre 2022 non renseigné"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ComputeInterest(tt.in)
			if err == nil {
				t.Fatalf("ComputeInterest() = %+v, want an error", got)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("ComputeInterest() error %q, want it to contain %q", err, tt.text)
			}
			var mre *MissingRateError
			if tt.missing != nil {
				if !errors.As(err, &mre) || mre.Semester != *tt.missing || !errors.Is(err, ErrRateMissing) {
					t.Errorf("ComputeInterest() error %v, want a MissingRateError for %v", err, *tt.missing)
				}
			} else if !errors.Is(err, ErrInterest) {
				t.Errorf("ComputeInterest() error %v, want it to wrap ErrInterest", err)
			}
		})
	}
}

func TestInterestPeriodJSON(t *testing.T) {
	p := period("2026-01-15", "2026-02-15", 31, 500_000, 262, 365, 1113)
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"from":"2026-01-15","to":"2026-02-15","days":31,"base_cents":500000,"rate_bp":262,"divisor":365,"amount_cents":1113}`
	if string(b) != want {
		t.Errorf("json.Marshal(period) = %s, want %s", b, want)
	}
}

func TestInterestAmountExact(t *testing.T) {
	// Large values that would overflow 64 bits in the product:
	// 1 000 000 000,00 € × 184 days × 50 % = 10^11 × 184 × 5 000
	//   = 9,2 × 10^16 ≤ 2^64, then / 3 650 000: still exact.
	got, ok := interestAmount(100_000_000_000, 184, 5000, 365)
	// 10^11 × 184 × 5000 / 3 650 000 = 25 205 479 452,05… → 25 205 479 452
	if !ok || got != 25_205_479_452 {
		t.Errorf("interestAmount(10^11, 184, 5000, 365) = %d, %v; want 25205479452", got, ok)
	}
	if _, ok := interestAmount(-1, 1, 1, 365); ok {
		t.Errorf("interestAmount(-1, …) ok, want refused")
	}
}

// TestInterestMonotoneInT: interest never decreases when T grows.
func TestInterestMonotoneInT(t *testing.T) {
	rates := DefaultRates()
	start := MustDate("2023-01-01")
	kinds := []InterestKind{InterestLegal, InterestBusiness, InterestContractual}
	f := func(principal uint32, from, d1, d2 uint16, k uint8, pay uint32, payDay uint16, leap bool) bool {
		fromD := start.AddDays(int(from % 900))
		t1 := fromD.AddDays(int(d1 % 400))
		t2 := t1.AddDays(int(d2 % 400))
		if t2.After(MustDate("2026-06-30")) {
			return true // beyond the known rates
		}
		in := InterestInput{Principal: Cents(principal), From: fromD, Kind: kinds[int(k)%3],
			Creditor: Consumer, RateBP: 850, Rates: rates, LeapDivisor366: leap,
			Payments: []DatedAmount{{fromD.AddDays(int(payDay % 500)), Cents(pay % (principal/2 + 1))}}}
		in.To = t1
		r1, err1 := ComputeInterest(in)
		in.To = t2
		r2, err2 := ComputeInterest(in)
		if err1 != nil || err2 != nil {
			t.Logf("errors %v %v", err1, err2)
			return false
		}
		if r2.Total < r1.Total {
			t.Logf("ComputeInterest(%+v) to %s = %d < %d to %s", in, t2, r2.Total, r1.Total, t1)
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 3000}); err != nil {
		t.Error(err)
	}
}

func BenchmarkComputeInterest(b *testing.B) {
	in := InterestInput{Principal: 1_234_567, From: MustDate("2023-01-15"), To: MustDate("2026-06-30"),
		Kind: InterestLegal, Creditor: Consumer, Rates: DefaultRates(),
		Payments: []DatedAmount{{MustDate("2024-03-01"), 100_000}, {MustDate("2025-03-01"), 100_000}}}
	for b.Loop() {
		if _, err := ComputeInterest(in); err != nil {
			b.Fatal(err)
		}
	}
}

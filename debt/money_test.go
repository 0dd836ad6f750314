package debt

import (
	"errors"
	"strings"
	"testing"
	"testing/quick"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want Cents
	}{
		{"1234,56", 123_456},
		{"1 234,56", 123_456},
		{"1\u202f234,56\u00a0€", 123_456},
		{"1 234,56 €", 123_456},
		{"1234.56", 123_456},
		{"1234,5", 123_450},
		{"1234", 123_400},
		{"0,01", 1},
		{"0", 0},
		{"+12", 1_200},
		{" 40,00 EUR", 4_000},
		{"1000000000", 100_000_000_000},
	}
	for _, tt := range tests {
		if got, err := ParseAmount(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, why string }{
		{"", "vide"},
		{" € ", "vide"},
		{"-5", "négatif"},
		{"12,345", "deux décimales"},
		{"1,234.56", "un seul séparateur"},
		{"12,", ""},
		{",5", ""},
		{"12a", "chiffres attendus"},
		{"1e3", "chiffres attendus"},
		{"1000000000,01", "milliard"},
		{"99999999999999999999", "milliard"},
	}
	for _, tt := range bad {
		got, err := ParseAmount(tt.in)
		if err == nil || !errors.Is(err, ErrAmount) || !strings.Contains(err.Error(), tt.why) {
			t.Errorf("ParseAmount(%q) = %d, %v; want an ErrAmount mentioning %q", tt.in, got, err, tt.why)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		c                    Cents
		format, plain, human string
	}{
		{0, "0,00", "0,00", "0,00\u00a0€"},
		{5, "0,05", "0,05", "0,05\u00a0€"},
		{4_000, "40,00", "40,00", "40,00\u00a0€"},
		{99_999, "999,99", "999,99", "999,99\u00a0€"},
		{123_456, "1\u202f234,56", "1234,56", "1\u202f234,56\u00a0€"},
		{123_456_789, "1\u202f234\u202f567,89", "1234567,89", "1\u202f234\u202f567,89\u00a0€"},
		{-123_456, "-1\u202f234,56", "-1234,56", "-1\u202f234,56\u00a0€"},
	}
	for _, tt := range tests {
		if got := tt.c.Format(); got != tt.format {
			t.Errorf("Cents(%d).Format() = %q, want %q", tt.c, got, tt.format)
		}
		if got := tt.c.Plain(); got != tt.plain {
			t.Errorf("Cents(%d).Plain() = %q, want %q", tt.c, got, tt.plain)
		}
		if got := tt.c.String(); got != tt.human {
			t.Errorf("Cents(%d).String() = %q, want %q", tt.c, got, tt.human)
		}
	}
}

// TestAmountRoundTrip: formatting then parsing an amount gives it back, in
// every form the program writes, and parsing then formatting a canonical
// input ("1234,56") gives the same text back.
func TestAmountRoundTrip(t *testing.T) {
	f := func(n uint64) bool {
		c := Cents(n % uint64(maxAmount+1))
		for _, s := range []string{c.String(), c.Format(), c.Plain(), strings.Replace(c.Plain(), ",", ".", 1)} {
			got, err := ParseAmount(s)
			if err != nil || got != c {
				t.Logf("ParseAmount(%q) = %d, %v; want %d", s, got, err, c)
				return false
			}
		}
		s := c.Plain()
		got, err := ParseAmount(s)
		if err != nil || got.Plain() != s {
			t.Logf("ParseAmount(%q).Plain() = %q, %v; want %q", s, got.Plain(), err, s)
			return false
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 20000}); err != nil {
		t.Error(err)
	}
	// The edges, which random draws rarely hit.
	for _, c := range []Cents{0, 1, 99, 100, 999_99, 1_000_00, maxAmount - 1, maxAmount} {
		if got, err := ParseAmount(c.String()); err != nil || got != c {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", c.String(), got, err, c)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1234,56", "1 234,56 €", "0,5", "12.", "-1", "1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseAmount(s)
		if err != nil {
			return
		}
		if c < 0 || c > maxAmount {
			t.Fatalf("ParseAmount(%q) = %d, out of range", s, c)
		}
		if back, err := ParseAmount(c.String()); err != nil || back != c {
			t.Fatalf("ParseAmount(ParseAmount(%q).String()) = %d, %v; want %d", s, back, err, c)
		}
	})
}

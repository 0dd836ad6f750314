package debt

import (
	"encoding/json"
	"errors"
	"testing"
	"testing/quick"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct{ in, iso string }{
		{"2026-05-15", "2026-05-15"},
		{"15/05/2026", "2026-05-15"},
		{" 01/01/2027 ", "2027-01-01"},
		{"2024-02-29", "2024-02-29"},
		{"29/02/2024", "2024-02-29"},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || got.ISO() != tt.iso {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got.ISO(), err, tt.iso)
		}
	}
	for _, bad := range []string{"2026-02-29", "31/04/2026", "2026-13-01", "00/01/2026", "2026-5-15", "15/5/2026",
		"15.05.2026", "demain", "1899-12-31", "2201-01-01", "2026-05-15x"} {
		if got, err := ParseDate(bad); err == nil || !errors.Is(err, ErrDate) {
			t.Errorf("ParseDate(%q) = %q, %v; want an ErrDate", bad, got.ISO(), err)
		}
	}
}

func TestMustDatePanics(t *testing.T) {
	for _, bad := range []string{"", "2026-02-30"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MustDate(%q) did not panic", bad)
				}
			}()
			MustDate(bad)
		}()
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  Date
		want string
	}{
		{"31 January + 1 month (2026)", MustDate("2026-01-31").AddMonths(1), "2026-02-28"},
		{"31 January + 1 month (2024)", MustDate("2024-01-31").AddMonths(1), "2024-02-29"},
		{"31 March + 1 month", MustDate("2026-03-31").AddMonths(1), "2026-04-30"},
		{"31 March − 1 month", MustDate("2026-03-31").AddMonths(-1), "2026-02-28"},
		{"30 November + 2 months", MustDate("2026-11-30").AddMonths(2), "2027-01-30"},
		{"29 February + 1 year", MustDate("2024-02-29").AddYears(1), "2025-02-28"},
		{"29 February + 4 years", MustDate("2024-02-29").AddYears(4), "2028-02-29"},
		{"15 May + 8 days", MustDate("2026-05-15").AddDays(8), "2026-05-23"},
		{"1 March − 1 day (leap)", MustDate("2024-03-01").AddDays(-1), "2024-02-29"},
	}
	for _, tt := range tests {
		if tt.got.ISO() != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, tt.got.ISO(), tt.want)
		}
	}
	days := []struct {
		a, b string
		want int
	}{
		{"2026-05-23", "2026-05-15", 8},
		{"2024-03-01", "2024-02-01", 29},
		{"2025-03-01", "2025-02-01", 28},
		{"2026-01-01", "2025-01-01", 365},
		{"2025-01-01", "2024-01-01", 366},
		{"2026-03-30", "2026-03-28", 2}, // across the change to summer time (29 March 2026)
		{"2026-01-01", "2026-01-02", -1},
	}
	for _, tt := range days {
		if got := MustDate(tt.a).DaysSince(MustDate(tt.b)); got != tt.want {
			t.Errorf("%s.DaysSince(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	a, b := MustDate("2026-05-15"), MustDate("2026-05-16")
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Equal(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("comparisons of %s and %s inconsistent", a, b)
	}
}

// TestAddDaysDaysSince: d.AddDays(n).DaysSince(d) == n.
func TestAddDaysDaysSince(t *testing.T) {
	base := MustDate("1990-01-01")
	f := func(off uint16, n int16) bool {
		d := base.AddDays(int(off))
		return d.AddDays(int(n)).DaysSince(d) == int(n)
	}
	if err := quick.Check(f, nil); err != nil {
		t.Error(err)
	}
}

func TestDateFormats(t *testing.T) {
	tests := []struct {
		d                 Date
		iso, french, long string
		weekday           time.Weekday
	}{
		{MustDate("2026-03-01"), "2026-03-01", "01/03/2026", "1er mars 2026", time.Sunday},
		{MustDate("2026-05-15"), "2026-05-15", "15/05/2026", "15 mai 2026", time.Friday},
		{MustDate("2026-08-15"), "2026-08-15", "15/08/2026", "15 août 2026", time.Saturday},
		{MustDate("2026-12-25"), "2026-12-25", "25/12/2026", "25 décembre 2026", time.Friday},
		{Date{}, "", "", "", time.Monday},
	}
	for _, tt := range tests {
		if tt.d.ISO() != tt.iso || tt.d.String() != tt.french || tt.d.Long() != tt.long {
			t.Errorf("%q: ISO, String, Long = %q, %q, %q; want %q, %q, %q", tt.iso, tt.d.ISO(), tt.d.String(), tt.d.Long(),
				tt.iso, tt.french, tt.long)
		}
		if !tt.d.IsZero() && tt.d.Weekday() != tt.weekday {
			t.Errorf("%s.Weekday() = %s, want %s", tt.iso, tt.d.Weekday(), tt.weekday)
		}
		if !tt.d.IsZero() {
			if back, err := ParseDate(tt.d.String()); err != nil || !back.Equal(tt.d) {
				t.Errorf("ParseDate(%q) = %s, %v; want %s", tt.d.String(), back, err, tt.d)
			}
		}
	}
	if !(Date{}).IsZero() || MustDate("2026-01-01").IsZero() {
		t.Errorf("IsZero wrong")
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Due  Date `json:"due"`
		Seen Date `json:"seen,omitzero"`
	}
	b, err := json.Marshal(doc{Due: MustDate("2026-05-15")})
	if err != nil || string(b) != `{"due":"2026-05-15"}` {
		t.Errorf("json.Marshal = %s, %v; want {\"due\":\"2026-05-15\"}", b, err)
	}
	var d doc
	if err := json.Unmarshal([]byte(`{"due":"15/05/2026","seen":""}`), &d); err != nil || d.Due.ISO() != "2026-05-15" || !d.Seen.IsZero() {
		t.Errorf("json.Unmarshal = %+v, %v; want due 2026-05-15 and no seen date", d, err)
	}
	if err := json.Unmarshal([]byte(`{"due":"2026-02-30"}`), &d); err == nil {
		t.Errorf("json.Unmarshal(30 February) = no error, want one")
	}
}

func TestDateOfParis(t *testing.T) {
	tests := []struct {
		utc  string
		want string
	}{
		{"2025-12-31T23:30:00Z", "2026-01-01"}, // winter: UTC+1
		{"2026-07-14T21:59:00Z", "2026-07-14"}, // summer: UTC+2
		{"2026-07-14T22:00:00Z", "2026-07-15"},
		{"2026-03-29T00:30:00Z", "2026-03-29"},
	}
	for _, tt := range tests {
		at, err := time.Parse(time.RFC3339, tt.utc)
		if err != nil {
			t.Fatal(err)
		}
		if got := DateOf(at); got.ISO() != tt.want {
			t.Errorf("DateOf(%s) = %s, want %s", tt.utc, got.ISO(), tt.want)
		}
	}
	if got := MustDate("2026-05-15").Time(); !got.Equal(time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() = %v, want midnight UTC", got)
	}
}

func TestParseDateRefusesSigns(t *testing.T) {
	for _, bad := range []string{"2026-+1-05", "+1/+1/2026", "2026-01-+5", "+026-01-05", "-1/01/2026", "01/01/+026", "2026- 1-05", "2026/01-05"} {
		if got, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %s, want an ErrDate", bad, got.ISO())
		}
	}
}

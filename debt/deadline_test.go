package debt

import (
	"testing"
	"testing/quick"
)

func TestDeadlineDays(t *testing.T) {
	mainland := Calendar{}
	alsace := Calendar{Alsace: true}
	closed := Calendar{Closures: []Date{MustDate("2026-08-14")}}
	tests := []struct {
		name string
		cal  Calendar
		from string
		days int
		want string
	}{
		// Friday 15 May 2026 + 8 days = Saturday 23 May; Sunday 24, Whit
		// Monday 25 → Tuesday 26 May 2026.
		{"Whit Monday", mainland, "2026-05-15", 8, "2026-05-26"},
		// + 15 days = Saturday 30 May → Monday 1 June.
		{"15 days to a Saturday", mainland, "2026-05-15", 15, "2026-06-01"},
		// Ending on a working day: no move. 18 May + 8 = Tuesday 26 May.
		{"working day", mainland, "2026-05-18", 8, "2026-05-26"},
		// Christmas: 10 December 2025 + 15 days = Thursday 25 December →
		// Friday 26; in Alsace-Moselle 26 December is a holiday too, then
		// the weekend → Monday 29 December.
		{"Christmas", mainland, "2025-12-10", 15, "2025-12-26"},
		{"Christmas Alsace", alsace, "2025-12-10", 15, "2025-12-29"},
		// New Year: 17 December 2026 + 15 days = Friday 1 January 2027 →
		// Monday 4 January.
		{"New Year", mainland, "2026-12-17", 15, "2027-01-04"},
		// Good Friday: 26 March 2026 + 8 days = Friday 3 April 2026, a
		// working day in the rest of France; in Alsace-Moselle: Good Friday,
		// Saturday 4, Sunday 5, Easter Monday 6 → Tuesday 7 April.
		{"Good Friday", mainland, "2026-03-26", 8, "2026-04-03"},
		{"Good Friday Alsace", alsace, "2026-03-26", 8, "2026-04-07"},
		// Closure day: 7 August + 7 = Friday 14 August (office closed),
		// Saturday 15 (Assumption), Sunday 16 → Monday 17 August.
		{"closure day", closed, "2026-08-07", 7, "2026-08-17"},
		// 0 days from a Saturday: the next working day.
		{"zero days", mainland, "2026-05-23", 0, "2026-05-26"},
	}
	for _, tt := range tests {
		got := tt.cal.DeadlineDays(MustDate(tt.from), tt.days)
		if got.ISO() != tt.want {
			t.Errorf("%s: DeadlineDays(%s, %d) = %s, want %s", tt.name, tt.from, tt.days, got.ISO(), tt.want)
		}
	}
}

func TestDeadlineMonths(t *testing.T) {
	c := Calendar{}
	tests := []struct {
		from   string
		months int
		want   string
	}{
		// 31 January + 1 month: no 31 February, so the month's last day.
		// 2026: Saturday 28 February → Monday 2 March.
		{"2026-01-31", 1, "2026-03-02"},
		{"2025-01-31", 1, "2025-02-28"}, // a Friday
		{"2024-01-31", 1, "2024-02-29"}, // leap year, a Thursday
		{"2026-03-31", 1, "2026-04-30"}, // no 31 April
		{"2026-11-30", 1, "2026-12-30"},
		{"2026-03-15", 2, "2026-05-15"},  // a Friday
		{"2026-04-25", 1, "2026-05-26"},  // Monday 25 May is Whit Monday
		{"2025-12-01", 13, "2027-01-04"}, // 1 January 2027, a Friday → Monday 4
	}
	for _, tt := range tests {
		got := c.DeadlineMonths(MustDate(tt.from), tt.months)
		if got.ISO() != tt.want {
			t.Errorf("DeadlineMonths(%s, %d) = %s, want %s", tt.from, tt.months, got.ISO(), tt.want)
		}
	}
}

// TestDeadlineProperty: a deadline is a working day, at least n days after
// the event, and no later than the first working day on or after the
// unextended end.
func TestDeadlineProperty(t *testing.T) {
	base := MustDate("2024-01-01")
	f := func(off uint16, n uint8, alsace bool) bool {
		c := Calendar{Alsace: alsace}
		from := base.AddDays(int(off % 2000))
		end := from.AddDays(int(n))
		d := c.DeadlineDays(from, int(n))
		if !c.IsWorkingDay(d) || d.Before(end) {
			return false
		}
		for x := end; x.Before(d); x = x.AddDays(1) {
			if c.IsWorkingDay(x) {
				return false
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 3000}); err != nil {
		t.Error(err)
	}
}

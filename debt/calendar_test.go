package debt

import (
	"testing"
	"testing/quick"
	"time"
)

func TestHolidays2026(t *testing.T) {
	// Easter 2026 is 5 April (legal.md §4): Easter Monday 6 April,
	// Ascension 14 May (Easter + 39), Whit Monday 25 May (Easter + 50).
	want := []NamedDay{
		{MustDate("2026-01-01"), "Jour de l'an"},
		{MustDate("2026-04-06"), "Lundi de Pâques"},
		{MustDate("2026-05-01"), "Fête du Travail"},
		{MustDate("2026-05-08"), "Victoire 1945"},
		{MustDate("2026-05-14"), "Ascension"},
		{MustDate("2026-05-25"), "Lundi de Pentecôte"},
		{MustDate("2026-07-14"), "Fête nationale"},
		{MustDate("2026-08-15"), "Assomption"},
		{MustDate("2026-11-01"), "Toussaint"},
		{MustDate("2026-11-11"), "Armistice 1918"},
		{MustDate("2026-12-25"), "Noël"},
	}
	got := Calendar{}.Holidays(2026)
	if len(got) != len(want) {
		t.Fatalf("Holidays(2026) = %v, want %v", got, want)
	}
	for i := range want {
		if !got[i].Date.Equal(want[i].Date) || got[i].Name != want[i].Name {
			t.Errorf("Holidays(2026)[%d] = %s %s, want %s %s", i, got[i].Date, got[i].Name, want[i].Date, want[i].Name)
		}
	}
	alsace := Calendar{Alsace: true}.Holidays(2026)
	if len(alsace) != 13 || alsace[1].Date.ISO() != "2026-04-03" || alsace[12].Date.ISO() != "2026-12-26" {
		t.Errorf("Alsace Holidays(2026) = %v, want 13 days with 03/04 and 26/12", alsace)
	}
}

func TestHoliday(t *testing.T) {
	mainland := Calendar{}
	alsace := Calendar{Alsace: true}
	tests := []struct {
		date   string
		cal    Calendar
		name   string
		isHol  bool
		reason string // ClosedReason, "" for a working day
	}{
		{"2026-05-25", mainland, "Lundi de Pentecôte", true, "Lundi de Pentecôte"},
		{"2026-05-14", mainland, "Ascension", true, "Ascension"},
		{"2026-04-03", mainland, "", false, ""}, // Good Friday: a working day outside Alsace-Moselle
		{"2026-04-03", alsace, "Vendredi saint (Alsace-Moselle)", true, "Vendredi saint (Alsace-Moselle)"},
		{"2025-12-25", mainland, "Noël", true, "Noël"},
		{"2025-12-26", mainland, "", false, ""},
		{"2025-12-26", alsace, "Saint-Étienne (Alsace-Moselle)", true, "Saint-Étienne (Alsace-Moselle)"},
		{"2027-01-01", mainland, "Jour de l'an", true, "Jour de l'an"},
		{"2024-03-29", alsace, "Vendredi saint (Alsace-Moselle)", true, "Vendredi saint (Alsace-Moselle)"}, // Easter 2024: 31 March
		{"2025-11-01", mainland, "Toussaint", true, "samedi"},                                              // a holiday on a Saturday
		{"2026-05-23", mainland, "", false, "samedi"},
		{"2026-05-24", mainland, "", false, "dimanche"},
		{"2026-05-26", mainland, "", false, ""},
	}
	for _, tt := range tests {
		d := MustDate(tt.date)
		name, ok := tt.cal.Holiday(d)
		if name != tt.name || ok != tt.isHol {
			t.Errorf("Holiday(%s, alsace=%v) = %q, %v; want %q, %v", tt.date, tt.cal.Alsace, name, ok, tt.name, tt.isHol)
		}
		reason, closed := tt.cal.ClosedReason(d)
		if reason != tt.reason || closed != (tt.reason != "") || tt.cal.IsWorkingDay(d) == closed {
			t.Errorf("ClosedReason(%s, alsace=%v) = %q, %v; IsWorkingDay %v; want %q", tt.date, tt.cal.Alsace, reason, closed,
				tt.cal.IsWorkingDay(d), tt.reason)
		}
	}
}

func TestClosureDays(t *testing.T) {
	// The office closes on the Friday after Ascension.
	c := Calendar{Closures: []Date{MustDate("2026-05-15")}}
	if c.IsWorkingDay(MustDate("2026-05-15")) {
		t.Errorf("IsWorkingDay(15/05/2026) with that closure = true, want false")
	}
	if r, _ := c.ClosedReason(MustDate("2026-05-15")); r != "fermeture de l'étude" {
		t.Errorf("ClosedReason(15/05/2026) = %q, want fermeture de l'étude", r)
	}
	if _, ok := c.Holiday(MustDate("2026-05-15")); ok {
		t.Errorf("Holiday(15/05/2026) = true: a closure day is not a public holiday")
	}
	// 14 May Ascension, 15 closure, 16-17 weekend → Monday 18.
	if got := c.NextWorkingDay(MustDate("2026-05-14")); got.ISO() != "2026-05-18" {
		t.Errorf("NextWorkingDay(14/05/2026) = %s, want 18/05/2026", got)
	}
}

func TestNextWorkingDay(t *testing.T) {
	c := Calendar{}
	tests := []struct{ in, next, after string }{
		{"2026-05-22", "2026-05-22", "2026-05-26"}, // Friday: itself; after it: past the weekend and Whit Monday
		{"2026-05-23", "2026-05-26", "2026-05-26"},
		{"2026-12-24", "2026-12-24", "2026-12-28"}, // Christmas on a Friday
		{"2026-12-31", "2026-12-31", "2027-01-04"}, // New Year on a Friday
	}
	for _, tt := range tests {
		d := MustDate(tt.in)
		if got := c.NextWorkingDay(d); got.ISO() != tt.next {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.in, got.ISO(), tt.next)
		}
		if got := c.WorkingDayAfter(d); got.ISO() != tt.after {
			t.Errorf("WorkingDayAfter(%s) = %s, want %s", tt.in, got.ISO(), tt.after)
		}
	}
}

// TestNextWorkingDayProperty: NextWorkingDay(d) is a working day, not
// before d, and every day from d to it is closed.
func TestNextWorkingDayProperty(t *testing.T) {
	base := MustDate("2020-01-01")
	f := func(off uint16, alsace bool) bool {
		c := Calendar{Alsace: alsace, Closures: []Date{MustDate("2026-08-14"), MustDate("2025-12-24")}}
		d := base.AddDays(int(off % 4000))
		n := c.NextWorkingDay(d)
		if !c.IsWorkingDay(n) || n.Before(d) || n.DaysSince(d) > 6 {
			return false
		}
		for x := d; x.Before(n); x = x.AddDays(1) {
			if c.IsWorkingDay(x) {
				return false
			}
		}
		return true
	}
	if err := quick.Check(f, &quick.Config{MaxCount: 5000}); err != nil {
		t.Error(err)
	}
}

// TestHolidaysEveryYear: each year from 2000 to 2100 has its 11 holidays
// (13 in Alsace-Moselle), the Easter-based ones on the right weekday.
func TestHolidaysEveryYear(t *testing.T) {
	for y := 2000; y <= 2100; y++ {
		hs := Calendar{Alsace: true}.Holidays(y)
		if len(hs) != 13 {
			t.Fatalf("Holidays(%d) = %d days, want 13", y, len(hs))
		}
		for _, h := range hs {
			wd := h.Date.Weekday()
			switch h.Name {
			case "Lundi de Pâques", "Lundi de Pentecôte":
				if wd != time.Monday {
					t.Errorf("%s %d = %s, a %s", h.Name, y, h.Date, wd)
				}
			case "Ascension":
				if wd != time.Thursday {
					t.Errorf("%s %d = %s, a %s", h.Name, y, h.Date, wd)
				}
			case "Vendredi saint (Alsace-Moselle)":
				if wd != time.Friday {
					t.Errorf("%s %d = %s, a %s", h.Name, y, h.Date, wd)
				}
			}
			if h.Date.Year() != y {
				t.Errorf("Holidays(%d) has %s", y, h.Date)
			}
		}
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := Calendar{Alsace: true, Closures: []Date{MustDate("2026-08-14")}}
	d := MustDate("2026-05-25")
	for b.Loop() {
		c.IsWorkingDay(d)
	}
}

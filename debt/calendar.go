package debt

import (
	"slices"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/fr"
)

// Public holidays of Code du travail L3133-1, from rickar/cal's France
// definitions (Easter-based ones computed by the Meeus/Jones/Butcher
// algorithm). Names are the French ones printed on letters and screens.
var frHolidays = []*cal.Holiday{
	fr.NouvelAn.Clone(&cal.Holiday{Name: "Jour de l'an"}),
	fr.LundiDePâques,
	fr.FêteDuTravail,
	fr.FêteDeLaVictoire.Clone(&cal.Holiday{Name: "Victoire 1945"}),
	fr.Ascension,
	fr.LundiDePentecôte,
	fr.FêteNationale.Clone(&cal.Holiday{Name: "Fête nationale"}),
	fr.Assomption,
	fr.Toussaint,
	fr.Armistice1918.Clone(&cal.Holiday{Name: "Armistice 1918"}),
	fr.Noël,
}

// The two extra holidays of Alsace-Moselle (Code du travail L3134-13):
// Good Friday and 26 December. rickar/cal's fr package leaves them out; its
// shared definitions (package aa) have both.
var alsaceHolidays = []*cal.Holiday{
	aa.GoodFriday.Clone(&cal.Holiday{Name: "Vendredi saint (Alsace-Moselle)", Type: cal.ObservancePublic}),
	aa.ChristmasDay2.Clone(&cal.Holiday{Name: "Saint-Étienne (Alsace-Moselle)", Type: cal.ObservancePublic}),
}

// Calendar is an office's working calendar: Saturdays, Sundays, French
// public holidays (with the Alsace-Moselle extras when Alsace is set) and
// the office's own closure days are not working days. The zero Calendar is
// that of an office in the rest of France with no closure days.
type Calendar struct {
	Alsace   bool   `json:"alsace"`
	Closures []Date `json:"closures"`
}

// NamedDay is a public holiday of a year.
type NamedDay struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// Holidays returns the public holidays of a year, in date order.
func (c Calendar) Holidays(year int) []NamedDay {
	var days []NamedDay
	add := func(hs []*cal.Holiday) {
		for _, h := range hs {
			actual, _ := h.Calc(year)
			if actual.IsZero() {
				continue
			}
			days = append(days, NamedDay{NewDate(actual.Year(), actual.Month(), actual.Day()), h.Name})
		}
	}
	add(frHolidays)
	if c.Alsace {
		add(alsaceHolidays)
	}
	slices.SortStableFunc(days, func(a, b NamedDay) int { return a.Date.Compare(b.Date) })
	return days
}

// Holiday reports whether d is a public holiday, with its French name.
func (c Calendar) Holiday(d Date) (name string, ok bool) {
	if d.IsZero() {
		return "", false
	}
	check := func(hs []*cal.Holiday) (string, bool) {
		for _, h := range hs {
			actual, _ := h.Calc(d.Year())
			if !actual.IsZero() && actual.Month() == d.Month() && actual.Day() == d.Day() {
				return h.Name, true
			}
		}
		return "", false
	}
	if name, ok := check(frHolidays); ok {
		return name, true
	}
	if c.Alsace {
		return check(alsaceHolidays)
	}
	return "", false
}

// IsClosure reports whether d is one of the office's own closure days.
func (c Calendar) IsClosure(d Date) bool {
	for _, x := range c.Closures {
		if x.Equal(d) {
			return true
		}
	}
	return false
}

// ClosedReason says why d is not a working day ("samedi", "dimanche", the
// holiday's name, "fermeture de l'étude"); ok is false on a working day.
func (c Calendar) ClosedReason(d Date) (reason string, ok bool) {
	switch d.Weekday() {
	case time.Saturday:
		return "samedi", true
	case time.Sunday:
		return "dimanche", true
	}
	if name, ok := c.Holiday(d); ok {
		return name, true
	}
	if c.IsClosure(d) {
		return "fermeture de l'étude", true
	}
	return "", false
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday, a public
// holiday nor a closure day of the office.
func (c Calendar) IsWorkingDay(d Date) bool {
	_, closed := c.ClosedReason(d)
	return !closed
}

// NextWorkingDay returns d itself when it is a working day, else the first
// working day after it: the day a deadline ending on d really ends
// (Code de procédure civile 642).
func (c Calendar) NextWorkingDay(d Date) Date {
	for !c.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// WorkingDayAfter returns the first working day strictly after d.
func (c Calendar) WorkingDayAfter(d Date) Date { return c.NextWorkingDay(d.AddDays(1)) }

package debt

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Date is a civil date (a day in the Paris calendar), with no time of day
// and no zone. The zero Date means "not set".
type Date struct {
	t time.Time // midnight UTC of that day; zero when unset
}

// ErrDate is wrapped by every error ParseDate returns.
var ErrDate = errors.New("date invalide")

// NewDate returns the date y-m-d. It panics on an impossible date: use
// ParseDate for input.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != m || t.Day() != d {
		panic(fmt.Sprintf("debt.NewDate: impossible date %04d-%02d-%02d", y, m, d))
	}
	return Date{t: t}
}

var (
	parisOnce sync.Once
	paris     *time.Location
)

// Paris returns the Europe/Paris location (main blank-imports time/tzdata so
// that it exists on every desk).
func Paris() *time.Location {
	parisOnce.Do(func() {
		loc, err := time.LoadLocation("Europe/Paris")
		if err != nil {
			panic("debt: zone Europe/Paris absente: " + err.Error())
		}
		paris = loc
	})
	return paris
}

// DateOf returns the civil date in Paris of the instant t.
func DateOf(t time.Time) Date {
	p := t.In(Paris())
	return NewDate(p.Year(), p.Month(), p.Day())
}

// ParseDate reads "AAAA-MM-JJ" (ISO) or "JJ/MM/AAAA" (French). The empty
// string gives the zero Date and no error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var y, m, d int
	var err error
	switch {
	case strings.Count(s, "-") == 2:
		_, err = fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d)
		if err == nil && len(s) != 10 {
			err = errors.New("longueur")
		}
	case strings.Count(s, "/") == 2:
		_, err = fmt.Sscanf(s, "%2d/%2d/%4d", &d, &m, &y)
		if err == nil && len(s) != 10 {
			err = errors.New("longueur")
		}
	default:
		err = errors.New("forme")
	}
	if err == nil && !digitsAndSeparators(s) {
		// Sscanf's %d accepts a sign: "2026-+1-05" would be 5 January.
		err = errors.New("signe")
	}
	if err != nil {
		return Date{}, fmt.Errorf("%w : « %s » (attendu JJ/MM/AAAA)", ErrDate, s)
	}
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, fmt.Errorf("%w : « %s » n'existe pas", ErrDate, s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, fmt.Errorf("%w : « %s » n'existe pas", ErrDate, s)
	}
	return Date{t: t}, nil
}

// digitsAndSeparators reports whether s holds only ASCII digits, "-" and
// "/" at the places a date has them (positions 4 and 7 in ISO, 2 and 5 in
// French).
func digitsAndSeparators(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		sep := c == '-' || c == '/'
		wantSep := (s[4:5] == "-" && (i == 4 || i == 7)) || (s[2:3] == "/" && (i == 2 || i == 5))
		if sep != wantSep || (!sep && (c < '0' || c > '9')) {
			return false
		}
	}
	return true
}

// MustDate parses an ISO date and panics on error; for tests and tables.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil || d.IsZero() {
		panic(fmt.Sprintf("debt.MustDate(%q): %v", s, err))
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year, Month and Day return the date's parts.
func (d Date) Year() int         { return d.t.Year() }
func (d Date) Month() time.Month { return d.t.Month() }
func (d Date) Day() int          { return d.t.Day() }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// AddDays returns the date n days later (n may be negative).
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// AddMonths returns the same day number n months later, or that month's last
// day when it has no such day (31 January + 1 month = 28 or 29 February).
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.t.Year(), d.t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := d.t.Day()
	if day > last {
		day = last
	}
	return Date{t: time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)}
}

// AddYears returns the same day n years later (29 February → 28 February).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// DaysSince returns d − e in days.
func (d Date) DaysSince(e Date) int { return int(d.t.Sub(e.t).Hours() / 24) }

// Before, After and Equal compare dates.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }
func (d Date) After(e Date) bool  { return d.t.After(e.t) }
func (d Date) Equal(e Date) bool  { return d.t.Equal(e.t) }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int { return d.t.Compare(e.t) }

// ISO returns "AAAA-MM-JJ", or "" for the zero Date. This is the stored form.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// String returns the French form "JJ/MM/AAAA", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02/01/2006")
}

var frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// Long returns the date in words for letters: "1er mars 2026", "15 mai 2026".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	day := fmt.Sprint(d.Day())
	if d.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frMonths[d.Month()-1], d.Year())
}

// Time returns midnight UTC of the date (for libraries that need a time.Time).
func (d Date) Time() time.Time { return d.t }

// MarshalText and UnmarshalText use the ISO form, so JSON shows "2026-05-15".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.ISO()), nil }

// UnmarshalText parses the ISO or French form.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

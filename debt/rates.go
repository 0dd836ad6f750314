package debt

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Semester is a half year: Half 1 runs from 1 January to 30 June, Half 2
// from 1 July to 31 December. Legal interest rates are published per
// semester, and the ECB rate that applies to business penalties is the one
// in force on the semester's first day.
type Semester struct{ Year, Half int }

// SemesterOf returns the semester that contains d.
func SemesterOf(d Date) Semester {
	if d.Month() <= time.June {
		return Semester{d.Year(), 1}
	}
	return Semester{d.Year(), 2}
}

// Valid reports whether the semester is a real one (Half is 1 or 2).
func (s Semester) Valid() bool {
	return (s.Half == 1 || s.Half == 2) && s.Year >= 1900 && s.Year <= 2200
}

// Start returns the semester's first day: 1 January or 1 July.
func (s Semester) Start() Date {
	if s.Half == 2 {
		return NewDate(s.Year, time.July, 1)
	}
	return NewDate(s.Year, time.January, 1)
}

// End returns the semester's last day: 30 June or 31 December.
func (s Semester) End() Date {
	if s.Half == 2 {
		return NewDate(s.Year, time.December, 31)
	}
	return NewDate(s.Year, time.June, 30)
}

// Next returns the following semester.
func (s Semester) Next() Semester {
	if s.Half == 2 {
		return Semester{s.Year + 1, 1}
	}
	return Semester{s.Year, 2}
}

// Compare returns -1, 0 or +1 as s is before, equal to or after o.
func (s Semester) Compare(o Semester) int {
	switch {
	case s.Year != o.Year:
		if s.Year < o.Year {
			return -1
		}
		return 1
	case s.Half < o.Half:
		return -1
	case s.Half > o.Half:
		return 1
	}
	return 0
}

// String returns the short form "2026 S1", also the stored form.
func (s Semester) String() string { return fmt.Sprintf("%d S%d", s.Year, s.Half) }

// Label returns the French label: "1er semestre 2026", "2e semestre 2026".
func (s Semester) Label() string {
	if s.Half == 1 {
		return fmt.Sprintf("1er semestre %d", s.Year)
	}
	return fmt.Sprintf("%de semestre %d", s.Half, s.Year)
}

// ParseSemester reads "2026 S1", "2026-S2" or "2026S1" (case-insensitive).
func ParseSemester(s string) (Semester, error) {
	t := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	t = strings.ReplaceAll(t, "-", "")
	var sem Semester
	if n, err := fmt.Sscanf(t, "%4dS%1d", &sem.Year, &sem.Half); err != nil || n != 2 || len(t) != 6 || !sem.Valid() {
		return Semester{}, fmt.Errorf("semestre « %s » invalide (attendu par exemple 2026 S1)", s)
	}
	return sem, nil
}

// SemesterRates are the rates published for one semester, in basis points
// (hundredths of a percent: 4,47 % = 447). A row may hold only the legal
// rates or only the ECB rate: HasLegal and HasECB say which are known.
type SemesterRates struct {
	Semester        Semester `json:"semester"`
	LegalConsumerBP int64    `json:"legal_consumer_bp"` // creditor is a private person not acting for professional needs
	LegalOtherBP    int64    `json:"legal_other_bp"`    // all other cases
	ECBBP           int64    `json:"ecb_bp"`            // ECB main refinancing rate on the semester's first day
	HasLegal        bool     `json:"has_legal"`
	HasECB          bool     `json:"has_ecb"`
	// Note says where a value comes from when it needs checking (shown
	// beside the rates in Paramètres).
	Note string `json:"note,omitempty"`
}

// RateTable holds the known rates, one row per semester, in any order.
type RateTable []SemesterRates

// ErrRateMissing is wrapped by every error a RateTable lookup returns when
// the rate of a semester has not been entered.
var ErrRateMissing = errors.New("taux non renseigné")

// MissingRateError names the rate and the semester a computation needs
// and the table lacks. Its message is French and can be shown as is.
type MissingRateError struct {
	Rate     string // "taux légal" or "taux BCE"
	Semester Semester
}

func (e *MissingRateError) Error() string {
	return fmt.Sprintf("%s du %s non renseigné : ajoutez-le dans Paramètres → Taux", e.Rate, e.Semester.Label())
}

// Unwrap lets errors.Is(err, ErrRateMissing) match.
func (e *MissingRateError) Unwrap() error { return ErrRateMissing }

// Find returns the row of the semester. When the table holds several rows
// for one semester (it should not), the last one wins.
func (t RateTable) Find(sem Semester) (SemesterRates, bool) {
	for i := len(t) - 1; i >= 0; i-- {
		if t[i].Semester == sem {
			return t[i], true
		}
	}
	return SemesterRates{}, false
}

// LegalRate returns the legal interest rate of the semester for a creditor
// of the given kind: the "private person" rate for a Consumer creditor, the
// other rate for anyone else. A missing rate is an error naming the
// semester, never 0 and never the previous semester's rate.
func (t RateTable) LegalRate(sem Semester, creditor LegalKind) (int64, error) {
	r, ok := t.Find(sem)
	if !ok || !r.HasLegal {
		return 0, &MissingRateError{Rate: "taux légal", Semester: sem}
	}
	if creditor == Consumer {
		return r.LegalConsumerBP, nil
	}
	return r.LegalOtherBP, nil
}

// ECBRate returns the ECB main refinancing rate in force on the first day
// of the semester. A missing rate is an error naming the semester.
func (t RateTable) ECBRate(sem Semester) (int64, error) {
	r, ok := t.Find(sem)
	if !ok || !r.HasECB {
		return 0, &MissingRateError{Rate: "taux BCE", Semester: sem}
	}
	return r.ECBBP, nil
}

// Validate checks the table for rows a person could have typed wrong: an
// impossible semester, a negative legal rate, two rows for one semester.
// The ECB rate may be zero (it was from 2016 to 2022).
func (t RateTable) Validate() []FieldError {
	var errs []FieldError
	seen := map[Semester]bool{}
	for _, r := range t {
		if !r.Semester.Valid() {
			errs = append(errs, FieldError{"semester", fmt.Sprintf("Semestre %s invalide", r.Semester)})
			continue
		}
		if seen[r.Semester] {
			errs = append(errs, FieldError{"semester", "Le " + r.Semester.Label() + " figure deux fois"})
		}
		seen[r.Semester] = true
		if r.HasLegal && (r.LegalConsumerBP < 0 || r.LegalOtherBP < 0 || r.LegalConsumerBP > maxRateBP || r.LegalOtherBP > maxRateBP) {
			errs = append(errs, FieldError{"legal", "Taux légal du " + r.Semester.Label() + " invraisemblable"})
		}
		if r.HasECB && (r.ECBBP < -maxRateBP || r.ECBBP > maxRateBP) {
			errs = append(errs, FieldError{"ecb", "Taux BCE du " + r.Semester.Label() + " invraisemblable"})
		}
	}
	return errs
}

// DefaultRates returns the rates of the domain brief (legal.md §3), used to
// seed the database. Legal rates: arrêtés published each semester; ECB
// main refinancing rate in force on 1 January / 1 July (2025 S2 and 2026 S1
// marked unverified in the brief). 2026 S2 is not known yet: the office adds
// it in Paramètres → Taux.
func DefaultRates() RateTable {
	row := func(y, h int, consumer, other, ecb int64) SemesterRates {
		return SemesterRates{Semester: Semester{y, h}, LegalConsumerBP: consumer, LegalOtherBP: other,
			ECBBP: ecb, HasLegal: true, HasECB: true}
	}
	return RateTable{
		row(2023, 1, 447, 206, 250),
		row(2023, 2, 682, 422, 400),
		row(2024, 1, 801, 507, 450),
		row(2024, 2, 816, 492, 425),
		row(2025, 1, 721, 371, 315),
		row(2025, 2, 665, 276, 215),
		row(2026, 1, 667, 262, 215),
	}
}

// maxRateBP bounds what ParseRate accepts: 100 %.
const maxRateBP = 10000

// ErrRate is wrapped by every error ParseRate returns.
var ErrRate = errors.New("taux invalide")

// FormatRate formats a rate in basis points the French way: 447 → "4,47 %",
// with a no-break space before the percent sign (as Cents.String does
// before €).
func FormatRate(bp int64) string {
	sign := ""
	if bp < 0 {
		sign, bp = "-", -bp
	}
	return fmt.Sprintf("%s%d,%02d%s%%", sign, bp/100, bp%100, nbsp)
}

// ParseRate reads an annual rate in percent, "4,47", "4.47", "4,47 %" or
// "10", into basis points. At most two decimals, between 0 and 100 %.
func ParseRate(s string) (int64, error) {
	orig := s
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "%")
	t = strings.NewReplacer(" ", "", nbsp, "", thinNBSP, "", "\t", "").Replace(t)
	if t == "" {
		return 0, fmt.Errorf("%w : « %s » est vide", ErrRate, orig)
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%w : « %s » est négatif", ErrRate, orig)
	}
	intPart, frac, hasFrac := strings.Cut(strings.ReplaceAll(t, ",", "."), ".")
	if intPart == "" || (hasFrac && frac == "") || strings.ContainsAny(frac, ".") {
		return 0, fmt.Errorf("%w : « %s » (attendu par exemple 4,47)", ErrRate, orig)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%w : « %s » (deux décimales au plus)", ErrRate, orig)
	}
	var bp int64
	for _, r := range intPart {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w : « %s » (attendu par exemple 4,47)", ErrRate, orig)
		}
		bp = bp*10 + int64(r-'0')
		if bp > maxRateBP/100 {
			return 0, fmt.Errorf("%w : « %s » dépasse 100 %%", ErrRate, orig)
		}
	}
	bp *= 100
	for i, r := range frac {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("%w : « %s » (attendu par exemple 4,47)", ErrRate, orig)
		}
		if i == 0 {
			bp += int64(r-'0') * 10
		} else {
			bp += int64(r - '0')
		}
	}
	if bp > maxRateBP {
		return 0, fmt.Errorf("%w : « %s » dépasse 100 %%", ErrRate, orig)
	}
	return bp, nil
}

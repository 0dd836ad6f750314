package cli

import (
	"os"
	"time"

	"amiable/debt"
)

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// maxPlanLead is how far ahead a plan's first instalment may fall: an
// agreement starts within months, and a date years ahead is a typing slip
// (2199 for 2026) that would freeze the case's follow-up.
const maxPlanLead = 1 // year

// firstInstalment reads a plan's -first date and refuses one more than a
// year after today.
func firstInstalment(v string, now time.Time) (debt.Date, error) {
	d, err := requiredDate("first", v)
	if err != nil {
		return d, err
	}
	today := debt.DateOf(now)
	if limit := today.AddYears(maxPlanLead); d.After(limit) {
		return d, usageError("-first : la première échéance du %s est à plus d'un an (au plus tard le %s)", d, limit)
	}
	return d, nil
}

package cli

import (
	"os"
	"time"

	"amiable/data"
	"amiable/debt"
)

func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

// firstInstalment reads a plan's -first date and refuses one more than a
// year after today (data.CheckFirstInstalment, the rule the window's plan
// form also follows).
func firstInstalment(v string, now time.Time) (debt.Date, error) {
	d, err := requiredDate("first", v)
	if err != nil {
		return d, err
	}
	if err := data.CheckFirstInstalment(d, debt.DateOf(now)); err != nil {
		return d, usageError("-first : %s", data.Message(err))
	}
	return d, nil
}

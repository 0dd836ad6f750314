package debt

// IssuedStep is a letter of a case that gave the debtor a deadline.
type IssuedStep struct {
	Kind     string `json:"kind"` // letters.Kind code
	Ref      string `json:"ref"`
	Date     Date   `json:"date"`
	Deadline Date   `json:"deadline"`
}

// PendingReminder returns, among the reminders issued on or before at, the
// one whose deadline has not expired on at (at on or before its deadline),
// the latest deadline first. A formal notice needs no prior reminder (Code
// civil 1344: « une interpellation suffisante »), but sending one before a
// reminder's deadline expires goes back on the time the office gave the
// debtor (good faith, Code civil 1104): it is allowed once a person
// confirms it.
func PendingReminder(steps []IssuedStep, at Date) (IssuedStep, bool) {
	var found IssuedStep
	ok := false
	for _, s := range steps {
		if s.Kind != LetterReminder1 && s.Kind != LetterReminder2 {
			continue
		}
		if s.Deadline.IsZero() || s.Date.After(at) || at.After(s.Deadline) {
			continue
		}
		if !ok || s.Deadline.After(found.Deadline) {
			found, ok = s, true
		}
	}
	return found, ok
}

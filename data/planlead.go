package data

import "amiable/debt"

// MaxPlanLead is how far ahead a plan's first instalment may fall, in
// years: an agreement starts within months, and a date years ahead is a
// typing slip (2199 for 2026) that would freeze the case's follow-up.
const MaxPlanLead = 1

// CheckFirstInstalment refuses a plan whose first due date (down payment
// included) is more than MaxPlanLead year after today. PreviewPlan and
// CreatePlan apply it; the command line calls it to refuse -first early.
func CheckFirstInstalment(first, today debt.Date) error {
	if limit := today.AddYears(MaxPlanLead); first.After(limit) {
		return invalid("La première échéance du %s est à plus d'un an : au plus tard le %s.", first, limit)
	}
	return nil
}

// firstDue is the earliest due date of a plan's instalments.
func firstDue(inst []debt.Instalment) debt.Date {
	var d debt.Date
	for i, in := range inst {
		if i == 0 || in.Due.Before(d) {
			d = in.Due
		}
	}
	return d
}

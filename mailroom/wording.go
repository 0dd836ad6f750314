package mailroom

import "amiable/letters"

// IssuedWord agrees « émis » with the letter's kind: every kind is a
// feminine noun (relance, mise en demeure, quittance…) but the accord
// d'échéancier. The window and the command line both use it.
func IssuedWord(k letters.Kind) string {
	if k == letters.PlanAgreement {
		return "émis"
	}
	return "émise"
}

package debt

import "fmt"

// CheckItem is one point of the claim verification checklist.
type CheckItem struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"` // what was found, or what to do
}

// Checklist is the claim verification the office does before the first
// letter (the client's own workflow: amount, due date passed, contractual
// basis, interest and penalties provided for, written proof present).
type Checklist []CheckItem

// Complete reports whether every point is satisfied.
func (c Checklist) Complete() bool {
	for _, it := range c {
		if !it.OK {
			return false
		}
	}
	return len(c) > 0
}

// Missing returns the points that are not satisfied.
func (c Checklist) Missing() []CheckItem {
	var m []CheckItem
	for _, it := range c {
		if !it.OK {
			m = append(m, it)
		}
	}
	return m
}

// Verify computes the checklist from the case data at the date today.
func Verify(c Case, today Date) Checklist {
	var principal []ClaimLine
	for _, l := range c.Lines {
		if l.Kind == LinePrincipal {
			principal = append(principal, l)
		}
	}

	amount := CheckItem{Key: "montant", Label: "Montant de la créance"}
	if p := c.Principal(); p > 0 {
		amount.OK = true
		amount.Detail = fmt.Sprintf("Principal : %s en %s", p, Plural(len(principal), "ligne", "lignes"))
	} else {
		amount.Detail = "Ajoutez au moins une ligne de principal avec son montant"
	}

	due := CheckItem{Key: "exigibilite", Label: "Exigibilité (échéance passée)"}
	notDue := 0
	var latest Date
	for _, l := range principal {
		if l.DueDate.IsZero() || !l.DueDate.Before(today) {
			notDue++
		} else if l.DueDate.After(latest) {
			latest = l.DueDate
		}
	}
	switch {
	case len(principal) == 0:
		due.Detail = "Aucune ligne de principal"
	case notDue > 0:
		due.Detail = Plural(notDue, "ligne", "lignes") + Agree(notDue, " n'est pas encore échue", " ne sont pas encore échues")
	default:
		due.OK = true
		due.Detail = "Toutes les lignes sont échues (dernière échéance le " + latest.String() + ")"
	}

	basis := CheckItem{Key: "fondement", Label: "Fondement contractuel"}
	if isBlank(c.Basis) {
		basis.Detail = "Indiquez le contrat, la clause ou le bon de commande sur lequel repose la créance"
	} else {
		basis.OK = true
		basis.Detail = c.Basis
	}

	interest := CheckItem{Key: "interets", Label: "Intérêts et pénalités prévus"}
	if c.Interest.Kind == InterestUnset {
		interest.Detail = "Vérifiez ce que prévoit le contrat (aucun, taux légal, pénalités commerciales, taux contractuel)"
	} else if breach := CommercialBreach(c); breach != "" {
		// Code de commerce L441-10, D441-5: between professionals only,
		// one indemnity per late invoice.
		interest.Detail = breach
	} else {
		interest.OK = true
		interest.Detail = c.Interest.Kind.Label()
		if c.Interest.Kind == InterestContractual {
			interest.Detail += fmt.Sprintf(" : %d,%02d %%", c.Interest.RateBP/100, c.Interest.RateBP%100)
		}
		if miss := MissingIndemnities(c, today); len(miss) > 0 {
			interest.Detail += fmt.Sprintf(" ; %d facture(s) en retard sans indemnité forfaitaire de 40 € (L. 441-10) : ajoutez-la si le créancier la réclame", len(miss))
		}
	}

	proof := CheckItem{Key: "preuve", Label: "Preuve écrite"}
	without := 0
	for _, l := range principal {
		if len(l.Proofs) == 0 {
			without++
		}
	}
	switch {
	case len(principal) == 0:
		proof.Detail = "Aucune ligne de principal"
	case without > 0:
		proof.Detail = Plural(without, "ligne", "lignes") + " sans justificatif (facture, contrat, bon de commande, reconnaissance de dette)"
	default:
		proof.OK = true
		proof.Detail = "Chaque ligne de principal a son justificatif"
	}

	return Checklist{amount, due, basis, interest, proof}
}

package debt

import (
	"fmt"
	"strings"
)

// Commercial penalties and the fixed recovery indemnity (Code de commerce
// L441-10 and D441-5) belong to commercial transactions between
// professionals only: the creditor and every debtor must be professionals.
// A consumer or a private person owes neither: against them, only legal
// interest (Code civil 1231-6, from the formal notice) or a contractual
// rate written in the contract (with its clause) may be claimed.

// Messages of the rules below, shown where a person chose the wrong terms.
const (
	msgBusinessRate = "Les pénalités de retard (taux BCE + 10 points, art. L. 441-10 du code de commerce) ne s'appliquent qu'entre professionnels, " +
		"or %s : choisissez les intérêts au taux légal, ou un taux contractuel en citant la clause du contrat dans le fondement."
	msgIndemnity = "L'indemnité forfaitaire de 40 € (art. L. 441-10 et D. 441-5 du code de commerce) n'est due qu'entre professionnels, " +
		"or %s : retirez-la ; seuls le principal et les intérêts (taux légal ou contractuel) peuvent être réclamés."
)

// Between reports whether the case is a transaction between professionals:
// a professional creditor and only professional debtors. known is false
// while a party's kind is not filled in (a case being typed): the store
// checks again with the parties it holds.
func (c Case) Between() (pro, known bool) {
	if c.Creditor.LegalKind == "" || len(c.Debtors) == 0 {
		return false, false
	}
	pro = c.Creditor.LegalKind == Professional
	for _, d := range c.Debtors {
		if d.Party.LegalKind == "" {
			return false, false
		}
		pro = pro && d.Party.LegalKind == Professional
	}
	return pro, true
}

// whoIsNot says, in French, which party is not a professional.
func (c Case) whoIsNot() string {
	if c.Creditor.LegalKind != Professional {
		return "le créancier est un particulier"
	}
	for _, d := range c.Debtors {
		if d.Party.LegalKind != Professional {
			if n := d.Party.Name(); n != "" {
				return "le débiteur " + n + " est un particulier"
			}
			return "le débiteur est un particulier"
		}
	}
	return "une partie n'est pas professionnelle"
}

// CheckCommercial applies L441-10 to a case whose parties' kinds are
// known: it refuses the business penalty rate and the 40 € indemnity
// unless both sides are professionals, and more than one indemnity per
// invoice (D441-5: « une indemnité forfaitaire pour frais de recouvrement »
// per late invoice). Fields: "interest", "lines[i].kind".
func CheckCommercial(c Case) []FieldError {
	pro, known := c.Between()
	if !known {
		return nil
	}
	var errs []FieldError
	if c.Interest.Kind == InterestBusiness && !pro {
		errs = append(errs, FieldError{"interest", fmt.Sprintf(msgBusinessRate, c.whoIsNot())})
	}
	invoices := map[string]bool{}
	nInvoices := 0
	for _, l := range c.Lines {
		if l.Kind == LinePrincipal {
			nInvoices++
			if d := strings.TrimSpace(l.DocNumber); d != "" {
				invoices[d] = true
			}
		}
	}
	seen := map[string]bool{}
	n := 0
	for i, l := range c.Lines {
		if l.Kind != LineIndemnity {
			continue
		}
		field := fmt.Sprintf("lines[%d].kind", i)
		if !pro {
			errs = append(errs, FieldError{field, fmt.Sprintf(msgIndemnity, c.whoIsNot())})
			continue
		}
		n++
		d := strings.TrimSpace(l.DocNumber)
		switch {
		case d != "" && seen[d]:
			errs = append(errs, FieldError{field, fmt.Sprintf("La facture n° %s a déjà son indemnité forfaitaire : une seule indemnité de 40 € par facture en retard (art. D. 441-5 du code de commerce).", d)})
		case d != "" && len(invoices) > 0 && !invoices[d]:
			errs = append(errs, FieldError{field, fmt.Sprintf("Aucune facture n° %s dans la créance : l'indemnité de 40 € se rattache à une facture en retard (même n° de pièce).", d)})
		case n > nInvoices:
			errs = append(errs, FieldError{field, fmt.Sprintf("%d indemnités forfaitaires pour %d facture(s) : une seule indemnité de 40 € par facture en retard (art. D. 441-5 du code de commerce).", n, nInvoices)})
		}
		if d != "" {
			seen[d] = true
		}
	}
	return errs
}

// MissingIndemnities proposes, for a case between professionals, the 40 €
// indemnity of each late invoice (a principal line with a document number,
// due before today) that has none yet (L441-10: owed of right, without a
// reminder, from the day after the due date). Nothing for any other case.
func MissingIndemnities(c Case, today Date) []ClaimLine {
	if pro, known := c.Between(); !pro || !known {
		return nil
	}
	has := map[string]bool{}
	for _, l := range c.Lines {
		if l.Kind == LineIndemnity {
			has[strings.TrimSpace(l.DocNumber)] = true
		}
	}
	var out []ClaimLine
	for _, l := range c.Lines {
		d := strings.TrimSpace(l.DocNumber)
		if l.Kind != LinePrincipal || d == "" || has[d] || l.DueDate.IsZero() || !l.DueDate.Before(today) {
			continue
		}
		has[d] = true
		out = append(out, ClaimLine{Kind: LineIndemnity, Label: "Indemnité forfaitaire de recouvrement " + d, DocNumber: d,
			DueDate: l.DueDate.AddDays(1), Amount: FixedIndemnity})
	}
	return out
}

// CommercialBreach says, in French, how an existing case breaks L441-10
// (for the daily job's flag), or "" when it does not.
func CommercialBreach(c Case) string {
	errs := CheckCommercial(c)
	if len(errs) == 0 {
		return ""
	}
	var parts []string
	seen := map[string]bool{}
	for _, e := range errs {
		if !seen[e.Message] {
			seen[e.Message] = true
			parts = append(parts, e.Message)
		}
	}
	return strings.Join(parts, " ")
}

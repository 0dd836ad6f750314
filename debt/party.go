package debt

import "strings"

// PartyType says whether a party is a natural person or a company.
type PartyType string

const (
	Person  PartyType = "personne"
	Company PartyType = "societe"
)

// LegalKind is the party's standing for the law: a consumer / private person,
// or a professional. It chooses the legal interest rate (for a creditor), the
// limitation period and whether the 40 € indemnity may be claimed (for a
// debtor).
type LegalKind string

const (
	Consumer     LegalKind = "particulier"
	Professional LegalKind = "professionnel"
)

// Label returns the French label of the legal kind.
func (k LegalKind) Label() string {
	if k == Professional {
		return "Professionnel"
	}
	return "Particulier / consommateur"
}

// Party is a person or company that is a creditor or a debtor in a case.
type Party struct {
	ID        int64     `json:"id"`
	Type      PartyType `json:"type"`
	LegalKind LegalKind `json:"legal_kind"`
	// Natural person.
	Civility  string `json:"civility,omitempty"` // "M.", "Mme"
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	BirthDate Date   `json:"birth_date,omitzero"`
	// Company.
	CompanyName string `json:"company_name,omitempty"`
	LegalForm   string `json:"legal_form,omitempty"` // SARL, SAS, SCI…
	SIREN       string `json:"siren,omitempty"`

	Addresses []Address `json:"addresses"`
	Emails    []string  `json:"emails"`
	Phones    []string  `json:"phones"`
}

// Name returns the name to show and to print on the first address line:
// "Mme Claire MARTIN" or "SARL Boulangerie Dupont".
func (p Party) Name() string {
	if p.Type == Company {
		return strings.TrimSpace(strings.TrimSpace(p.LegalForm + " " + p.CompanyName))
	}
	return strings.Join(strings.Fields(p.Civility+" "+p.FirstName+" "+strings.ToUpper(p.LastName)), " ")
}

// SortName returns the name used to sort lists: last name first.
func (p Party) SortName() string {
	if p.Type == Company {
		return p.CompanyName
	}
	return strings.TrimSpace(strings.ToUpper(p.LastName) + " " + p.FirstName)
}

// CurrentAddress returns the address marked current, else the first one.
func (p Party) CurrentAddress() (Address, bool) {
	for _, a := range p.Addresses {
		if a.Current {
			return a, true
		}
	}
	if len(p.Addresses) > 0 {
		return p.Addresses[0], true
	}
	return Address{}, false
}

// Address is a French postal address laid out after La Poste's standard
// (NF Z 10-011): the recipient's name is line 1 (from the party), then up to
// four lines, then postcode and town. Every line holds at most 38 characters.
type Address struct {
	ID         int64  `json:"id"`
	Complement string `json:"complement,omitempty"` // line 2: appartement, étage, chez…
	Building   string `json:"building,omitempty"`   // line 3: bâtiment, résidence
	Street     string `json:"street"`               // line 4: numéro et voie
	Locality   string `json:"locality,omitempty"`   // line 5: lieu-dit, BP
	Postcode   string `json:"postcode"`             // line 6
	Town       string `json:"town"`                 // line 6
	Country    string `json:"country,omitempty"`    // empty for France
	Current    bool   `json:"current"`
}

// Lines returns the address block for an envelope: recipient name first, the
// non-empty lines, then "POSTCODE TOWN" in capitals (and the country in
// capitals when abroad). The last three lines carry no punctuation.
func (a Address) Lines(recipient string) []string {
	lines := []string{recipient}
	for _, l := range []string{a.Complement, a.Building, a.Street, a.Locality} {
		if s := strings.TrimSpace(l); s != "" {
			lines = append(lines, s)
		}
	}
	lines = append(lines, strings.TrimSpace(a.Postcode+" "+strings.ToUpper(strings.TrimSpace(a.Town))))
	if c := strings.TrimSpace(a.Country); c != "" && !strings.EqualFold(c, "France") {
		lines = append(lines, strings.ToUpper(c))
	}
	n := len(lines)
	for i := max(1, n-3); i < n; i++ {
		lines[i] = stripPostalPunctuation(lines[i])
	}
	return lines
}

// OneLine returns the address on one line for lists: "12 rue X, 59000 Lille".
func (a Address) OneLine() string {
	var parts []string
	for _, l := range []string{a.Complement, a.Building, a.Street, a.Locality} {
		if s := strings.TrimSpace(l); s != "" {
			parts = append(parts, s)
		}
	}
	parts = append(parts, strings.TrimSpace(a.Postcode+" "+a.Town))
	return strings.Join(parts, ", ")
}

func stripPostalPunctuation(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', '.', ';', ':', '!', '?', '"', '«', '»':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

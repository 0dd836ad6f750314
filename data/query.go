package data

import (
	"slices"

	"amiable/debt"
)

// CaseSort is a column the case list can be sorted by.
type CaseSort string

const (
	SortRef       CaseSort = "ref"
	SortCreditor  CaseSort = "creditor"
	SortDebtor    CaseSort = "debtor"
	SortStatus    CaseSort = "status"
	SortPrincipal CaseSort = "principal"
	SortBalance   CaseSort = "balance"
	SortOpened    CaseSort = "opened"
	SortDeadline  CaseSort = "deadline"
)

// CaseQuery selects and orders cases for the list screen and the CLI.
type CaseQuery struct {
	Text     string        // full-text search (references, names, addresses, e-mails, phones, journal); "" = all
	Statuses []debt.Status // nil = every status
	OpenOnly bool          // only cases whose status is not closed
	Sort     CaseSort      // "" = SortRef
	Desc     bool
	Limit    int // 0 = no limit
	Offset   int
}

// CaseRow is one line of the case list.
type CaseRow struct {
	ID           int64       `json:"-"`
	Ref          string      `json:"ref"`
	Creditor     string      `json:"creditor"`
	Debtor       string      `json:"debtor"` // first debtor
	Debtors      int         `json:"debtors"`
	Status       debt.Status `json:"status"`
	Principal    debt.Cents  `json:"principal_cents"`
	Balance      debt.Cents  `json:"balance_cents"`
	Opened       debt.Date   `json:"opened"`
	NextDeadline debt.Date   `json:"next_deadline,omitzero"`
	AssignedTo   string      `json:"assigned_to,omitempty"`
}

// PartyRole filters the party list.
type PartyRole string

const (
	RoleAny      PartyRole = ""
	RoleCreditor PartyRole = "creancier"
	RoleDebtor   PartyRole = "debiteur"
)

// PartyQuery selects parties for the Créanciers/Débiteurs screen and the
// choosers of the case form.
type PartyQuery struct {
	Text   string // prefix search on names, SIREN, e-mails, phones, postcode, town
	Role   PartyRole
	Limit  int
	Offset int
}

// PartyRow is one line of the party list.
type PartyRow struct {
	ID         int64          `json:"id"`
	Name       string         `json:"name"`
	Type       debt.PartyType `json:"type"`
	LegalKind  debt.LegalKind `json:"legal_kind"`
	Town       string         `json:"town"`
	Postcode   string         `json:"postcode"`
	Email      string         `json:"email"`
	Phone      string         `json:"phone"`
	AsCreditor int            `json:"cases_as_creditor"`
	AsDebtor   int            `json:"cases_as_debtor"`
}

// Count returns how many cases q selects, given the counts per status of
// the cases it matches whatever their status (what StatusCounts returns):
// the case list shows both and needs no count query of its own.
func (q CaseQuery) Count(counts map[debt.Status]int) int {
	n := 0
	for st, c := range counts {
		switch {
		case len(q.Statuses) > 0 && !slices.Contains(q.Statuses, st):
		case q.OpenOnly && st.Closed():
		default:
			n += c
		}
	}
	return n
}

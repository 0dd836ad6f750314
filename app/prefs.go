package app

import (
	"strings"

	"fyne.io/fyne/v2"

	"amiable/data"
)

// Preference keys. They are stored by Fyne under the app's ID; renaming one
// loses the person's setting.
const (
	prefAuthor   = "author"
	prefCaseSort = "cases.sort"
	prefCaseDesc = "cases.desc"
)

// prefs is the typed view of the person's preferences on this desk.
type prefs struct {
	p fyne.Preferences
}

// Author is the staff member's name written in the journal ("Votre nom").
func (p prefs) Author() string { return strings.TrimSpace(p.p.String(prefAuthor)) }

// SetAuthor stores the staff member's name.
func (p prefs) SetAuthor(name string) { p.p.SetString(prefAuthor, strings.TrimSpace(name)) }

// CaseSort is the column and direction the case list was last sorted by;
// newest reference first when never set.
func (p prefs) CaseSort() (data.CaseSort, bool) {
	s := data.CaseSort(p.p.String(prefCaseSort))
	for _, c := range caseColumns {
		if c.sort == s {
			return s, p.p.Bool(prefCaseDesc)
		}
	}
	return data.SortRef, true
}

// SetCaseSort stores the case list's sort order.
func (p prefs) SetCaseSort(s data.CaseSort, desc bool) {
	p.p.SetString(prefCaseSort, string(s))
	p.p.SetBool(prefCaseDesc, desc)
}

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

// Window size preferences.
const (
	prefWinWidth  = "window.width"
	prefWinHeight = "window.height"
)

// defaultWindowSize fits a 1024×700 screen with its title bar and task
// bar, hence a 1366×768 laptop too.
var defaultWindowSize = fyne.NewSize(1000, 620)

// WindowSize is the size the window had when last closed, the default
// when never set or absurd.
func (p prefs) WindowSize() fyne.Size {
	w, h := float32(p.p.Float(prefWinWidth)), float32(p.p.Float(prefWinHeight))
	if w < 640 || h < 400 || w > 10000 || h > 10000 {
		return defaultWindowSize
	}
	return fyne.NewSize(w, h)
}

// SetWindowSize stores the window's size.
func (p prefs) SetWindowSize(s fyne.Size) {
	p.p.SetFloat(prefWinWidth, float64(s.Width))
	p.p.SetFloat(prefWinHeight, float64(s.Height))
}

package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// The store the window is given in main.
var _ Store = (*data.Store)(nil)

// testNow is the pinned instant of every UI test: Friday 15 May 2026,
// 09:30 in Paris.
var testNow = time.Date(2026, 5, 15, 9, 30, 0, 0, debt.Paris())

// uiQueue stands for the desktop driver's main goroutine: background
// results wait in it until the test goroutine runs them (settle), so that
// widgets are only ever touched by one goroutine, as in the real app.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) post(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

// drain runs the queued functions and returns how many ran.
func (q *uiQueue) drain() int {
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, f := range fns {
		f()
	}
	return len(fns)
}

// discard drops what is queued (results for a window closed by the test).
func (q *uiQueue) discard() {
	q.mu.Lock()
	q.fns = nil
	q.mu.Unlock()
}

var testQueue = &uiQueue{}

func TestMain(m *testing.M) {
	uiPost = testQueue.post
	os.Exit(m.Run())
}

// settle waits for the background queries (debounced searches included)
// and applies their results, until nothing is pending.
func settle(u *UI) {
	for {
		u.worker.wait()
		if testQueue.drain() == 0 {
			return
		}
	}
}

// newTestUI opens a window over a real SQLite file with Fyne's test driver.
func newTestUI(t *testing.T) (*UI, *data.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := data.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatalf("data.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	u := newTestUIOn(t, a, st)
	return u, st
}

// newTestUIOn opens another window on the same app and store (a restart).
func newTestUIOn(t *testing.T, a fyne.App, st Store) *UI {
	t.Helper()
	u := New(a, st, Options{Author: "Claire Martin", Now: func() time.Time { return testNow }})
	t.Cleanup(func() {
		u.win.Close()
		u.worker.wait()
		testQueue.discard()
	})
	u.win.Resize(fyne.NewSize(1400, 900))
	settle(u)
	return u
}

var ctx = context.Background()

func person(first, last, postcode, town string) debt.Party {
	return debt.Party{Type: debt.Person, LegalKind: debt.Consumer, Civility: "Mme", FirstName: first, LastName: last,
		Addresses: []debt.Address{{Street: "3 rue des Lilas", Postcode: postcode, Town: town, Current: true}},
		Emails:    []string{strings.ToLower(first) + "@exemple.fr"}, Phones: []string{"06 12 34 56 78"}}
}

func company(name, siren string) debt.Party {
	return debt.Party{Type: debt.Company, LegalKind: debt.Professional, CompanyName: name, LegalForm: "SARL", SIREN: siren,
		Addresses: []debt.Address{{Street: "10 avenue Foch", Postcode: "59000", Town: "Lille", Current: true}}}
}

func saveParty(t *testing.T, st *data.Store, p debt.Party) debt.Party {
	t.Helper()
	id, err := st.SaveParty(ctx, p, "test", testNow)
	if err != nil {
		t.Fatalf("SaveParty(%s): %v", p.Name(), err)
	}
	p, err = st.Party(ctx, id)
	if err != nil {
		t.Fatalf("Party(%d): %v", id, err)
	}
	return p
}

// saveCase creates a case of creditor against debtor with one principal
// line of amount cents, due 15/01/2026.
func saveCase(t *testing.T, st *data.Store, creditor, debtor debt.Party, amount debt.Cents) debt.Case {
	t.Helper()
	c := debt.Case{
		Creditor: creditor, Debtors: []debt.CaseDebtor{{Party: debtor}}, Nature: debt.NatureInvoice,
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-1", IssueDate: debt.MustDate("2025-12-15"),
			DueDate: debt.MustDate("2026-01-15"), Amount: amount}},
	}
	saved, err := st.CreateCase(ctx, c, "test", testNow)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	return saved
}

// texts returns the text of every visible label under o, walking widget
// renderers and containers (dialogs included when o is an overlay).
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		}
	})
	return out
}

func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, f)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, f)
		}
	}
}

// hasText reports whether some label or button under o contains sub.
func hasText(o fyne.CanvasObject, sub string) bool {
	for _, s := range texts(o) {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// button finds the visible button labelled text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q among %q", text, texts(o))
	}
	return found
}

// topOverlay is the dialog on top of the window.
func topOverlay(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// cell renders one cell of a table through its own callbacks.
func cell(tb *rowTable, row, col int) string {
	o := tb.CreateCell()
	tb.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	return cellContent(o).(*widget.Label).Text
}

// column returns the texts of a column for every row.
func column(tb *rowTable, col int) []string {
	rows, _ := tb.Length()
	out := make([]string, rows)
	for i := range out {
		out[i] = cell(tb, i, col)
	}
	return out
}

// pressShortcut sends Ctrl+key (Cmd+key on macOS) to the window.
func pressShortcut(u *UI, key fyne.KeyName) {
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
}

func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// caseColumn is a column of the case list.
type caseColumn struct {
	title string
	sort  data.CaseSort
	width float32
	align fyne.TextAlign
}

var caseColumns = []caseColumn{
	{"Référence", data.SortRef, 110, fyne.TextAlignLeading},
	{"Créancier", data.SortCreditor, 170, fyne.TextAlignLeading},
	{"Débiteur", data.SortDebtor, 170, fyne.TextAlignLeading},
	{"Statut", data.SortStatus, 165, fyne.TextAlignLeading},
	{"Principal", data.SortPrincipal, 105, fyne.TextAlignTrailing},
	{"Solde hors int.", data.SortBalance, 125, fyne.TextAlignTrailing},
	{"Ouvert le", data.SortOpened, 95, fyne.TextAlignLeading},
	{"Prochaine échéance", data.SortDeadline, 150, fyne.TextAlignLeading},
}

// caseCell returns the text of a column for a row, as the table shows it.
func caseCell(r data.CaseRow, col int) string {
	switch col {
	case 0:
		return r.Ref
	case 1:
		return r.Creditor
	case 2:
		if r.Debtors > 1 {
			return fmt.Sprintf("%s (+%d)", r.Debtor, r.Debtors-1)
		}
		return r.Debtor
	case 3:
		return r.Status.Label()
	case 4:
		return r.Principal.String()
	case 5:
		return r.Balance.String()
	case 6:
		return r.Opened.String()
	case 7:
		return r.NextDeadline.String()
	}
	return ""
}

// caseFilter is one choice of the status filter.
type caseFilter struct {
	all, open bool
	status    debt.Status
}

var caseFilters = func() []caseFilter {
	f := []caseFilter{{all: true}, {open: true}}
	for _, s := range debt.Statuses {
		f = append(f, caseFilter{status: s})
	}
	return f
}()

// name is the filter as the empty list's message names it.
func (f caseFilter) name() string {
	switch {
	case f.all:
		return "tous statuts"
	case f.open:
		return "En cours"
	}
	return f.status.Label()
}

func (f caseFilter) label(counts map[debt.Status]int) string {
	n := 0
	switch {
	case f.all:
		for _, c := range counts {
			n += c
		}
		return fmt.Sprintf("Tous les statuts (%s)", groupThousands(n))
	case f.open:
		for s, c := range counts {
			if !s.Closed() {
				n += c
			}
		}
		return fmt.Sprintf("En cours (%s)", groupThousands(n))
	}
	return fmt.Sprintf("%s (%s)", f.status.Label(), groupThousands(counts[f.status]))
}

// caseList is the Dossiers screen: a paged, sortable, searchable table of
// cases, and the case view pushed over it.
type caseList struct {
	ui       *UI
	search   *entry
	filter   *widget.Select
	filterAt int // index in caseFilters
	count    *widget.Label
	table    *rowTable
	rows     *pager[data.CaseRow]
	empty    *fyne.Container
	emptyMsg *widget.Label
	clear    *widget.Button
	// allStatuses widens a search that a status filter left empty
	allStatuses *widget.Button
	openBtn     *widget.Button
	list        fyne.CanvasObject // the list page
	stack       *fyne.Container   // list page, or the case view over it
	view        *caseView         // nil when the list shows
	scr         *screen
	form        *caseForm // the last case form opened (tests drive it)
	sort        data.CaseSort
	desc        bool
	gen         int
	debounce    *debouncer
	loadErr     error
}

func newCaseList(u *UI) *caseList {
	l := &caseList{ui: u, debounce: newDebouncer(u.worker, searchDelay)}
	l.sort, l.desc = u.prefs.CaseSort()
	l.rows = newPager[data.CaseRow](u.worker, func() { l.table.Refresh() }, l.onLoadError)

	l.search = u.newEntry("Rechercher : référence, nom, adresse, courriel, téléphone, journal… (Ctrl+F)")
	l.search.OnChanged = l.onSearchChanged
	l.search.OnSubmitted = func(string) { l.debounce.call(l.reload) }

	l.filter = newSelect(nil, l.onFilterChanged)
	l.setFilterOptions(nil)

	l.count = widget.NewLabel("")
	l.count.TextStyle.Bold = true

	l.table = newRowTable(l.size, cellText, l.updateCell)
	l.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	l.table.UpdateHeader = l.updateHeader
	for i, c := range caseColumns {
		l.table.SetColumnWidth(i, c.width)
	}
	l.table.onOpen = l.onOpenRow
	l.table.onEscape = u.onEscape
	l.table.onWindow = u.onWindowKey
	l.table.onSelect = func(int) { l.openBtn.Enable() }

	newBtn := widget.NewButtonWithIcon("Nouveau dossier", theme.ContentAddIcon(), u.onNewCase)
	newBtn.Importance = widget.HighImportance
	l.openBtn = widget.NewButtonWithIcon("Ouvrir", theme.FolderOpenIcon(), func() { l.onOpenRow(l.table.row) })
	l.openBtn.Disable()

	l.emptyMsg = wrapped("")
	l.emptyMsg.Alignment = fyne.TextAlignCenter
	l.clear = widget.NewButtonWithIcon("Effacer la recherche", theme.ContentClearIcon(), l.onClearSearch)
	l.allStatuses = widget.NewButtonWithIcon("Chercher dans tous les statuts", theme.SearchIcon(), l.onAllStatuses)
	l.allStatuses.Importance = widget.HighImportance
	l.allStatuses.Hide()
	emptyNew := widget.NewButtonWithIcon("Nouveau dossier (Ctrl+N)", theme.ContentAddIcon(), u.onNewCase)
	l.empty = container.NewVBox(layout.NewSpacer(), l.emptyMsg,
		container.NewCenter(container.NewHBox(l.allStatuses, l.clear, emptyNew)), layout.NewSpacer())
	l.empty.Hide()

	top := container.NewBorder(nil, nil, nil,
		container.NewHBox(atLeast(250, l.filter), l.openBtn, newBtn),
		l.search)
	l.list = container.NewBorder(container.NewVBox(top, l.count), nil, nil, nil,
		container.NewStack(l.table, l.empty))
	l.stack = container.NewStack(l.list)
	return l
}

func (l *caseList) screen() *screen {
	l.scr = &screen{
		title:   "Dossiers",
		icon:    theme.FolderIcon(),
		content: l.stack,
		search:  func() fyne.Focusable { return l.search },
		shown: func() {
			if l.view == nil {
				l.reload()
			} else {
				// rates or rules may have changed in Paramètres
				l.view.reload()
			}
		},
	}
	return l.scr
}

func (l *caseList) index() int { return l.ui.indexOf(l.scr) }

// query is the list's current query, without paging.
func (l *caseList) query() data.CaseQuery {
	q := data.CaseQuery{Text: strings.TrimSpace(l.search.Text), Sort: l.sort, Desc: l.desc}
	f := caseFilters[l.filterAt]
	switch {
	case f.open:
		q.OpenOnly = true
	case !f.all:
		q.Statuses = []debt.Status{f.status}
	}
	return q
}

// reload counts and loads the first page for the current query on the
// worker, then shows them; results of an older query are dropped. The
// count comes from the counts per status: a search then runs its
// full-text match twice (counts, page), not three times.
func (l *caseList) reload() {
	l.gen++
	gen, q, st := l.gen, l.query(), l.ui.store
	l.ui.worker.do(func(ctx context.Context) func() {
		var total int
		var first []data.CaseRow
		cq := q
		cq.Statuses, cq.OpenOnly = nil, false
		counts, err := st.StatusCounts(ctx, cq)
		if err == nil {
			total = q.Count(counts)
		}
		if err == nil {
			pq := q
			pq.Limit = pageSize
			first, err = st.ListCases(ctx, pq)
		}
		return func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.onLoadError(err)
				return
			}
			l.loadErr = nil
			l.rows.reset(total, first, func(ctx context.Context, offset, limit int) ([]data.CaseRow, error) {
				pq := q
				pq.Offset, pq.Limit = offset, limit
				return st.ListCases(ctx, pq)
			})
			l.setFilterOptions(counts)
			l.count.SetText(countOf(total, "Aucun dossier", "dossier", "dossiers"))
			l.showEmpty(total == 0, q)
			l.table.UnselectAll()
			l.openBtn.Disable()
			l.table.Refresh()
			l.ui.screenLoaded(l.scr)
		}
	})
}

// onLoadError shows a failed query in the count line (a search typed
// letter by letter must not raise a dialog per key) and logs it.
func (l *caseList) onLoadError(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	if l.loadErr == nil {
		l.ui.logError(err)
	}
	l.loadErr = err
	l.count.SetText(data.Message(err))
}

func (l *caseList) showEmpty(empty bool, q data.CaseQuery) {
	if !empty {
		l.empty.Hide()
		l.table.Show()
		return
	}
	l.allStatuses.Hide()
	filtered := q.OpenOnly || len(q.Statuses) > 0
	switch {
	case q.Text != "" && filtered:
		l.emptyMsg.SetText(fmt.Sprintf("Aucun dossier au statut « %s » ne correspond à « %s ». Le filtre de statut est actif : cherchez dans tous les statuts.",
			caseFilters[l.filterAt].name(), q.Text))
		l.allStatuses.Show()
		l.clear.Show()
	case q.Text != "":
		l.emptyMsg.SetText(fmt.Sprintf("Aucun dossier ne correspond à « %s ». Vérifiez l'orthographe, cherchez une partie du nom ou effacez la recherche.", q.Text))
		l.clear.Show()
	case q.OpenOnly || len(q.Statuses) > 0:
		l.emptyMsg.SetText("Aucun dossier n'a ce statut. Choisissez « Tous les statuts » pour voir les autres.")
		l.clear.Hide()
	default:
		l.emptyMsg.SetText("Aucun dossier. Créez le premier avec Nouveau dossier (Ctrl+N).")
		l.clear.Hide()
	}
	l.table.Hide()
	l.empty.Show()
	l.empty.Refresh()
}

func (l *caseList) setFilterOptions(counts map[debt.Status]int) {
	opts := make([]string, len(caseFilters))
	for i, f := range caseFilters {
		opts[i] = f.label(counts)
	}
	l.filter.Options = opts
	l.filter.Selected = opts[l.filterAt] // without OnChanged: not a choice of the person
	l.filter.Refresh()
}

func (l *caseList) onFilterChanged(string) {
	if i := l.filter.SelectedIndex(); i >= 0 && i != l.filterAt {
		l.filterAt = i
		l.reload()
	}
}

// onAllStatuses drops the status filter, keeping the search.
func (l *caseList) onAllStatuses() {
	l.filterAt = 0
	l.filter.SetSelectedIndex(0)
	l.reload()
}

func (l *caseList) onSearchChanged(string) { l.debounce.call(l.reload) }

func (l *caseList) onClearSearch() {
	l.search.SetText("")
	l.reload()
}

// onSortTapped sorts by the column; a second tap reverses the order.
func (l *caseList) onSortTapped(col int) {
	s := caseColumns[col].sort
	if l.sort == s {
		l.desc = !l.desc
	} else {
		l.sort, l.desc = s, false
	}
	l.ui.prefs.SetCaseSort(l.sort, l.desc)
	l.reload()
	l.table.Refresh()
}

func (l *caseList) size() (int, int) { return l.rows.len(), len(caseColumns) }

func (l *caseList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := caseColumns[id.Col]
	r, ok := l.rows.row(id.Row)
	if !ok {
		setCell(o, "…", c.align, widget.LowImportance)
		return
	}
	imp := widget.MediumImportance
	if id.Col == 3 {
		imp = statusImportance(r.Status)
	}
	setCell(o, caseCell(r, id.Col), c.align, imp)
}

func (l *caseList) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := id.Col
	if col < 0 || col >= len(caseColumns) {
		return
	}
	b.SetText(caseColumns[col].title)
	b.SetIcon(nil)
	if caseColumns[col].sort == l.sort {
		if l.desc {
			b.SetIcon(theme.MenuDropDownIcon())
		} else {
			b.SetIcon(theme.MenuDropUpIcon())
		}
	}
	b.OnTapped = func() { l.onSortTapped(col) }
}

func (l *caseList) onOpenRow(row int) {
	if r, ok := l.rows.row(row); ok {
		l.open(r.ID)
	}
}

// open pushes the case view over the list.
func (l *caseList) open(id int64) { l.openFrom(id, l.index()) }

// openFrom pushes the case view over the list; Échap and its back button
// return to the screen from.
func (l *caseList) openFrom(id int64, from int) {
	prev := l.ui.caseFrom
	l.ui.caseFrom = from
	v, err := newCaseView(l.ui, id, l.ui.backFromCase)
	if err != nil {
		l.ui.caseFrom = prev
		l.ui.showError(err)
		return
	}
	l.view = v
	v.refresh() // texts first, so that the header is laid out with them
	l.stack.Objects = []fyne.CanvasObject{v.content}
	l.stack.Refresh()
	// the table that had the focus is gone: Échap must reach the window
	l.ui.win.Canvas().Unfocus()
}

// back returns from the case view to the list, refreshed.
func (l *caseList) back() {
	if l.view == nil {
		return
	}
	l.view = nil
	l.stack.Objects = []fyne.CanvasObject{l.list}
	l.stack.Refresh()
	l.ui.win.Canvas().Focus(l.table)
	l.reload()
}

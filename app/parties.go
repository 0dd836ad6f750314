package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

var partyColumns = []struct {
	title string
	width float32
	align fyne.TextAlign
}{
	{"Nom", 240, fyne.TextAlignLeading},
	{"Qualité", 120, fyne.TextAlignLeading},
	{"Code postal", 95, fyne.TextAlignLeading},
	{"Ville", 150, fyne.TextAlignLeading},
	{"Courriel", 210, fyne.TextAlignLeading},
	{"Téléphone", 130, fyne.TextAlignLeading},
	{"Créancier", 80, fyne.TextAlignLeading},
	{"Débiteur", 80, fyne.TextAlignLeading},
}

func partyCell(r data.PartyRow, col int) string {
	switch col {
	case 0:
		return r.Name
	case 1:
		if r.LegalKind == debt.Professional {
			return "Professionnel"
		}
		return "Particulier"
	case 2:
		return r.Postcode
	case 3:
		return r.Town
	case 4:
		return r.Email
	case 5:
		return r.Phone
	case 6:
		return yesNo(r.AsCreditor)
	case 7:
		return yesNo(r.AsDebtor)
	}
	return ""
}

// yesNo says whether a party plays a role, with its number of cases
// beyond one: « Non », « Oui », « Oui (3) ».
func yesNo(cases int) string {
	switch {
	case cases <= 0:
		return "Non"
	case cases == 1:
		return "Oui"
	}
	return "Oui (" + strconv.Itoa(cases) + ")"
}

var partyRoles = []struct {
	label string
	role  data.PartyRole
}{
	{"Toutes les parties", data.RoleAny},
	{"Créanciers", data.RoleCreditor},
	{"Débiteurs", data.RoleDebtor},
}

// partyList is the Créanciers/Débiteurs screen.
type partyList struct {
	ui       *UI
	search   *entry
	role     *widget.Select
	count    *widget.Label
	table    *rowTable
	rows     *pager[data.PartyRow]
	empty    *fyne.Container
	emptyMsg *widget.Label
	gen      int
	debounce *debouncer
	loadErr  error
	form     *partyForm // the last form opened (tests drive it)
	content  fyne.CanvasObject
	remit    *remittanceView // the Reversements tab
	tabs     *container.AppTabs
}

func newPartyList(u *UI) *partyList {
	pl := &partyList{ui: u, debounce: newDebouncer(u.worker, searchDelay)}
	pl.rows = newPager[data.PartyRow](u.worker, func() { pl.table.Refresh() }, pl.onLoadError)
	pl.search = u.newEntry("Rechercher : nom, SIREN, courriel, téléphone, code postal, ville… (Ctrl+F)")
	pl.search.OnChanged = func(string) { pl.debounce.call(pl.reload) }
	labels := make([]string, len(partyRoles))
	for i, r := range partyRoles {
		labels[i] = r.label
	}
	pl.role = newSelect(labels, func(string) { pl.reload() })
	pl.role.Selected = labels[0]
	pl.count = widget.NewLabel("")
	pl.count.TextStyle.Bold = true

	pl.table = newRowTable(func() (int, int) { return pl.rows.len(), len(partyColumns) }, cellText, pl.updateCell)
	pl.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	pl.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(partyColumns) {
			c := partyColumns[id.Col]
			l := o.(*widget.Label)
			l.Alignment = c.align
			l.SetText(c.title)
		}
	}
	for i, c := range partyColumns {
		pl.table.SetColumnWidth(i, c.width)
	}
	pl.table.onOpen = pl.onOpenRow
	pl.table.onEscape = u.onEscape
	pl.table.onWindow = u.onWindowKey

	newBtn := widget.NewButtonWithIcon("Nouvelle partie", theme.ContentAddIcon(), u.onNewParty)
	newBtn.Importance = widget.HighImportance
	pl.emptyMsg = wrapped("")
	pl.emptyMsg.Alignment = fyne.TextAlignCenter
	pl.empty = container.NewVBox(layout.NewSpacer(), pl.emptyMsg,
		container.NewCenter(widget.NewButtonWithIcon("Nouvelle partie", theme.ContentAddIcon(), u.onNewParty)),
		layout.NewSpacer())
	pl.empty.Hide()

	top := container.NewBorder(nil, nil, nil, container.NewHBox(atLeast(190, pl.role), newBtn), pl.search)
	pl.content = container.NewBorder(container.NewVBox(top, pl.count), nil, nil, nil,
		container.NewStack(pl.table, pl.empty))
	pl.remit = newRemittanceView(u)
	pl.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Parties", theme.AccountIcon(), pl.content),
		container.NewTabItemWithIcon(tabRemittances, theme.UploadIcon(), pl.remit.content),
	)
	pl.tabs.OnSelected = func(it *container.TabItem) {
		if it.Text == tabRemittances {
			pl.remit.reload()
		}
	}
	return pl
}

// tabRemittances is the title of the creditors' accounts tab.
const tabRemittances = "Reversements"

func (pl *partyList) screen() *screen {
	return &screen{
		title:   "Créanciers/Débiteurs",
		icon:    theme.AccountIcon(),
		content: pl.tabs,
		search: func() fyne.Focusable {
			pl.tabs.SelectIndex(0)
			return pl.search
		},
		shown: func() {
			pl.reload()
			if pl.tabs.Selected().Text == tabRemittances {
				pl.remit.reload()
			}
		},
	}
}

func (pl *partyList) query() data.PartyQuery {
	q := data.PartyQuery{Text: strings.TrimSpace(pl.search.Text)}
	if i := pl.role.SelectedIndex(); i >= 0 {
		q.Role = partyRoles[i].role
	}
	return q
}

// reload counts and loads the first page of parties on the worker.
func (pl *partyList) reload() {
	pl.gen++
	gen, q, st := pl.gen, pl.query(), pl.ui.store
	pl.ui.worker.do(func(ctx context.Context) func() {
		total, err := st.CountParties(ctx, q)
		var first []data.PartyRow
		if err == nil {
			pq := q
			pq.Limit = pageSize
			first, err = st.ListParties(ctx, pq)
		}
		return func() {
			if gen != pl.gen {
				return
			}
			if err != nil {
				pl.onLoadError(err)
				return
			}
			pl.loadErr = nil
			pl.rows.reset(total, first, func(ctx context.Context, offset, limit int) ([]data.PartyRow, error) {
				pq := q
				pq.Offset, pq.Limit = offset, limit
				return st.ListParties(ctx, pq)
			})
			pl.count.SetText(countOf(total, "Aucune partie", "partie", "parties"))
			if total == 0 {
				if q.Text != "" {
					pl.emptyMsg.SetText(fmt.Sprintf("Aucune partie ne correspond à « %s ».", q.Text))
				} else {
					pl.emptyMsg.SetText("Aucune partie. Les créanciers et débiteurs se créent ici avec Nouvelle partie, ou depuis le formulaire d'un dossier.")
				}
				pl.table.Hide()
				pl.empty.Show()
			} else {
				pl.empty.Hide()
				pl.table.Show()
			}
			pl.table.UnselectAll()
			pl.table.Refresh()
		}
	})
}

func (pl *partyList) onLoadError(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	if pl.loadErr == nil {
		pl.ui.logError(err)
	}
	pl.loadErr = err
	pl.count.SetText(data.Message(err))
}

func (pl *partyList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := partyColumns[id.Col]
	r, ok := pl.rows.row(id.Row)
	if !ok {
		setCell(o, "…", c.align, widget.LowImportance)
		return
	}
	setCell(o, partyCell(r, id.Col), c.align, widget.MediumImportance)
}

// onOpenRow opens the party's form.
func (pl *partyList) onOpenRow(row int) {
	r, ok := pl.rows.row(row)
	if !ok {
		return
	}
	p, err := pl.ui.store.Party(context.Background(), r.ID)
	if err != nil {
		pl.ui.showError(err)
		return
	}
	pl.form = newPartyForm(pl.ui, p, func(debt.Party) { pl.reload() })
	pl.form.show()
}

package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
)

// chooserLimit is how many parties the chooser lists at once; the person
// narrows the list by typing.
const chooserLimit = 50

// partyChooser picks a saved party by searching its name, SIREN, e-mail,
// phone, postcode or town, or creates one.
type partyChooser struct {
	ui       *UI
	title    string
	search   *entry
	list     *widget.List
	info     *widget.Label
	rows     []data.PartyRow
	gen      int
	debounce *debouncer
	d        *dialog.CustomDialog
	onChosen func(debt.Party)
	form     *partyForm // the party form opened from here (tests drive it)
}

func newPartyChooser(u *UI, title string, onChosen func(debt.Party)) *partyChooser {
	pc := &partyChooser{ui: u, title: title, onChosen: onChosen, debounce: newDebouncer(u.worker, searchDelay)}
	pc.search = u.newEntry("Nom, SIREN, courriel, téléphone, code postal ou ville")
	pc.search.OnChanged = func(string) { pc.debounce.call(pc.reload) }
	pc.search.OnSubmitted = func(string) {
		if len(pc.rows) > 0 {
			pc.onPick(0)
		}
	}
	pc.info = widget.NewLabel("")
	pc.list = widget.NewList(
		func() int { return len(pc.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(partyRowText(pc.rows[i])) },
	)
	pc.list.OnSelected = func(i widget.ListItemID) { pc.onPick(i) }
	create := widget.NewButtonWithIcon("Nouvelle partie…", theme.ContentAddIcon(), pc.onCreate)
	content := container.NewBorder(container.NewVBox(pc.search, pc.info), create, nil, nil, pc.list)
	pc.d = dialog.NewCustom(title, "Annuler", content, u.win)
	return pc
}

// partyRowText is one line of the chooser: name, town, kind.
func partyRowText(r data.PartyRow) string {
	s := r.Name
	if place := strings.TrimSpace(r.Postcode + " " + r.Town); place != "" {
		s += " — " + place
	}
	return s + " · " + r.LegalKind.Label()
}

func (pc *partyChooser) show() {
	pc.d.Resize(pc.ui.fitDialog(fyne.NewSize(640, 520)))
	pc.ui.showDialog(pc.d)
	pc.ui.win.Canvas().Focus(pc.search)
	pc.reload()
}

// reload searches on the worker and shows the first parties found.
func (pc *partyChooser) reload() {
	pc.gen++
	gen := pc.gen
	q := data.PartyQuery{Text: strings.TrimSpace(pc.search.Text), Limit: chooserLimit}
	st := pc.ui.store
	pc.ui.worker.do(func(ctx context.Context) func() {
		rows, err := st.ListParties(ctx, q)
		return func() {
			if gen != pc.gen {
				return
			}
			if err != nil {
				pc.ui.logError(err)
				pc.info.SetText(data.Message(err))
				return
			}
			pc.rows = rows
			switch {
			case len(rows) == 0 && q.Text == "":
				pc.info.SetText("Aucune partie enregistrée : créez-la avec « Nouvelle partie… ».")
			case len(rows) == 0:
				pc.info.SetText(fmt.Sprintf("Aucune partie ne correspond à « %s ». Créez-la avec « Nouvelle partie… ».", q.Text))
			case len(rows) == chooserLimit:
				pc.info.SetText(fmt.Sprintf("Les %d premières parties : précisez la recherche.", chooserLimit))
			default:
				pc.info.SetText(countOf(len(rows), "", "partie", "parties"))
			}
			pc.list.UnselectAll()
			pc.list.Refresh()
		}
	})
}

func (pc *partyChooser) onPick(i int) {
	if i < 0 || i >= len(pc.rows) {
		return
	}
	p, err := pc.ui.store.Party(context.Background(), pc.rows[i].ID)
	if err != nil {
		pc.ui.showError(err)
		return
	}
	pc.d.Hide()
	pc.onChosen(p)
}

func (pc *partyChooser) onCreate() {
	pc.form = newPartyForm(pc.ui, debt.Party{Type: debt.Person, LegalKind: debt.Consumer}, func(p debt.Party) {
		pc.form.f.then = func() {
			pc.d.Hide()
			pc.onChosen(p)
		}
	})
	pc.form.show()
}

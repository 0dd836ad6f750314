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
)

// caseChooserLimit is how many cases the chooser lists at once.
const caseChooserLimit = 30

// caseChooser picks the case a mail is filed into: a search over the cases
// (reference, names, e-mails…), at first the cases that know the sender's
// address. Enter files into the highlighted case (the first one unless the
// arrows moved), so a mail from the triage list is filed in two
// keystrokes: Enter on the mail, Enter here. "Mémoriser l'expéditeur" adds
// the sender's address to the case's debtor; moving a filed mail asks for
// a reason.
type caseChooser struct {
	ui       *UI
	m        data.Mail
	move     bool
	search   *searchEntry
	list     *widget.List
	info     *widget.Label
	errs     *widget.Label
	remember *widget.Check
	reason   *entry
	rows     []data.CaseRow
	at       int     // the highlighted row
	shown    *string // the text searched for the rows listed; nil before any
	gen      int
	debounce *debouncer
	d        *dialog.CustomDialog
	body     *fyne.Container
	closed   bool
	onChosen func(c data.CaseRow, remember bool, reason string) []string
}

// searchEntry is a one-line field whose arrow keys move the highlighted
// row of the list under it.
type searchEntry struct {
	entry
	onKey func(k *fyne.KeyEvent) bool // true: handled
}

func (u *UI) newSearchEntry(hint string) *searchEntry {
	e := &searchEntry{entry: entry{onEscape: u.onEscape}}
	e.PlaceHolder = hint
	e.Wrapping = fyne.TextWrapOff
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives the arrows to onKey, the rest to the entry.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	e.entry.TypedKey(k)
}

func newCaseChooser(u *UI, m data.Mail, move bool, onChosen func(data.CaseRow, bool, string) []string) *caseChooser {
	c := &caseChooser{ui: u, m: m, move: move, onChosen: onChosen, debounce: newDebouncer(u.worker, searchDelay)}
	c.search = u.newSearchEntry("Référence, nom du débiteur ou du créancier, courriel…")
	c.search.OnChanged = func(string) { c.debounce.call(c.reload) }
	c.search.OnSubmitted = func(string) { c.onConfirm() }
	c.search.onKey = c.onKey
	c.info = widget.NewLabel("")
	c.errs = errorLabel()
	c.list = widget.NewList(
		func() int { return len(c.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(caseRowText(c.rows[i])) },
	)
	c.list.OnSelected = func(i widget.ListItemID) { c.at = i }
	c.remember = widget.NewCheck("Mémoriser l'expéditeur ("+orDash(m.From)+") pour le débiteur du dossier", nil)
	c.remember.SetChecked(m.From != "" && !move)
	if m.From == "" {
		c.remember.Disable()
	}
	c.reason = u.newEntry("Pourquoi ce courriel change de dossier (obligatoire)")
	c.reason.OnSubmitted = func(string) { c.onConfirm() }
	top := container.NewVBox(
		wrapped(fmt.Sprintf("« %s » de %s", orDash(m.Subject), sender(m))),
		c.search, c.info)
	bottom := container.NewVBox(c.remember)
	title := "Classer le courriel dans un dossier"
	if move {
		title = "Déplacer le courriel vers un autre dossier"
		bottom.Add(formGrid(widget.NewLabel("Motif"), c.reason))
	}
	bottom.Add(c.errs)
	c.body = container.NewBorder(top, bottom, nil, nil, c.list)
	file := widget.NewButtonWithIcon("Classer (Entrée)", theme.ConfirmIcon(), c.onConfirm)
	file.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), func() { c.hide() })
	c.d = dialog.NewCustomWithoutButtons(title, c.body, u.win)
	c.d.SetButtons([]fyne.CanvasObject{cancel, file})
	return c
}

// caseRowText is one line of the chooser: reference, debtor, creditor,
// status.
func caseRowText(r data.CaseRow) string {
	return fmt.Sprintf("%s — %s (créancier %s) · %s", r.Ref, r.Debtor, r.Creditor, r.Status.Label())
}

func (c *caseChooser) show() {
	c.d.Resize(c.ui.fitDialog(fyne.NewSize(720, 540)))
	c.ui.showDialog(c.d, func() { c.closed = true })
	c.ui.win.Canvas().Focus(c.search)
	c.reload()
}

func (c *caseChooser) hide() {
	c.closed = true
	c.d.Hide()
}

// onKey moves the highlighted row with the arrows.
func (c *caseChooser) onKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		c.highlight(c.at + 1)
	case fyne.KeyUp:
		c.highlight(c.at - 1)
	default:
		return false
	}
	return true
}

func (c *caseChooser) highlight(i int) {
	if len(c.rows) == 0 {
		return
	}
	c.at = max(0, min(len(c.rows)-1, i))
	c.list.Select(c.at)
	c.list.ScrollTo(c.at)
}

// query is the search for the text typed, or at first the sender's
// address (the cases of the debtors who use it).
func (c *caseChooser) query() (q data.CaseQuery, bySender bool) {
	text := strings.TrimSpace(c.search.Text)
	bySender = text == "" && c.m.From != ""
	if bySender {
		text = c.m.From
	}
	q = data.CaseQuery{Text: text, Limit: caseChooserLimit}
	if text == "" {
		q.OpenOnly, q.Sort, q.Desc = true, data.SortRef, true
	}
	return q, bySender
}

// reload searches the cases on the worker.
func (c *caseChooser) reload() {
	c.gen++
	gen := c.gen
	q, bySender := c.query()
	st := c.ui.store
	c.ui.worker.do(func(ctx context.Context) func() {
		rows, err := st.ListCases(ctx, q)
		return func() {
			if gen == c.gen {
				c.apply(q, bySender, rows, err)
			}
		}
	})
}

// apply shows the result of a search.
func (c *caseChooser) apply(q data.CaseQuery, bySender bool, rows []data.CaseRow, err error) {
	if err != nil {
		c.ui.logError(err)
		c.info.SetText(data.Message(err))
		return
	}
	c.rows, c.shown = rows, &q.Text
	c.list.UnselectAll()
	c.list.Refresh()
	switch {
	case len(rows) == 0 && bySender:
		c.info.SetText(fmt.Sprintf("Aucun dossier ne connaît l'adresse %s : tapez une référence ou un nom.", c.m.From))
	case len(rows) == 0:
		c.info.SetText(fmt.Sprintf("Aucun dossier ne correspond à « %s ».", q.Text))
	case bySender:
		c.info.SetText(fmt.Sprintf("Dossiers où figure %s — Entrée classe dans le premier, les flèches en choisissent un autre.", c.m.From))
	default:
		c.info.SetText(countOf(len(rows), "", "dossier", "dossiers") + " — Entrée classe dans le dossier en surbrillance.")
	}
	c.at = -1
	c.highlight(0)
}

// onConfirm files the mail into the highlighted case; a refusal stays in
// the dialog.
func (c *caseChooser) onConfirm() {
	if c.closed {
		return
	}
	if q, bySender := c.query(); c.shown == nil || q.Text != *c.shown {
		// Enter before the search caught up with the typing: search now,
		// and file at once only when a single case answers.
		c.gen++
		rows, err := c.ui.store.ListCases(context.Background(), q)
		c.apply(q, bySender, rows, err)
		if err != nil || len(rows) != 1 {
			return
		}
	}
	if c.at < 0 || c.at >= len(c.rows) {
		c.showErrors([]string{"Choisissez le dossier dans la liste (tapez une référence ou un nom)."})
		return
	}
	reason := strings.TrimSpace(c.reason.Text)
	if c.move && reason == "" {
		c.showErrors([]string{"Indiquez pourquoi le courriel change de dossier."})
		return
	}
	if msgs := c.onChosen(c.rows[c.at], c.remember.Checked, reason); len(msgs) > 0 {
		c.showErrors(msgs)
		return
	}
	c.hide()
}

func (c *caseChooser) showErrors(msgs []string) {
	c.errs.SetText(joinUnique(msgs))
	c.errs.Show()
	c.body.Refresh()
}

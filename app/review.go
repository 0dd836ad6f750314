package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
)

// reviewScreen is "À traiter", the morning review: the flags the daily
// sweep raised (missed instalments, expired deadlines, AR not back,
// limitation near, funds to remit, idle cases…), grouped by kind with
// their counts, most urgent first. From each flag one action away: open
// the case on the right tab, record a payment, log a call, issue the next
// letter, mark it handled, snooze it. The keyboard drives the list: arrows
// move, Entrée opens the case, T handled, R snooze, E payment, A call,
// C letter. The rail shows how many flags wait.
//
// The list pages its flags like the case list: the counts per kind give
// the groups' headers and the list's length, and the flags themselves are
// loaded 100 at a time as the list shows them (a large office has tens
// of thousands after its first sweep: they never sit in memory whole).
type reviewScreen struct {
	ui     *UI
	scr    *screen
	job    DailyJob
	sticky *stickyHeader // the top group's header once scrolled out (reviewsticky.go)

	groups []reviewGroup        // the kinds to handle, most urgent first
	total  int                  // flags to handle
	nitems int                  // the list's rows: a header per group and its flags
	rows   *pager[data.FlagRow] // the flags, by their index in the review's order
	today  debt.Date            // the day the flags were read for
	counts []data.FlagCount     // as read with the first page
	sel    int                  // selected row of the list, -1 when none
	gen    int

	list    *flagList
	facts   *widget.Label // count and last sweep
	status  *widget.Label // the last action's outcome, or an error
	rerun   *widget.Button
	print   *widget.Button
	body    *fyne.Container // list and detail, or the empty page
	split   *container.Split
	empty   *emptyPage
	detail  *fyne.Container
	kind    *widget.Label
	caseLbl *widget.Label
	text    *widget.Label
	dates   *widget.Label
	advice  *widget.Label

	openBtn, payBtn, callBtn, letterBtn, handleBtn, snoozeBtn *widget.Button

	// the dialogs last opened (tests drive them) and the last PDF written
	handleDialog, snoozeDialog *formDialog
	handleComment, snoozeDate  *entry
	lastPDF                    string
}

// reviewGroup is a kind of flag in the list: its header's row, then its
// count of flags.
type reviewGroup struct {
	kind  debt.FlagKind
	count int
	row   int // the header's row in the list
	first int // index of its first flag in the review's order
}

// reviewPrintMax bounds the printed list (the most urgent flags first).
const reviewPrintMax = 1000

// DailyJob is the daily sweep and backup as the window drives it: main
// hands the scheduler's job to the window (SetDailyJob).
type DailyJob interface {
	// RunDaily sweeps the days missed and today, then backs up; it
	// returns a French summary of what it did.
	RunDaily(ctx context.Context, now time.Time) (string, error)
	// Reschedule moves the daily run to the hour at ("07:30").
	Reschedule(at string) error
}

// reviewStore is what the review and the daily job's settings need from
// the database, besides Store; *data.Store has it.
type reviewStore interface {
	CountOpenFlagsByKind(ctx context.Context, today debt.Date) ([]data.FlagCount, error)
	FlagPage(ctx context.Context, q data.FlagQuery) ([]data.FlagRow, error)
	HandleFlag(ctx context.Context, id int64, comment, author string, now time.Time) error
	SnoozeFlag(ctx context.Context, id int64, until debt.Date, comment, author string, now time.Time) error
	Sweeps(ctx context.Context, limit int) ([]data.SweepRun, error)
	DailySettings(ctx context.Context) (data.DailySettings, error)
	SaveDailySettings(ctx context.Context, d data.DailySettings, author string, now time.Time) error
	FlagRules(ctx context.Context) (debt.FlagRules, error)
	SaveFlagRules(ctx context.Context, r debt.FlagRules, author string, now time.Time) error
	LastBackup(ctx context.Context) (data.BackupLog, bool, error)
	DailyBackup(ctx context.Context, now time.Time) (data.BackupResult, error)
	VerifyStatus(ctx context.Context) (data.VerifyStatus, error)
}

// reviewStore returns the store as a reviewStore.
func (u *UI) reviewStore() (reviewStore, error) {
	if rs, ok := u.store.(reviewStore); ok {
		return rs, nil
	}
	return nil, &data.Error{Code: data.EINTERNAL, Message: "Les alertes ne sont pas disponibles avec ce stockage.", Err: errNoDataStore}
}

// SetDailyJob gives the window the daily job: "Recalculer" runs it, and
// Paramètres moves its hour.
func (u *UI) SetDailyJob(j DailyJob) {
	u.review.job = j
	u.review.rerun.Show()
}

// RefreshReview reloads the morning review and the rail's count (main
// calls it at start-up and after each daily run, on the UI goroutine).
func (u *UI) RefreshReview() { u.review.reload() }

// ShowReview selects "À traiter" (main opens the window on it).
func (u *UI) ShowReview() { u.showScreen(u.review.index()) }

func newReviewScreen(u *UI) *reviewScreen {
	r := &reviewScreen{ui: u, sel: -1}
	r.rows = newPager[data.FlagRow](u.worker, r.onPage, func(err error) {
		r.ui.logError(err)
		r.showStatus(data.Message(err), true)
	})
	r.list = newFlagList(r)
	r.facts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.status = wrapped("")
	r.status.Hide()
	r.rerun = widget.NewButtonWithIcon("Recalculer maintenant", theme.ViewRefreshIcon(), r.onRerun)
	r.rerun.Hide() // until main gives the job
	r.print = widget.NewButtonWithIcon("Imprimer la liste", theme.DocumentPrintIcon(), r.onPrint)

	r.kind = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.kind.SizeName = theme.SizeNameSubHeadingText
	r.caseLbl = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.text = wrapped("")
	r.dates = widget.NewLabel("")
	r.advice = wrapped("")
	r.advice.TextStyle.Italic = true
	r.openBtn = widget.NewButtonWithIcon("Ouvrir le dossier (Entrée)", theme.FolderOpenIcon(), r.onOpen)
	r.openBtn.Importance = widget.HighImportance
	r.payBtn = widget.NewButtonWithIcon("Encaisser… (E)", theme.ContentAddIcon(), r.onPay)
	r.callBtn = widget.NewButtonWithIcon("Noter un appel… (A)", theme.MailReplyIcon(), r.onCall)
	r.letterBtn = widget.NewButtonWithIcon("Courrier… (C)", theme.MailComposeIcon(), r.onLetter)
	r.handleBtn = widget.NewButtonWithIcon("Traitée… (T)", theme.ConfirmIcon(), r.onHandle)
	r.snoozeBtn = widget.NewButtonWithIcon("Reporter… (R)", theme.HistoryIcon(), r.onSnooze)
	r.detail = container.NewVBox(
		r.kind, r.caseLbl, r.text, r.dates, r.advice, widget.NewSeparator(),
		container.NewGridWithColumns(2, r.openBtn, r.payBtn, r.callBtn, r.letterBtn, r.handleBtn, r.snoozeBtn),
	)
	r.sticky = newStickyHeader(r)
	r.split = container.NewHSplit(container.NewBorder(r.sticky.box, nil, nil, nil, r.list), container.NewVScroll(container.NewPadded(r.detail)))
	r.split.Offset = 0.62

	r.empty = newEmptyPage(theme.ConfirmIcon(), "Rien à traiter",
		"Le calcul quotidien n'a relevé aucune échéance impayée, aucun délai expiré, aucun AR manquant, aucune prescription proche "+
			"ni aucun dossier en sommeil. Il repasse chaque matin ; les dossiers en cours restent consultables dans Dossiers.",
		widget.NewButtonWithIcon("Ouvrir les dossiers en cours", theme.FolderOpenIcon(), r.onOpenCases))
	r.body = container.NewStack(r.split, r.empty.content)
	r.empty.content.Hide()

	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(r.rerun, r.print), r.facts),
		r.status, widget.NewSeparator())
	r.scr = &screen{title: "À traiter", icon: theme.ListIcon(), content: container.NewBorder(top, nil, nil, nil, r.body), shown: r.onShown}
	r.showDetail()
	return r
}

func (r *reviewScreen) screen() *screen { return r.scr }

func (r *reviewScreen) index() int { return r.ui.indexOf(r.scr) }

func (r *reviewScreen) onShown() {
	r.reload()
	r.ui.win.Canvas().Focus(r.list)
}

// reload reads the counts per kind, the page of flags around the
// selection (the first page at first) and the last sweep on the worker.
func (r *reviewScreen) reload() {
	rs, err := r.ui.reviewStore()
	if err != nil {
		r.showStatus(data.Message(err), true)
		return
	}
	r.gen++
	gen := r.gen
	today := r.ui.today()
	pg := 0
	if i := r.flagIndex(r.sel); i >= 0 {
		pg = i / pageSize
	}
	r.ui.worker.do(func(ctx context.Context) func() {
		counts, err := rs.CountOpenFlagsByKind(ctx, today)
		var page []data.FlagRow
		var runs []data.SweepRun
		if err == nil {
			page, err = rs.FlagPage(ctx, data.FlagQuery{Today: today, Counts: counts, Offset: pg * pageSize, Limit: pageSize})
		}
		if err == nil && len(page) == 0 && pg > 0 { // fewer flags now: the first page
			pg = 0
			page, err = rs.FlagPage(ctx, data.FlagQuery{Today: today, Counts: counts, Limit: pageSize})
		}
		if err == nil {
			runs, err = rs.Sweeps(ctx, 1)
		}
		return func() {
			if gen != r.gen {
				return
			}
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					r.ui.logError(err)
					r.showStatus(data.Message(err), true)
				}
				return
			}
			r.fill(rs, today, counts, pg, page, runs)
		}
	})
}

// fill shows the counts and the page pg of flags, keeping the selection
// on the same flag when it is in that page, or near where it was.
func (r *reviewScreen) fill(rs reviewStore, today debt.Date, counts []data.FlagCount, pg int, page []data.FlagRow, runs []data.SweepRun) {
	var keep int64
	if f := r.selected(); f != nil {
		keep = f.ID
	}
	prev := r.sel
	r.today, r.counts = today, counts
	r.groups = r.groups[:0]
	r.total, r.nitems = 0, 0
	for _, c := range counts {
		if c.Count <= 0 {
			continue
		}
		r.groups = append(r.groups, reviewGroup{kind: c.Kind, count: c.Count, row: r.nitems, first: r.total})
		r.total += c.Count
		r.nitems += 1 + c.Count
	}
	r.rows.resetAt(r.total, pg, page, func(ctx context.Context, offset, limit int) ([]data.FlagRow, error) {
		return rs.FlagPage(ctx, data.FlagQuery{Today: today, Counts: counts, Offset: offset, Limit: limit})
	})
	facts := countOf(r.total, "Aucune alerte à traiter", "alerte à traiter", "alertes à traiter")
	if len(runs) > 0 {
		facts += fmt.Sprintf(" · calcul du %s fait le %s", runs[0].Day, instant(runs[0].Finished))
	} else {
		facts += " · le calcul quotidien n'a pas encore tourné"
	}
	r.facts.SetText(facts)
	r.ui.setRailBadge(r.scr, r.total)
	if r.total == 0 {
		r.split.Hide()
		r.empty.facts.SetText(facts)
		r.empty.content.Show()
	} else {
		r.empty.content.Hide()
		r.split.Show()
	}
	r.print.Enable()
	r.sel = -1
	target := -1
	for j, f := range page {
		if keep != 0 && f.ID == keep {
			target = r.itemOf(pg*pageSize + j)
		}
	}
	if target < 0 && prev >= 0 && r.nitems > 0 {
		target = r.flagRow(min(prev, r.nitems-1), 1)
		if target < 0 {
			target = r.flagRow(min(prev, r.nitems-1), -1)
		}
	}
	if target < 0 {
		target = r.flagRow(0, 1)
	}
	r.list.Refresh()
	if target >= 0 {
		r.selectRow(target)
	} else {
		r.list.UnselectAll()
		r.showDetail()
	}
	r.ui.screenLoaded(r.scr)
}

// onPage is told a page of flags arrived: the list shows it, and the
// detail the selected flag if it was in it.
func (r *reviewScreen) onPage() {
	r.list.Refresh()
	if r.kind.Text == "" && r.selected() != nil {
		r.showDetail()
	}
}

// group returns the group of the list's row i (nil out of the list).
func (r *reviewScreen) group(i int) *reviewGroup {
	if i < 0 || i >= r.nitems {
		return nil
	}
	k, _ := slices.BinarySearchFunc(r.groups, i, func(g reviewGroup, i int) int { return cmp.Compare(g.row, i) })
	if k == len(r.groups) || r.groups[k].row > i {
		k--
	}
	return &r.groups[k]
}

// isHeader reports whether the list's row i is a group's header.
func (r *reviewScreen) isHeader(i int) bool {
	g := r.group(i)
	return g != nil && g.row == i
}

// flagIndex is the index, in the review's order, of the flag on the
// list's row i; -1 for a header or out of the list.
func (r *reviewScreen) flagIndex(i int) int {
	g := r.group(i)
	if g == nil || g.row == i {
		return -1
	}
	return g.first + i - g.row - 1
}

// itemOf is the list's row of the flag of index n in the review's order.
func (r *reviewScreen) itemOf(n int) int {
	for _, g := range r.groups {
		if n >= 0 && n < g.first+g.count {
			return g.row + 1 + n - g.first
		}
	}
	return -1
}

// flag returns the flag on the list's row i when its page is in memory
// (it asks for the page otherwise).
func (r *reviewScreen) flag(i int) (data.FlagRow, bool) {
	n := r.flagIndex(i)
	if n < 0 {
		return data.FlagRow{}, false
	}
	return r.rows.row(n)
}

// flagRow returns the first flag row from i in direction dir (±1), -1
// when none.
func (r *reviewScreen) flagRow(i, dir int) int {
	for ; i >= 0 && i < r.nitems; i += dir {
		if !r.isHeader(i) {
			return i
		}
	}
	return -1
}

// selectRow selects a flag row (a header selects the flag under it).
func (r *reviewScreen) selectRow(i int) {
	if i < 0 || i >= r.nitems {
		return
	}
	if r.isHeader(i) {
		if j := r.flagRow(i, 1); j >= 0 {
			i = j
		} else {
			return
		}
	}
	r.sel = i
	r.list.Select(i)
	r.showDetail()
}

// selected is the flag selected, nil when none (or while its page loads).
func (r *reviewScreen) selected() *data.FlagRow {
	f, ok := r.flag(r.sel)
	if !ok {
		return nil
	}
	return &f
}

// showDetail shows the selected flag and enables its actions.
func (r *reviewScreen) showDetail() {
	f := r.selected()
	buttons := []*widget.Button{r.openBtn, r.payBtn, r.callBtn, r.letterBtn, r.handleBtn, r.snoozeBtn}
	if f == nil {
		r.kind.SetText("")
		r.caseLbl.SetText("")
		r.text.SetText("")
		r.dates.SetText("")
		r.advice.SetText("")
		for _, b := range buttons {
			b.Disable()
		}
		return
	}
	r.kind.SetText(f.Kind.Label())
	if f.CaseID == 0 {
		r.caseLbl.SetText("L'étude")
	} else {
		r.caseLbl.SetText(strings.TrimSuffix("Dossier "+f.CaseRef+" — "+f.Debtor, " — "))
	}
	r.text.SetText(f.Text)
	dates := "Date : " + f.Due.String() + " · relevée le " + f.Since.String()
	if f.Amount != 0 {
		dates += " · " + f.Amount.String()
	}
	if f.State == debt.FlagSnoozed {
		dates += " · reportée au " + f.Snoozed.String()
	}
	r.dates.SetText(dates)
	r.advice.SetText(f.Kind.Advice())
	for _, b := range buttons {
		b.Enable()
	}
	if f.CaseID == 0 {
		r.openBtn.Disable()
		r.payBtn.Disable()
		r.callBtn.Disable()
		r.letterBtn.Disable()
	}
	r.detail.Refresh() // the wrapped texts changed height
}

func (r *reviewScreen) showStatus(msg string, isErr bool) {
	r.status.Importance = widget.SuccessImportance
	if isErr {
		r.status.Importance = widget.DangerImportance
	}
	r.status.SetText(msg)
	r.status.Show()
}

// caseTab is the case view's tab a flag of kind k leads to.
func caseTab(k debt.FlagKind) string {
	switch k {
	case debt.FlagInstalmentMissed:
		return tabPlan
	case debt.FlagFundsHeld:
		return tabPayments
	case debt.FlagCloseCase:
		return tabStatement
	case debt.FlagNoticeExpired, debt.FlagReminderExpired, debt.FlagARMissing, debt.FlagLetterReturned, debt.FlagSmallClaimsEnded:
		return tabLetters
	case debt.FlagLimitationUrgent, debt.FlagLimitationSoon, debt.FlagPrescribed:
		return "Synthèse"
	}
	return "Journal"
}

// openCase opens the selected flag's case on the tab its kind leads to,
// and returns its view (nil when there is none to open).
func (r *reviewScreen) openCase(tab string) *caseView {
	f := r.selected()
	if f == nil || f.CaseID == 0 {
		return nil
	}
	r.ui.openCase(f.CaseID)
	v := r.ui.cases.view
	if v == nil || v.id != f.CaseID {
		return nil
	}
	if tab == "" {
		tab = caseTab(f.Kind)
	}
	v.selectTab(tab)
	return v
}

func (r *reviewScreen) onOpen() { r.openCase("") }

func (r *reviewScreen) onPay() {
	if v := r.openCase(tabPayments); v != nil {
		v.onPay()
	}
}

func (r *reviewScreen) onCall() {
	if v := r.openCase("Journal"); v != nil {
		v.onLogCall()
	}
}

func (r *reviewScreen) onLetter() {
	if v := r.openCase(tabLetters); v != nil {
		v.onNewLetter()
	}
}

// onHandle asks for an optional comment and marks the flag handled.
func (r *reviewScreen) onHandle() {
	f := r.selected()
	if f == nil {
		return
	}
	rs, err := r.ui.reviewStore()
	if err != nil {
		r.ui.showError(err)
		return
	}
	id := f.ID
	r.handleComment = r.ui.newMultiLineEntry("Ce qui a été fait (facultatif) : appel, courrier, décision…", 3)
	d := r.ui.newFormDialog("Alerte traitée", "Marquer traitée", container.NewVBox(
		wrapped(f.Kind.Label()+" — "+strings.TrimSpace(f.CaseRef+" "+f.Debtor)), wrapped(f.Text),
		widget.NewLabel("Commentaire pour le journal"), r.handleComment,
	), func() []string {
		if err := rs.HandleFlag(context.Background(), id, r.handleComment.Text, r.ui.author(), r.ui.now()); err != nil {
			return r.ui.errorMessages(err)
		}
		r.showStatus("Alerte marquée traitée : elle est inscrite au journal.", false)
		r.reload()
		return nil
	})
	d.onClosed = func() { r.ui.win.Canvas().Focus(r.list) }
	r.handleDialog = d
	d.show(fyne.NewSize(560, 320))
	r.ui.win.Canvas().Focus(r.handleComment)
}

// onSnooze asks for the date the flag comes back (in a week by default).
func (r *reviewScreen) onSnooze() {
	f := r.selected()
	if f == nil {
		return
	}
	rs, err := r.ui.reviewStore()
	if err != nil {
		r.ui.showError(err)
		return
	}
	id := f.ID
	r.snoozeDate = r.ui.newEntry("JJ/MM/AAAA")
	r.snoozeDate.SetText(r.ui.today().AddDays(7).String())
	comment := r.ui.newEntry("Pourquoi (facultatif) : promesse de paiement, attente d'une réponse…")
	var d *formDialog
	d = r.ui.newFormDialog("Reporter l'alerte", "Reporter", container.NewVBox(
		wrapped(f.Kind.Label()+" — "+strings.TrimSpace(f.CaseRef+" "+f.Debtor)),
		formGrid(widget.NewLabel("Revoir le"), r.snoozeDate, widget.NewLabel("Commentaire"), comment),
	), func() []string {
		until, err := debt.ParseDate(r.snoozeDate.Text)
		if err != nil {
			return []string{upperFirst(err.Error())}
		}
		if err := rs.SnoozeFlag(context.Background(), id, until, comment.Text, r.ui.author(), r.ui.now()); err != nil {
			return r.ui.errorMessages(err)
		}
		r.showStatus("Alerte reportée au "+until.String()+" : elle reviendra ce jour-là si sa cause demeure.", false)
		r.reload()
		return nil
	})
	d.submitOnEnter(r.snoozeDate, comment)
	d.onClosed = func() { r.ui.win.Canvas().Focus(r.list) }
	r.snoozeDialog = d
	d.show(fyne.NewSize(560, 260))
	r.ui.win.Canvas().Focus(r.snoozeDate)
}

// onRerun runs the daily job now (the days missed, today again, the
// backup) in the background, then reloads.
func (r *reviewScreen) onRerun() {
	if r.job == nil {
		return
	}
	r.rerun.Disable()
	r.showStatus("Calcul en cours…", false)
	job, now := r.job, r.ui.now()
	r.ui.background(func(ctx context.Context) func() {
		summary, err := job.RunDaily(ctx, now)
		return func() {
			r.rerun.Enable()
			if err != nil {
				r.ui.logError(err)
				r.showStatus(data.Message(err), true)
			} else {
				r.showStatus(summary, false)
			}
			r.reload()
		}
	})
}

// onPrint writes the list of today's flags as a PDF and opens it.
func (r *reviewScreen) onPrint() {
	office, err := r.ui.store.Office(context.Background())
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		r.ui.showError(err)
		return
	}
	today := r.ui.today()
	rs, err := r.ui.reviewStore()
	if err != nil {
		r.ui.showError(err)
		return
	}
	// The most urgent flags, at most reviewPrintMax: the PDF says so when
	// there are more (a first sweep can raise tens of thousands).
	counts, err := rs.CountOpenFlagsByKind(context.Background(), today)
	var flags []data.FlagRow
	if err == nil {
		flags, err = rs.FlagPage(context.Background(), data.FlagQuery{Today: today, Counts: counts, Limit: reviewPrintMax})
	}
	if err != nil {
		r.ui.showError(err)
		return
	}
	total := 0
	groupCount := map[debt.FlagKind]int{}
	for _, c := range counts {
		total += c.Count
		groupCount[c.Kind] = c.Count
	}
	items := make([]letters.FlagItem, len(flags))
	for i, f := range flags {
		items[i] = letters.FlagItem{Group: f.Kind.Label(), CaseRef: f.CaseRef, Debtor: f.Debtor, Due: f.Due, Amount: f.Amount,
			Text: f.Text, Advice: f.Kind.Advice(), GroupCount: groupCount[f.Kind]}
	}
	pdf, err := letters.FlagListPart(office, today, items, total)
	if err != nil {
		r.ui.showError(&data.Error{Code: data.EINTERNAL, Message: "La liste n'a pas pu être mise en page.", Err: err})
		return
	}
	name := "a-traiter-" + today.ISO()
	r.lastPDF = name
	if err := r.ui.openPDF(name, pdf); err != nil {
		r.ui.showError(err)
	}
}

// onOpenCases shows the Dossiers screen filtered on open cases.
func (r *reviewScreen) onOpenCases() {
	l := r.ui.cases
	for i, f := range caseFilters {
		if f.open {
			l.filterAt = i
		}
	}
	l.back()
	r.ui.showScreen(l.index())
}

// flagList is the list of groups and flags, driven by the keyboard.
type flagList struct {
	widget.List
	r *reviewScreen
}

func newFlagList(r *reviewScreen) *flagList {
	l := &flagList{r: r}
	l.Length = func() int { return r.nitems }
	l.CreateItem = func() fyne.CanvasObject {
		ref := widget.NewLabel("2026-00000")
		due := widget.NewLabel("00/00/0000")
		amount := widget.NewLabel("")
		amount.Alignment = fyne.TextAlignTrailing
		text := widget.NewLabel("")
		text.Truncation = fyne.TextTruncateEllipsis
		head := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		row := container.NewBorder(nil, nil, container.NewHBox(ref, due), atLeast(120, amount), text)
		return container.NewStack(row, head)
	}
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		g := r.group(id)
		if g == nil {
			return
		}
		if r.sticky != nil {
			r.sticky.update() // rows are drawn as the list scrolls
		}
		stack := o.(*fyne.Container)
		row, head := stack.Objects[0].(*fyne.Container), stack.Objects[1].(*widget.Label)
		text, left := row.Objects[0].(*widget.Label), row.Objects[1].(*fyne.Container)
		amount := row.Objects[2].(*fyne.Container).Objects[0].(*widget.Label)
		ref, due := left.Objects[0].(*widget.Label), left.Objects[1].(*widget.Label)
		if g.row == id {
			row.Hide()
			head.Show()
			head.Importance = kindImportance(g.kind)
			head.SetText(fmt.Sprintf("%s (%s)", g.kind.Label(), groupThousands(g.count)))
			return
		}
		head.Hide()
		row.Show()
		f, ok := r.flag(id)
		if !ok { // its page is loading
			for _, l := range []*widget.Label{ref, due, amount, text} {
				l.SetText("")
			}
			return
		}
		ref.SetText(f.CaseRef)
		if f.CaseID == 0 {
			ref.SetText("Étude")
		}
		due.SetText(f.Due.String())
		amount.SetText("")
		if f.Amount != 0 {
			amount.SetText(f.Amount.String())
		}
		if f.Debtor != "" {
			text.SetText(f.Debtor + " · " + f.Text)
		} else {
			text.SetText(f.Text)
		}
	}
	l.OnSelected = func(id widget.ListItemID) {
		if id == r.sel {
			return
		}
		if r.isHeader(id) {
			// a group's header: go to its first flag
			r.selectRow(id)
			return
		}
		r.sel = id
		r.showDetail()
	}
	l.ExtendBaseWidget(l)
	return l
}

// kindImportance colours a group's header by urgency.
func kindImportance(k debt.FlagKind) widget.Importance {
	switch {
	case k.Rank() <= debt.FlagNoticeExpired.Rank():
		return widget.DangerImportance
	case k.Rank() <= debt.FlagARMissing.Rank():
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// TypedKey moves between flags with the arrows (skipping the groups'
// headers), opens the case with Entrée; Échap goes to the window.
func (l *flagList) TypedKey(k *fyne.KeyEvent) {
	r := l.r
	cur := max(r.sel, 0)
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		r.onOpen()
	case fyne.KeyDown:
		r.selectRow(r.flagRow(cur+1, 1))
	case fyne.KeyUp:
		if i := r.flagRow(cur-1, -1); i >= 0 {
			r.selectRow(i)
		}
	case fyne.KeyPageDown:
		if i := r.flagRow(min(cur+20, r.nitems-1), 1); i >= 0 {
			r.selectRow(i)
		} else {
			r.selectRow(r.flagRow(r.nitems-1, -1))
		}
	case fyne.KeyPageUp:
		r.selectRow(r.flagRow(max(cur-20, 0), 1))
	case fyne.KeyHome:
		r.selectRow(r.flagRow(0, 1))
	case fyne.KeyEnd:
		r.selectRow(r.flagRow(r.nitems-1, -1))
	case fyne.KeyEscape:
		r.ui.onEscape()
	default:
		if !r.ui.onWindowKey(k) {
			l.List.TypedKey(k)
		}
	}
}

// TypedRune runs the actions of the selected flag: T handled, R snooze,
// E payment, A call, C letter.
func (l *flagList) TypedRune(c rune) {
	r := l.r
	switch c {
	case 't', 'T':
		r.onHandle()
	case 'r', 'R':
		r.onSnooze()
	case 'e', 'E':
		if f := r.selected(); f != nil && f.CaseID != 0 {
			r.onPay()
		}
	case 'a', 'A':
		if f := r.selected(); f != nil && f.CaseID != 0 {
			r.onCall()
		}
	case 'c', 'C':
		if f := r.selected(); f != nil && f.CaseID != 0 {
			r.onLetter()
		}
	default:
		l.List.TypedRune(c)
	}
}

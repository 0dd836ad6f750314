package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/mailsync"
)

// Limits of the Courriels lists.
const (
	triageLimit = 500
	recentLimit = 200
)

// syncStartDelay is how long after the window opens the first automatic
// pass starts (the window shows first).
var syncStartDelay = 15 * time.Second

// mailScreen is "Courriels": the mails waiting in the triage list, the
// mails filed recently, the last sync's result and the "sync now" button
// with its progress, and a reading pane (text, attachments, original
// message) from which a mail is filed into a case in two keystrokes, or
// moved to another with a reason. It also owns the background sync: one
// goroutine that runs a pass on the account's interval, backs off after
// failures and stops when the window closes.
type mailScreen struct {
	ui  *UI
	scr *screen

	status      *widget.Label
	statusErr   *widget.Label
	syncBtn     *widget.Button
	cancelBtn   *widget.Button
	progress    *widget.ProgressBar
	progressMsg *widget.Label

	lists  *container.AppTabs
	triage *mailList
	recent *mailList

	subject  *widget.Label
	header   *widget.Label
	warnings *widget.Label
	body     *widget.Label
	files    *fyne.Container
	actions  *fyne.Container
	pane     *fyne.Container
	empty    *widget.Label
	current  *data.Mail
	gen      int

	chooser *caseChooser // the last chooser opened (tests drive it)
	noCase  *formDialog  // the last « sans dossier » dialog (mailtriage.go)

	// background sync, shared with the sync goroutine under mu
	wake     chan struct{}
	mu       sync.Mutex
	running  bool
	cancel   context.CancelFunc
	failures int
	lastErr  error
	next     time.Time // the next automatic pass; zero: none planned
}

// mailList is one list of mails: the triage list or the recent ones.
type mailList struct {
	rows    []data.Mail
	sel     int
	table   *rowTable
	item    *container.TabItem
	columns []letterColumn
	cell    func(m data.Mail, col int) string
}

func newMailList(s *mailScreen, title string, columns []letterColumn, cell func(data.Mail, int) string) *mailList {
	ml := &mailList{sel: -1, columns: columns, cell: cell}
	ml.table = newRowTable(func() (int, int) { return len(ml.rows), len(columns) }, cellText,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			m := ml.rows[id.Row]
			l := o.(*widget.Label)
			l.TextStyle.Bold = !m.Read
			setCell(o, cell(m, id.Col), fyne.TextAlignLeading, widget.MediumImportance)
		})
	ml.table.CreateHeader = func() fyne.CanvasObject { return heading("") }
	ml.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(columns) {
			o.(*widget.Label).SetText(columns[id.Col].title)
		}
	}
	for i, c := range columns {
		ml.table.SetColumnWidth(i, c.width)
		ml.table.fit = append(ml.table.fit, c.width)
	}
	ml.table.onSelect = func(row int) {
		ml.sel = row
		if row >= 0 && row < len(ml.rows) {
			s.show(ml.rows[row])
		}
	}
	ml.table.onEscape = s.ui.onEscape
	ml.table.onWindow = s.ui.onWindowKey
	ml.item = container.NewTabItem(title, ml.table)
	return ml
}

// selected is the mail selected in the list.
func (ml *mailList) selected() (data.Mail, bool) {
	if ml.sel < 0 || ml.sel >= len(ml.rows) {
		return data.Mail{}, false
	}
	return ml.rows[ml.sel], true
}

// sender writes "Name <address>" or the address alone.
func sender(m data.Mail) string {
	if m.FromName != "" && m.From != "" {
		return m.FromName + " <" + m.From + ">"
	}
	if m.From == "" {
		return "(expéditeur inconnu)"
	}
	return m.From
}

func mailDate(m data.Mail) string {
	if m.Sent.IsZero() {
		return ""
	}
	return m.Sent.In(debt.Paris()).Format("02/01/2006 15:04")
}

func newMailScreen(u *UI) *mailScreen {
	s := &mailScreen{ui: u, wake: make(chan struct{}, 1)}
	s.status = wrapped("")
	s.statusErr = wrapped("")
	s.statusErr.Importance = widget.DangerImportance
	s.statusErr.Hide()
	s.syncBtn = widget.NewButtonWithIcon("Synchroniser maintenant", theme.ViewRefreshIcon(), s.onSyncNow)
	s.syncBtn.Importance = widget.HighImportance
	s.cancelBtn = widget.NewButtonWithIcon("Annuler", theme.CancelIcon(), s.onCancelSync)
	s.cancelBtn.Hide()
	s.progress = widget.NewProgressBar()
	s.progress.Hide()
	s.progressMsg = widget.NewLabel("")
	s.progressMsg.Hide()

	s.triage = newMailList(s, "À trier",
		[]letterColumn{{"Reçu le", 130}, {"De", 220}, {"Objet", 260}},
		func(m data.Mail, col int) string {
			switch col {
			case 0:
				return mailDate(m)
			case 1:
				return sender(m)
			}
			return m.Subject
		})
	s.triage.table.onOpen = func(int) { s.onFile() }
	s.recent = newMailList(s, "Classés récemment",
		[]letterColumn{{"Reçu le", 130}, {"Dossier", 105}, {"De", 180}, {"Objet", 200}},
		func(m data.Mail, col int) string {
			switch col {
			case 0:
				return mailDate(m)
			case 1:
				return m.CaseRef
			case 2:
				return sender(m)
			}
			return m.Subject
		})
	s.recent.table.onOpen = func(int) { s.onOpenCase() }
	s.lists = container.NewAppTabs(s.triage.item, s.recent.item)
	s.lists.OnSelected = func(*container.TabItem) {
		if m, ok := s.list().selected(); ok {
			s.show(m)
		} else {
			s.clearPane()
		}
	}

	s.subject = heading("")
	s.subject.Wrapping = fyne.TextWrapWord
	s.header = wrapped("")
	s.warnings = wrapped("")
	s.warnings.Importance = widget.WarningImportance
	s.body = wrapped("")
	s.files = container.NewHBox()
	s.actions = container.NewHBox()
	s.empty = wrapped("Choisissez un courriel dans la liste. Entrée sur un courriel à trier ouvre le choix du dossier ; Entrée à nouveau le classe.")
	s.pane = container.NewBorder(
		container.NewVBox(s.subject, s.header, s.warnings, s.actions, s.files, widget.NewSeparator()),
		nil, nil, nil, container.NewVScroll(s.body))
	s.clearPane()

	settings := widget.NewButtonWithIcon("Paramètres du compte", theme.SettingsIcon(), func() { u.settings.showSection(sectionMail) })
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(s.syncBtn, s.cancelBtn, settings), s.status),
		s.statusErr,
		container.NewBorder(nil, nil, nil, s.progressMsg, s.progress),
	)
	s.empty.Alignment = fyne.TextAlignCenter
	split := container.NewHSplit(s.lists, container.NewStack(s.pane, container.NewVBox(layout.NewSpacer(), s.empty, layout.NewSpacer())))
	split.SetOffset(0.5)
	s.scr = &screen{title: "Courriels", icon: theme.MailAttachmentIcon(), content: container.NewBorder(top, nil, nil, nil, split),
		shown: s.reload}
	go s.loop(u.ctx)
	s.reload() // the triage count on the rail from the start
	return s
}

func (s *mailScreen) screen() *screen { return s.scr }

func (s *mailScreen) index() int { return s.ui.indexOf(s.scr) }

// list is the list shown.
func (s *mailScreen) list() *mailList {
	if s.lists.SelectedIndex() == 1 {
		return s.recent
	}
	return s.triage
}

// reload reads the lists and the last sync report on the worker.
func (s *mailScreen) reload() {
	ds, err := s.ui.dataStore()
	if err != nil {
		s.showStatusError(data.Message(err))
		return
	}
	s.gen++
	gen := s.gen
	s.ui.worker.do(func(ctx context.Context) func() {
		triage, err := ds.Mails(ctx, data.MailQuery{Triage: true, Limit: triageLimit})
		var all []data.Mail
		var ms data.MailSettings
		var rep data.SyncReport
		if err == nil {
			all, err = ds.Mails(ctx, data.MailQuery{Limit: recentLimit})
		}
		if err == nil {
			ms, err = ds.MailSettings(ctx)
		}
		if err == nil {
			rep, err = ds.LastSyncReport(ctx)
		}
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				if !errors.Is(err, context.Canceled) {
					s.ui.logError(err)
					s.showStatusError(data.Message(err))
				}
				return
			}
			var filed []data.Mail
			for _, m := range all {
				if m.CaseID != 0 {
					filed = append(filed, m)
				}
			}
			s.setRows(s.triage, triage)
			s.setRows(s.recent, filed)
			s.triage.item.Text = fmt.Sprintf("À trier (%s)", groupThousands(len(triage)))
			s.lists.Refresh()
			s.ui.setRailBadge(s.scr, len(triage))
			s.showStatus(ms, rep)
			if s.current != nil {
				if m, ok := s.find(s.current.ID); ok {
					s.show(m)
				} else {
					s.clearPane()
				}
			}
		}
	})
}

// setRows replaces a list's rows, keeping the selection on the same mail.
func (s *mailScreen) setRows(ml *mailList, rows []data.Mail) {
	var keep int64
	if m, ok := ml.selected(); ok {
		keep = m.ID
	}
	ml.rows, ml.sel = rows, -1
	ml.table.UnselectAll()
	for i, m := range rows {
		if m.ID == keep {
			ml.sel = i
		}
	}
	ml.table.Refresh()
}

// find returns a listed mail by id.
func (s *mailScreen) find(id int64) (data.Mail, bool) {
	for _, ml := range []*mailList{s.triage, s.recent} {
		for _, m := range ml.rows {
			if m.ID == id {
				return m, true
			}
		}
	}
	return data.Mail{}, false
}

// showStatus writes the last pass's result and what comes next.
func (s *mailScreen) showStatus(ms data.MailSettings, rep data.SyncReport) {
	configured := ms.Account.Host != "" && ms.Account.User != ""
	var b strings.Builder
	switch {
	case !configured:
		b.WriteString("Aucune boîte de courriel n'est configurée : renseignez le serveur, l'identifiant et le mot de passe dans Paramètres → Courriel.")
	case rep.At.IsZero():
		b.WriteString("Boîte " + ms.Account.User + " sur " + ms.Account.Host + " : jamais synchronisée. « Synchroniser maintenant » lance la première lecture.")
	default:
		r := rep.Result
		fmt.Fprintf(&b, "Dernière synchronisation le %s : %s, %s, %s, %s, %s.", instant(rep.At),
			countOf(r.Fetched, "aucun message récupéré", "message récupéré", "messages récupérés"),
			countOf(r.Filed, "aucun classé", "classé dans son dossier", "classés dans leur dossier"),
			countOf(r.Triage, "aucun à trier", "à trier", "à trier"),
			countOf(r.Duplicates, "aucun doublon", "doublon", "doublons"),
			countOf(r.Errors, "aucune erreur", "erreur", "erreurs"))
	}
	s.mu.Lock()
	next := s.next
	s.mu.Unlock()
	if configured && !next.IsZero() {
		b.WriteString(" Prochaine synchronisation automatique vers " + next.In(debt.Paris()).Format("15:04") + ".")
	}
	s.status.SetText(b.String())
	if configured && rep.Error != "" {
		s.showStatusError(rep.Error)
	} else {
		s.statusErr.Hide()
	}
}

func (s *mailScreen) showStatusError(msg string) {
	s.statusErr.SetText(msg)
	s.statusErr.Show()
}

func (s *mailScreen) clearPane() {
	s.current = nil
	s.pane.Hide()
	s.empty.Show()
}

// show displays a mail in the reading pane and marks it read.
func (s *mailScreen) show(m data.Mail) {
	s.current = &m
	s.subject.SetText(orDash(m.Subject))
	lines := []string{"De : " + sender(m)}
	if m.To != "" {
		lines = append(lines, "À : "+m.To)
	}
	if m.Cc != "" {
		lines = append(lines, "Cc : "+m.Cc)
	}
	lines = append(lines, "Date : "+mailDate(m))
	if m.CaseID != 0 {
		l := "Dossier : " + m.CaseRef
		if m.Reason != "" {
			l += " (" + m.Reason + ")"
		}
		lines = append(lines, l)
	} else {
		lines = append(lines, "À trier : "+orDash(m.Reason))
	}
	s.header.SetText(strings.Join(lines, "\n"))
	if strings.TrimSpace(m.Warnings) != "" {
		s.warnings.SetText("Message lu en partie : " + strings.ReplaceAll(strings.TrimSpace(m.Warnings), "\n", " ; "))
		s.warnings.Show()
	} else {
		s.warnings.Hide()
	}
	body := m.Body
	if strings.TrimSpace(body) == "" {
		body = "(message sans texte)"
	}
	s.body.SetText(body)

	s.actions.Objects = nil
	if m.CaseID == 0 {
		file := widget.NewButtonWithIcon("Classer dans un dossier… (Entrée)", theme.FolderIcon(), s.onFile)
		file.Importance = widget.HighImportance
		s.actions.Add(file)
		s.actions.Add(s.noCaseButton())
	} else {
		s.actions.Add(widget.NewButtonWithIcon("Ouvrir le dossier "+m.CaseRef, theme.FolderOpenIcon(), s.onOpenCase))
		s.actions.Add(widget.NewButtonWithIcon("Déplacer…", theme.ContentRedoIcon(), s.onMove))
	}
	s.actions.Refresh()
	s.files.Objects = []fyne.CanvasObject{s.docButton("Message d'origine (.eml)", m.Raw)}
	for _, a := range m.Attachments {
		s.files.Add(s.docButton(fmt.Sprintf("%s (%s)", a.OriginalName, byteSize(a.Size)), a))
	}
	s.files.Refresh()
	s.empty.Hide()
	s.pane.Show()
	s.pane.Refresh() // the header's height changed with its text
	if !m.Read {
		s.markRead(m.ID)
	}
}

func (s *mailScreen) docButton(label string, d debt.Document) *widget.Button {
	b := widget.NewButtonWithIcon(label, theme.FileIcon(), func() { s.ui.openCopy(d.SHA256, documentFileName("", d)) })
	b.Importance = widget.LowImportance
	return b
}

// markRead records that the mail was read; the lists show it plain.
func (s *mailScreen) markRead(id int64) {
	ds, err := s.ui.dataStore()
	if err == nil {
		err = ds.MarkMailRead(context.Background(), id, s.ui.now())
	}
	if err != nil {
		s.ui.logError(err)
		return
	}
	for _, ml := range []*mailList{s.triage, s.recent} {
		for i := range ml.rows {
			if ml.rows[i].ID == id {
				ml.rows[i].Read = true
				ml.table.Refresh()
			}
		}
	}
}

func (s *mailScreen) onOpenCase() {
	if s.current != nil && s.current.CaseID != 0 {
		s.ui.openCase(s.current.CaseID)
	}
}

// onFile opens the case chooser for the mail shown (from the triage list).
func (s *mailScreen) onFile() {
	if s.current == nil {
		if m, ok := s.triage.selected(); ok {
			s.show(m)
		}
	}
	if s.current == nil || s.current.CaseID != 0 {
		return
	}
	s.openChooser(*s.current, false)
}

// onMove opens the case chooser to move a filed mail, with a reason.
func (s *mailScreen) onMove() {
	if s.current != nil && s.current.CaseID != 0 {
		s.openChooser(*s.current, true)
	}
}

func (s *mailScreen) openChooser(m data.Mail, move bool) {
	s.chooser = newCaseChooser(s.ui, m, move, func(c data.CaseRow, remember bool, reason string) []string {
		ds, err := s.ui.dataStore()
		if err == nil {
			err = ds.FileMail(context.Background(), m.ID, c.ID, remember, reason, s.ui.author(), s.ui.now())
		}
		if err != nil {
			return s.ui.errorMessages(err)
		}
		s.reload()
		return nil
	})
	s.chooser.show()
}

// settingsChanged wakes the background sync after the account changed:
// its next pass follows the new interval.
func (s *mailScreen) settingsChanged() {
	s.mu.Lock()
	s.failures, s.lastErr = 0, nil
	s.mu.Unlock()
	s.poke()
	s.reload()
}

// poke wakes the sync goroutine so that it plans its next pass again.
func (s *mailScreen) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// onSyncNow runs a pass at once, unless one is running.
func (s *mailScreen) onSyncNow() {
	s.syncBtn.Disable()
	s.ui.background(func(ctx context.Context) func() {
		out := s.runPass(ctx)
		s.poke()
		return func() { s.afterPass(out) }
	})
}

// onCancelSync cancels the running pass; what was filed stays filed.
func (s *mailScreen) onCancelSync() {
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.mu.Unlock()
	s.progressMsg.SetText("Annulation…")
}

// passOutcome is what a pass did, for the screen.
type passOutcome struct {
	skipped    bool // another pass was running
	configured bool
	err        error
	result     mailsync.Result
}

// runPass runs one sync pass of the saved account over the store's e-mail
// side, records its report and counts failures for the back-off. It runs
// off the UI goroutine; progress reaches the screen through uiPost.
func (s *mailScreen) runPass(parent context.Context) passOutcome {
	s.mu.Lock()
	if s.running {
		s.mu.Unlock()
		return passOutcome{skipped: true}
	}
	ctx, cancel := context.WithCancel(parent)
	s.running, s.cancel = true, cancel
	s.mu.Unlock()
	defer func() {
		cancel()
		s.mu.Lock()
		s.running, s.cancel = false, nil
		s.mu.Unlock()
	}()

	ds, err := s.ui.dataStore()
	if err != nil {
		return passOutcome{err: err}
	}
	ms, err := ds.MailSettings(ctx)
	if err != nil {
		return passOutcome{err: err}
	}
	a := ms.Account
	if a.Host == "" || a.User == "" {
		return passOutcome{}
	}
	out := passOutcome{configured: true}
	uiPost(s.onPassStarted)
	pw, err := mailsync.Password(a)
	if err == nil {
		var last time.Time
		syncer := mailsync.Syncer{Store: ds.Mail(), Progress: func(p mailsync.Progress) {
			if t := time.Now(); t.Sub(last) > 100*time.Millisecond || p.Done == p.Total {
				last = t
				uiPost(func() { s.onProgress(p) })
			}
		}}
		out.result, err = syncer.Sync(ctx, a, pw)
	}
	out.err = err
	rep := data.SyncReport{At: s.ui.now().UTC(), Result: out.result}
	if err != nil {
		rep.Error = mailsync.UserMessage(err)
		s.ui.logError(err)
	}
	// the report is kept even when the window closes mid-pass
	if err := ds.SaveSyncReport(context.WithoutCancel(ctx), rep); err != nil {
		s.ui.logError(err)
	}
	s.mu.Lock()
	if err != nil && mailsync.ErrorCode(err) != mailsync.CodeCanceled {
		s.failures++
		s.lastErr = err
	} else if err == nil {
		s.failures, s.lastErr = 0, nil
	}
	s.mu.Unlock()
	return out
}

func (s *mailScreen) onPassStarted() {
	s.syncBtn.Disable()
	s.cancelBtn.Show()
	s.progress.SetValue(0)
	s.progress.Show()
	s.progressMsg.SetText("Connexion…")
	s.progressMsg.Show()
}

func (s *mailScreen) onProgress(p mailsync.Progress) {
	if p.Total > 0 {
		s.progress.SetValue(float64(p.Done) / float64(p.Total))
	}
	s.progressMsg.SetText(fmt.Sprintf("%s : %d / %d", p.Folder, p.Done, p.Total))
}

// afterPass hides the progress and shows the lists and the report.
func (s *mailScreen) afterPass(out passOutcome) {
	if out.skipped {
		s.progressMsg.SetText("Une synchronisation est déjà en cours.")
		return
	}
	s.syncBtn.Enable()
	s.cancelBtn.Hide()
	s.progress.Hide()
	s.progressMsg.Hide()
	if !out.configured && out.err == nil {
		s.ui.showInfo("Courriel non configuré", "Renseignez d'abord la boîte de l'étude dans Paramètres → Courriel : serveur, identifiant, mot de passe.")
	}
	s.reload()
}

// loop is the background sync: a pass on the account's interval, sooner
// then less often after failures (mailsync.NextDelay), none while nothing
// is configured or a failure needs the person (wrong password, untrusted
// certificate) until the settings change or a pass run by hand succeeds.
// It ends when the window closes.
func (s *mailScreen) loop(ctx context.Context) {
	delay := syncStartDelay
	for {
		var timer <-chan time.Time
		var t *time.Timer
		if delay > 0 {
			t = time.NewTimer(delay)
			timer = t.C
		}
		s.mu.Lock()
		if delay > 0 {
			s.next = time.Now().Add(delay)
		} else {
			s.next = time.Time{}
		}
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			if t != nil {
				t.Stop()
			}
			return
		case <-s.wake:
			if t != nil {
				t.Stop()
			}
			delay = s.plan(ctx)
			continue
		case <-timer:
		}
		out := s.runPass(ctx)
		if !out.skipped && out.configured && ctx.Err() == nil {
			uiPost(func() { s.afterPass(out) })
		}
		delay = s.plan(ctx)
	}
}

// plan returns the delay before the next automatic pass; 0 means none
// until something changes.
func (s *mailScreen) plan(ctx context.Context) time.Duration {
	ds, err := s.ui.dataStore()
	if err != nil {
		return 0
	}
	ms, err := ds.MailSettings(ctx)
	if err != nil || ms.Account.Host == "" || ms.Account.User == "" {
		return 0
	}
	s.mu.Lock()
	failures, lastErr := s.failures, s.lastErr
	s.mu.Unlock()
	if lastErr != nil && !mailsync.Retryable(lastErr) {
		return 0
	}
	return mailsync.NextDelay(ms.Account.WithDefaults().Interval, failures)
}

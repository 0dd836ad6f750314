package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/letters"
	"amiable/mailroom"
)

// lettersScreen is "Courriers": the letters issued from the cases, by where
// they stand in the mail room (to print, to post, awaiting their AR, done),
// with the day's batch for La Poste and the AR cards that come back.
type lettersScreen struct {
	ui     *UI
	scr    *screen
	tabs   *container.AppTabs
	stages []*letterStage
	counts map[data.LetterStage]int
	info   *widget.Label
	gen    int

	openBtn, saveBtn, lpBtn, printedBtn, trackBtn, arBtn, caseBtn, batchBtn *widget.Button
	// arFind takes the tracking number of an AR card that came back (typed
	// or read by a barcode scanner ending with Enter) and opens its dialog.
	arFind *entry

	// the dialogs last opened (tests drive them) and the last batch written
	trackDialog *formDialog
	trackEntry  *entry
	ar          *arDialog
	lastBatch   string
}

// letterStage is one tab of the screen: the letters at that stage.
type letterStage struct {
	stage data.LetterStage
	rows  []data.LetterRow
	sel   int // selected row, -1 when none
	table *rowTable
	item  *container.TabItem
	empty *widget.Label
}

// letterColumn is a column of the letter tables.
type letterColumn struct {
	title string
	width float32
}

var letterColumns = []letterColumn{
	{"Date", 95}, {"Dossier", 110}, {"Courrier", 200}, {"Destinataire", 230},
	{"Envoi", 280}, {"Délai", 95}, {"Déposé le", 95},
}

// letterStages are the tabs, in the order of the work; the done letters
// list the most recent ones.
var letterStages = []data.LetterStage{data.StageToPrint, data.StageToPost, data.StageAwaitingAR, data.StageDone}

// doneLimit is how many done letters the last tab lists.
const doneLimit = 200

// letterCell returns the text of a column for a letter.
func letterCell(l data.LetterRow, col int) string {
	switch col {
	case 0:
		return l.Date.String()
	case 1:
		return l.CaseRef
	case 2:
		return letters.Kind(l.Kind).Label()
	case 3:
		s := l.Recipient
		if place := strings.TrimSpace(l.Postcode + " " + l.Town); place != "" {
			s += " — " + place
		}
		return s
	case 4:
		return postText(l.Post)
	case 5:
		return l.Deadline.String()
	case 6:
		return l.Deposit.String()
	}
	return ""
}

// postText describes how a letter goes: "Lettre simple", "R1 + AR · RW 799
// 210 633 FR", "R1 + AR · n° de suivi à saisir".
func postText(p debt.Registered) string {
	if !p.IsRegistered() {
		return "Lettre simple"
	}
	s := string(p.Level)
	if p.AR {
		s += " + AR"
	}
	if p.Tracking == "" {
		return s + " · n° de suivi à saisir"
	}
	return s + " · " + debt.FormatTracking(p.Tracking)
}

func newLettersScreen(u *UI) *lettersScreen {
	s := &lettersScreen{ui: u, counts: map[data.LetterStage]int{}}
	var items []*container.TabItem
	for _, st := range letterStages {
		ls := &letterStage{stage: st, sel: -1}
		ls.table = newRowTable(func() (int, int) { return len(ls.rows), len(letterColumns) }, cellText,
			func(id widget.TableCellID, o fyne.CanvasObject) {
				imp := widget.MediumImportance
				if id.Col == 4 && ls.rows[id.Row].Post.IsRegistered() && ls.rows[id.Row].Post.Tracking == "" {
					imp = widget.DangerImportance
				}
				setCell(o, letterCell(ls.rows[id.Row], id.Col), fyne.TextAlignLeading, imp)
			})
		ls.table.CreateHeader = func() fyne.CanvasObject { return heading("") }
		ls.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Col >= 0 && id.Col < len(letterColumns) {
				o.(*widget.Label).SetText(letterColumns[id.Col].title)
			}
		}
		for i, c := range letterColumns {
			ls.table.SetColumnWidth(i, c.width)
		}
		ls.table.onSelect = func(row int) {
			ls.sel = row
			s.updateButtons()
		}
		ls.table.onOpen = func(row int) { s.onOpenPDF() }
		ls.table.onEscape = u.onEscape
		ls.table.onWindow = u.onWindowKey
		ls.empty = wrapped(stageEmptyText(st))
		ls.empty.Alignment = fyne.TextAlignCenter
		ls.empty.Hide()
		ls.item = container.NewTabItem(st.Label(), container.NewStack(ls.table, container.NewVBox(layout.NewSpacer(), ls.empty, layout.NewSpacer())))
		s.stages = append(s.stages, ls)
		items = append(items, ls.item)
	}
	s.tabs = container.NewAppTabs(items...)
	s.tabs.OnSelected = func(*container.TabItem) { s.updateButtons() }

	s.openBtn = widget.NewButtonWithIcon("Imprimer (ouvrir le PDF)", theme.DocumentPrintIcon(), s.onOpenPDF)
	s.lpBtn = widget.NewButtonWithIcon("Imprimer directement", theme.DocumentPrintIcon(), s.onPrintDirect)
	if !directPrintAvailable() {
		s.lpBtn.Hide()
	}
	s.printedBtn = widget.NewButtonWithIcon("Marquer imprimé", theme.ConfirmIcon(), s.onMarkPrinted)
	s.trackBtn = widget.NewButtonWithIcon("N° de suivi…", theme.DocumentCreateIcon(), s.onTracking)
	s.arBtn = widget.NewButtonWithIcon("Enregistrer l'AR…", theme.MailReplyIcon(), s.onAR)
	s.caseBtn = widget.NewButtonWithIcon("Ouvrir le dossier", theme.FolderOpenIcon(), s.onOpenCase)
	s.batchBtn = widget.NewButtonWithIcon("Tournée du jour…", theme.MailSendIcon(), s.onDayBatch)
	s.batchBtn.Importance = widget.HighImportance
	s.arFind = u.newEntry("AR revenu : scannez ou tapez son n° de suivi, puis Entrée")
	s.arFind.OnSubmitted = s.onFindAR
	s.info = wrapped("")
	s.info.Importance = widget.DangerImportance
	s.info.Hide()

	s.saveBtn = u.saveAsButton(func() (string, string, bool) {
		l, ok := s.selected()
		return l.SHA256, letterFileName(l), ok
	})
	actions := flow(s.openBtn, s.saveBtn, s.lpBtn, s.printedBtn, s.trackBtn, s.arBtn, s.caseBtn)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(s.batchBtn), atLeast(420, s.arFind)),
		actions, s.info)
	content := container.NewBorder(top, nil, nil, nil, s.tabs)
	s.scr = &screen{title: "Courriers", icon: theme.MailComposeIcon(), content: content, shown: s.reload,
		search: func() fyne.Focusable { return s.arFind }}
	s.updateButtons()
	s.reload() // the counts on the rail from the start
	return s
}

// stageEmptyText says what an empty tab means and what comes next.
func stageEmptyText(st data.LetterStage) string {
	switch st {
	case data.StageToPrint:
		return "Aucun courrier à imprimer. Les courriers s'émettent depuis un dossier : bouton « Courrier… » ou Ctrl+L."
	case data.StageToPost:
		return "Aucun courrier imprimé en attente de dépôt. « Tournée du jour » imprime les courriers à poster avec le bordereau de dépôt."
	case data.StageAwaitingAR:
		return "Aucun recommandé n'attend son accusé de réception."
	}
	return "Aucun courrier terminé."
}

func (s *lettersScreen) screen() *screen { return s.scr }

func (s *lettersScreen) index() int { return s.ui.indexOf(s.scr) }

// current is the tab shown.
func (s *lettersScreen) current() *letterStage {
	i := s.tabs.SelectedIndex()
	if i < 0 || i >= len(s.stages) {
		return s.stages[0]
	}
	return s.stages[i]
}

// selected is the letter selected in the tab shown.
func (s *lettersScreen) selected() (data.LetterRow, bool) {
	ls := s.current()
	if ls.sel < 0 || ls.sel >= len(ls.rows) {
		return data.LetterRow{}, false
	}
	return ls.rows[ls.sel], true
}

// stage returns the tab of a stage.
func (s *lettersScreen) stage(st data.LetterStage) *letterStage {
	for _, ls := range s.stages {
		if ls.stage == st {
			return ls
		}
	}
	return nil
}

// reload reads the counts and the letters of every stage on the worker.
func (s *lettersScreen) reload() {
	ds, err := s.ui.dataStore()
	if err != nil {
		s.showLoadError(err)
		return
	}
	s.gen++
	gen := s.gen
	s.ui.worker.do(func(ctx context.Context) func() {
		counts, err := ds.LetterCounts(ctx)
		rows := map[data.LetterStage][]data.LetterRow{}
		for _, st := range letterStages {
			if err != nil {
				break
			}
			q := data.LetterQuery{Stage: st}
			if st == data.StageDone {
				q.Limit = doneLimit
			}
			rows[st], err = ds.Letters(ctx, q)
		}
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.showLoadError(err)
				return
			}
			s.info.Hide()
			s.counts = counts
			for _, ls := range s.stages {
				ls.rows = rows[ls.stage]
				ls.sel = -1
				ls.table.UnselectAll()
				ls.item.Text = fmt.Sprintf("%s (%s)", ls.stage.Label(), groupThousands(counts[ls.stage]))
				if len(ls.rows) == 0 {
					ls.empty.Show()
					ls.table.Hide()
				} else {
					ls.empty.Hide()
					ls.table.Show()
				}
				ls.table.Refresh()
			}
			s.tabs.Refresh()
			s.ui.setRailBadge(s.scr, counts[data.StageToPrint]+counts[data.StageToPost])
			s.updateButtons()
		}
	})
}

func (s *lettersScreen) showLoadError(err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	s.ui.logError(err)
	s.info.SetText(data.Message(err))
	s.info.Show()
}

// updateButtons enables the actions that apply to the selected letter.
func (s *lettersScreen) updateButtons() {
	l, ok := s.selected()
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(s.openBtn, ok)
	enable(s.saveBtn, ok)
	enable(s.lpBtn, ok)
	enable(s.caseBtn, ok)
	enable(s.printedBtn, ok && l.Stage() == data.StageToPrint)
	enable(s.trackBtn, ok && l.Deposit.IsZero() && l.Post.Tracking == "")
	enable(s.arBtn, ok && l.Post.IsRegistered() && !l.Deposit.IsZero() && l.AR.Outcome == "")
	enable(s.batchBtn, s.counts[data.StageToPrint]+s.counts[data.StageToPost] > 0)
}

// onOpenPDF opens the exact PDF of the selected letter with the system's
// viewer, from which the person prints it.
func (s *lettersScreen) onOpenPDF() {
	l, ok := s.selected()
	if !ok {
		return
	}
	s.ui.openCopy(l.SHA256, letterFileName(l))
}

// directPrintAvailable reports whether "Imprimer directement" can send a
// PDF to the default printer: the lp command (CUPS, on Linux and macOS).
func directPrintAvailable() bool {
	if runtime.GOOS == "windows" {
		return false
	}
	_, err := exec.LookPath("lp")
	return err == nil
}

// errPrint is returned when lp fails.
var errPrint = errors.New("lp failed")

// onPrintDirect sends the selected letter to the default printer with lp,
// then records it as printed.
func (s *lettersScreen) onPrintDirect() {
	l, ok := s.selected()
	if !ok {
		return
	}
	ds, err := s.ui.dataStore()
	if err != nil {
		s.ui.showError(err)
		return
	}
	author, now := s.ui.author(), s.ui.now()
	s.lpBtn.Disable()
	s.ui.background(func(ctx context.Context) func() {
		path, err := s.ui.storedCopy(l.SHA256, letterFileName(l))
		if err != nil {
			return func() {
				s.ui.showError(err)
				s.reload()
			}
		}
		out, err := exec.CommandContext(ctx, "lp", "-t", l.Ref, "--", path).CombinedOutput()
		if err != nil {
			err = &data.Error{Code: data.EINTERNAL, Message: "L'impression directe a échoué : " + firstLine(string(out), err.Error()) + ". Ouvrez le PDF et imprimez-le depuis la visionneuse.",
				Err: fmt.Errorf("%w: %w", errPrint, err)}
		} else if l.Printed.IsZero() {
			err = ds.MarkPrinted(ctx, []int64{l.ID}, author, now)
		}
		return func() {
			s.ui.showError(err)
			s.reload()
		}
	})
}

func firstLine(s, fallback string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if s == "" {
		return fallback
	}
	return s
}

// onMarkPrinted records that the selected letter was printed.
func (s *lettersScreen) onMarkPrinted() {
	l, ok := s.selected()
	if !ok {
		return
	}
	ds, err := s.ui.dataStore()
	if err == nil {
		err = ds.MarkPrinted(context.Background(), []int64{l.ID}, s.ui.author(), s.ui.now())
	}
	s.ui.showError(err)
	s.reload()
}

// onOpenCase shows the selected letter's case.
func (s *lettersScreen) onOpenCase() {
	if l, ok := s.selected(); ok {
		s.ui.openCase(l.CaseID)
	}
}

// onTracking asks for the registered-post level and the tracking number of
// a letter issued without one. The number field takes a barcode scanner's
// input: the scanner types the number and Enter, which saves.
func (s *lettersScreen) onTracking() {
	l, ok := s.selected()
	if !ok {
		return
	}
	ds, err := s.ui.dataStore()
	if err != nil {
		s.ui.showError(err)
		return
	}
	levels := make([]string, len(debt.RegisteredLevels))
	for i, lv := range debt.RegisteredLevels {
		levels[i] = lv.Label()
	}
	level := newSelect(levels, nil)
	level.SetSelectedIndex(0)
	for i, lv := range debt.RegisteredLevels {
		if lv == l.Post.Level {
			level.SetSelectedIndex(i)
		}
	}
	ar := widget.NewCheck("Avec avis de réception (AR)", nil)
	ar.SetChecked(l.Post.AR || !l.Post.IsRegistered())
	number := s.ui.newEntry("1A 123 456 7890 1 — scannez l'étiquette")
	var f *formDialog
	f = s.ui.newFormDialog("Numéro de suivi — "+l.Ref, "Enregistrer", container.NewVBox(
		wrapped(fmt.Sprintf("%s à %s, du %s.", letters.Kind(l.Kind).Label(), l.Recipient, l.Date)),
		formGrid(widget.NewLabel("Envoi"), level, widget.NewLabel(""), ar, widget.NewLabel("N° de suivi"), number),
	), func() []string {
		n, _, err := debt.ParseTracking(number.Text)
		if err != nil {
			return []string{upperFirst(err.Error())}
		}
		post := debt.Registered{Level: debt.RegisteredLevels[max(0, level.SelectedIndex())], AR: ar.Checked, Tracking: n}
		if err := ds.SetPost(context.Background(), l.ID, post, s.ui.author(), s.ui.now()); err != nil {
			return s.ui.errorMessages(err)
		}
		s.reload()
		return nil
	})
	f.submitOnEnter(number)
	s.trackDialog, s.trackEntry = f, number
	f.show(fyne.NewSize(560, 300))
	s.ui.win.Canvas().Focus(number)
}

// onAR opens the AR dialog of the selected letter.
func (s *lettersScreen) onAR() {
	if l, ok := s.selected(); ok {
		s.ar = newARDialog(s.ui, l, s.reload)
		s.ar.show()
	}
}

// onFindAR finds the letter of an AR card by its tracking number and opens
// its dialog.
func (s *lettersScreen) onFindAR(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	ds, err := s.ui.dataStore()
	if err != nil {
		s.ui.showError(err)
		return
	}
	l, err := ds.LetterByTracking(context.Background(), text)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.arFind.SetText("")
	switch {
	case l.AR.Outcome != "":
		s.ui.showInfo("AR déjà enregistré", fmt.Sprintf("Le courrier %s (dossier %s) a déjà son AR : %s.", l.Ref, l.CaseRef, l.AR.Text()))
	case l.Deposit.IsZero():
		s.ui.showInfo("Courrier non déposé", fmt.Sprintf("Le courrier %s (dossier %s) n'est pas encore déposé à La Poste : faites d'abord la tournée du jour.", l.Ref, l.CaseRef))
	default:
		s.ar = newARDialog(s.ui, l, s.reload)
		s.ar.show()
	}
}

// onDayBatch confirms, then prints the day's batch: every letter not yet
// posted and the deposit list of the registered ones. The PDF is kept in
// the data folder and opened for printing; the letters are recorded as
// posted only once the clerk says the batch left for La Poste.
func (s *lettersScreen) onDayBatch() {
	n := s.counts[data.StageToPrint] + s.counts[data.StageToPost]
	today := s.ui.today()
	s.ui.confirm("Tournée du jour",
		fmt.Sprintf("Imprimer la tournée du %s : %s, suivis du bordereau de dépôt des recommandés.\n"+
			"Ils ne seront enregistrés comme déposés qu'une fois le lot parti à La Poste.", dayInWords(today), countOf(n, "aucun courrier", "courrier", "courriers")),
		s.runDayBatch)
}

func (s *lettersScreen) runDayBatch() {
	ds, err := s.ui.dataStore()
	if err != nil {
		s.ui.showError(err)
		return
	}
	today := s.ui.today()
	s.batchBtn.Disable()
	s.batchBtn.SetText("Tournée en cours…")
	s.ui.background(func(ctx context.Context) func() {
		b, err := mailroom.PrepareDay(ctx, ds, today)
		var path string
		if err == nil {
			path, err = writeBatch(ds, today, b.PDF)
		}
		return func() {
			s.batchBtn.SetText("Tournée du jour…")
			s.reload()
			if err != nil {
				s.ui.showError(err)
				return
			}
			s.lastBatch = path
			if err := s.ui.openPath(path); err != nil {
				s.ui.showError(err)
				return
			}
			s.askDeposit(ds, b, path)
		}
	})
}

// askDeposit asks, once the batch is printed, whether it left for La
// Poste: only then are its letters recorded as deposited. On no, nothing
// changes and the letters stay in the day's list.
func (s *lettersScreen) askDeposit(ds *data.Store, b mailroom.Batch, path string) {
	registered := 0
	for _, l := range b.Letters {
		if l.Post.IsRegistered() {
			registered++
		}
	}
	printed := fmt.Sprintf("%s dont %s, et le bordereau de dépôt, dans un seul PDF ouvert pour l'impression (conservé dans %s).",
		upperFirst(countOf(len(b.Letters), "aucun courrier", "courrier", "courriers")),
		countOf(registered, "aucun recommandé", "recommandé", "recommandés"), path)
	if len(b.Pending) == 0 {
		s.ui.showInfo("Tournée du jour", printed+"\nCes courriers sont déjà enregistrés comme déposés.")
		return
	}
	which := fmt.Sprintf("Les %s seront enregistrés comme déposés le %s.", countOf(len(b.Pending), "", "courrier", "courriers"), b.Day)
	if len(b.Pending) == 1 {
		which = fmt.Sprintf("Le courrier sera enregistré comme déposé le %s.", b.Day)
	}
	s.ui.confirm("Lot parti à La Poste ?", printed+"\nLe lot est-il parti à La Poste ? "+which,
		func() {
			author, now := s.ui.author(), s.ui.now()
			s.ui.background(func(ctx context.Context) func() {
				err := mailroom.ConfirmDeposit(ctx, ds, b, author, now)
				return func() {
					s.reload()
					if err != nil {
						s.ui.showError(err)
					}
				}
			})
		})
}

// writeBatch keeps the day's batch next to the database, in "tournees",
// one file per day (printing the day again rewrites it with the same
// letters and the new ones).
func writeBatch(ds *data.Store, day debt.Date, pdf []byte) (string, error) {
	dir := filepath.Join(filepath.Dir(ds.Path()), "tournees")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", pdfWriteError(dir, err)
	}
	path := filepath.Join(dir, "tournee-"+day.ISO()+".pdf")
	if err := writeFileSync(path, pdf); err != nil {
		return "", pdfWriteError(path, err)
	}
	return path, nil
}

// writeFileSync writes a file through a temporary file, synced and renamed,
// so that a crash never leaves half a PDF.
func writeFileSync(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func pdfWriteError(path string, err error) error {
	return &data.Error{Code: data.EINTERNAL, Message: "Le PDF n'a pas pu être écrit dans " + path + " : vérifiez la place sur le disque et les droits du dossier.",
		Err: fmt.Errorf("write pdf: %w", err)}
}

// openPDF writes a PDF that is not kept (a preview, a calibration page)
// to the temporary folder under name, and opens it with the system viewer.
func (u *UI) openPDF(name string, pdf []byte) error {
	dir := filepath.Join(os.TempDir(), "amiable-apercus")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return pdfWriteError(dir, err)
	}
	path := filepath.Join(dir, safeFileName(name)+".pdf")
	if err := writeFileSync(path, pdf); err != nil {
		return pdfWriteError(path, err)
	}
	return u.openPath(path)
}

// safeFileName keeps letters, digits, dashes and dots of a name.
func safeFileName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '_'
	}, s)
}

// errNoDataStore is returned when the window runs over a store that is not
// the SQLite one (mailroom and the e-mail sync work on *data.Store).
var errNoDataStore = errors.New("store is not *data.Store")

// dataStore returns the SQLite store under the window. The mail room
// (mailroom) and the e-mail sync (data.Store.Mail) take the concrete store
// rather than an interface: this is the one place the window reaches it.
func (u *UI) dataStore() (*data.Store, error) {
	if ds, ok := u.store.(*data.Store); ok {
		return ds, nil
	}
	return nil, &data.Error{Code: data.EINTERNAL, Message: "Les courriers et les courriels ne sont pas disponibles avec ce stockage.", Err: errNoDataStore}
}

// background runs slow work (network, a batch of PDFs) on its own
// goroutine rather than on the worker, so that the screens' reads do not
// wait behind it; its result goes through the UI queue like the worker's.
// The worker counts it, so that tests wait for it.
func (u *UI) background(work func(ctx context.Context) func()) {
	w := u.worker
	w.busy.Add(1)
	go func() {
		defer w.busy.Done()
		if w.ctx.Err() != nil {
			return
		}
		if apply := work(w.ctx); apply != nil && w.ctx.Err() == nil {
			uiPost(apply)
		}
	}()
}

// setRailBadge shows a count after a screen's title on the rail ("Courriers
// (3)"); zero shows the title alone.
func (u *UI) setRailBadge(scr *screen, n int) {
	i := u.indexOf(scr)
	if u.tabs == nil || i < 0 || i >= len(u.tabs.Items) {
		return
	}
	text := scr.title
	if n > 0 {
		text = fmt.Sprintf("%s (%s)", scr.title, groupThousands(n))
	}
	if u.tabs.Items[i].Text != text {
		u.tabs.Items[i].Text = text
		u.tabs.Refresh()
	}
}

package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
	"amiable/demo"
	"amiable/letters"
	"amiable/mailroom"
)

// demoOffice fills the store with a small demo office and returns a case
// whose verification checklist is complete, in the "relancé" status, with
// a private person as its first debtor (as mailroom's tests do).
func demoOffice(t *testing.T, st *data.Store) debt.Case {
	t.Helper()
	if _, err := demo.Fill(ctx, st, demo.Options{Cases: 80, Seed: 5, Now: testNow}); err != nil {
		t.Fatalf("Demo: %v", err)
	}
	rows, err := st.ListCases(ctx, data.CaseQuery{Statuses: []debt.Status{debt.StatusReminded}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		c, err := st.Case(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Not time-barred: a reminder or a formal notice may demand it.
		fig, err := st.Figures(ctx, c.ID, debt.DateOf(testNow))
		if err != nil {
			t.Fatal(err)
		}
		if debt.Verify(c, debt.DateOf(testNow)).Complete() && c.FirstDebtor().Type == debt.Person && !debt.DateOf(testNow).After(fig.Limitation.Expires) {
			return c
		}
	}
	t.Fatal("no verified case in the demo")
	return debt.Case{}
}

// recordOpened makes the window record the files it would open; the
// previews it writes go to the test's temporary folder.
func recordOpened(t *testing.T, u *UI) *[]string {
	t.Setenv("TMPDIR", t.TempDir())
	var opened []string
	u.openURL = func(link string) error { opened = append(opened, link); return nil }
	return &opened
}

// openedPath returns the local path of an opened file:// link.
func openedPath(t *testing.T, link string) string {
	t.Helper()
	uri, err := storage.ParseURI(link)
	if err != nil || uri.Scheme() != "file" {
		t.Fatalf("opened %q, want a file", link)
	}
	return uri.Path()
}

// isPDF reports whether the file starts as a PDF does.
func isPDF(t *testing.T, path string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	return err == nil && bytes.HasPrefix(b, []byte("%PDF-"))
}

func kindIndex(k letters.Kind) int { return slices.Index(letters.Kinds, k) }

func TestIssueLetterFromCaseView(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	opened := recordOpened(t, u)
	u.openCase(c.ID)
	v := u.cases.view

	pressShortcut(u, fyne.KeyL)
	d := v.letterDlg
	if d == nil {
		t.Fatal("Ctrl+L in a case opened no letter dialog")
	}
	if got := d.selectedKind(); got != letters.Reminder2 {
		t.Errorf("suggested kind for a reminded case = %s, want %s", got, letters.Reminder2)
	}
	d.kind.SetSelectedIndex(kindIndex(letters.FormalNotice))
	if d.post.Selected != debt.LevelR1.Label() || !d.ar.Checked || !d.postRows.Visible() {
		t.Errorf("formal notice posting = %q, AR %v, tracking shown %v; want R1 with AR and the tracking field", d.post.Selected, d.ar.Checked, d.postRows.Visible())
	}
	if d.recipient.Selected != "Débiteur : "+c.FirstDebtor().Name() {
		t.Errorf("recipient = %q, want the first debtor", d.recipient.Selected)
	}

	// Aperçu checks and opens the PDF; without tracking number it may
	// still be previewed.
	test.Tap(d.preview)
	if len(*opened) != 1 || !isPDF(t, openedPath(t, (*opened)[0])) {
		t.Fatalf("Aperçu opened %q, want one PDF", *opened)
	}

	// Issued without its tracking number: refused, with the list of what
	// to fix, and nothing is kept.
	test.Tap(d.f.confirm)
	if !d.f.errs.Visible() || d.f.errs.Text != "1 point à corriger : voir la liste en haut du formulaire." ||
		!d.problems.Visible() || !hasText(d.problems, "Le courrier ne peut pas être émis (1 point à corriger)") ||
		!hasText(d.problems, "Le numéro de l'envoi recommandé manque — Collez l'étiquette") {
		t.Fatalf("refusal shown = %q / %q, want the problem and its fix in the list", d.f.errs.Text, texts(d.problems))
	}
	if ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID}); len(ls) != 0 {
		t.Fatalf("a refused letter was kept: %d letters", len(ls))
	}

	// A mistyped number (wrong S10 check digit) is caught on Enter.
	test.Type(d.tracking, "RW 799 210 634 FR")
	d.tracking.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !strings.Contains(d.trackInfo.Text, "chiffre de contrôle 4, attendu 3") {
		t.Errorf("tracking check = %q, want the check digit error", d.trackInfo.Text)
	}
	d.tracking.SetText("")
	test.Type(d.tracking, "rw799210633fr") // as a scanner may type it
	d.tracking.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if d.trackInfo.Text != "RW 799 210 633 FR — Recommandé international (UPU S10)" {
		t.Errorf("tracking check = %q", d.trackInfo.Text)
	}
	test.Tap(d.f.confirm)
	if !d.f.closed {
		t.Fatalf("dialog still open after Émettre: %q", d.f.errs.Text)
	}
	top := topOverlay(t, u)
	if !hasText(top, "Mise en demeure "+c.Ref+"-") || !hasText(top, "n° RW 799 210 633 FR") || !hasText(top, "Délai laissé au destinataire") {
		t.Errorf("confirmation = %q", texts(top))
	}
	u.onEscape()

	ls, err := st.Letters(ctx, data.LetterQuery{CaseID: c.ID})
	if err != nil || len(ls) != 1 {
		t.Fatalf("letters after issuing = %d, %v; want 1", len(ls), err)
	}
	l := ls[0]
	if l.Kind != string(letters.FormalNotice) || l.Post.Tracking != "RW799210633FR" || !l.Post.AR || l.Stage() != data.StageToPrint || !isPDF(t, l.Path) {
		t.Errorf("issued letter = %+v", l)
	}
	// the case view shows the new status, the letter and its journal entry
	if v.status.Text != debt.StatusFormalNotice.Label() {
		t.Errorf("status after the formal notice = %q, want %q", v.status.Text, debt.StatusFormalNotice.Label())
	}
	if !hasText(v.lettersBox, "Mise en demeure — réf. "+l.Ref) || !hasText(v.lettersBox, "R1 + AR · RW 799 210 633 FR · à imprimer") {
		t.Errorf("case letters = %q", texts(v.lettersBox))
	}
	if !hasText(v.journal, "Courrier émis : Mise en demeure (réf. "+l.Ref+")") {
		t.Errorf("journal lacks the letter: %q", texts(v.journal))
	}
	name := l.Ref + " Mise en demeure.pdf"
	test.Tap(button(t, v.journal, name))
	if last := (*opened)[len(*opened)-1]; filepath.Base(openedPath(t, last)) != name || !sameBytes(t, openedPath(t, last), l.Path) {
		t.Errorf("journal document opened %q, want a copy of the letter's PDF %s named %q", last, l.Path, name)
	}

	// The same number on another letter is refused by the store.
	u.onNewLetter()
	d2 := v.letterDlg
	d2.kind.SetSelectedIndex(kindIndex(letters.Reminder2))
	d2.post.SetSelected(debt.LevelR2.Label())
	test.Type(d2.tracking, "RW 799 210 633 FR")
	test.Tap(d2.f.confirm)
	if d2.f.closed || !strings.Contains(d2.f.errs.Text, "Le numéro de suivi RW 799 210 633 FR est déjà celui d'un autre courrier") {
		t.Errorf("second letter with the same number: %q, want it refused", d2.f.errs.Text)
	}
	d2.f.onCancel()
}

func TestNewLetterNeedsAnOpenCase(t *testing.T) {
	u, _ := newTestUI(t)
	u.showScreen(u.letters.index())
	pressShortcut(u, fyne.KeyL)
	if top := topOverlay(t, u); !hasText(top, "Ouvrez d'abord le dossier") {
		t.Errorf("Ctrl+L without a case = %q", texts(top))
	}
}

// issue issues a letter through the mail room, as the dialog does.
func issue(t *testing.T, st *data.Store, req mailroom.Request) data.LetterRow {
	t.Helper()
	row, _, err := mailroom.Issue(ctx, st, req, "test", testNow)
	if err != nil {
		t.Fatalf("Issue(%s): %v", req.Kind, err)
	}
	return row
}

func tabTexts(s *lettersScreen) []string {
	var out []string
	for _, ls := range s.stages {
		out = append(out, ls.item.Text)
	}
	return out
}

func TestCourriersStagesDayBatchAndAR(t *testing.T) {
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	opened := recordOpened(t, u)
	reminder := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder2})
	// The same day as the reminder: confirmed (Force), as the window asks.
	notice := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.FormalNotice, Force: true,
		Post: debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1A 123 456 7890 1"}})
	toCreditor := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.ToCreditor, Report: letters.ReportStatus})

	s := u.letters
	pressShortcut(u, fyne.Key3)
	settle(u)
	want := []string{"À imprimer (3)", "À poster (0)", "En attente d'AR (0)", "Terminé (0)"}
	if got := tabTexts(s); !slices.Equal(got, want) {
		t.Errorf("tabs = %q, want %q", got, want)
	}
	if got := u.tabs.Items[s.index()].Text; got != "Courriers (3)" {
		t.Errorf("rail = %q, want Courriers (3)", got)
	}
	toPrint := s.stage(data.StageToPrint)
	if got := column(toPrint.table, 2); !slices.Equal(got, []string{"Lettre au créancier", "Mise en demeure", "Deuxième relance"}) {
		t.Errorf("kinds to print = %q", got)
	}
	if got := cell(toPrint.table, 1, 4); got != "R1 + AR · 1A 123 456 7890 1" {
		t.Errorf("posting of the notice = %q", got)
	}
	if s.batchBtn.Disabled() || !s.printedBtn.Disabled() {
		t.Errorf("without selection: batch disabled %v, mark printed disabled %v", s.batchBtn.Disabled(), s.printedBtn.Disabled())
	}

	// Enter on a row opens its PDF; "Marquer imprimé" moves it on.
	toPrint.table.Select(widgetCell(2, 0))
	toPrint.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(*opened) != 1 || filepath.Base(openedPath(t, (*opened)[0])) != reminder.Ref+" Deuxième relance.pdf" || !sameBytes(t, openedPath(t, (*opened)[0]), reminder.Path) {
		t.Errorf("Enter opened %q, want a copy of the reminder's PDF named « %s Deuxième relance.pdf »", *opened, reminder.Ref)
	}
	test.Tap(s.printedBtn)
	settle(u)
	if got := tabTexts(s)[:2]; !slices.Equal(got, []string{"À imprimer (2)", "À poster (1)"}) {
		t.Errorf("after Marquer imprimé: %q", got)
	}

	// The letter to the creditor gets a registered number typed or
	// scanned (Enter ends the scan); a number already used is refused.
	toPrint.table.Select(widgetCell(0, 0))
	if s.trackBtn.Disabled() {
		t.Fatal("N° de suivi… disabled on a letter without number")
	}
	test.Tap(s.trackBtn)
	f := s.trackDialog
	number := s.trackEntry
	test.Type(number, "1A 123 456 7890 1")
	number.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.closed || !strings.Contains(f.errs.Text, "déjà celui d'un autre courrier") {
		t.Fatalf("duplicate tracking: closed %v, %q", f.closed, f.errs.Text)
	}
	number.SetText("")
	test.Type(number, "1A 123 456 7890 2")
	number.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(u)
	if !f.closed {
		t.Fatalf("tracking dialog still open: %q", f.errs.Text)
	}
	if l, _ := st.Letter(ctx, toCreditor.ID); l.Post.Tracking != "1A12345678902" || l.Post.Level != debt.LevelR1 || !l.Post.AR {
		t.Errorf("letter to the creditor after N° de suivi = %+v", l.Post)
	}

	// Tournée du jour: one PDF, kept, opened; the letters are posted
	// only once the clerk says the batch left for La Poste.
	for _, left := range []bool{false, true} {
		test.Tap(s.batchBtn)
		top := topOverlay(t, u)
		if !hasText(top, "Imprimer la tournée du vendredi 15 mai 2026 : 3 courriers") {
			t.Errorf("batch confirmation = %q", texts(top))
		}
		test.Tap(button(t, top, "Oui"))
		settle(u)
		if s.lastBatch == "" || !isPDF(t, s.lastBatch) || filepath.Base(s.lastBatch) != "tournee-2026-05-15.pdf" {
			t.Fatalf("day batch file = %q", s.lastBatch)
		}
		if last := (*opened)[len(*opened)-1]; openedPath(t, last) != s.lastBatch {
			t.Errorf("opened %q after the batch, want %s", last, s.lastBatch)
		}
		top = topOverlay(t, u)
		if !hasText(top, "3 courriers dont 2 recommandés") ||
			!hasText(top, "Le lot est-il parti à La Poste ? Les 3 courriers seront enregistrés comme déposés le 15/05/2026.") {
			t.Errorf("deposit question = %q", texts(top))
		}
		if counts, _ := st.LetterCounts(ctx); counts[data.StageToPrint] != 2 || counts[data.StageToPost] != 1 {
			t.Errorf("letters recorded before the deposit was confirmed: %v", counts)
		}
		if !left {
			test.Tap(button(t, top, "Non"))
			settle(u)
			if got := tabTexts(s)[:2]; !slices.Equal(got, []string{"À imprimer (2)", "À poster (1)"}) {
				t.Errorf("after « Non »: %q, want the letters still in the day's list", got)
			}
			continue
		}
		test.Tap(button(t, top, "Oui"))
		settle(u)
	}
	if got := tabTexts(s); !slices.Equal(got, []string{"À imprimer (0)", "À poster (0)", "En attente d'AR (2)", "Terminé (1)"}) {
		t.Errorf("after the batch: %q", got)
	}
	if got := u.tabs.Items[s.index()].Text; got != "Courriers" {
		t.Errorf("rail after the batch = %q, want Courriers", got)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out := filepath.Join(t.TempDir(), "b.txt")
		if b, err := exec.Command("pdftotext", s.lastBatch, out).CombinedOutput(); err != nil {
			t.Fatalf("pdftotext: %v %s", err, b)
		}
		text, _ := os.ReadFile(out)
		if !strings.Contains(strings.ToLower(string(text)), "bordereau") || !strings.Contains(string(text), "1A 123 456 7890 1") {
			t.Errorf("batch PDF lacks the deposit list")
		}
	}

	// An AR card comes back: its number, scanned, opens its dialog.
	test.Type(s.arFind, "1a 123 456 7890 1")
	s.arFind.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ar := s.ar
	if ar == nil || ar.l.ID != notice.ID {
		t.Fatal("scanning the AR's number opened no dialog for the notice")
	}
	ar.outcome.SetSelected(debt.ARDelivered.Label())
	test.Tap(ar.f.confirm)
	if !strings.Contains(ar.f.errs.Text, "Indiquez la date de distribution") || !strings.Contains(ar.f.errs.Text, "Indiquez qui a signé l'AR") {
		t.Errorf("AR without date nor signer = %q", ar.f.errs.Text)
	}
	test.Type(ar.presented, "15/05/2026")
	test.Type(ar.delivered, "15/05/2026")
	ar.signer.SetSelected(ar.signer.Options[0])
	scan := filepath.Join(t.TempDir(), "ar-scan.png")
	if err := os.WriteFile(scan, []byte("\x89PNG\r\n\x1a\nscan"), 0o600); err != nil {
		t.Fatal(err)
	}
	rc, err := storage.Reader(storage.NewFileURI(scan))
	if err != nil {
		t.Fatal(err)
	}
	ar.onScanChosen(rc, nil)
	if !strings.HasPrefix(ar.scanLabel.Text, "ar-scan.png") {
		t.Errorf("scan label = %q", ar.scanLabel.Text)
	}
	test.Tap(ar.f.confirm)
	settle(u)
	if !ar.f.closed {
		t.Fatalf("AR dialog still open: %q", ar.f.errs.Text)
	}
	l, _ := st.Letter(ctx, notice.ID)
	if l.AR.Outcome != debt.ARDelivered || l.AR.SignedBy != debt.SignedByAddressee || l.ARDocID == 0 {
		t.Errorf("AR recorded = %+v, scan %d", l.AR, l.ARDocID)
	}
	if got := tabTexts(s)[2]; got != "En attente d'AR (1)" {
		t.Errorf("after the AR: %q", got)
	}
	events, _ := st.Events(ctx, c.ID)
	found := false
	for _, e := range events {
		found = found || strings.Contains(e.Text, "AR du courrier "+notice.Ref) && strings.Contains(e.Text, "Distribué le 15/05/2026")
	}
	if !found {
		t.Error("the journal does not show the AR")
	}

	// The same card scanned again says it is done.
	test.Type(s.arFind, "1A 123 456 7890 1")
	s.arFind.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if top := topOverlay(t, u); !hasText(top, "a déjà son AR") {
		t.Errorf("second scan = %q", texts(top))
	}
	u.onEscape()
}

func TestCourriersEmptyStates(t *testing.T) {
	u, _ := newTestUI(t)
	u.showScreen(u.letters.index())
	settle(u)
	s := u.letters
	if !s.stage(data.StageToPrint).empty.Visible() || !hasText(s.scr.content, "Ctrl+L") {
		t.Errorf("empty Courriers = %q, want how to issue a letter", texts(s.scr.content))
	}
	if !s.batchBtn.Disabled() {
		t.Error("Tournée du jour enabled with nothing to post")
	}
}

func TestPrintDirectlyWithLp(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no lp on Windows")
	}
	bin := t.TempDir()
	logFile := filepath.Join(bin, "lp.log")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + logFile + "\n"
	if err := os.WriteFile(filepath.Join(bin, "lp"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("TMPDIR", t.TempDir())
	u, st := newTestUI(t)
	c := demoOffice(t, st)
	l := issue(t, st, mailroom.Request{CaseID: c.ID, Kind: letters.Reminder2})
	s := u.letters
	u.showScreen(s.index())
	settle(u)
	if !s.lpBtn.Visible() {
		t.Fatal("Imprimer directement hidden although lp exists")
	}
	s.stage(data.StageToPrint).table.Select(widgetCell(0, 0))
	test.Tap(s.lpBtn)
	settle(u)
	args, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("lp was not run: %v", err)
	}
	// lp prints a checked copy named for the person, read through the store
	copyPath := filepath.Join(copyDir(), letterFileName(l))
	if got, want := strings.Split(strings.TrimSuffix(string(args), "\n"), "\n"), []string{"-t", l.Ref, "--", copyPath}; !slices.Equal(got, want) {
		t.Errorf("lp arguments = %q, want %q", got, want)
	}
	if !sameBytes(t, copyPath, l.Path) {
		t.Errorf("printed copy %s differs from the kept PDF %s", copyPath, l.Path)
	}
	if got, _ := st.Letter(ctx, l.ID); got.Stage() != data.StageToPost {
		t.Errorf("after printing directly the letter is %s, want à poster", got.Stage().Label())
	}
}

// sameBytes reports whether two files hold the same bytes.
func sameBytes(t *testing.T, a, b string) bool {
	t.Helper()
	x, err1 := os.ReadFile(a)
	y, err2 := os.ReadFile(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

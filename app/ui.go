package app

import (
	"context"
	"errors"
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"

	"amiable/data"
	"amiable/debt"
)

// Options configures the window.
type Options struct {
	// Author is the staff member's name written in the journal while the
	// "Votre nom" preference (Paramètres) is empty; main passes the
	// session's user name.
	Author string
	// Now returns the current instant; nil means time.Now. Tests pin it.
	Now func() time.Time
	// Ready, when set, is called once on the UI goroutine when the window
	// is usable: shown, and the screen it opened on has displayed its
	// first data. main traces it for the start-up benchmark.
	Ready func()
	// OpenDemo, when set, opens a demonstration office beside this one
	// (the welcome assistant's button); nil hides the button.
	OpenDemo func()
}

// UI is Amiable's main window and its screens.
type UI struct {
	app    fyne.App
	win    fyne.Window
	store  Store
	opts   Options
	prefs  prefs
	ctx    context.Context
	cancel context.CancelFunc
	worker *worker

	tabs    *container.AppTabs
	screens []*screen

	review   *reviewScreen
	cases    *caseList
	letters  *lettersScreen
	mail     *mailScreen
	parties  *partyList
	settings *settingsScreen
	calc     *calculator
	welcome  *welcome // the first-run assistant while it is shown
	// saveAsDlg is the last « Enregistrer sous… » dialog (tests drive it)
	saveAsDlg *formDialog
	// caseFrom is the screen the open case was opened from (Échap goes
	// back to it); the Dossiers screen when opened from its list.
	caseFrom int

	dialogs []dialog.Dialog
	// onEnter is what Entrée does in an open dialog when no field takes
	// it: confirm a form or a question, close a message.
	onEnter map[dialog.Dialog]func()
	// start-up: the window is shown, the selected screen has shown its
	// data, Options.Ready was called
	shown, loaded, ready bool
	// openURL opens a file or link with the system (a test records it).
	openURL func(u string) error
}

// screen is one entry of the navigation rail. Later screens (Calculette,
// payments…) are appended to UI.screens in New.
type screen struct {
	title   string
	icon    fyne.Resource
	content fyne.CanvasObject
	search  func() fyne.Focusable // the field Ctrl+F focuses; nil if none
	shown   func()                // called each time the screen is selected; may be nil
}

// New builds the main window, titled "Amiable", over the store. Fyne's own
// dialogs are switched to French first. The window is not shown: call
// ShowAndRun (or Window().Show()).
func New(a fyne.App, st Store, opts Options) *UI {
	frenchOnce.Do(func() {
		if err := useFrench(); err != nil {
			log.Printf("app: %v", err)
		}
	})
	if opts.Now == nil {
		opts.Now = time.Now
	}
	useFocusTheme(a)
	u := &UI{app: a, store: st, opts: opts, prefs: prefs{a.Preferences()}}
	u.ctx, u.cancel = context.WithCancel(context.Background())
	u.worker = newWorker(u.ctx)
	u.openURL = u.openWithSystem
	u.win = a.NewWindow("Amiable")
	u.win.SetOnClosed(func() {
		u.saveWindowSize()
		u.cancel()
	})

	u.review = newReviewScreen(u)
	u.cases = newCaseList(u)
	u.letters = newLettersScreen(u)
	u.mail = newMailScreen(u)
	u.parties = newPartyList(u)
	u.settings = newSettingsScreen(u)
	u.calc = newCalculator(u)
	u.screens = []*screen{
		u.review.screen(),
		u.cases.screen(),
		u.letters.screen(),
		u.mail.screen(),
		u.parties.screen(),
		u.settings.screen(),
		u.calc.screen(),
	}

	items := make([]*container.TabItem, len(u.screens))
	for i, s := range u.screens {
		items[i] = container.NewTabItemWithIcon(s.title, s.icon, s.content)
	}
	u.tabs = container.NewAppTabs(items...)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = func(*container.TabItem) { u.onScreenSelected() }

	u.win.SetContent(u.tabs)
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			u.onEscape()
			return
		case fyne.KeyReturn, fyne.KeyEnter:
			u.onReturn()
			return
		}
		u.onWindowKey(k)
	})
	u.win.Resize(u.prefs.WindowSize())
	u.win.CenterOnScreen()
	u.showScreen(u.cases.index())
	return u
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (u *UI) ShowAndRun() {
	u.show()
	u.app.Run()
}

// show shows the window (mapped when it returns, with the desktop driver).
func (u *UI) show() {
	u.win.Show()
	u.shown = true
	u.checkReady()
}

// screenLoaded is called by a screen once it displays its data; the first
// time the selected screen does, the window is usable (Options.Ready).
func (u *UI) screenLoaded(s *screen) {
	if u.loaded || u.tabs == nil || u.screens[u.tabs.SelectedIndex()] != s {
		return
	}
	u.loaded = true
	u.checkReady()
}

func (u *UI) checkReady() {
	if u.ready || !u.shown || !u.loaded || u.opts.Ready == nil {
		return
	}
	u.ready = true
	u.opts.Ready()
}

func (u *UI) now() time.Time { return u.opts.Now() }

func (u *UI) today() debt.Date { return debt.DateOf(u.now()) }

// author is the staff member signing journal entries.
func (u *UI) author() string {
	if a := u.prefs.Author(); a != "" {
		return a
	}
	return u.opts.Author
}

// showScreen selects the i-th screen of the rail.
func (u *UI) showScreen(i int) {
	if i < 0 || i >= len(u.screens) {
		return
	}
	if u.tabs.SelectedIndex() == i {
		u.onScreenSelected()
		return
	}
	u.tabs.SelectIndex(i)
}

func (u *UI) onScreenSelected() {
	if s := u.screens[u.tabs.SelectedIndex()]; s.shown != nil {
		s.shown()
	}
}

// openCase shows the case in the Dossiers screen; Échap from it returns
// to the screen it was opened from.
func (u *UI) openCase(id int64) {
	from := u.tabs.SelectedIndex()
	u.showScreen(u.cases.index())
	u.cases.openFrom(id, from)
}

// onNewCase opens the form of a new case (Ctrl+N).
func (u *UI) onNewCase() {
	u.cases.form = newCaseForm(u, debt.Case{}, func(c debt.Case) { u.openCase(c.ID) })
	u.cases.form.show()
}

// onNewParty opens the form of a new party.
func (u *UI) onNewParty() {
	u.parties.form = newPartyForm(u, debt.Party{Type: debt.Person, LegalKind: debt.Consumer}, func(debt.Party) { u.parties.reload() })
	u.parties.form.show()
}

// onFocusSearch focuses the search field of the current screen, or of the
// Dossiers screen when the current one has none (Ctrl+F). From a case, it
// goes back to the list.
func (u *UI) onFocusSearch() {
	s := u.screens[u.tabs.SelectedIndex()]
	if s.search == nil {
		u.showScreen(u.cases.index())
		s = u.screens[u.cases.index()]
	}
	if u.tabs.SelectedIndex() == u.cases.index() {
		u.cases.back()
	}
	u.win.Canvas().Focus(s.search())
}

// onEscape closes the top dialog, else goes back from the case view.
func (u *UI) onEscape() {
	if n := len(u.dialogs); n > 0 {
		u.dialogs[n-1].Dismiss()
		return
	}
	if u.welcome != nil {
		return
	}
	if u.tabs.SelectedIndex() == u.cases.index() && u.cases.view != nil {
		u.backFromCase()
	}
}

// backFromCase closes the open case and returns to the screen it was
// opened from (the case's « Retour » button and Échap).
func (u *UI) backFromCase() {
	from := u.caseFrom
	u.cases.back()
	if from != u.cases.index() && from >= 0 {
		u.showScreen(from)
	}
}

// backLabel is the case's back button: where it returns, and its key.
func (u *UI) backLabel() string {
	if u.caseFrom >= 0 && u.caseFrom < len(u.screens) && u.caseFrom != u.cases.index() {
		return u.screens[u.caseFrom].title + " (Échap)"
	}
	return "Dossiers (Échap)"
}

// showDialog shows d and keeps it on the stack Échap closes; after runs
// once it has closed, however it closed.
func (u *UI) showDialog(d dialog.Dialog, after ...func()) {
	u.dialogs = append(u.dialogs, d)
	if u.onEnter == nil {
		u.onEnter = map[dialog.Dialog]func(){}
	}
	if c, ok := d.(*dialog.ConfirmDialog); ok {
		u.onEnter[d] = c.Confirm
	}
	d.SetOnClosed(func() {
		delete(u.onEnter, d)
		for i := len(u.dialogs) - 1; i >= 0; i-- {
			if u.dialogs[i] == d {
				u.dialogs = append(u.dialogs[:i], u.dialogs[i+1:]...)
				break
			}
		}
		for _, f := range after {
			f()
		}
	})
	d.Show()
}

// showMessage shows a message dialog, which Entrée and Échap close.
func (u *UI) showMessage(d dialog.Dialog) {
	if u.onEnter == nil {
		u.onEnter = map[dialog.Dialog]func(){}
	}
	u.onEnter[d] = d.Dismiss
	u.showDialog(d)
}

// onReturn is Entrée with no field focused: it confirms or closes the
// dialog on top.
func (u *UI) onReturn() {
	if n := len(u.dialogs); n > 0 {
		if f := u.onEnter[u.dialogs[n-1]]; f != nil {
			f()
		}
	}
}

// showError shows one French sentence for err in a dialog and logs the
// whole chain.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	u.logError(err)
	u.showMessage(dialog.NewError(errors.New(data.Message(err)), u.win))
}

// logError records err with its whole chain, for support.
func (u *UI) logError(err error) { log.Printf("app: %v", err) }

// indexOf returns the rail position of a screen, -1 if absent.
func (u *UI) indexOf(s *screen) int {
	for i, t := range u.screens {
		if t == s {
			return i
		}
	}
	return -1
}

// showInfo shows a short French message.
func (u *UI) showInfo(title, message string) {
	u.showMessage(dialog.NewInformation(title, message, u.win))
}

// confirm asks a yes/no question; yes runs onYes.
func (u *UI) confirm(title, message string, onYes func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			onYes()
		}
	}, u.win)
	u.showDialog(d)
}

// shortcut is a keyboard shortcut of the window, listed in the menu, in
// Paramètres › Raccourcis, and registered on the canvas.
type shortcut struct {
	label string
	keys  string // as shown to the person
	sc    fyne.Shortcut
	run   func()
	menu  string // the menu listing it: "Fichier", "Aller à" or "Dossier"
}

func (u *UI) shortcuts() []shortcut {
	mod := fyne.KeyModifierShortcutDefault
	list := []shortcut{
		{"Nouveau dossier", "Ctrl+N", &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: mod}, u.onNewCase, menuFile},
		{"Rechercher", "Ctrl+F", &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: mod}, u.onFocusSearch, menuFile},
		{"Encaisser un paiement", "Ctrl+E", &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: mod}, u.onRecordPayment, menuCase},
		{"Nouveau courrier", "Ctrl+L", &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: mod}, u.onNewLetter, menuCase},
	}
	for i, s := range u.screens {
		if i >= len(screenKeys) {
			break
		}
		list = append(list, shortcut{
			label: "Aller à : " + s.title,
			keys:  string(screenKeys[i]),
			run:   func() { u.showScreen(i) },
			menu:  menuGo,
		})
	}
	list = append(list,
		shortcut{"Onglet suivant (dossier, Paramètres)", "Ctrl+Tab ou Ctrl+Page suiv.", &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl}, func() { u.nextTab(1) }, menuGo},
		shortcut{"Onglet précédent", "Ctrl+Maj+Tab ou Ctrl+Page préc.", &desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}, func() { u.nextTab(-1) }, menuGo},
	)
	return list
}

// screenKeys are the keys of the rail's screens: function keys, the same
// on AZERTY and QWERTY keyboards (Ctrl+1 is Ctrl+& on AZERTY).
var screenKeys = []fyne.KeyName{fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6, fyne.KeyF7, fyne.KeyF8, fyne.KeyF9}

// onWindowKey handles the window's keys without modifier (the function
// keys of the rail), wherever the focus is; it reports whether it did.
func (u *UI) onWindowKey(k *fyne.KeyEvent) bool {
	for i, key := range screenKeys {
		if k.Name == key && i < len(u.screens) {
			u.unlessDialog(func() { u.showScreen(i) })()
			return true
		}
	}
	return false
}

// nextTab selects the next (step 1) or previous (-1) tab of the open case,
// or of Paramètres (Ctrl+Tab, Ctrl+Page suiv./préc.).
func (u *UI) nextTab(step int) {
	var tabs *container.AppTabs
	switch i := u.tabs.SelectedIndex(); {
	case i == u.cases.index() && u.cases.view != nil:
		tabs = u.cases.view.tabs
	case i == u.settings.index():
		tabs = u.settings.tabs
	}
	if tabs == nil || len(tabs.Items) == 0 {
		return
	}
	n := len(tabs.Items)
	tabs.SelectIndex((tabs.SelectedIndex() + step + n) % n)
}

func (u *UI) addShortcuts() {
	for _, s := range u.shortcuts() {
		if s.sc == nil {
			continue // a function key: onWindowKey
		}
		run := u.unlessDialog(s.run)
		u.win.Canvas().AddShortcut(s.sc, func(fyne.Shortcut) { run() })
	}
	extra := []struct {
		sc  fyne.Shortcut
		run func()
	}{
		{&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierControl}, func() { u.nextTab(1) }},
		{&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierControl}, func() { u.nextTab(-1) }},
	}
	// Ctrl+1 … Ctrl+9 still work on a QWERTY keyboard, unlisted.
	digits := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}
	for i := range u.screens {
		if i < len(digits) {
			extra = append(extra, struct {
				sc  fyne.Shortcut
				run func()
			}{&desktop.CustomShortcut{KeyName: digits[i], Modifier: fyne.KeyModifierShortcutDefault}, func() { u.showScreen(i) }})
		}
	}
	for _, e := range extra {
		run := u.unlessDialog(e.run)
		u.win.Canvas().AddShortcut(e.sc, func(fyne.Shortcut) { run() })
	}
}

// unlessDialog wraps a window action so that it does nothing while a dialog
// is open: Ctrl+N must not stack a second form, Ctrl+2 must not change the
// screen under a form.
func (u *UI) unlessDialog(f func()) func() {
	return func() {
		if len(u.dialogs) == 0 && u.welcome == nil {
			f()
		}
	}
}

// mainMenu carries the shortcuts, so that they work even while a text
// field has the focus (Fyne gives the menu's shortcuts first go).
func (u *UI) mainMenu() *fyne.MainMenu {
	scs := u.shortcuts()
	item := func(s shortcut) *fyne.MenuItem {
		label := s.label
		if s.sc == nil {
			label += " (" + s.keys + ")"
		}
		it := fyne.NewMenuItem(label, u.unlessDialog(s.run))
		it.Shortcut = s.sc
		return it
	}
	items := map[string][]*fyne.MenuItem{}
	for _, s := range scs {
		items[s.menu] = append(items[s.menu], item(s))
	}
	file := fyne.NewMenu(menuFile, items[menuFile][0],
		fyne.NewMenuItem("Nouvelle partie", u.onNewParty),
		items[menuFile][1])
	// Ctrl+Page suiv./préc. in the menu too, so that they work while a
	// text field has the focus.
	for _, k := range []struct {
		label string
		key   fyne.KeyName
		step  int
	}{{"Onglet suivant (Ctrl+Page suiv.)", fyne.KeyPageDown, 1}, {"Onglet précédent (Ctrl+Page préc.)", fyne.KeyPageUp, -1}} {
		it := fyne.NewMenuItem(k.label, u.unlessDialog(func() { u.nextTab(k.step) }))
		it.Shortcut = &desktop.CustomShortcut{KeyName: k.key, Modifier: fyne.KeyModifierControl}
		items[menuGo] = append(items[menuGo], it)
	}
	goItems := append(items[menuGo], fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Retour (Échap)", func() { u.onEscape() }))
	help := fyne.NewMenu("Aide", fyne.NewMenuItem("Raccourcis clavier", u.onShowShortcuts))
	return fyne.NewMainMenu(file, fyne.NewMenu(menuGo, goItems...), fyne.NewMenu(menuCase, items[menuCase]...), help)
}

// The menus of the window.
const (
	menuFile = "Fichier"
	menuGo   = "Aller à"
	menuCase = "Dossier"
)

// onRecordPayment opens the payment dialog of the open case (Ctrl+E);
// without an open case it says how to get one.
func (u *UI) onRecordPayment() {
	if u.tabs.SelectedIndex() == u.cases.index() && u.cases.view != nil {
		u.cases.view.onPay()
		return
	}
	u.showInfo("Encaisser un paiement", "Ouvrez d'abord le dossier du débiteur (écran Dossiers, F2) : l'encaissement s'enregistre depuis le dossier, onglet Encaissements ou Ctrl+E.")
}

// onShowShortcuts shows the list of keyboard shortcuts.
func (u *UI) onShowShortcuts() {
	u.showMessage(dialog.NewCustom("Raccourcis clavier", "Fermer", shortcutHelp(u.shortcuts()), u.win))
}

// saveWindowSize remembers the window's size for the next start.
func (u *UI) saveWindowSize() {
	if s := u.win.Canvas().Size(); s.Width > 0 && s.Height > 0 {
		u.prefs.SetWindowSize(s)
	}
}

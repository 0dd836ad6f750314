package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// Every screen, and a case open in each of its tabs, fits a 1024×700
// laptop: the window content's minimum size never exceeds it (content
// wraps or scrolls).
func TestScreensFitLaptop(t *testing.T) {
	u, st := newTestUI(t)
	// names as long as La Poste allows, an amount in the millions
	id := saveCase(t, st, saveParty(t, st, company("Établissements Industriels Nord", "732829320")),
		saveParty(t, st, person("Marie-Christine", "Delatour-Laurent", "59800", "Villeneuve-d'Ascq")), 12345678900).ID
	c := u.calc
	c.principal.SetText("123 456 789,00")
	c.from.SetText("10/03/2020")
	c.onInterest()
	check := func(what string) {
		t.Helper()
		settle(u)
		if m := u.win.Content().MinSize(); m.Width > 1024 || m.Height > 700 {
			t.Errorf("%s: content MinSize = %.0f×%.0f, want at most 1024×700", what, m.Width, m.Height)
		}
	}
	for i, s := range u.screens {
		u.showScreen(i)
		check(s.title)
		if s == u.settings.scr {
			for _, it := range u.settings.sections {
				u.settings.tabs.Select(it)
				check("Paramètres › " + it.Text)
			}
		}
	}
	u.openCase(id)
	check("dossier")
	if v := u.cases.view; v != nil {
		for _, it := range v.tabs.Items {
			v.tabs.Select(it)
			check("dossier › " + it.Text)
		}
	}
	u.win.Resize(fyne.NewSize(1024, 700))
	if s := u.win.Canvas().Size(); s.Width > 1024 {
		t.Errorf("window grew to %.0f wide", s.Width)
	}
}

// The welcome assistant fits a 1024×700 laptop too.
func TestWelcomeFitsLaptop(t *testing.T) {
	u, _ := newTestUI(t)
	u.opts.OpenDemo = func() {}
	u.ShowStart()
	if u.welcome == nil {
		t.Fatal("no welcome assistant on a new base")
	}
	if m := u.win.Content().MinSize(); m.Width > 1024 || m.Height > 700 {
		t.Errorf("welcome MinSize = %.0f×%.0f, want at most 1024×700", m.Width, m.Height)
	}
}

// The window opens at a size that fits 1024×700, and at the size it had
// when last closed.
func TestWindowSizeRemembered(t *testing.T) {
	u, st := newTestUI(t)
	if s := u.prefs.WindowSize(); s.Width > 1024 || s.Height > 700-40 {
		t.Errorf("default size %v does not fit a 1024×700 screen with its title bar", s)
	}
	u.win.Resize(fyne.NewSize(1100, 650))
	u.saveWindowSize() // what closing the window does
	u2 := New(u.app, st, Options{Author: "Claire Martin", Now: func() time.Time { return testNow }})
	t.Cleanup(func() { u2.win.Close(); u2.worker.wait(); testQueue.discard() })
	if s := u2.win.Canvas().Size(); s != fyne.NewSize(1100, 650) {
		t.Errorf("reopened at %v, want 1100×650", s)
	}
}

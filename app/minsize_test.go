package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"amiable/data"
	"amiable/debt"
	"amiable/demo"
)

// checkScreensFit walks every screen, each section of Paramètres, and each
// case of ids open in each of its tabs, and fails when the window
// content's minimum size exceeds a 1024×700 laptop (content must wrap or
// scroll).
func checkScreensFit(t *testing.T, u *UI, ids ...int64) {
	t.Helper()
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
	for _, id := range ids {
		u.openCase(id)
		settle(u)
		v := u.cases.view
		if v == nil {
			t.Fatalf("case %d did not open", id)
		}
		check("dossier " + v.c.Ref)
		for _, it := range v.tabs.Items {
			v.tabs.Select(it)
			check("dossier " + v.c.Ref + " › " + it.Text)
		}
		u.cases.back()
	}
	u.win.Resize(fyne.NewSize(1024, 700))
	if s := u.win.Canvas().Size(); s.Width > 1024 {
		t.Errorf("window grew to %.0f wide", s.Width)
	}
}

// Every screen, and a case open in each of its tabs, fits a 1024×700
// laptop, with the widest texts a desk meets: names as long as La Poste
// allows, an amount in the millions with interest (the header then shows
// two labelled balances), the office's full identity on the letter
// preview.
func TestScreensFitLaptop(t *testing.T) {
	u, st := newTestUI(t)
	office := debt.Office{Name: "Étude Marchand & Castel, commissaires de justice associés",
		Address: debt.Address{Street: "12 rue Nationale", Postcode: "59800", Town: "Lille", Current: true},
		SIRET:   "73282932000074", Phone: "03 20 00 00 00", Email: "contact@marchand-castel.fr",
		Signatories: []string{"Maître Jeanne Marchand-Delacroix, commissaire de justice"}, Town: "Lille"}
	if err := st.SaveOffice(ctx, office, "test", testNow); err != nil {
		t.Fatalf("SaveOffice: %v", err)
	}
	c := debt.Case{
		Creditor: saveParty(t, st, company("Établissements Industriels Nord", "732829320")),
		Debtors:  []debt.CaseDebtor{{Party: saveParty(t, st, company("Transports Delatour-Laurent Nord", "552100554"))}},
		Nature:   debt.NatureInvoice, Interest: debt.InterestTerms{Kind: debt.InterestBusiness},
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-2024-000123 du 15/12/2024", IssueDate: debt.MustDate("2024-12-15"),
			DueDate: debt.MustDate("2025-01-15"), Amount: 12345678900}},
	}
	saved, err := st.CreateCase(ctx, c, "test", testNow)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	calc := u.calc
	calc.principal.SetText("123 456 789,00")
	calc.from.SetText("10/03/2020")
	calc.onInterest()
	checkScreensFit(t, u, saved.ID)
}

// The demonstration office that make screens tours (300 cases, seed 1)
// fits too, on the case the tour opens: the first open case.
func TestDemoScreensFitLaptop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-case demonstration office")
	}
	u, st := newTestUI(t)
	if _, err := demo.Fill(ctx, st, demo.Options{Cases: 300, Seed: 1, Now: testNow}); err != nil {
		t.Fatalf("Demo: %v", err)
	}
	rows, err := st.ListCases(ctx, data.CaseQuery{OpenOnly: true, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("ListCases = %v, %v", rows, err)
	}
	checkScreensFit(t, u, rows[0].ID)
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

// A case's header keeps the balance beside the title on a wide window and
// puts it on a row of its own, at the right, on a 1024-pixel laptop.
func TestCaseHeaderBalanceBelowWhenNarrow(t *testing.T) {
	u, st := newTestUI(t)
	c := debt.Case{
		Creditor: saveParty(t, st, company("Établissements Industriels Nord", "732829320")),
		Debtors:  []debt.CaseDebtor{{Party: saveParty(t, st, company("Transports Delatour-Laurent Nord", "552100554"))}},
		Nature:   debt.NatureInvoice, Interest: debt.InterestTerms{Kind: debt.InterestBusiness},
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture F-1", IssueDate: debt.MustDate("2024-12-15"),
			DueDate: debt.MustDate("2025-01-15"), Amount: 262318}},
	}
	saved, err := st.CreateCase(ctx, c, "test", testNow)
	if err != nil {
		t.Fatalf("CreateCase: %v", err)
	}
	u.openCase(saved.ID)
	settle(u)
	v := u.cases.view
	if !strings.Contains(v.balance.Text, "avec intérêts") {
		t.Fatalf("balance = %q, want the two labelled figures", v.balance.Text)
	}
	at := func(w, h float32) (fyne.Position, fyne.Position) {
		u.win.Resize(fyne.NewSize(w, h))
		settle(u)
		return v.headRow.Position(), v.balance.Position()
	}
	title, bal := at(1366, 768)
	if bal.Y != title.Y || bal.X <= title.X+v.headRow.MinSize().Width {
		t.Errorf("at 1366 wide: balance at %v, title row at %v: want it beside the title", bal, title)
	}
	title, bal = at(1024, 700)
	if bal.Y <= title.Y {
		t.Errorf("at 1024 wide: balance at %v, title row at %v: want it below the title", bal, title)
	}
	// the rows under the header made room for the balance's own row
	d := fyne.CurrentApp().Driver()
	if b, sub := d.AbsolutePositionForObject(v.balance).Y+v.balance.Size().Height, d.AbsolutePositionForObject(v.subtitle).Y; sub < b {
		t.Errorf("at 1024 wide: the subtitle row starts at %.0f, over the balance (which ends at %.0f)", sub, b)
	}
	if right := bal.X + v.balance.Size().Width; right > u.win.Canvas().Size().Width {
		t.Errorf("at 1024 wide: balance ends at %.0f, past the window (%.0f)", right, u.win.Canvas().Size().Width)
	}
	if s := u.win.Canvas().Size(); s.Width > 1024 {
		t.Errorf("window grew to %.0f wide", s.Width)
	}
	// wide again: one row again, the subtitle right under it
	title, bal = at(1366, 768)
	if bal.Y != title.Y {
		t.Errorf("at 1366 wide again: balance at %v, title row at %v: want it beside the title", bal, title)
	}
	if sub := d.AbsolutePositionForObject(v.subtitle).Y; sub > d.AbsolutePositionForObject(v.headRow).Y+v.headRow.Size().Height+2*theme.Padding()+1 {
		t.Errorf("at 1366 wide again: the subtitle row starts at %.0f, leaving the balance's row empty", sub)
	}
}

package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"amiable/data"
	"amiable/debt"
	"amiable/demo"
)

func TestCaseListEmptyState(t *testing.T) {
	u, _ := newTestUI(t)
	l := u.cases
	if got := l.count.Text; got != "Aucun dossier" {
		t.Errorf("count = %q, want %q", got, "Aucun dossier")
	}
	if !l.empty.Visible() || l.table.Visible() {
		t.Errorf("empty state visible = %v, table visible = %v; want the empty state only", l.empty.Visible(), l.table.Visible())
	}
	want := "Aucun dossier. Créez le premier avec Nouveau dossier (Ctrl+N)."
	if got := l.emptyMsg.Text; got != want {
		t.Errorf("empty message = %q, want %q", got, want)
	}
}

// seedCases writes five cases: three creditors' debtors with distinct
// names and amounts, two of them moved on in the workflow.
func seedCases(t *testing.T, st *data.Store) []debt.Case {
	t.Helper()
	cred := saveParty(t, st, company("Boulangerie Dupont", "732829320"))
	cred2 := saveParty(t, st, company("Agence Immo Nord", "552100554"))
	names := []struct {
		first, last string
		amount      debt.Cents
		creditor    debt.Party
	}{
		{"Claire", "Martin", 120000, cred},
		{"Paul", "Bernard", 5000, cred},
		{"Sophie", "Petit", 990000, cred2},
		{"Luc", "Durand", 45050, cred2},
		{"Anne", "Lefebvre", 30000, cred},
	}
	var cases []debt.Case
	for _, n := range names {
		d := saveParty(t, st, person(n.first, n.last, "59800", "Lille"))
		cases = append(cases, saveCase(t, st, n.creditor, d, n.amount))
	}
	if err := st.ChangeStatus(ctx, cases[1].ID, debt.StatusReminded, "", "test", testNow); err != nil {
		t.Fatalf("ChangeStatus: %v", err)
	}
	if err := st.ChangeStatus(ctx, cases[2].ID, debt.StatusPaid, "", "test", testNow); err != nil {
		t.Fatalf("ChangeStatus: %v", err)
	}
	return cases
}

func TestCaseListShowsCasesFrenchFormatted(t *testing.T) {
	u, st := newTestUI(t)
	cases := seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)

	if got, want := l.count.Text, "5 dossiers"; got != want {
		t.Errorf("count = %q, want %q", got, want)
	}
	// newest reference first by default
	refs := column(l.table, 0)
	want := []string{cases[4].Ref, cases[3].Ref, cases[2].Ref, cases[1].Ref, cases[0].Ref}
	if !slices.Equal(refs, want) {
		t.Errorf("references = %q, want %q", refs, want)
	}
	row := slices.Index(refs, cases[0].Ref)
	for col, want := range map[int]string{
		1: "SARL Boulangerie Dupont",
		2: "Mme Claire MARTIN",
		3: "Nouveau",
		4: "1\u202f200,00\u00a0€",
		5: "1\u202f200,00\u00a0€",
		6: "15/05/2026",
	} {
		if got := cell(l.table, row, col); got != want {
			t.Errorf("cell(%d, %s) = %q, want %q", row, caseColumns[col].title, got, want)
		}
	}
	o := l.table.CreateCell()
	l.table.UpdateCell(widget.TableCellID{Row: row, Col: 4}, o)
	if a := cellContent(o).(*widget.Label).Alignment; a != fyne.TextAlignTrailing {
		t.Errorf("amount alignment = %v, want trailing", a)
	}
	l.table.UpdateCell(widget.TableCellID{Row: slices.Index(refs, cases[2].Ref), Col: 3}, o)
	if got := cellContent(o).(*widget.Label); got.Text != "Soldé" || got.Importance != widget.SuccessImportance {
		t.Errorf("paid status cell = %q importance %v, want %q success", got.Text, got.Importance, "Soldé")
	}
}

func TestCaseListSearchNarrows(t *testing.T) {
	u, st := newTestUI(t)
	cases := seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)

	test.Type(l.search, "Durand")
	settle(u) // the debounced search, then the query
	if got, want := l.count.Text, "1 dossier"; got != want {
		t.Fatalf("count after search = %q, want %q", got, want)
	}
	if got := cell(l.table, 0, 0); got != cases[3].Ref {
		t.Errorf("found %q, want %q (Luc DURAND)", got, cases[3].Ref)
	}

	l.search.SetText("Introuvable")
	settle(u)
	if got := l.count.Text; got != "Aucun dossier" {
		t.Errorf("count = %q, want %q", got, "Aucun dossier")
	}
	if !strings.Contains(l.emptyMsg.Text, "Aucun dossier ne correspond à « Introuvable »") || !l.clear.Visible() {
		t.Errorf("empty message = %q (clear button visible %v), want the no-match message and the clear button", l.emptyMsg.Text, l.clear.Visible())
	}
	test.Tap(l.clear)
	settle(u)
	if got := l.count.Text; got != "5 dossiers" {
		t.Errorf("count after clearing = %q, want %q", got, "5 dossiers")
	}
}

func TestCaseListSortByHeader(t *testing.T) {
	u, st := newTestUI(t)
	seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)

	header := l.table.CreateHeader()
	l.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 4}, header)
	b := header.(*widget.Button)
	if b.Text != "Principal" {
		t.Fatalf("header 4 = %q, want Principal", b.Text)
	}
	test.Tap(b)
	settle(u)
	asc := []string{"50,00\u00a0€", "300,00\u00a0€", "450,50\u00a0€", "1\u202f200,00\u00a0€", "9\u202f900,00\u00a0€"}
	if got := column(l.table, 4); !slices.Equal(got, asc) {
		t.Errorf("principal after one tap = %q, want ascending %q", got, asc)
	}
	l.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 4}, header)
	test.Tap(b)
	settle(u)
	desc := slices.Clone(asc)
	slices.Reverse(desc)
	if got := column(l.table, 4); !slices.Equal(got, desc) {
		t.Errorf("principal after two taps = %q, want descending %q", got, desc)
	}
	if s, d := u.prefs.CaseSort(); s != data.SortPrincipal || !d {
		t.Errorf("saved sort = %s desc %v, want principal desc", s, d)
	}
	l.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 2}, header)
	test.Tap(b)
	settle(u)
	wantDebtors := []string{"Mme Paul BERNARD", "Mme Luc DURAND", "Mme Anne LEFEBVRE", "Mme Claire MARTIN", "Mme Sophie PETIT"}
	if got := column(l.table, 2); !slices.Equal(got, wantDebtors) {
		t.Errorf("debtors = %q, want by last name %q", got, wantDebtors)
	}
}

func TestCaseListStatusFilter(t *testing.T) {
	u, st := newTestUI(t)
	seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)

	opts := l.filter.Options
	for _, want := range []string{"Tous les statuts (5)", "En cours (4)", "Nouveau (3)", "Relancé (1)", "Soldé (1)", "Abandonné (0)"} {
		if !slices.Contains(opts, want) {
			t.Errorf("filter options %q lack %q", opts, want)
		}
	}
	tests := []struct {
		option string
		count  string
	}{
		{"Relancé (1)", "1 dossier"},
		{"En cours (4)", "4 dossiers"},
		{"Abandonné (0)", "Aucun dossier"},
		{"Tous les statuts (5)", "5 dossiers"},
	}
	for _, tt := range tests {
		l.filter.SetSelected(tt.option)
		settle(u)
		if got := l.count.Text; got != tt.count {
			t.Errorf("filter %q: count = %q, want %q", tt.option, got, tt.count)
		}
	}
	l.filter.SetSelected("Soldé (1)")
	settle(u)
	if got := cell(l.table, 0, 3); got != "Soldé" {
		t.Errorf("status of the only paid case = %q, want Soldé", got)
	}
}

func TestCaseListEnterOpensCase(t *testing.T) {
	u, st := newTestUI(t)
	cases := seedCases(t, st)
	l := u.cases
	l.reload()
	settle(u)

	c := u.win.Canvas()
	c.Focus(l.table)
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if l.view == nil {
		t.Fatal("Enter on a row did not open the case")
	}
	if got, want := l.view.title.Text, "Dossier "+cases[3].Ref; got != want {
		t.Errorf("opened %q, want %q (second row)", got, want)
	}
	if c.Focused() != nil {
		t.Fatalf("focus stayed on %T after opening the case: Échap would not reach the window", c.Focused())
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if l.view != nil {
		t.Fatal("Échap did not go back to the list")
	}
	if c.Focused() != l.table {
		t.Errorf("focus after going back = %T, want the table", c.Focused())
	}

	// Échap typed in a field of the case view goes back too
	l.onOpenRow(0)
	l.view.note.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if l.view != nil {
		t.Error("Échap in the note field did not go back to the list")
	}
}

// TestCaseListPagesFromStore checks the list holds pages, not the table:
// with 260 cases only the first page is in memory until rows further down
// are shown.
func TestCaseListPagesFromStore(t *testing.T) {
	u, st := newTestUI(t)
	if _, err := demo.Fill(ctx, st, demo.Options{Cases: 260, Seed: 7, Now: testNow}); err != nil {
		t.Fatalf("Demo: %v", err)
	}
	l := u.cases
	l.reload()
	settle(u)
	if got := l.count.Text; got != "260 dossiers" {
		t.Fatalf("count = %q, want %q", got, "260 dossiers")
	}
	if got := l.rows.loaded(); got != pageSize {
		t.Errorf("rows in memory after the first query = %d, want one page (%d)", got, pageSize)
	}
	if got := cell(l.table, 250, 0); got != "…" {
		t.Errorf("row 250 before its page arrived = %q, want …", got)
	}
	settle(u)
	ref := cell(l.table, 250, 0)
	if _, _, err := debt.ParseRef(ref); err != nil {
		t.Errorf("row 250 after loading = %q, want a reference: %v", ref, err)
	}
	if got := l.rows.loaded(); got != pageSize+60 {
		t.Errorf("rows in memory = %d, want %d (pages 0 and 2)", got, pageSize+60)
	}
	all, err := st.ListCases(ctx, data.CaseQuery{Sort: data.SortRef, Desc: true})
	if err != nil {
		t.Fatal(err)
	}
	if all[250].Ref != ref {
		t.Errorf("row 250 = %s, want %s (same order as the store)", ref, all[250].Ref)
	}
}

func TestPagerEvictsFarPages(t *testing.T) {
	u, _ := newTestUI(t)
	refreshed := 0
	p := newPager[int](u.worker, func() { refreshed++ }, func(err error) { t.Errorf("fetch failed: %v", err) })
	const total = 5000
	p.reset(total, seq(0, pageSize), func(_ context.Context, offset, limit int) ([]int, error) {
		return seq(offset, min(limit, total-offset)), nil
	})
	for i := 0; i < total; i += pageSize {
		if _, ok := p.row(i); !ok {
			settle(u)
		}
		if v, ok := p.row(i); !ok || v != i {
			t.Fatalf("row(%d) = %d, %v; want %d, true", i, v, ok, i)
		}
	}
	if got := p.loaded(); got > maxPages*pageSize {
		t.Errorf("rows in memory after scrolling %d rows = %d, want at most %d", total, got, maxPages*pageSize)
	}
	if refreshed != total/pageSize-1 {
		t.Errorf("table refreshed %d times, want %d (once per page loaded)", refreshed, total/pageSize-1)
	}
	if _, ok := p.row(0); ok {
		t.Error("row 0 still in memory after scrolling to the end, want it evicted")
	}
}

func seq(from, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = from + i
	}
	return out
}

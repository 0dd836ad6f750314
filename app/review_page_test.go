package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/data"
	"amiable/debt"
)

// With more flags than a page, the review holds only the pages shown:
// the headers and counts are right for every flag, a page comes in when
// the list scrolls to it or the keyboard goes there, and the actions act
// on the flag selected.
func TestReviewPages(t *testing.T) {
	u, st := newTestUI(t)
	plan, notice := seedFlags(t, st)
	today := debt.DateOf(testNow)
	for i := range 250 {
		f := debt.Flag{Kind: debt.FlagBackupFailed, Object: fmt.Sprintf("test:%03d", i), Due: today.AddDays(-i % 40),
			Text: fmt.Sprintf("Sauvegarde d'essai n° %03d en échec", i)}
		if err := st.RaiseOfficeFlag(ctx, f, today, testNow); err != nil {
			t.Fatal(err)
		}
	}
	all, err := st.FlagPage(ctx, data.FlagQuery{Today: today})
	if err != nil || len(all) != 253 {
		t.Fatalf("%d flags (%v), want 253", len(all), err)
	}
	u.ShowReview()
	settle(u)
	r := u.review
	if r.total != 253 || r.list.Length() != 256 || railText(u, r.index()) != "À traiter (253)" || !strings.HasPrefix(r.facts.Text, "253 alertes à traiter") {
		t.Fatalf("total %d, %d rows, rail %q, facts %q", r.total, r.list.Length(), railText(u, r.index()), r.facts.Text)
	}
	if n := r.rows.loaded(); n != pageSize {
		t.Fatalf("%d flags in memory after opening, want the first page (%d)", n, pageSize)
	}
	// The headers count every flag of their kind; the rows are in order.
	row := func(i int) string {
		o := r.list.CreateItem()
		r.list.UpdateItem(i, o)
		return strings.Join(texts(o), " | ")
	}
	if got := row(0); !strings.Contains(got, "Sauvegarde en échec (251)") {
		t.Errorf("first header = %q", got)
	}
	if got := row(1); !strings.Contains(got, all[0].Text) {
		t.Errorf("row 1 = %q, want %q", got, all[0].Text)
	}
	if got := row(252); !strings.Contains(got, "Échéances impayées (1)") {
		t.Errorf("row 252 = %q, want the instalments' header", got)
	}
	// Row 150 (flag 149) is not in memory: it shows empty, its page comes.
	if got := row(150); strings.Contains(got, "Sauvegarde") {
		t.Fatalf("row 150 shown before its page loaded: %q", got)
	}
	settle(u)
	if got := row(150); !strings.Contains(got, all[149].Text) {
		t.Fatalf("row 150 after its page loaded = %q, want %q", got, all[149].Text)
	}
	if n := r.rows.loaded(); n != 2*pageSize {
		t.Fatalf("%d flags in memory, want two pages", n)
	}
	// Scrolling the list to its end loads the last page.
	r.list.ScrollToBottom()
	settle(u)
	if _, ok := r.rows.pages[2]; !ok {
		t.Fatal("the last page did not load when the list scrolled to it")
	}
	// Fin selects the last flag (the notice), on the last page; T handles it.
	r.rows.reset(r.total, r.rows.pages[0], r.rows.fetch) // only the first page again
	r.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	settle(u)
	if f := r.selected(); f == nil || f.CaseID != notice.ID || !strings.Contains(r.caseLbl.Text, notice.Ref) {
		t.Fatalf("after Fin: %+v, detail %q; want the notice's flag", f, r.caseLbl.Text)
	}
	r.list.TypedRune('t')
	test.Tap(r.handleDialog.confirm)
	settle(u)
	if fs, _ := st.CaseFlags(ctx, notice.ID); len(fs) != 1 || fs[0].State != debt.FlagHandled {
		t.Fatalf("notice's flags after T: %+v", fs)
	}
	if r.total != 252 || railText(u, r.index()) != "À traiter (252)" {
		t.Fatalf("after handling: total %d, rail %q", r.total, railText(u, r.index()))
	}
	if f := r.selected(); f == nil || f.CaseID != plan.ID {
		t.Fatalf("selection after handling the last flag = %+v, want its neighbour (the plan's)", f)
	}
	// A flag in the middle, on the second page: R snoozes that one.
	r.selectRow(r.itemOf(149))
	settle(u)
	want := all[149]
	if f := r.selected(); f == nil || f.ID != want.ID {
		t.Fatalf("flag 149 selected = %+v, want %+v", f, want)
	}
	r.list.TypedRune('r')
	r.snoozeDate.SetText("20/05/2026")
	test.Tap(r.snoozeDialog.confirm)
	settle(u)
	if f, _ := st.Flag(ctx, want.ID); f.State != debt.FlagSnoozed {
		t.Fatalf("flag 149 after R: %+v", f)
	}
	if r.total != 251 || r.rows.loaded() > maxPages*pageSize {
		t.Fatalf("after snoozing: total %d, %d in memory", r.total, r.rows.loaded())
	}
	// The selection stays at the same place: now the flag after it.
	if f := r.selected(); f == nil || f.ID != all[150].ID {
		t.Fatalf("selection after snoozing = %+v, want the next flag %+v", f, all[150])
	}
}

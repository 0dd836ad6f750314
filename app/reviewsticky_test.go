package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"amiable/debt"
)

// Scrolled into a group, À traiter keeps that group's header above the
// list; at the top, the list's own header shows and the sticky one hides.
func TestReviewGroupHeaderStaysVisible(t *testing.T) {
	u, st := newTestUI(t)
	today := debt.DateOf(testNow)
	for i := range 60 {
		f := debt.Flag{Kind: debt.FlagBackupFailed, Object: fmt.Sprintf("test:%03d", i), Due: today.AddDays(-i % 40),
			Text: fmt.Sprintf("Sauvegarde d'essai n° %03d en échec", i)}
		if err := st.RaiseOfficeFlag(ctx, f, today, testNow); err != nil {
			t.Fatal(err)
		}
	}
	u.win.Resize(fyne.NewSize(1024, 700))
	u.ShowReview()
	settle(u)
	r := u.review
	if r.sticky.box.Visible() {
		t.Error("the sticky header shows at the top of the list")
	}
	r.list.ScrollToOffset(20 * (r.list.CreateItem().MinSize().Height + 4))
	r.list.Refresh()
	settle(u)
	r.sticky.update()
	if !r.sticky.box.Visible() || !strings.HasPrefix(r.sticky.label.Text, "Sauvegarde en échec (60)") {
		t.Errorf("scrolled: sticky header %v %q, want the group's", r.sticky.box.Visible(), r.sticky.label.Text)
	}
	r.list.ScrollToTop()
	r.sticky.update()
	if r.sticky.box.Visible() {
		t.Error("back at the top, the sticky header still shows")
	}
}

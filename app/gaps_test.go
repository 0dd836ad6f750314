package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestPlanFormRefusesAFirstInstalmentMoreThanAYearAhead: the plan form
// follows the store's rule (data.CheckFirstInstalment), as the command
// line does: a first due date after 15/05/2027 is refused and saves
// nothing; a year to the day is previewed.
func TestPlanFormRefusesAFirstInstalmentMoreThanAYearAhead(t *testing.T) {
	_, st, v := openSeededCase(t) // today 15/05/2026
	v.selectTab(tabPlan)
	test.Tap(button(t, v.planBtns, "Nouvel échéancier…"))
	pf := v.planForm
	test.Type(pf.count, "3")
	retype(pf.first, "16/05/2027")
	enter(pf.first)
	if !pf.f.errs.Visible() || !strings.Contains(pf.f.errs.Text, "La première échéance du 16/05/2027 est à plus d'un an : au plus tard le 15/05/2027.") {
		t.Errorf("first instalment in 2027 + 1 day: errors %q (visible %v)", pf.f.errs.Text, pf.f.errs.Visible())
	}
	if !pf.f.confirm.Disabled() {
		t.Error("Enregistrer is enabled for a refused plan")
	}
	enter(pf.count)
	if pf.f.closed {
		t.Fatal("the refused plan was saved")
	}
	if plans, _ := st.Plans(ctx, v.id, testNow); len(plans) != 0 {
		t.Fatalf("a refused plan was saved: %+v", plans)
	}
	retype(pf.first, "15/05/2027")
	enter(pf.first)
	if !hasText(pf.preview, "Aperçu : 3 échéances du 15/05/2027 au 15/07/2027") || pf.f.confirm.Disabled() {
		t.Fatalf("a year to the day: preview %q, errors %q", texts(pf.preview), pf.f.errs.Text)
	}
}

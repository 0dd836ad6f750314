package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"amiable/demo"
)

// À trier can be emptied: a mail of no case is filed « sans dossier »
// with a reason (required), journaled for the office.
func TestMailFiledWithoutCase(t *testing.T) {
	u, st := newTestUI(t)
	if _, err := demo.Fill(ctx, st, demo.Options{Cases: 30, Seed: 3, Now: testNow}); err != nil {
		t.Fatal(err)
	}
	s := u.mail
	u.showScreen(s.index())
	settle(u)
	before := len(s.triage.rows)
	if before == 0 {
		t.Fatal("nothing to sort in the demo")
	}
	s.triage.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	subject := s.current.Subject
	test.Tap(button(t, s.pane, "Sans dossier…"))
	f := s.noCase
	if f == nil {
		t.Fatal("no dialog")
	}
	test.Tap(f.confirm)
	if f.closed || !strings.Contains(f.errs.Text, "Indiquez pourquoi") {
		t.Fatalf("without a reason: closed %v, errors %q", f.closed, f.errs.Text)
	}
	var reason *entry
	walk(topOverlay(t, u), func(o fyne.CanvasObject) {
		if e, ok := o.(*entry); ok && reason == nil {
			reason = e
		}
	})
	test.Type(reason, "Publicité")
	reason.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle(u)
	if !f.closed || len(s.triage.rows) != before-1 {
		t.Fatalf("after filing: closed %v, %d to sort, want %d", f.closed, len(s.triage.rows), before-1)
	}
	evs, _ := st.OfficeEvents(ctx, 3)
	if len(evs) == 0 || !strings.Contains(evs[0].Text, "« "+subject+" »") || !strings.Contains(evs[0].Text, "Motif : Publicité") || evs[0].Author != "Claire Martin" {
		t.Errorf("office journal = %+v", evs)
	}
}

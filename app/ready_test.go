package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"amiable/data"
)

// Options.Ready fires once, only when the window is shown and the screen
// it opened on has displayed its data, whichever comes first.
func TestReadySignal(t *testing.T) {
	a := test.NewTempApp(t)
	st, err := data.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatalf("data.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	cr := saveParty(t, st, company("Batiplus", "732829320"))
	saveCase(t, st, cr, saveParty(t, st, person("Léa", "Garnier", "59000", "Lille")), 120000)

	open := func(t *testing.T) (*UI, *[]string) {
		var facts []string // the review's facts line each time Ready fired
		var u *UI
		u = New(a, st, Options{Author: "Claire Martin", Now: func() time.Time { return testNow },
			Ready: func() { facts = append(facts, u.review.facts.Text) }})
		t.Cleanup(func() {
			u.win.Close()
			u.worker.wait()
			testQueue.discard()
		})
		// as main does: the window opens on À traiter
		u.RefreshReview()
		u.ShowReview()
		return u, &facts
	}
	check := func(t *testing.T, facts []string) {
		t.Helper()
		if len(facts) != 1 {
			t.Fatalf("Ready fired %d times, want once", len(facts))
		}
		if !strings.Contains(facts[0], "Aucune alerte à traiter") {
			t.Fatalf("Ready fired before À traiter showed its data: facts line %q", facts[0])
		}
	}

	t.Run("data before the window", func(t *testing.T) {
		u, facts := open(t)
		settle(u)
		if len(*facts) != 0 {
			t.Fatal("Ready fired before the window was shown")
		}
		u.show()
		check(t, *facts)
	})
	t.Run("window before the data", func(t *testing.T) {
		u, facts := open(t)
		u.show()
		if len(*facts) != 0 {
			t.Fatal("Ready fired before À traiter had its data")
		}
		settle(u)
		check(t, *facts)
		// later loads, other screens included, do not fire it again
		u.RefreshReview()
		u.showScreen(u.cases.index())
		settle(u)
		check(t, *facts)
	})
	t.Run("no hook", func(t *testing.T) {
		u := New(a, st, Options{Author: "Claire Martin", Now: func() time.Time { return testNow }})
		t.Cleanup(func() { u.win.Close(); u.worker.wait(); testQueue.discard() })
		u.show()
		settle(u) // must not panic without Options.Ready
	})
}

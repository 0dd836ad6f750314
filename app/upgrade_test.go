package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The upgrade window says what happens and shows it is working. (That it
// ignores the window manager's close button cannot be seen with the test
// driver, whose Close always closes.)
func TestUpgradeWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := UpgradeWindow(a)
	w.Show()
	t.Cleanup(w.Close)
	var texts []string
	var bar bool
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *widget.ProgressBarInfinite:
			bar = v.Running()
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(w.Content())
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "Mise à jour de la base de données") || !strings.Contains(all, "une minute") {
		t.Errorf("upgrade window says %q", all)
	}
	if !bar {
		t.Error("no running progress bar in the upgrade window")
	}
}

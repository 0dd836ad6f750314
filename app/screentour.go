package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"amiable/data"
)

// The screen tour walks every screen of the real window, one after the
// other, and writes a PNG of the window for each into a folder, with the
// window's size after each screen in report.tsv: scripts/screens.sh (make
// screens) runs it under Xvfb at two laptop sizes, fails when the window
// grows past the screen, and keeps the shots for the README. main starts
// it when AMIABLE_SCREEN_TOUR=DIR is set.
//
// The picture is taken by the X server: when a screen is ready the tour
// writes its name to DIR/pending and waits for DIR/NAME.png, which the
// script makes with `import -window` (under Xvfb, Fyne's own
// Canvas().Capture() reads back an empty front buffer with Mesa's software
// renderer). Without a script answering, the tour falls back to Capture.

// TourShot is one screen of the tour: its name (the PNG's, without
// extension), the window's size in pixels once it is shown, the smallest
// size the window's content accepts (what Fyne grows the window to: the
// rail and the widest of all screens), and the smallest size of the screen
// shown itself (with the dialog over it, if any): which screen is too wide.
type TourShot struct {
	Name                            string
	Width, Height                   int
	MinWidth, MinHeight             int
	ScreenMinWidth, ScreenMinHeight int
}

// tourCount is a count in parentheses, as tab titles show it.
var tourCount = regexp.MustCompile(`\s*\(\d[\d\s\x{a0}\x{202f}]*\)`)

// tourPause is how long a screen is given to load its data and lay
// itself out before it is captured (a variable: tests shorten it).
var tourPause = 900 * time.Millisecond

// ScreenTour walks the screens in a goroutine of its own (call it once
// the window is shown): the window as it opens, then every screen of the
// rail; on Dossiers a case, each of its tabs and the letter dialog; on
// Paramètres each section; every nested set of tabs the same way. An
// office without cases (a first run) gives the opening shot only. done
// runs on the UI goroutine at the end, with the shots taken and the first
// error met (a capture or a file that could not be written).
func (u *UI) ScreenTour(dir string, done func([]TourShot, error)) {
	go func() {
		shots, err := u.screenTour(dir)
		fyne.Do(func() { done(shots, err) })
	}()
}

func (u *UI) screenTour(dir string) ([]TourShot, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var shots []TourShot
	var firstErr error
	n := 0
	// shoot runs step on the UI goroutine, lets the screen settle, then
	// captures the window as NN-name.png.
	shoot := func(name string, step func()) {
		if step != nil {
			fyne.DoAndWait(step)
		}
		time.Sleep(tourPause)
		n++
		shot := TourShot{Name: fmt.Sprintf("%02d-%s", n, tourSlug(name))}
		fyne.DoAndWait(func() {
			c := u.win.Canvas()
			shot.Width, shot.Height = c.PixelCoordinateForPosition(fyne.NewPos(c.Size().Width, c.Size().Height))
			px := func(s fyne.Size) (int, int) { return c.PixelCoordinateForPosition(fyne.NewPos(s.Width, s.Height)) }
			if content := c.Content(); content != nil {
				shot.MinWidth, shot.MinHeight = px(content.MinSize())
			}
			own := u.screens[u.tabs.SelectedIndex()].content.MinSize()
			if top := c.Overlays().Top(); top != nil {
				own = own.Max(top.MinSize())
			}
			shot.ScreenMinWidth, shot.ScreenMinHeight = px(own)
		})
		shots = append(shots, shot)
		fmt.Fprintf(os.Stderr, "tour : %s fenêtre %dx%d, contenu minimal %dx%d, écran seul %dx%d\n", shot.Name,
			shot.Width, shot.Height, shot.MinWidth, shot.MinHeight, shot.ScreenMinWidth, shot.ScreenMinHeight)
		if err := u.tourPicture(dir, shot.Name); err != nil {
			firstErr = errors.Join(firstErr, fmt.Errorf("capture de « %s » : %w", name, err))
		}
	}

	time.Sleep(2 * tourPause) // the first screen loads its data
	shoot("ouverture", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	rows, err := u.store.ListCases(ctx, data.CaseQuery{OpenOnly: true, Limit: 1})
	cancel()
	if err != nil || len(rows) == 0 {
		return shots, errors.Join(firstErr, writeTourReport(dir, shots))
	}

	var rail []string
	fyne.DoAndWait(func() {
		for _, it := range u.tabs.Items {
			rail = append(rail, it.Text)
		}
	})
	for i, title := range rail {
		shoot(title, func() { u.showScreen(i) })
		isCases := false
		fyne.DoAndWait(func() { isCases = i == u.cases.index() })
		if isCases {
			shoot(title+" dossier", func() { u.openCase(rows[0].ID) })
			u.tourTabs(title+" dossier", func() fyne.CanvasObject {
				if u.cases.view == nil {
					return nil
				}
				return u.cases.view.content
			}, shoot)
			shoot(title+" dossier nouveau courrier", u.onNewLetter)
			fyne.DoAndWait(u.closeDialogs)
			fyne.DoAndWait(u.cases.back)
			continue
		}
		u.tourTabs(title, func() fyne.CanvasObject { return u.screens[i].content }, shoot)
	}
	fyne.DoAndWait(func() { u.showScreen(0) })
	return shots, errors.Join(firstErr, writeTourReport(dir, shots))
}

// tourPicture gets DIR/name.png: asked of the script through DIR/pending,
// else captured by Fyne.
func (u *UI) tourPicture(dir, name string) error {
	path := filepath.Join(dir, name+".png")
	pending := filepath.Join(dir, "pending")
	if err := os.WriteFile(pending+".tmp", []byte(name+"\n"), 0o644); err != nil {
		return err
	}
	if err := os.Rename(pending+".tmp", pending); err != nil {
		return err
	}
	for deadline := time.Now().Add(tourAnswer); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
	}
	os.Remove(pending)
	var img image.Image
	fyne.DoAndWait(func() { img = u.win.Canvas().Capture() })
	if img == nil || img.Bounds().Empty() {
		return errors.New("image vide")
	}
	return writePNG(path, img)
}

// tourAnswer is how long the tour waits for the script's picture.
var tourAnswer = 10 * time.Second

// tourTabs shoots each tab of the first set of tabs found in the object
// root returns (none: nothing), then puts the first tab back.
func (u *UI) tourTabs(prefix string, root func() fyne.CanvasObject, shoot func(string, func())) {
	var tabs *container.AppTabs
	var titles []string
	fyne.DoAndWait(func() {
		if r := root(); r != nil {
			tabs = findTabs(r)
		}
		if tabs != nil {
			for _, it := range tabs.Items {
				titles = append(titles, it.Text)
			}
		}
	})
	if tabs == nil {
		return
	}
	for j, t := range titles {
		if j == 0 {
			continue // shown with the screen itself
		}
		shoot(prefix+" "+t, func() { tabs.SelectIndex(j) })
	}
	fyne.DoAndWait(func() { tabs.SelectIndex(0) })
}

// closeDialogs closes every dialog the window shows.
func (u *UI) closeDialogs() {
	for len(u.dialogs) > 0 {
		n := len(u.dialogs)
		u.dialogs[n-1].Dismiss()
		if len(u.dialogs) == n { // not closed by its own hook
			u.dialogs = u.dialogs[:n-1]
		}
	}
}

// findTabs returns the first set of tabs inside o, depth first, through
// containers, scrolls and splits.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	switch v := o.(type) {
	case *container.AppTabs:
		return v
	case *fyne.Container:
		for _, c := range v.Objects {
			if t := findTabs(c); t != nil {
				return t
			}
		}
	case *container.Scroll:
		if v.Content != nil {
			return findTabs(v.Content)
		}
	case *container.Split:
		if t := findTabs(v.Leading); t != nil {
			return t
		}
		return findTabs(v.Trailing)
	}
	return nil
}

// tourSlug turns a screen's title into a file name: « Créanciers/Débiteurs
// dossier » → « creanciers-debiteurs-dossier »; the counts tabs carry (« À
// traiter (251) ») are left out, so that a name does not change with the
// day's data.
func tourSlug(s string) string {
	s = tourCount.ReplaceAllString(s, "")
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		plain = strings.ToLower(s)
	}
	var b strings.Builder
	dash := false
	for _, r := range plain {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeTourReport writes report.tsv: one line per shot, its name, the
// window's width and height, the content's minimum width and height and
// the screen's own, in pixels, tab-separated.
func writeTourReport(dir string, shots []TourShot) error {
	var b strings.Builder
	for _, s := range shots {
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", s.Name, s.Width, s.Height, s.MinWidth, s.MinHeight, s.ScreenMinWidth, s.ScreenMinHeight)
	}
	return os.WriteFile(filepath.Join(dir, "report.tsv"), []byte(b.String()), 0o644)
}

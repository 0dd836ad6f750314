package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// focusTheme is Fyne's theme with a focus that shows: the focused button,
// select or check is tinted plainly (Fyne's own tint is 16 % opaque, hard
// to see on a laptop screen) and input borders are thicker, so that a
// person working by keyboard sees where Tab went.
type focusTheme struct{ fyne.Theme }

// focusTint is the tint of the focused widget.
var focusTint = color.NRGBA{R: 0x00, G: 0x5c, B: 0xd6, A: 0x70}

func (t focusTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		return focusTint
	}
	return t.Theme.Color(n, v)
}

func (t focusTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameInputBorder {
		return max(2, t.Theme.Size(n))
	}
	return t.Theme.Size(n)
}

// useFocusTheme wraps the app's theme once.
func useFocusTheme(a fyne.App) {
	cur := a.Settings().Theme()
	if _, ok := cur.(focusTheme); ok {
		return
	}
	if cur == nil {
		cur = theme.DefaultTheme()
	}
	a.Settings().SetTheme(focusTheme{cur})
}

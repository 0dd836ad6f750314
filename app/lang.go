package app

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// frenchFyne holds French texts for every string Fyne's own widgets and
// dialogs translate with lang.L/lang.X in v2.7.1 (file chooser,
// confirmations, entry menus, weekday names). Fyne's bundled base.fr.json
// lacks the weekday names, so the app carries its complete copy.
//
//go:embed translations/fr.json
var frenchFyne []byte

var frenchOnce sync.Once

// useFrench makes Fyne's own dialogs speak French on any desk.
//
// Fyne v2.7.1 has no API to choose the language: every AddTranslations*
// call re-reads the system locales (LANGUAGE, LC_ALL, LC_MESSAGES, LANG on
// Unix; GetUserDefaultLocaleName on Windows; the user's preferred languages
// on macOS), matches them against the loaded translations, and falls back
// to English. So the French texts are registered under English (the
// fallback, used on unknown or "C" locales), under the system locale itself
// and under its bare language (which the matcher prefers over Fyne's own
// German, Spanish… files). Whatever the desk's language, the messages
// found are French. It is process-wide, like Fyne's translations.
func useFrench() error {
	sys := lang.SystemLocale()
	locs := []fyne.Locale{"en", sys}
	if base, _, ok := strings.Cut(string(sys), "-"); ok {
		locs = append(locs, fyne.Locale(base))
	}
	seen := map[fyne.Locale]bool{}
	for _, l := range locs {
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		if err := lang.AddTranslationsForLocale(frenchFyne, l); err != nil {
			return fmt.Errorf("french translations for locale %s: %w", l, err)
		}
	}
	return nil
}

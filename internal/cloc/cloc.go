// Package cloc gives the process a parseable locale before Fyne reads it.
//
// Fyne parses the system locale while its packages initialise and logs an
// error for the POSIX locale ("C", "POSIX", "C.UTF-8"), which is what
// servers, CI and scheduled tasks run with; every command would then print
// Fyne noise on stderr. Amiable speaks French only, so a POSIX locale is
// replaced by fr_FR.UTF-8 for this process. Go initialises packages in
// import-path order once their own imports are ready: "amiable/internal/cloc"
// (standard library only) comes before "fyne.io/…", so main imports it for
// its side effect.
package cloc

import (
	"os"
	"strings"
)

func init() {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v, ok := os.LookupEnv(name)
		if !ok || v == "" {
			continue
		}
		if isPOSIX(v) {
			os.Setenv(name, "fr_FR.UTF-8")
		}
	}
	if os.Getenv("LANG") == "" && os.Getenv("LC_ALL") == "" && os.Getenv("LC_MESSAGES") == "" && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANG", "fr_FR.UTF-8")
	}
}

func isPOSIX(v string) bool {
	base, _, _ := strings.Cut(v, ".")
	return base == "C" || base == "POSIX"
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpOfEveryCommandIsFrench(t *testing.T) {
	for _, args := range [][]string{
		{"post", "-h"}, {"mail", "-h"}, {"calc", "-h"}, {"export", "--help"}, {"post", "help"},
		{"letter", "-h"}, {"post", "day", "-h"}, {"mail", "set", "-h"}, {"calc", "interest", "-h"}, {"pay", "-h"}, {"export", "payments", "-h"},
	} {
		code, out, errOut := cli(t, args...)
		if code != 0 || !strings.Contains(out, "Usage") || errOut != "" {
			t.Errorf("amiable %q = %d, stdout %q, stderr %q; want its usage on stdout", args, code, out, errOut)
		}
		for _, english := range []string{"inconnue", " string", " value", "flag", "default"} {
			if strings.Contains(out, english) {
				t.Errorf("amiable %q prints %q:\n%s", args, english, out)
			}
		}
	}
}

func TestErrorsAreOneFrenchLineWithTheOriginalInTheLog(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "un-fichier")
	os.WriteFile(file, []byte("x"), 0o600)
	for _, tc := range []struct {
		args    []string
		code    int
		want    string
		english string
	}{
		{[]string{"-db", filepath.Join(file, "amiable.db"), "demo", "-cases", "3"}, 1, "pas un dossier", "not a directory"},
		{[]string{"-db", filepath.Join(file, "amiable.db"), "mail", "set", "-host", "127.0.0.1", "-port", "143", "-security", "none", "-user", "u"}, 1, "pas un dossier", "not a directory"},
		{[]string{"calc", "interest", "-montant", "3"}, 2, "option inconnue « -montant »", "flag provided"},
		{[]string{"calc", "deadline", "-from"}, 2, "attend une valeur", "needs an argument"},
	} {
		code, _, errOut := cli(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, tc.english) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("amiable %q = %d, %q; want exit %d, one French line with %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
	log, err := os.ReadFile(logPath())
	if err != nil || !strings.Contains(string(log), "not a directory") {
		t.Errorf("technical log %s = %q, %v; want the original error", logPath(), log, err)
	}
}

func TestNonsenseIsRefused(t *testing.T) {
	db := demoDB(t)
	ref := letterCase(t, db)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plan", ref, "-instalments", "3", "-first", "2026-+1-05"}, "date invalide"},
		{[]string{"pay", ref, "-amount", "3", "-date", "+1/+1/2026", "-method", "cheque"}, "date invalide"},
		{[]string{"plan", ref, "-instalments", "3", "-first", "2199-01-05"}, "plus d'un an"},
		{[]string{"calc", "prescription", "-years", "5", "-start", "2021-03-10", "-interrupted", "2020-01-01"}, "précède le point de départ"},
	} {
		code, _, errOut := cli(t, append([]string{"-db", db}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("amiable %q = %d, %q; want a refusal with %q", tc.args, code, errOut, tc.want)
		}
	}
	issued, _ := letterCount(t, db)
	if code, out, errOut := cli(t, "-db", db, "letter", ref, "relance2"); code != 0 || !strings.HasPrefix(out, "Deuxième relance émise : ") {
		t.Fatalf("first reminder = %d, %q, %q; want « Deuxième relance émise : »", code, out, errOut)
	}
	for range 3 {
		if code, _, errOut := cli(t, "-db", db, "letter", ref, "relance2"); code != 1 || !strings.Contains(errOut, "Deuxième relance déjà émise aujourd'hui") || !strings.Contains(errOut, "-force") {
			t.Fatalf("same reminder again = %d, %q; want a refusal asking for -force", code, errOut)
		}
	}
	if code, _, errOut := cli(t, "-db", db, "letter", ref, "relance2", "-force"); code != 0 {
		t.Fatalf("same reminder with -force = %d, %q", code, errOut)
	}
	if all, _ := letterCount(t, db); all != issued+2 {
		t.Fatalf("%d letters issued, want 2", all-issued)
	}
}

package letters

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lines break at spaces only; keepTogether turns the spaces inside the
// things a reader must see whole into no-break spaces (U+00A0) before a
// text is wrapped: phone numbers and other groups of digits (« 03 20 12 34
// 56 », « 1 234,56 », a tracking number), a number and its unit (« 2,62 % »,
// « 150,00 € »), « n° 42 », « réf. 2026-00042 », « Tél. 03… » and dates
// (« 1er juin 2026 »).

// glueAfter are the words a number follows on the same line.
var glueAfter = []string{"n°", "N°", "nº", "Nº", "réf.", "Réf.", "Tél.", "tél.", "Tel.", "tel.", "Tél. :", "tél. :", "p."}

// units are the symbols that stay with the number before them.
const units = "€%$£"

// datePattern is a French date written out: « 1er juin 2026 », « 15 mai 2026 ».
var datePattern = regexp.MustCompile(`\b(\d{1,2}(?:er)?) (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (\d{4})\b`)

// keepTogether returns s with the spaces that must not break turned into
// no-break spaces; a text without digits comes back as it is.
func keepTogether(s string) string {
	if !strings.ContainsAny(s, "0123456789") || !strings.Contains(s, " ") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if b[i] != ' ' {
			continue
		}
		prev, _ := utf8.DecodeLastRune(b[:i])
		next, _ := utf8.DecodeRune(b[i+1:])
		glue := false
		switch {
		case unicode.IsDigit(prev) && unicode.IsDigit(next):
			glue = true // 03 20 12 34 56, 1 234, 123 456 7890
		case unicode.IsDigit(prev) && strings.ContainsRune(units, next):
			glue = true // 150,00 €, 2,62 %
		case unicode.IsDigit(next) || next == '+' || next == '(':
			for _, w := range glueAfter {
				if strings.HasSuffix(string(b[:i]), w) && (i == len(w) || !isWordRune(b[:i-len(w)])) {
					glue = true
					break
				}
			}
		}
		if glue {
			b = append(b[:i], append([]byte("\u00a0"), b[i+1:]...)...)
			i += len("\u00a0") - 1
		}
	}
	out := string(b)
	if strings.Contains(out, " ") {
		out = datePattern.ReplaceAllString(out, "$1\u00a0$2\u00a0$3")
	}
	return out
}

// isWordRune reports whether b ends with a letter or digit (so that
// « Tél. » is matched as a word, not as the end of « Autél. »).
func isWordRune(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

package debt

import (
	"strings"
	"unicode"
)

// Text that comes from outside the office (mail headers, attachment file
// names, values typed on the command line or pasted) must not forge
// anything where it is shown: a line break in a subject would print a fake
// journal line, a right-to-left override (U+202E) would show
// "facture‮fdp.exe" as "facture.exe…", a NUL would cut a field. The
// functions below are the one place that says what is removed.

// CleanLine returns s as one line of plain text: every line or paragraph
// break and tab becomes a space, every other control character (C0, DEL,
// C1) and every bidirectional formatting character (U+061C, U+200E,
// U+200F, U+202A–U+202E, U+2066–U+2069) is removed, as are a byte-order
// mark and invalid UTF-8, runs of spaces are folded and the ends trimmed.
func CleanLine(s string) string {
	if isCleanLine(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case isBreak(r) || r == '\t' || r == ' ':
			space = true
			continue
		case dropped(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// CleanText is CleanLine for a text of several lines (a mail's body, a
// note): line breaks are kept as "\n" (CR LF, CR, U+2028 and U+2029 become
// "\n"), tabs are kept, the other control and bidirectional characters are
// removed.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case isBreak(r):
			return '\n'
		case dropped(r):
			return -1
		}
		return r
	}, s)
}

// UnsafeText reports whether s holds a character CleanLine would remove or
// change (a control, a line break, a bidirectional override): where input
// can be refused rather than cleaned (a command-line value), it should be.
func UnsafeText(s string) bool {
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if r == '\t' || isBreak(r) || dropped(r) {
			return true
		}
	}
	return s != strings.ToValidUTF8(s, "\uFFFD")
}

// isCleanLine is the fast path: printable ASCII with single inner spaces.
func isCleanLine(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return false
		}
	}
	return true
}

func isBreak(r rune) bool {
	return r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029'
}

// dropped reports whether r is removed from outside text: a control
// character (other than the breaks and tab handled by the callers), a
// bidirectional formatting character, or a byte-order mark.
func dropped(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r == '\u061C', r == '\u200E', r == '\u200F', r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	case r == '\uFEFF':
		return true
	}
	return false
}

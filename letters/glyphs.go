package letters

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"amiable/assets"
)

// Every text that reaches a PDF goes through printable first: a character
// the embedded fonts (Noto Sans Regular and Bold) lack is replaced by a safe
// equivalent, so that one arrow typed in a flag's text or one emoji in a
// debtor's name never fails a whole document (gopdf would otherwise print a
// blank, and render.go refuses to print blanks in place of text).

// substitutes are the usual characters Noto Sans lacks, written with
// characters it has. Fancy quotes, dashes, « », … and € are in the font
// and kept as they are.
var substitutes = map[rune]string{
	'→': "->", '⟶': "->", '➜': "->", '➔': "->", '➝': "->", '➞': "->", '⇨': "->", '►': ">", '▶': ">",
	'←': "<-", '⟵': "<-", '⇦': "<-", '◄': "<", '◀': "<",
	'↔': "<->", '⇔': "<=>", '⇒': "=>", '⇐': "<=",
	'↑': "^", '↓': "v",
	'✓': "oui", '✔': "oui", '☑': "[x]", '✗': "non", '✘': "non", '☐': "[ ]", '☒': "[x]",
	'●': "•", '○': "•", '◦': "•", '▪': "•", '▫': "•", '■': "•", '□': "•", '◆': "•", '◇': "•", '➢': "•", '❖': "•",
	'★': "*", '☆': "*",
	'≤': "<=", '≥': ">=", '≠': "<>", '≈': "~", '∞': "infini",
	'☎': "Tél.", '☏': "Tél.", '📞': "Tél.", '📱': "Tél.", '✉': "courriel", '📧': "courriel",
	'\t': " ", '\r': " ", '\v': " ", '\f': " ",
	'\u2028': " ", '\u2029': " ", '\u0085': " ",
}

// glyphSet says which runes both embedded fonts draw.
type glyphSet struct {
	bmp   [0x10000 / 64]uint64 // one bit per rune of the Basic Multilingual Plane
	fonts []*sfnt.Font
}

var (
	glyphsOnce sync.Once
	glyphs     *glyphSet
	glyphsErr  error
)

// fontGlyphs returns the glyph set of the embedded fonts, read once.
func fontGlyphs() (*glyphSet, error) {
	glyphsOnce.Do(func() {
		g := &glyphSet{}
		for _, data := range [][]byte{assets.FontRegular, assets.FontBold} {
			f, err := sfnt.Parse(data)
			if err != nil {
				glyphsErr = err
				return
			}
			g.fonts = append(g.fonts, f)
		}
		var buf sfnt.Buffer
		for r := rune(0x20); r < 0x10000; r++ {
			if !unicode.Is(unicode.Cf, r) && g.lookup(&buf, r) {
				g.bmp[r/64] |= 1 << (r % 64)
			}
		}
		glyphs = g
	})
	return glyphs, glyphsErr
}

// lookup asks the fonts themselves.
func (g *glyphSet) lookup(buf *sfnt.Buffer, r rune) bool {
	for _, f := range g.fonts {
		if i, err := f.GlyphIndex(buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// has reports whether both fonts draw r. Control and format characters
// never pass (zero-width spaces and joiners, bidi overrides, byte-order
// marks, soft hyphens): they are invisible or reorder the text.
func (g *glyphSet) has(r rune) bool {
	if r < 0x20 || (r >= 0x7f && r < 0xa0) {
		return false
	}
	if r < 0x10000 {
		return g.bmp[r/64]&(1<<(r%64)) != 0 // format characters left out
	}
	if unicode.Is(unicode.Cf, r) {
		return false
	}
	var buf sfnt.Buffer
	return g.lookup(&buf, r)
}

// printable returns s with every character the fonts lack replaced: by
// substitutes, else by its compatibility decomposition when the fonts draw
// that (ﬁ → fi, ² → 2, an accented letter of another script → its base
// letter), else by "?" for a letter or digit (a name in another script
// stays visibly incomplete) and by nothing for a symbol, an emoji or a
// control character. A newline is kept when keepNewline (wrap splits on
// it) and becomes a space otherwise.
func (g *glyphSet) printable(s string, keepNewline bool) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError && g.has(r) {
			i += n
			continue
		}
		if r == '\n' && keepNewline {
			i += n
			continue
		}
		break
	}
	if i == len(s) {
		return s // the usual case: nothing to replace, no allocation
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r == '\n':
			if keepNewline {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case g.has(r):
			b.WriteRune(r)
		default:
			b.WriteString(g.replacement(r))
		}
	}
	return b.String()
}

// replacement is what printable writes for a rune the fonts lack.
func (g *glyphSet) replacement(r rune) string {
	if sub, ok := substitutes[r]; ok {
		return sub
	}
	if unicode.IsControl(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) ||
		unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) {
		return "" // zero-width joiners, variation selectors, combining marks, BOM
	}
	if d := norm.NFKD.String(string(r)); d != string(r) {
		var b strings.Builder
		for _, dr := range d {
			if g.has(dr) {
				b.WriteRune(dr)
			}
		}
		if b.Len() > 0 {
			return b.String()
		}
	}
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		return "?"
	}
	if unicode.IsSpace(r) {
		return " "
	}
	return ""
}

package mailsync

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText reduces an HTML body to plain text: tags are dropped, entities
// decoded, blocks become lines, list items get "- ", and blockquotes (the
// quoted history of Gmail, Apple Mail and Thunderbird) get "> " prefixes so
// that SplitQuoted recognises them. Nothing is fetched or rendered: images,
// styles and scripts are ignored.
func htmlToText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var w textWriter
	skip := 0 // depth inside head, script, style, title, template
	pre := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			w.text(string(z.Text()), pre > 0)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Head, atom.Script, atom.Style, atom.Title, atom.Template:
				if tt == html.StartTagToken {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Br:
				w.newline()
			case atom.Hr:
				w.block()
			case atom.Li:
				w.block()
				w.text("- ", true)
			case atom.Blockquote:
				w.block()
				w.quote++
			case atom.Pre:
				w.block()
				pre++
			case atom.Td, atom.Th:
				w.space = true
			case atom.Img:
				// Never loaded; the alternative text is kept when there is one.
				for {
					k, v, more := z.TagAttr()
					if string(k) == "alt" && strings.TrimSpace(string(v)) != "" {
						w.text("["+strings.TrimSpace(string(v))+"]", false)
					}
					if !more {
						break
					}
				}
			default:
				if isBlockAtom(a) {
					w.block()
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Head, atom.Script, atom.Style, atom.Title, atom.Template:
				if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Blockquote:
				w.block()
				if w.quote > 0 {
					w.quote--
				}
			case atom.Pre:
				w.block()
				if pre > 0 {
					pre--
				}
			default:
				if isBlockAtom(a) || a == atom.Li {
					w.block()
				}
			}
		}
	}
}

func isBlockAtom(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Tr, atom.Table, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Address, atom.Center, atom.Form, atom.Fieldset,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Body, atom.Html:
		return true
	}
	return false
}

// textWriter accumulates lines, collapsing white space as a browser would
// and prefixing quoted lines.
type textWriter struct {
	lines []string
	cur   strings.Builder
	quote int
	space bool // a space is pending before the next word
}

var htmlSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\r", "")

func (w *textWriter) text(s string, keepSpace bool) {
	s = htmlSpaces.Replace(s)
	if keepSpace {
		parts := strings.Split(s, "\n")
		for i, p := range parts {
			if i > 0 {
				w.newline()
			}
			w.cur.WriteString(p)
		}
		w.space = false
		return
	}
	for i, f := range strings.Fields(s) {
		if (i > 0 || w.space || startsWithSpace(s)) && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.cur.WriteString(f)
		w.space = false
	}
	if endsWithSpace(s) && w.cur.Len() > 0 {
		w.space = true
	}
}

func startsWithSpace(s string) bool { return s != "" && strings.TrimLeft(s, " \t\n\f") != s }
func endsWithSpace(s string) bool   { return s != "" && strings.TrimRight(s, " \t\n\f") != s }

// newline ends the current line (a <br>).
func (w *textWriter) newline() {
	w.lines = append(w.lines, w.prefix()+strings.TrimRight(w.cur.String(), " "))
	w.cur.Reset()
	w.space = false
}

// block ends the current line if it holds something (block boundaries do not
// pile up empty lines).
func (w *textWriter) block() {
	if strings.TrimSpace(w.cur.String()) != "" {
		w.newline()
		return
	}
	w.cur.Reset()
	w.space = false
}

func (w *textWriter) prefix() string { return strings.Repeat("> ", w.quote) }

// String returns the text with at most one empty line in a row.
func (w *textWriter) String() string {
	w.block()
	var b strings.Builder
	blank := true
	for _, l := range w.lines {
		if strings.TrimSpace(l) == "" {
			if blank {
				continue
			}
			blank = true
			b.WriteByte('\n')
			continue
		}
		blank = false
		b.WriteString(strings.TrimRight(l, " "))
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}

package letters

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"amiable/debt"
)

// Letter is a composed letter, ready to render: every word is written,
// every amount formatted, but nothing is laid out yet. It is plain data
// (JSON-friendly) so that it can be kept, compared and rendered again.
type Letter struct {
	Kind     Kind      `json:"kind"`
	CaseRef  string    `json:"case_ref"`
	Ref      string    `json:"ref"`  // the letter's reference
	Date     debt.Date `json:"date"` // the letter's date
	Deadline debt.Date `json:"deadline,omitzero"`
	// Recipient's name, postcode and town (for lists and the deposit list).
	Recipient string `json:"recipient"`
	Postcode  string `json:"postcode"`
	Town      string `json:"town"`

	Letterhead []string        `json:"letterhead"` // office name first
	Window     Window          `json:"window"`
	Address    []string        `json:"address"`    // the recipient's block (AFNOR)
	PlaceDate  string          `json:"place_date"` // "Lille, le 15 mai 2026"
	Refs       []string        `json:"refs"`       // reference lines
	Post       debt.Registered `json:"post"`
	PostLine   string          `json:"post_line,omitempty"` // registered-post line
	Object     string          `json:"object"`
	Body       []Block         `json:"body"`
	Footer     string          `json:"footer"` // left of "page N/M" on every page
}

// BlockKind says how a block of the body is shown.
type BlockKind string

const (
	BlockText      BlockKind = "texte"      // paragraphs
	BlockHeading   BlockKind = "titre"      // a heading (Title)
	BlockTable     BlockKind = "tableau"    // a table with its Title
	BlockBox       BlockKind = "encadre"    // framed lines (how to pay)
	BlockLegal     BlockKind = "mentions"   // legal text in small print
	BlockSignature BlockKind = "signature"  // signature lines, right-hand
	BlockForm      BlockKind = "formulaire" // text and blanks to fill by hand
)

// Block is one part of a letter's body.
type Block struct {
	Kind    BlockKind `json:"kind"`
	Title   string    `json:"title,omitempty"`
	Paras   []string  `json:"paras,omitempty"`
	Bold    bool      `json:"bold,omitempty"`
	Table   *Table    `json:"table,omitempty"`
	Fields  []Field   `json:"fields,omitempty"`
	NewPage bool      `json:"new_page,omitempty"` // starts on a new page
	// KeepWithNext keeps the block on the same page as the next one (a
	// heading and its text, an agreement's last clause and its
	// signatures); tables do not take part.
	KeepWithNext bool `json:"keep_with_next,omitempty"`
}

// Table is a table of the body (claim lines, interest, instalments…).
type Table struct {
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
}

// Column is a table column; Width is relative to the other columns.
type Column struct {
	Title string  `json:"title"`
	Width float64 `json:"width"`
	Right bool    `json:"right,omitempty"` // right-aligned (amounts)
}

// Row is a table row; Bold rows are totals.
type Row struct {
	Cells []string `json:"cells"`
	Bold  bool     `json:"bold,omitempty"`
}

// Field is a blank of a form: a label followed by Lines lines to write
// on by hand, or a box to tick.
type Field struct {
	Label string `json:"label"`
	Lines int    `json:"lines,omitempty"`
	Box   bool   `json:"box,omitempty"`
}

// Text returns the letter as plain text, block by block: what the golden
// files hold and what a reviewer reads in a diff.
func (l Letter) Text() string {
	var b strings.Builder
	section := func(title string) { fmt.Fprintf(&b, "\n== %s ==\n", title) }
	lines := func(ls []string) {
		for _, s := range ls {
			b.WriteString(s + "\n")
		}
	}
	fmt.Fprintf(&b, "%s — %s\n", l.Kind, l.Kind.Label())
	fmt.Fprintf(&b, "Référence : %s (dossier %s) ; date : %s", l.Ref, l.CaseRef, l.Date)
	if !l.Deadline.IsZero() {
		fmt.Fprintf(&b, " ; échéance : %s", l.Deadline)
	}
	b.WriteString("\n")
	section("En-tête")
	lines(l.Letterhead)
	w := l.Window.OrDefault()
	section(fmt.Sprintf("Destinataire (fenêtre x %g mm, y %g mm, %g × %g mm)", w.X, w.Y, w.W, w.H))
	lines(l.Address)
	section("Lieu et date")
	lines([]string{l.PlaceDate})
	section("Références")
	lines(l.Refs)
	if l.PostLine != "" {
		section("Envoi")
		lines([]string{l.PostLine})
	}
	section("Objet")
	lines([]string{l.Object})
	section("Corps")
	for _, bl := range l.Body {
		bl.text(&b)
	}
	section("Pied de page")
	lines([]string{l.Footer + " — page N/M"})
	return b.String()
}

func (bl Block) text(b *strings.Builder) {
	if bl.NewPage {
		b.WriteString("\n--- nouvelle page ---\n")
	}
	b.WriteString("\n")
	bold := func(s string) string {
		if bl.Bold {
			return "**" + s + "**"
		}
		return s
	}
	switch bl.Kind {
	case BlockHeading:
		b.WriteString("# " + bl.Title + "\n")
	case BlockText:
		for i, p := range bl.Paras {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(bold(p) + "\n")
		}
	case BlockTable:
		if bl.Title != "" {
			b.WriteString("## " + bl.Title + "\n")
		}
		if bl.Table != nil {
			bl.Table.text(b)
		}
		for _, p := range bl.Paras {
			b.WriteString(p + "\n")
		}
	case BlockBox:
		b.WriteString("+-- " + bl.Title + "\n")
		for _, p := range bl.Paras {
			b.WriteString("| " + p + "\n")
		}
		b.WriteString("+--\n")
	case BlockLegal:
		b.WriteString("### " + bl.Title + "\n")
		for _, p := range bl.Paras {
			b.WriteString(p + "\n")
		}
	case BlockSignature:
		for _, p := range bl.Paras {
			b.WriteString(strings.Repeat(" ", 40) + p + "\n")
		}
	case BlockForm:
		if bl.Title != "" {
			b.WriteString("## " + bl.Title + "\n")
		}
		for _, p := range bl.Paras {
			b.WriteString(bold(p) + "\n")
		}
		for _, f := range bl.Fields {
			switch {
			case f.Box:
				b.WriteString("[ ] " + f.Label + "\n")
			case f.Lines == 0:
				b.WriteString(f.Label + "\n")
			default:
				b.WriteString(f.Label + " :\n")
				for range f.Lines {
					b.WriteString("  ________________________________________\n")
				}
			}
		}
	}
}

func (t Table) text(b *strings.Builder) {
	widths := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c.Title)
	}
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			if i < len(widths) {
				widths[i] = max(widths[i], utf8.RuneCountInString(c))
			}
		}
	}
	row := func(cells []string) {
		parts := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			s := ""
			if i < len(cells) {
				s = cells[i]
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
			if c.Right {
				parts[i] = pad + s
			} else {
				parts[i] = s + pad
			}
		}
		b.WriteString("| " + strings.Join(parts, " | ") + " |\n")
	}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	row(titles)
	seps := make([]string, len(t.Columns))
	for i := range t.Columns {
		seps[i] = strings.Repeat("-", widths[i])
	}
	b.WriteString("|-" + strings.Join(seps, "-|-") + "-|\n")
	for _, r := range t.Rows {
		if r.Bold {
			b.WriteString("|-" + strings.Join(seps, "-|-") + "-|\n")
		}
		row(r.Cells)
	}
}

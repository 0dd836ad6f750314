package letters

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/signintech/gopdf"

	"amiable/assets"
)

// ErrRender is wrapped by the errors of Render, RenderBatch, DepositList
// and Calibration.
var ErrRender = errors.New("impression impossible")

// Page geometry, in millimetres (A4 portrait).
const (
	pageW       = 210.0
	pageH       = 297.0
	marginL     = 20.0
	contentW    = pageW - 2*marginL // 170
	topMargin   = 18.0
	bottomLimit = 278.0 // body text stops here; the footer lies below
	footerY     = 285.0
	family      = "noto"
)

// Type sizes (points) and line heights (millimetres).
const (
	sizeBody    = 10.0
	lhBody      = 4.6
	sizeAddress = 10.0 // La Poste: 10 pt
	lhAddress   = 4.3
	sizeSmall   = 8.0
	lhSmall     = 3.6
	sizeTable   = 8.0
	lhTable     = 3.6
	sizeFooter  = 7.5
)

// doc is a PDF being written: one or more sections (a letter, a deposit
// list), each numbered "page N/M" on its own.
type doc struct {
	pdf     *gopdf.GoPdf
	missing map[rune]bool
	err     error
	y       float64
	footer  string
	pages   []string // placeholder names of the current section's pages
	nPages  int      // pages in the whole document
	onTop   bool     // nothing written on the current page's body yet
	bold    bool     // current font
	size    float64
	grey    uint8 // current text colour
	glyphs  *glyphSet
	// wraps caches line breaks: a day's letters share their legal texts,
	// templates and forms.
	wraps map[wrapKey][]string
	// widths caches the width of each character in each font and size.
	widths map[runeKey]float64
}

type runeKey struct {
	bold bool
	size float64
	r    rune
}

type wrapKey struct {
	bold        bool
	size, width float64
	text        string
}

func newDoc(title string) (*doc, error) {
	g, err := fontGlyphs()
	if err != nil {
		return nil, fmt.Errorf("%w : police Noto Sans illisible : %w", ErrRender, err)
	}
	d := &doc{pdf: &gopdf.GoPdf{}, missing: map[rune]bool{}, wraps: map[wrapKey][]string{}, widths: map[runeKey]float64{}, glyphs: g}
	d.pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitMM})
	d.pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "Amiable", Producer: "Amiable (gopdf)"})
	missing := func(r rune) { d.missing[r] = true }
	for _, f := range []struct {
		style int
		data  []byte
	}{{gopdf.Regular, assets.FontRegular}, {gopdf.Bold, assets.FontBold}} {
		opt := gopdf.TtfOption{Style: f.style, OnGlyphNotFound: missing}
		if err := d.pdf.AddTTFFontDataWithOption(family, f.data, opt); err != nil {
			return nil, fmt.Errorf("%w : police Noto Sans illisible : %w", ErrRender, err)
		}
	}
	return d, nil
}

func (d *doc) fail(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

// bytes finishes the document: an error on the way fails it, and so would
// a glyph the font lacks (gopdf would silently print a space), which only
// a text that bypassed printable could bring (cell, wrap and width all
// pass through it).
func (d *doc) bytes() ([]byte, error) {
	if d.err != nil {
		return nil, fmt.Errorf("%w : %w", ErrRender, d.err)
	}
	if len(d.missing) > 0 {
		var rs []string
		for r := range d.missing {
			rs = append(rs, fmt.Sprintf("%q (U+%04X)", r, r))
		}
		slices.Sort(rs)
		what := "caractère absent"
		if len(rs) > 1 {
			what = "caractères absents"
		}
		return nil, fmt.Errorf("%w : %s de la police : %s", ErrRender, what, strings.Join(rs, ", "))
	}
	b, err := d.pdf.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("%w : %w", ErrRender, err)
	}
	return b, nil
}

func (d *doc) font(bold bool, size float64) {
	d.bold, d.size = bold, size
	style := ""
	if bold {
		style = "B"
	}
	d.fail(d.pdf.SetFont(family, style, size))
}

func (d *doc) color(grey uint8) {
	d.grey = grey
	d.pdf.SetTextColor(grey, grey, grey)
}

// cell writes one line of text in a box of width w whose top is at y.
func (d *doc) cell(x, y, w float64, s string, align int) {
	if d.err != nil || s == "" {
		return
	}
	s = d.glyphs.printable(s, false)
	d.pdf.SetXY(x, y)
	d.fail(d.pdf.CellWithOption(&gopdf.Rect{W: w, H: 5}, s, gopdf.CellOption{Align: align | gopdf.Top}))
}

// wrap breaks s into lines of at most w millimetres with the current font,
// at spaces only (no-break spaces keep amounts, phone numbers and dates
// whole: see keepTogether); a word longer than a line is cut. Characters
// the font lacks are replaced first (printable). The result is shared: do
// not modify it.
func (d *doc) wrap(s string, w float64) []string {
	if d.err != nil {
		return nil
	}
	if strings.TrimSpace(s) == "" {
		return []string{""}
	}
	key := wrapKey{d.bold, d.size, w, s}
	if lines, ok := d.wraps[key]; ok {
		return lines
	}
	s = keepTogether(d.glyphs.printable(s, true))
	var lines []string
	if !strings.Contains(s, "\n") && d.width(s) <= w {
		lines = []string{s} // fits: one measure instead of one per character
	} else {
		lines = d.split(s, w)
	}
	d.wraps[key] = lines
	return lines
}

// split breaks s into lines no wider than w exactly as gopdf's
// SplitTextWithWordWrap does (at newlines; at the line's last space when
// the next character would overflow; within a word only when it has no
// space), but measures each character once per font and size: gopdf
// measures the whole line again at every character, which made a
// paragraph's cost grow with the square of its length. Widths add up
// exactly (no kerning), so the lines are the same.
func (d *doc) split(s string, w float64) []string {
	runes := []rune(s)
	var lines []string
	var line []rune
	lineW := 0.0
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		rw := d.runeWidth(r)
		if lineW+rw > w && r != '\n' && len(line) > 0 {
			br := -1
			for j := len(line) - 1; j > 0; j-- {
				if line[j] == ' ' {
					br = j
					break
				}
			}
			if br > 0 {
				lines = append(lines, string(line[:br]))
				i -= len(line) - br // resume after the space
			} else {
				lines = append(lines, string(line))
				i--
			}
			line, lineW = line[:0], 0
			continue
		}
		if r == '\n' {
			lines = append(lines, string(line))
			line, lineW = line[:0], 0
			continue
		}
		line = append(line, r)
		lineW += rw
		if i == len(runes)-1 {
			lines = append(lines, string(line))
		}
	}
	return lines
}

func (d *doc) runeWidth(r rune) float64 {
	key := runeKey{d.bold, d.size, r}
	if w, ok := d.widths[key]; ok {
		return w
	}
	w := d.width(string(r))
	d.widths[key] = w
	return w
}

func (d *doc) width(s string) float64 {
	w, err := d.pdf.MeasureTextWidth(d.glyphs.printable(s, false))
	d.fail(err)
	return w
}

// beginSection starts a new numbered section (a letter, a list).
func (d *doc) beginSection(footer string) {
	d.footer = footer
	d.pages = d.pages[:0]
	d.newPage()
}

// newPage adds a page with its footer: the section's footer text on the
// left, "page N/M" on the right (M filled in by endSection). The font and
// colour in use are restored afterwards: a paragraph that goes on over
// the page break keeps its weight, size and colour.
func (d *doc) newPage() {
	bold, size, grey := d.bold, d.size, d.grey
	d.pdf.AddPage()
	d.nPages++
	d.font(false, sizeFooter)
	d.color(90)
	d.cell(marginL, footerY, contentW-35, d.footer, gopdf.Left)
	name := fmt.Sprintf("page%d", d.nPages)
	d.pdf.SetXY(pageW-marginL-35, footerY+2.6) // a placeholder's Y is its baseline
	d.fail(d.pdf.PlaceHolderText(name, 35))
	d.color(0)
	d.pages = append(d.pages, name)
	d.y = topMargin
	d.onTop = true
	if size > 0 {
		d.font(bold, size)
	}
	d.color(grey)
}

// endSection writes "page N/M" on every page of the section.
func (d *doc) endSection() {
	d.font(false, sizeFooter)
	for i, name := range d.pages {
		if d.err != nil {
			return
		}
		d.fail(d.pdf.FillInPlaceHoldText(name, fmt.Sprintf("page %d/%d", i+1, len(d.pages)), gopdf.Right))
	}
}

// need starts a new page unless h millimetres are left on this one.
func (d *doc) need(h float64) {
	if d.y+h > bottomLimit && !d.onTop {
		d.newPage()
	}
}

// lines writes wrapped lines at x, breaking pages as needed.
func (d *doc) lines(x, w float64, ls []string, lh float64, align int) {
	for _, l := range ls {
		d.need(lh)
		d.cell(x, d.y, w, l, align)
		d.y += lh
		d.onTop = false
	}
}

// paragraph writes a paragraph, keeping at least two lines together.
func (d *doc) paragraph(s string, bold bool, size, lh float64) {
	d.font(bold, size)
	ls := d.wrap(s, contentW)
	d.need(float64(min(2, len(ls))) * lh)
	d.lines(marginL, contentW, ls, lh, gopdf.Left)
}

// Render renders a composed letter to PDF (A4, Noto Sans embedded).
func Render(l Letter) ([]byte, error) {
	d, err := newDoc(l.Kind.Label() + " — " + l.Ref)
	if err != nil {
		return nil, err
	}
	d.letter(l)
	return d.bytes()
}

// RenderBatch renders the day's letters in one PDF, each letter numbered
// on its own, followed by the deposit list of the registered ones when
// dep has items: the "tournée du jour".
func RenderBatch(ls []Letter, dep Deposit) ([]byte, error) {
	d, err := newDoc(fmt.Sprintf("Tournée du %s", dep.Date))
	if err != nil {
		return nil, err
	}
	for _, l := range ls {
		d.letter(l)
		if d.err != nil {
			return nil, fmt.Errorf("%w : courrier %s : %w", ErrRender, l.Ref, d.err)
		}
	}
	if len(dep.Items) > 0 {
		d.deposit(dep)
	}
	return d.bytes()
}

func (d *doc) letter(l Letter) {
	d.beginSection(l.Footer)
	w := l.Window.OrDefault()

	// Letterhead, top left.
	y := 14.0
	for i, s := range l.Letterhead {
		if i == 0 {
			d.font(true, 11)
			d.cell(marginL, y, w.X-marginL-4, s, gopdf.Left)
			y += 5
			continue
		}
		d.font(false, 8.5)
		d.color(60)
		d.cell(marginL, y, w.X-marginL-4, s, gopdf.Left)
		y += 3.7
	}
	d.color(0)

	// Address block in the envelope window (NF Z 10-011: 10 pt, left
	// aligned, at most 6 lines).
	d.font(false, sizeAddress)
	if h := float64(len(l.Address)) * lhAddress; h > w.H {
		d.fail(fmt.Errorf("le bloc adresse (%d lignes) dépasse la hauteur de la fenêtre (%g mm)", len(l.Address), w.H))
	}
	for i, s := range l.Address {
		if lw := d.width(s); lw > w.W {
			d.fail(fmt.Errorf("la ligne d'adresse « %s » (%.0f mm) dépasse la largeur de la fenêtre (%g mm)", s, lw, w.W))
		}
		d.cell(w.X, w.Y+float64(i)*lhAddress, w.W, s, gopdf.Left)
	}

	// Place and date on the right, references on the left, under the window.
	top := max(w.Y+w.H+6, y+4)
	d.font(false, sizeBody)
	d.cell(w.X, top, pageW-marginL-w.X, l.PlaceDate, gopdf.Left)
	d.font(false, 8.5)
	ry := top
	for _, s := range l.Refs {
		for _, line := range d.wrap(s, w.X-marginL-6) {
			d.cell(marginL, ry, w.X-marginL-6, line, gopdf.Left)
			ry += 4
		}
	}
	d.y = max(ry, top+lhBody) + 4
	d.onTop = false
	if l.PostLine != "" {
		d.paragraph(l.PostLine, true, sizeBody, lhBody)
	}
	d.paragraph("Objet : "+l.Object, true, sizeBody, lhBody)
	d.y += 4

	for i, b := range l.Body {
		if b.KeepWithNext && !b.NewPage {
			// The chain of blocks kept together goes to the next page
			// unless it fits (or could not fit on any page).
			h := 0.0
			for _, c := range l.Body[i:] {
				h += d.height(c)
				if !c.KeepWithNext {
					break
				}
			}
			d.need(min(h, bottomLimit-topMargin))
		}
		d.block(b)
	}
	d.endSection()
}

// height returns the height block(b) takes on a page (0 for a table,
// which splits between rows anyway).
func (d *doc) height(b Block) float64 {
	lines := func(bold bool, size float64, paras []string, w float64) float64 {
		d.font(bold, size)
		n := 0
		for _, p := range paras {
			n += len(d.wrap(p, w))
		}
		return float64(n)
	}
	switch b.Kind {
	case BlockText:
		return lines(b.Bold, sizeBody, b.Paras, contentW)*lhBody + 2.2*float64(len(b.Paras))
	case BlockHeading:
		return 3.5 + lines(true, 10.5, []string{b.Title}, contentW)*5
	case BlockLegal:
		return lines(true, 8.5, []string{b.Title}, contentW)*(lhSmall+0.4) +
			lines(false, sizeSmall, b.Paras, contentW)*lhSmall + float64(len(b.Paras)) + 2
	case BlockSignature:
		return 20 + float64(len(b.Paras))*lhBody
	case BlockBox:
		return 5 + 2*3 + 5 + lines(false, 9.5, b.Paras, contentW-6)*4.3
	case BlockForm:
		return d.formHeight(b)
	}
	return 0
}

func (d *doc) block(b Block) {
	if b.NewPage && !d.onTop {
		d.newPage()
	}
	switch b.Kind {
	case BlockText:
		for _, p := range b.Paras {
			d.paragraph(p, b.Bold, sizeBody, lhBody)
			d.y += 2.2
		}
	case BlockHeading:
		d.y += 2
		d.font(true, 10.5)
		ls := d.wrap(b.Title, contentW)
		d.need(float64(len(ls))*5 + 3*lhBody) // keep with what follows
		d.lines(marginL, contentW, ls, 5, gopdf.Left)
		d.y += 1.5
	case BlockTable:
		d.table(b.Title, b.Table)
		for _, p := range b.Paras {
			d.paragraph(p, false, sizeSmall, lhSmall)
		}
		d.y += 3
	case BlockBox:
		d.box(b)
	case BlockLegal:
		d.font(true, 8.5)
		title := d.wrap(b.Title, contentW)
		d.need(float64(len(title))*lhSmall + 2*lhSmall)
		d.lines(marginL, contentW, title, lhSmall+0.4, gopdf.Left)
		for _, p := range b.Paras {
			d.paragraph(p, false, sizeSmall, lhSmall)
			d.y += 1
		}
		d.y += 2
	case BlockSignature:
		x := 115.0
		d.need(float64(len(b.Paras))*lhBody + 18)
		d.y += 4
		d.font(false, sizeBody)
		d.lines(x, pageW-marginL-x, b.Paras, lhBody, gopdf.Left)
		d.y += 16
	case BlockForm:
		d.form(b)
	}
}

// table draws a table whose rows never split; when a row does not fit,
// the table goes on on the next page under its repeated header.
func (d *doc) table(title string, t *Table) {
	if t == nil || len(t.Columns) == 0 {
		return
	}
	var total float64
	for _, c := range t.Columns {
		total += c.Width
	}
	widths := make([]float64, len(t.Columns))
	xs := make([]float64, len(t.Columns))
	x := marginL
	for i, c := range t.Columns {
		widths[i] = c.Width / total * contentW
		xs[i] = x
		x += widths[i]
	}
	const pad = 1.0
	layout := func(cells []string, bold bool) ([][]string, float64) {
		d.font(bold, sizeTable)
		out := make([][]string, len(t.Columns))
		n := 1
		for i := range t.Columns {
			s := ""
			if i < len(cells) {
				s = cells[i]
			}
			out[i] = d.wrap(s, widths[i]-2*pad)
			n = max(n, len(out[i]))
		}
		return out, float64(n)*lhTable + 1.6
	}
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = c.Title
	}
	head, headH := layout(titles, true)
	draw := func(cells [][]string, h float64, bold bool) {
		d.font(bold, sizeTable)
		for i, c := range t.Columns {
			align := gopdf.Left
			if c.Right {
				align = gopdf.Right
			}
			for j, s := range cells[i] {
				d.cell(xs[i]+pad, d.y+0.8+float64(j)*lhTable, widths[i]-2*pad, s, align)
			}
		}
		d.y += h
		d.onTop = false
	}
	header := func(suffix string) {
		if title != "" {
			d.font(true, 9.5)
			d.cell(marginL, d.y, contentW, title+suffix, gopdf.Left)
			d.y += 5
		}
		d.pdf.SetFillColor(232, 232, 232)
		d.pdf.RectFromUpperLeftWithStyle(marginL, d.y, contentW, headH, "F")
		draw(head, headH, true)
	}
	first := len(t.Rows) > 0
	var firstH float64
	if first {
		_, firstH = layout(t.Rows[0].Cells, t.Rows[0].Bold)
	}
	titleH := 0.0
	if title != "" {
		titleH = 5
	}
	d.need(titleH + headH + firstH)
	header("")
	d.pdf.SetLineWidth(0.15)
	d.pdf.SetStrokeColor(160, 160, 160)
	for _, r := range t.Rows {
		cells, h := layout(r.Cells, r.Bold)
		if d.y+h > bottomLimit {
			d.newPage()
			header(" (suite)")
		}
		if r.Bold {
			d.pdf.SetStrokeColor(0, 0, 0)
			d.pdf.Line(marginL, d.y, marginL+contentW, d.y)
			d.pdf.SetStrokeColor(160, 160, 160)
		}
		draw(cells, h, r.Bold)
		d.pdf.Line(marginL, d.y, marginL+contentW, d.y)
	}
	d.y += 1.5
}

// box draws framed lines, kept on one page.
func (d *doc) box(b Block) {
	const pad = 3.0
	d.font(false, 9.5)
	var ls []string
	for _, p := range b.Paras {
		ls = append(ls, d.wrap(p, contentW-2*pad)...)
	}
	h := 2*pad + 5 + float64(len(ls))*4.3
	d.y += 1
	d.need(h)
	d.pdf.SetFillColor(245, 245, 245)
	d.pdf.SetStrokeColor(0, 0, 0)
	d.pdf.SetLineWidth(0.3)
	d.pdf.RectFromUpperLeftWithStyle(marginL, d.y, contentW, h, "FD")
	d.font(true, 10)
	d.cell(marginL+pad, d.y+pad, contentW-2*pad, b.Title, gopdf.Left)
	d.font(false, 9.5)
	for i, l := range ls {
		d.cell(marginL+pad, d.y+pad+5+float64(i)*4.3, contentW-2*pad, l, gopdf.Left)
	}
	d.y += h + 4
	d.onTop = false
}

// rule is the room for one handwritten line.
const rule = 8.0

// formHeight returns the height form(b) takes.
func (d *doc) formHeight(b Block) float64 {
	h := 3.0
	if b.Title != "" {
		d.font(true, 11)
		h += float64(len(d.wrap(b.Title, contentW)))*5.5 + 2
	}
	d.font(b.Bold, sizeBody)
	for _, p := range b.Paras {
		h += float64(len(d.wrap(p, contentW)))*lhBody + 2
	}
	d.font(false, sizeBody)
	for _, f := range b.Fields {
		h += float64(len(d.wrap(f.Label, contentW-8)))*lhBody + float64(f.Lines)*rule + 2.5
	}
	return h
}

// form draws a form: its title, text, then blanks to fill by hand (dotted
// lines) or boxes to tick.
func (d *doc) form(b Block) {
	// A form is kept on one page when it fits on one: a signature must not
	// stand alone on a page away from what it signs for.
	d.need(min(d.formHeight(b), bottomLimit-topMargin))
	if b.Title != "" {
		d.font(true, 11)
		ls := d.wrap(b.Title, contentW)
		d.need(float64(len(ls))*5.5 + 3*lhBody)
		d.lines(marginL, contentW, ls, 5.5, gopdf.Left)
		d.y += 2
	}
	for _, p := range b.Paras {
		d.paragraph(p, b.Bold, sizeBody, lhBody)
		d.y += 2
	}
	for _, f := range b.Fields {
		d.font(false, sizeBody)
		label := d.wrap(f.Label, contentW-8)
		if len(label) == 0 {
			return
		}
		d.need(float64(len(label))*lhBody + float64(f.Lines)*rule + 2)
		if f.Box {
			d.pdf.SetStrokeColor(0, 0, 0)
			d.pdf.SetLineWidth(0.3)
			d.pdf.RectFromUpperLeftWithStyle(marginL, d.y+0.6, 3.5, 3.5, "D")
			d.lines(marginL+6, contentW-6, label, lhBody, gopdf.Left)
			d.y += 2
			continue
		}
		if f.Lines > 0 {
			label = slices.Clone(label) // wrap's lines are shared
			label[len(label)-1] += " :"
		}
		d.lines(marginL, contentW, label, lhBody, gopdf.Left)
		d.pdf.SetStrokeColor(90, 90, 90)
		d.pdf.SetLineWidth(0.2)
		d.pdf.SetLineType("dotted")
		for range f.Lines {
			d.y += rule
			d.pdf.Line(marginL, d.y-1.5, marginL+contentW, d.y-1.5)
		}
		d.pdf.SetLineType("solid")
		d.y += 2.5
	}
	d.y += 3
}

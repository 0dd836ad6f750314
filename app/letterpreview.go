package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"amiable/letters"
)

// letterPage lays a composed letter out as the page reads: letterhead,
// the recipient's block on the right, place and date, references, object,
// then the body (headings, paragraphs, tables, framed boxes, small legal
// print, signatures), on a white sheet. Paramètres › Courriers shows it as
// its live preview.
type letterPage struct {
	box     *fyne.Container // the sheet's content
	content fyne.CanvasObject
	text    string // the words shown, in order (tests, copy)
}

func newLetterPage() *letterPage {
	p := &letterPage{box: container.NewVBox()}
	sheet := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	sheet.StrokeColor = theme.Color(theme.ColorNameSeparator)
	sheet.StrokeWidth = 1
	p.content = container.NewStack(sheet, container.NewPadded(p.box))
	return p
}

// show lays l out; an empty letter (none composed) empties the sheet.
func (p *letterPage) show(l *letters.Letter) {
	var objs []fyne.CanvasObject
	var words []string
	add := func(o fyne.CanvasObject, text ...string) {
		objs = append(objs, o)
		words = append(words, text...)
	}
	para := func(s string, bold bool) *widget.Label {
		lb := wrapped(s)
		lb.TextStyle.Bold = bold
		return lb
	}
	rightBlock := func(lines []string) fyne.CanvasObject {
		lb := wrapped(strings.Join(lines, "\n"))
		lb.Alignment = fyne.TextAlignTrailing
		return lb
	}
	if l != nil {
		if len(l.Letterhead) > 0 {
			add(wrappedHeading(l.Letterhead[0]), l.Letterhead[0])
			if rest := l.Letterhead[1:]; len(rest) > 0 {
				add(wrapped(strings.Join(rest, "\n")), rest...)
			}
		}
		add(rightBlock(l.Address), l.Address...)
		if l.PlaceDate != "" {
			add(rightBlock([]string{l.PlaceDate}), l.PlaceDate)
		}
		if len(l.Refs) > 0 {
			add(wrapped(strings.Join(l.Refs, "\n")), l.Refs...)
		}
		if l.PostLine != "" {
			add(para(l.PostLine, true), l.PostLine)
		}
		if l.Object != "" {
			add(para("Objet : "+l.Object, true), "Objet : "+l.Object)
		}
		for _, bl := range l.Body {
			if bl.NewPage {
				add(widget.NewSeparator())
			}
			p.block(bl, add, para)
		}
		if l.Footer != "" {
			small := widget.NewRichText(&widget.TextSegment{Text: l.Footer, Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder}})
			small.Wrapping = fyne.TextWrapWord
			add(widget.NewSeparator())
			add(small, l.Footer)
		}
	}
	p.box.Objects = objs
	p.box.Refresh()
	p.text = strings.Join(words, "\n")
}

func (p *letterPage) block(bl letters.Block, add func(fyne.CanvasObject, ...string), para func(string, bool) *widget.Label) {
	switch bl.Kind {
	case letters.BlockHeading:
		add(wrappedHeading(bl.Title), bl.Title)
	case letters.BlockText:
		for _, s := range bl.Paras {
			add(para(s, bl.Bold), s)
		}
	case letters.BlockTable:
		if bl.Title != "" {
			add(wrappedHeading(bl.Title), bl.Title)
		}
		if t := bl.Table; t != nil {
			weights := make([]float32, len(t.Columns))
			head := make([]fyne.CanvasObject, len(t.Columns))
			var titles []string
			for i, c := range t.Columns {
				weights[i] = float32(max(c.Width, 0.1))
				head[i] = cellLabel(c.Title, c.Right, true)
				titles = append(titles, c.Title)
			}
			add(weightedRow(weights, head...), titles...)
			for _, r := range t.Rows {
				cells := make([]fyne.CanvasObject, len(t.Columns))
				for i := range t.Columns {
					text := ""
					if i < len(r.Cells) {
						text = r.Cells[i]
					}
					cells[i] = cellLabel(text, t.Columns[i].Right, r.Bold)
				}
				add(weightedRow(weights, cells...), r.Cells...)
			}
		}
		for _, s := range bl.Paras {
			add(para(s, false), s)
		}
	case letters.BlockBox:
		inner := container.NewVBox()
		if bl.Title != "" {
			inner.Add(wrappedHeading(bl.Title))
		}
		for _, s := range bl.Paras {
			inner.Add(para(s, false))
		}
		frame := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		frame.StrokeColor = theme.Color(theme.ColorNameForeground)
		frame.StrokeWidth = 1
		add(container.NewStack(frame, container.NewPadded(inner)), append([]string{bl.Title}, bl.Paras...)...)
	case letters.BlockLegal:
		segs := []widget.RichTextSegment{}
		if bl.Title != "" {
			segs = append(segs, &widget.TextSegment{Text: bl.Title, Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: true}}})
		}
		for _, s := range bl.Paras {
			segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText}})
		}
		rt := widget.NewRichText(segs...)
		rt.Wrapping = fyne.TextWrapWord
		add(rt, append([]string{bl.Title}, bl.Paras...)...)
	case letters.BlockSignature:
		lb := wrapped(strings.Join(bl.Paras, "\n"))
		lb.Alignment = fyne.TextAlignTrailing
		add(lb, bl.Paras...)
	case letters.BlockForm:
		if bl.Title != "" {
			add(wrappedHeading(bl.Title), bl.Title)
		}
		for _, s := range bl.Paras {
			add(para(s, false), s)
		}
		for _, f := range bl.Fields {
			text := f.Label + " " + strings.Repeat("…", 20)
			if f.Box {
				text = "☐ " + f.Label
			}
			add(para(text, false), f.Label)
		}
	default:
		for _, s := range bl.Paras {
			add(para(s, bl.Bold), s)
		}
	}
}

// cellLabel is one cell of a letter's table, cut short when narrow.
func cellLabel(text string, right, bold bool) *widget.Label {
	align := fyne.TextAlignLeading
	if right {
		align = fyne.TextAlignTrailing
	}
	l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: bold})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

package letters

import (
	"math"
	"strings"
	"testing"
)

func TestKeepTogether(t *testing.T) {
	nb := func(s string) string { return strings.ReplaceAll(s, "_", "\u00a0") }
	tests := []struct{ in, want string }{
		{"appelez le 03 20 12 34 56 ou écrivez", "appelez le 03_20_12_34_56 ou écrivez"},
		{"au +33 3 20 12 34 56.", "au +33_3_20_12_34_56."},
		{"la somme de 1 234,56 € reste due", "la somme de 1_234,56_€ reste due"},
		{"au taux de 2,62 % l'an", "au taux de 2,62_% l'an"},
		{"échéance n° 3 du dossier, réf. 2026-00042", "échéance n°_3 du dossier, réf._2026-00042"},
		{"Tél. 03 20 12 34 56", "Tél._03_20_12_34_56"},
		{"au plus tard le 1er juin 2026, soit", "au plus tard le 1er_juin_2026, soit"},
		{"le 15 mai 2026 et le 2 août 2027", "le 15_mai_2026 et le 2_août_2027"},
		{"Lettre R1 n° 1A 123 456 7890 1", "Lettre R1 n°_1A 123_456_7890_1"},
		{"sans chiffre du tout", "sans chiffre du tout"},
		{"3 dossiers sur 12", "3 dossiers sur 12"},
	}
	for _, tt := range tests {
		if got := keepTogether(tt.in); got != nb(tt.want) {
			t.Errorf("keepTogether(%q) = %q, want %q", tt.in, got, nb(tt.want))
		}
	}
}

// TestWrapKeepsNumbersTogether breaks a sentence at every width from 20 to
// 170 mm: the phone number, the amount, the date and the reference always
// stay whole on one line, wherever the line ends.
func TestWrapKeepsNumbersTogether(t *testing.T) {
	d, err := newDoc("test")
	if err != nil {
		t.Fatal(err)
	}
	d.pdf.AddPage()
	text := "Si vous contestez tout ou partie de la somme de 3 464,42 € réclamée, contactez-nous avant le 1er juin 2026 au 03 20 12 34 56 ou au +33 3 20 12 34 56, en rappelant la réf. 2026-00042 et l'échéance n° 12."
	whole := []string{"3 464,42 €", "1er juin 2026", "03 20 12 34 56", "+33 3 20 12 34 56", "réf. 2026-00042", "n° 12"}
	for _, bold := range []bool{false, true} {
		d.font(bold, sizeBody)
		for w := 40.0; w <= 170; w += 0.25 {
			lines := d.wrap(text, w)
			joined := plain(strings.Join(lines, "\n"))
			for _, s := range whole {
				found := false
				for _, l := range lines {
					if strings.Contains(plain(l), s) {
						found = true
					}
				}
				if !found {
					t.Fatalf("at %.2f mm (bold %v), %q is split across lines: %q", w, bold, s, lines)
				}
			}
			if joined != plain(text) {
				t.Fatalf("at %.2f mm, the lines %q do not give back the text", w, lines)
			}
		}
	}
}

// TestRenderStyleAcrossPages: the bold demand of a formal notice made
// long enough to run from one page to the next keeps its weight and size
// on the next page (the page's footer, in 7.5 pt regular, used to leave
// its font behind).
func TestRenderStyleAcrossPages(t *testing.T) {
	l, err := Compose(FormalNotice, inputFor(t, FormalNotice))
	if err != nil {
		t.Fatal(err)
	}
	demand := -1
	for i, b := range l.Body {
		if b.Kind == BlockText && b.Bold && strings.Contains(b.Paras[0], "mettons en demeure") {
			demand = i
		}
	}
	if demand < 0 {
		t.Fatal("no bold demand in the formal notice")
	}
	l.Body[demand].Paras = []string{strings.Repeat(l.Body[demand].Paras[0]+" ", 30)}
	b, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "demeure", b)
	type box struct{ w, h float64 }
	byPage := map[int][]box{}
	for _, wd := range pdfWords(t, path) {
		if wd.text == "conséquence," {
			byPage[wd.page] = append(byPage[wd.page], box{wd.xMax - wd.xMin, wd.yMax - wd.yMin})
		}
	}
	if len(byPage) < 2 {
		t.Fatalf("the demand lies on %d page(s), want it to run over a page break", len(byPage))
	}
	start := 99
	for p := range byPage {
		start = min(start, p)
	}
	ref := byPage[start][0]
	for p, boxes := range byPage {
		for _, bx := range boxes {
			if math.Abs(bx.w-ref.w) > 0.05 || math.Abs(bx.h-ref.h) > 0.05 {
				t.Errorf("page %d: « conséquence, » is %.2f × %.2f mm, on page %d %.2f × %.2f mm: the paragraph lost its style over the page break", p, bx.w, bx.h, start, ref.w, ref.h)
			}
		}
	}
}

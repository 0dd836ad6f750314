package letters

import (
	"fmt"

	"github.com/signintech/gopdf"
)

// calibrationAddress fills the six lines of 38 characters La Poste allows,
// in capitals (the widest case), to check the window on a real envelope.
var calibrationAddress = []string{
	"MME CLAIRE-MARIE DE LA FONTAINE-DUPRÉ",
	"APPARTEMENT 128 ESCALIER B ÉTAGE 12",
	"RÉSIDENCE LES GRANDS TILLEULS BAT C",
	"128 BOULEVARD DU MARÉCHAL DE LATTRE",
	"LIEU-DIT LA CROIX BLANCHE BP 12345",
	"59000 LILLE",
}

// visibleWindow is the area a folded A4 sheet usually shows through a
// French right-hand window envelope (legal.md §7).
var visibleWindow = Window{X: 100, Y: 50, W: 90, H: 34}

// Calibration renders a page to check the address window on a real
// envelope: millimetre rulers, the set window (dashed) with a full-size
// address block in it, the usual visible area (dotted), fold marks, and
// what to do. A zero w is the default window.
func Calibration(w Window) ([]byte, error) {
	w = w.OrDefault()
	d, err := newDoc("Calibrage de la fenêtre d'enveloppe")
	if err != nil {
		return nil, err
	}
	d.beginSection("Amiable — page de calibrage de la fenêtre d'enveloppe")
	p := d.pdf

	// Rulers along the top and left edges.
	p.SetStrokeColor(0, 0, 0)
	p.SetLineWidth(0.2)
	d.font(false, 6)
	for x := 0.0; x <= pageW; x += 5 {
		h := 2.0
		if int(x)%10 == 0 {
			h = 4
		}
		p.Line(x, 0, x, h)
		if int(x)%20 == 0 && x > 0 && x < pageW {
			d.cell(x-5, 4.5, 10, fmt.Sprint(x), gopdf.Center)
		}
	}
	for y := 0.0; y <= pageH; y += 5 {
		h := 2.0
		if int(y)%10 == 0 {
			h = 4
		}
		p.Line(0, y, h, y)
		if int(y)%20 == 0 && y > 0 && y < pageH {
			d.cell(4.5, y-1.2, 10, fmt.Sprint(y), gopdf.Left)
		}
	}

	// Fold marks for a DL envelope (A4 in three).
	for _, y := range []float64{99, 198} {
		p.Line(0, y, 12, y)
		p.Line(pageW-12, y, pageW, y)
		d.cell(pageW-22, y-3.2, 10, "pli", gopdf.Right)
	}

	d.font(true, 12)
	d.cell(marginL, 14, 85, "Calibrage de la fenêtre d'enveloppe", gopdf.Left)

	// The usual visible area, dotted, and the window set, dashed.
	p.SetLineType("dotted")
	p.SetStrokeColor(120, 120, 120)
	p.RectFromUpperLeftWithStyle(visibleWindow.X, visibleWindow.Y, visibleWindow.W, visibleWindow.H, "D")
	p.SetLineType("dashed")
	p.SetStrokeColor(0, 0, 0)
	p.RectFromUpperLeftWithStyle(w.X, w.Y, w.W, w.H, "D")
	p.SetLineType("solid")
	d.font(false, 7)
	d.cell(w.X, min(w.Y, visibleWindow.Y)-4.5, pageW-w.X, fmt.Sprintf("Fenêtre réglée (tirets) : x %g mm, y %g mm, %g × %g mm", w.X, w.Y, w.W, w.H), gopdf.Left)
	d.color(110)
	d.cell(visibleWindow.X, max(w.Y+w.H, visibleWindow.Y+visibleWindow.H)+1.5, pageW-visibleWindow.X, "Zone habituellement visible (pointillés) : 100-190 × 50-84 mm", gopdf.Left)
	d.color(0)

	// A cross at the block's corner, then the block itself.
	p.Line(w.X-3, w.Y, w.X+3, w.Y)
	p.Line(w.X, w.Y-3, w.X, w.Y+3)
	d.font(false, sizeAddress)
	for i, s := range calibrationAddress {
		if lw := d.width(s); lw > w.W {
			d.fail(fmt.Errorf("la ligne d'essai « %s » (%.0f mm) dépasse la largeur de la fenêtre (%g mm)", s, lw, w.W))
		}
		d.cell(w.X, w.Y+float64(i)*lhAddress, w.W, s, gopdf.Left)
	}

	// A 100 mm bar to check the printer's scale.
	d.y = 112
	p.SetLineWidth(0.4)
	p.Line(marginL, d.y, marginL+100, d.y)
	p.Line(marginL, d.y-2, marginL, d.y+2)
	p.Line(marginL+100, d.y-2, marginL+100, d.y+2)
	d.font(false, 8)
	d.cell(marginL+102, d.y-1.8, 40, "100 mm", gopdf.Left)
	d.y += 8
	d.onTop = false

	for _, s := range []string{
		"1. Imprimez cette page à taille réelle (100 %, sans « ajuster à la page ») sur l'imprimante des courriers.",
		"2. Mesurez le trait ci-dessus : il doit faire exactement 100 mm ; sinon, corrigez l'échelle d'impression.",
		"3. Pliez la feuille en trois le long des repères « pli » et glissez-la dans une enveloppe à fenêtre.",
		"4. Le cadre en tirets et les six lignes d'adresse doivent apparaître entièrement dans la fenêtre, avec au moins 2 mm de marge. Sinon, corrigez la position dans Paramètres, rubrique Courriers : x se mesure depuis le bord gauche de la feuille, y depuis le bord haut.",
	} {
		d.paragraph(s, false, sizeBody, lhBody)
		d.y += 2
	}
	d.endSection()
	return d.bytes()
}

// Command genicon draws Amiable's application icon: a white envelope on a
// navy rounded square, sealed with a gold disc bearing an "A" in Noto Sans
// Bold. The drawing is pure vector code, so the icon can be regenerated
// byte-for-byte from source instead of being an opaque binary.
//
// Usage (from the repository root, or `make icon`):
//
//	go run ./scripts/genicon -o assets/icon.png
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"amiable/assets"
)

// Size is the icon's width and height in pixels.
const Size = 512

// Palette of the icon.
var (
	navy      = color.RGBA{0x1e, 0x3a, 0x5f, 0xff}
	paper     = color.RGBA{0xff, 0xff, 0xff, 0xff}
	flapShade = color.RGBA{0xdd, 0xe4, 0xee, 0xff}
	fold      = color.RGBA{0xb8, 0xc4, 0xd4, 0xff}
	gold      = color.RGBA{0xd9, 0xa4, 0x1e, 0xff}
	goldDark  = color.RGBA{0xa8, 0x7a, 0x0c, 0xff}
)

func main() {
	out := flag.String("o", "icon.png", "output PNG file")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genicon:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	img, err := render()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return fmt.Errorf("encode icon: %w", err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write icon: %w", err)
	}
	return nil
}

// point is a vertex of a polygon, in pixels.
type point struct{ x, y float64 }

// render draws the icon. Outer contours are clockwise (in y-down pixel
// space) and holes anticlockwise, so the rasterizer's signed coverage
// cuts the holes out.
func render() (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, Size, Size))

	// Background: a rounded square with a small transparent margin.
	fill(img, navy, roundRect(16, 16, 496, 496, 96))

	// Envelope body.
	const ex0, ey0, ex1, ey1 = 92.0, 148.0, 420.0, 372.0
	fill(img, paper, roundRect(ex0, ey0, ex1, ey1, 18))
	// Lower folds: two thin lines from the bottom corners to the middle.
	mid := point{(ex0 + ex1) / 2, 268}
	fill(img, fold, stroke(point{ex0 + 10, ey1 - 8}, mid, 6))
	fill(img, fold, stroke(point{ex1 - 10, ey1 - 8}, mid, 6))
	// Closed flap: a shaded triangle from the top edge down to the middle.
	// Its edge is a chevron offset vertically, which gives a mitred tip.
	tl, tr, tip := point{ex0 + 6, ey0 + 4}, point{ex1 - 6, ey0 + 4}, point{mid.x, mid.y + 18}
	fill(img, flapShade, []point{tl, tr, tip})
	const edge = 9.0
	fill(img, navy, []point{tl, {tl.x, tl.y - edge}, {tip.x, tip.y - edge}, {tr.x, tr.y - edge}, tr, tip})

	// Seal: a white ring around a gold disc with a darker rim, and an "A".
	const cx, cy = 360.0, 356.0
	fill(img, paper, circle(cx, cy, 92, false))
	fill(img, goldDark, circle(cx, cy, 80, false))
	fill(img, gold, circle(cx, cy, 70, false))
	if err := drawLetter(img, 'A', cx, cy, 104); err != nil {
		return nil, err
	}
	return img, nil
}

// fill rasterizes the polygons with the given colour, anti-aliased, over img.
func fill(img *image.RGBA, c color.RGBA, polys ...[]point) {
	z := vector.NewRasterizer(Size, Size)
	for _, p := range polys {
		if len(p) == 0 {
			continue
		}
		z.MoveTo(float32(p[0].x), float32(p[0].y))
		for _, q := range p[1:] {
			z.LineTo(float32(q.x), float32(q.y))
		}
		z.ClosePath()
	}
	z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
}

// circle returns a polygon approximating a circle, clockwise unless hole.
func circle(cx, cy, r float64, hole bool) []point {
	const n = 360
	p := make([]point, n)
	for i := range p {
		a := 2 * math.Pi * float64(i) / n
		if hole {
			a = -a
		}
		p[i] = point{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	return p
}

// roundRect returns a clockwise rounded rectangle.
func roundRect(x0, y0, x1, y1, r float64) []point {
	const steps = 24
	corners := []struct{ cx, cy, start float64 }{
		{x1 - r, y0 + r, -math.Pi / 2}, // top right
		{x1 - r, y1 - r, 0},            // bottom right
		{x0 + r, y1 - r, math.Pi / 2},  // bottom left
		{x0 + r, y0 + r, math.Pi},      // top left
	}
	var p []point
	for _, c := range corners {
		for i := 0; i <= steps; i++ {
			a := c.start + math.Pi/2*float64(i)/steps
			p = append(p, point{c.cx + r*math.Cos(a), c.cy + r*math.Sin(a)})
		}
	}
	return p
}

// stroke returns a clockwise quadrilateral of width w along the segment a-b.
func stroke(a, b point, w float64) []point {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l*w/2, dx/l*w/2
	p := []point{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}
	if signedArea(p) < 0 {
		p[0], p[1], p[2], p[3] = p[3], p[2], p[1], p[0]
	}
	return p
}

func signedArea(p []point) float64 {
	var s float64
	for i := range p {
		j := (i + 1) % len(p)
		s += p[i].x*p[j].y - p[j].x*p[i].y
	}
	return s / 2
}

// drawLetter draws rune r from Noto Sans Bold in navy, its outline's
// bounding box centred on (cx, cy), at ppem pixels per em.
func drawLetter(img *image.RGBA, r rune, cx, cy, ppem float64) error {
	f, err := sfnt.Parse(assets.FontBold)
	if err != nil {
		return fmt.Errorf("parse bold font: %w", err)
	}
	var buf sfnt.Buffer
	idx, err := f.GlyphIndex(&buf, r)
	if err != nil || idx == 0 {
		return fmt.Errorf("glyph %q missing from bold font: %v", r, err)
	}
	segs, err := f.LoadGlyph(&buf, idx, fixed.Int26_6(ppem*64), nil)
	if err != nil {
		return fmt.Errorf("load glyph %q: %w", r, err)
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range segs {
		for _, a := range s.Args[:argCount(s.Op)] {
			x, y := fx(a.X), fx(a.Y)
			minX, maxX = math.Min(minX, x), math.Max(maxX, x)
			minY, maxY = math.Min(minY, y), math.Max(maxY, y)
		}
	}
	dx, dy := cx-(minX+maxX)/2, cy-(minY+maxY)/2
	at := func(p fixed.Point26_6) (float32, float32) {
		return float32(fx(p.X) + dx), float32(fx(p.Y) + dy)
	}
	z := vector.NewRasterizer(Size, Size)
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(at(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			z.LineTo(at(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			bx, by := at(s.Args[0])
			qx, qy := at(s.Args[1])
			z.QuadTo(bx, by, qx, qy)
		case sfnt.SegmentOpCubeTo:
			bx, by := at(s.Args[0])
			c2x, c2y := at(s.Args[1])
			qx, qy := at(s.Args[2])
			z.CubeTo(bx, by, c2x, c2y, qx, qy)
		}
	}
	z.ClosePath()
	z.Draw(img, img.Bounds(), image.NewUniform(navy), image.Point{})
	return nil
}

func argCount(op sfnt.SegmentOp) int {
	switch op {
	case sfnt.SegmentOpQuadTo:
		return 2
	case sfnt.SegmentOpCubeTo:
		return 3
	default:
		return 1
	}
}

func fx(v fixed.Int26_6) float64 { return float64(v) / 64 }

package assets

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

func TestIcon(t *testing.T) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("DecodeConfig(Icon) error: %v", err)
	}
	if format != "png" || cfg.Width != 512 || cfg.Height != 512 {
		t.Fatalf("Icon = %s %d×%d, want png 512×512", format, cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("png.Decode(Icon) error: %v", err)
	}
	alpha := func(x, y int) uint32 { _, _, _, a := img.At(x, y).RGBA(); return a }
	// Rounded corners are transparent; the body of the icon is opaque.
	for _, p := range []image.Point{{0, 0}, {511, 0}, {0, 511}, {511, 511}} {
		if a := alpha(p.X, p.Y); a != 0 {
			t.Errorf("Icon alpha at corner %v = %d, want 0", p, a)
		}
	}
	for _, p := range []image.Point{{256, 256}, {40, 256}, {256, 40}} {
		if a := alpha(p.X, p.Y); a != 0xffff {
			t.Errorf("Icon alpha at %v = %d, want opaque", p, a)
		}
	}
	// A drawn icon has a handful of flat colours plus anti-aliasing shades;
	// a blank or single-colour file would have one or two.
	colours := map[[4]uint32]bool{}
	for y := 0; y < 512; y++ {
		for x := 0; x < 512; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, b, a}] = true
		}
	}
	if n := len(colours); n < 6 {
		t.Errorf("Icon has %d distinct colours, want at least 6", n)
	}
}

// frenchText holds every character that French letters and the UI print:
// accented letters of both cases, ligatures, quotation marks, the euro sign
// and the two non-breaking spaces used inside amounts ("1 234,56 €").
const frenchText = "àâäçéèêëîïôöùûüÿæœÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒ«»‹›“”‘’€°§  –—…" +
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?()[]/@&%+-*='\""

func TestFontsCoverFrench(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  []byte
		style string
	}{
		{"FontRegular", FontRegular, "Regular"},
		{"FontBold", FontBold, "Bold"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := sfnt.Parse(tc.data)
			if err != nil {
				t.Fatalf("sfnt.Parse(%s) error: %v", tc.name, err)
			}
			var buf sfnt.Buffer
			family, err := f.Name(&buf, sfnt.NameIDFamily)
			if err != nil || family != "Noto Sans" {
				t.Errorf("%s family = %q (%v), want %q", tc.name, family, err, "Noto Sans")
			}
			style, err := f.Name(&buf, sfnt.NameIDSubfamily)
			if err != nil || style != tc.style {
				t.Errorf("%s subfamily = %q (%v), want %q", tc.name, style, err, tc.style)
			}
			for _, r := range frenchText {
				idx, err := f.GlyphIndex(&buf, r)
				if err != nil || idx == 0 {
					t.Errorf("%s.GlyphIndex(%U %q) = %d, %v; want a glyph", tc.name, r, r, idx, err)
				}
			}
		})
	}
}

func TestFontLicence(t *testing.T) {
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "Copyright 2015 Google Inc."} {
		if !strings.Contains(FontLicence, want) {
			t.Errorf("FontLicence does not contain %q", want)
		}
	}
}

package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"amiable/assets"
)

// TestCommittedIconMatchesGenerator fails when assets/icon.png was edited by
// hand or the drawing code changed without regenerating (`make icon`).
// Pixels may differ by a couple of levels to allow for floating-point
// differences between platforms.
func TestCommittedIconMatchesGenerator(t *testing.T) {
	got, err := render()
	if err != nil {
		t.Fatalf("render() error: %v", err)
	}
	want, err := png.Decode(bytes.NewReader(assets.Icon))
	if err != nil {
		t.Fatalf("png.Decode(assets.Icon) error: %v", err)
	}
	if got.Bounds() != want.Bounds() {
		t.Fatalf("render() bounds = %v, want %v", got.Bounds(), want.Bounds())
	}
	const tolerance = 2 << 8 // in 16-bit colour units
	bad := 0
	for y := 0; y < Size; y++ {
		for x := 0; x < Size; x++ {
			r1, g1, b1, a1 := got.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if diff(r1, r2) > tolerance || diff(g1, g2) > tolerance || diff(b1, b2) > tolerance || diff(a1, a2) > tolerance {
				if bad < 5 {
					t.Errorf("render() at (%d,%d) = %v, want %v as in assets/icon.png", x, y, got.At(x, y), want.At(x, y))
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d pixels differ: run `make icon` and commit assets/icon.png", bad)
	}
}

func TestRunWritesPNG(t *testing.T) {
	out := filepath.Join(t.TempDir(), "icon.png")
	if err := run(out); err != nil {
		t.Fatalf("run(%q) error: %v", out, err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("png.DecodeConfig(%s) error: %v", out, err)
	}
	if cfg.Width != Size || cfg.Height != Size {
		t.Errorf("run wrote %d×%d, want %d×%d", cfg.Width, cfg.Height, Size, Size)
	}
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

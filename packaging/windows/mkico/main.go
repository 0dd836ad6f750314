// Command mkico writes a Windows icon (.ico) from a PNG: the icon the
// installer, the uninstaller and the Start-menu shortcut show. Each size
// is a 32-bit BMP image with its alpha channel (what every Windows
// version and NSIS read), scaled from the PNG.
//
//	go run ./packaging/windows/mkico -in assets/icon.png -o bin/amiable.ico
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"

	"golang.org/x/image/draw"
)

// sizes are the usual sizes of a Windows application icon.
var sizes = []int{16, 24, 32, 48, 64, 128, 256}

func main() {
	in := flag.String("in", "assets/icon.png", "PNG source")
	out := flag.String("o", "amiable.ico", "icon to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkico :", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s : %w", in, err)
	}
	var images [][]byte
	for _, n := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		images = append(images, dib(dst))
	}
	var b bytes.Buffer
	le := binary.LittleEndian
	w := func(v any) { _ = binary.Write(&b, le, v) }
	w(uint16(0))          // reserved
	w(uint16(1))          // type: icon
	w(uint16(len(sizes))) // count
	offset := 6 + 16*len(sizes)
	for i, n := range sizes {
		dim := uint8(n)
		if n >= 256 {
			dim = 0 // 0 means 256
		}
		w(dim)
		w(dim)
		w(uint8(0))  // no palette
		w(uint8(0))  // reserved
		w(uint16(1)) // colour planes
		w(uint16(32))
		w(uint32(len(images[i])))
		w(uint32(offset))
		offset += len(images[i])
	}
	for _, img := range images {
		b.Write(img)
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}

// dib encodes m as an icon's device-independent bitmap: a
// BITMAPINFOHEADER of twice the height (image and mask), BGRA rows from
// the bottom up, then the 1-bit AND mask (all zero: the alpha channel
// says what is transparent).
func dib(m *image.NRGBA) []byte {
	n := m.Bounds().Dx()
	var b bytes.Buffer
	le := binary.LittleEndian
	w := func(v any) { _ = binary.Write(&b, le, v) }
	w(uint32(40))
	w(int32(n))
	w(int32(2 * n))
	w(uint16(1))
	w(uint16(32))
	w(uint32(0)) // BI_RGB
	w(uint32(n * n * 4))
	w(int32(0))
	w(int32(0))
	w(uint32(0))
	w(uint32(0))
	for y := n - 1; y >= 0; y-- {
		for x := range n {
			c := m.NRGBAAt(x, y)
			b.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	maskRow := ((n + 31) / 32) * 4
	b.Write(make([]byte, maskRow*n))
	return b.Bytes()
}

package mailsync

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset" // also registers go-message's charsets
	"golang.org/x/text/encoding/charmap"
)

// decodeTransfer undoes a Content-Transfer-Encoding, leniently: a broken
// base64 or quoted-printable body gives what could be decoded and a warning.
func decodeTransfer(cte string, body []byte) ([]byte, string) {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "", "7bit", "8bit", "binary":
		return body, ""
	case "base64":
		return decodeBase64(body)
	case "quoted-printable":
		return decodeQP(body), ""
	case "x-uuencode", "uuencode":
		return body, "Encodage de transfert « uuencode » non pris en charge : contenu gardé tel quel."
	}
	return body, fmt.Sprintf("Encodage de transfert « %s » inconnu : contenu gardé tel quel.", clip(cte, 40))
}

// decodeBase64 decodes base64 ignoring line breaks, spaces and any byte
// outside the alphabet, and stops at the first padding.
func decodeBase64(body []byte) ([]byte, string) {
	clean := make([]byte, 0, len(body))
	junk := false
scan:
	for _, c := range body {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		case c == '=':
			break scan
		case c == ' ', c == '\t', c == '\r', c == '\n':
		default:
			junk = true
		}
	}
	warn := ""
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
		warn = "Contenu base64 tronqué : la fin illisible a été ignorée."
	}
	if junk {
		warn = "Contenu base64 abîmé : les caractères invalides ont été ignorés."
	}
	out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
	n, err := base64.RawStdEncoding.Decode(out, clean)
	if err != nil {
		warn = "Contenu base64 illisible : seule la partie lisible a été gardée."
	}
	return out[:n], warn
}

// decodeQP decodes quoted-printable leniently: "=XX" with two hex digits is a
// byte, "=" at the end of a line is a soft break, any other "=" is kept.
func decodeQP(body []byte) []byte {
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+2 < len(body) && isHex(body[i+1]) && isHex(body[i+2]) {
			out = append(out, unhex(body[i+1])<<4|unhex(body[i+2]))
			i += 2
			continue
		}
		// Soft line break: "=" then optional spaces then CRLF or LF.
		j := i + 1
		for j < len(body) && (body[j] == ' ' || body[j] == '\t') {
			j++
		}
		if j < len(body) && body[j] == '\n' {
			i = j
			continue
		}
		if j+1 < len(body) && body[j] == '\r' && body[j+1] == '\n' {
			i = j + 1
			continue
		}
		if j == len(body) {
			break
		}
		out = append(out, c)
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// charsetReader converts from a named charset to UTF-8. ISO-8859-1 and
// US-ASCII are read as Windows-1252, as browsers do: mailers that announce
// Latin-1 routinely send 1252's "€" (0x80) and curly quotes (0x92).
func charsetReader(name string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	}
	return charset.Reader(name, r)
}

// wordDecoder decodes RFC 2047 encoded words with every charset go-message
// knows.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

// fromWindows1252 reads bytes as Windows-1252 (the usual charset of
// unlabelled 8-bit French text).
func fromWindows1252(b []byte) string {
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// toUTF8 converts a text body in the named charset to UTF-8. An unknown
// charset, or bytes that are not what the label says, fall back to
// Windows-1252 with a warning.
func toUTF8(data []byte, cs string) (string, string) {
	name := strings.ToLower(strings.Trim(strings.TrimSpace(cs), `"'`))
	switch name {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if utf8.Valid(data) {
			return string(data), ""
		}
		if name == "utf-8" || name == "utf8" {
			return fromWindows1252(data), "Texte annoncé en UTF-8 mais invalide : lu comme Windows-1252."
		}
		return fromWindows1252(data), "Texte 8 bits sans jeu de caractères déclaré : lu comme Windows-1252."
	}
	r, err := charsetReader(name, bytes.NewReader(data))
	if err != nil {
		if utf8.Valid(data) {
			return string(data), fmt.Sprintf("Jeu de caractères « %s » inconnu : texte lu comme UTF-8.", clip(cs, 40))
		}
		return fromWindows1252(data), fmt.Sprintf("Jeu de caractères « %s » inconnu : texte lu comme Windows-1252.", clip(cs, 40))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return fromWindows1252(data), fmt.Sprintf("Texte illisible dans le jeu de caractères « %s » : lu comme Windows-1252.", clip(cs, 40))
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), ""
}

// clip shortens s to at most n runes for warnings, adding "…".
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "?")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

package mailsync

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	netmail "net/mail"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-message/textproto"

	"amiable/debt"
)

// Address is one mailbox of a From, To or Cc header.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// String returns "Name <email>", or the bare address.
func (a Address) String() string {
	if a.Name == "" {
		return a.Email
	}
	return a.Name + " <" + a.Email + ">"
}

// Attachment is a file carried by a message: a part with a file name or a
// Content-Disposition of attachment, an inline image, a forwarded message.
type Attachment struct {
	Filename  string `json:"filename"`
	MediaType string `json:"media_type"`
	ContentID string `json:"content_id,omitempty"`
	Inline    bool   `json:"inline,omitempty"`
	SHA256    string `json:"sha256"` // hex digest of Data
	Data      []byte `json:"-"`
}

// Message is a parsed e-mail.
type Message struct {
	// Key identifies the message for duplicates: "mid:" + Message-ID, or
	// "sha256:" + the digest of the raw bytes when there is no Message-ID.
	Key        string    `json:"key"`
	MessageID  string    `json:"message_id,omitempty"` // without angle brackets
	InReplyTo  []string  `json:"in_reply_to,omitempty"`
	References []string  `json:"references,omitempty"`
	From       Address   `json:"from"`
	To         []Address `json:"to,omitempty"`
	Cc         []Address `json:"cc,omitempty"`
	Date       time.Time `json:"date,omitzero"` // zero when missing or unreadable
	Subject    string    `json:"subject"`
	// Text is the body as plain text: the text/plain parts, else the HTML
	// reduced to text (TextFromHTML is then true). A message attached to
	// this one (message/rfc822) adds its own headers and text after a
	// "Message joint" line.
	Text         string       `json:"text"`
	TextFromHTML bool         `json:"text_from_html,omitempty"`
	Attachments  []Attachment `json:"attachments,omitempty"`
	Size         int          `json:"size"`   // bytes of the raw message
	SHA256       string       `json:"sha256"` // hex digest of the raw message
	// Warnings says, in French, what could not be read.
	Warnings []string `json:"warnings,omitempty"`
}

// Limits that keep a hostile or broken message from exhausting memory or
// time; what goes beyond them is skipped with a warning.
const (
	maxHeaderBytes = 1 << 20 // header block of one entity
	maxDepth       = 16      // nesting of multiparts and attached messages
	maxParts       = 500     // leaf parts in one message
	maxMsgIDs      = 500     // identifiers kept from References
	maxWarnings    = 40
)

// Parse reads a raw message. It never fails: an empty, truncated or
// malformed message gives what could be read, and Warnings describes the
// rest in French.
func Parse(raw []byte) Message {
	return parseDepth(raw, 0)
}

func parseDepth(raw []byte, depth int) Message {
	sum := sha256.Sum256(raw)
	p := &parser{depth: depth}
	m := Message{Size: len(raw), SHA256: hex.EncodeToString(sum[:])}

	h, body, ok := p.readHeader(raw)
	if !ok {
		p.warn("Aucun en-tête lisible : le message est gardé comme texte brut.")
		text, w := toUTF8(raw, "")
		p.warn(w)
		m.Text = normalizeText(text)
	} else {
		m.MessageID = p.messageID(h)
		m.InReplyTo = p.msgIDList(h, "In-Reply-To")
		m.References = p.msgIDList(h, "References")
		if from := p.addresses(h, "From"); len(from) > 0 {
			m.From = from[0]
		} else if sender := p.addresses(h, "Sender"); len(sender) > 0 {
			m.From = sender[0]
		}
		m.To = p.addresses(h, "To")
		m.Cc = p.addresses(h, "Cc")
		m.Date = p.date(h)
		m.Subject = debt.CleanLine(p.headerText(h, "Subject"))
		text, fromHTML := p.entity(h, body, depth)
		m.Text = normalizeText(text)
		m.TextFromHTML = fromHTML
		m.Attachments = p.attachments
	}
	if m.MessageID != "" {
		m.Key = "mid:" + m.MessageID
	} else {
		m.Key = "sha256:" + m.SHA256
		if depth == 0 {
			p.warn("Pas de Message-ID : les doublons seront repérés par l'empreinte SHA-256 du message.")
		}
	}
	m.Warnings = p.warnings
	return m
}

type parser struct {
	depth       int
	skipHTML    int // > 0 while reading alternatives after a plain text was found
	parts       int
	attachments []Attachment
	warnings    []string
}

func (p *parser) warn(w string) {
	if w == "" {
		return
	}
	for _, x := range p.warnings {
		if x == w {
			return
		}
	}
	if len(p.warnings) == maxWarnings {
		p.warnings = append(p.warnings, "Trop d'anomalies : les suivantes ne sont pas listées.")
	}
	if len(p.warnings) > maxWarnings {
		return
	}
	p.warnings = append(p.warnings, w)
}

// readHeader reads the header block of an entity leniently: lines that are
// neither a "Name: value" field nor a continuation are skipped (with one
// warning), a block over maxHeaderBytes is cut. It returns the header, the
// body after the blank line, and false when no field at all was found.
func (p *parser) readHeader(raw []byte) (textproto.Header, []byte, bool) {
	var clean bytes.Buffer
	var body []byte
	bad, fields := 0, 0
	firstBad := ""
	keptLast := false
	truncated := false
	pos := 0
	for pos < len(raw) {
		end := bytes.IndexByte(raw[pos:], '\n')
		next := len(raw)
		line := raw[pos:]
		if end >= 0 {
			line = raw[pos : pos+end]
			next = pos + end + 1
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			body = raw[next:]
			break
		}
		switch {
		case clean.Len()+len(line) > maxHeaderBytes:
			truncated = true
			keptLast = false
		case line[0] == ' ' || line[0] == '\t':
			if keptLast {
				clean.Write(line)
				clean.WriteString("\r\n")
			}
		case validFieldLine(line):
			clean.Write(line)
			clean.WriteString("\r\n")
			keptLast = true
			fields++
		case pos == 0 && bytes.HasPrefix(line, []byte("From ")):
			// mbox separator left by a "save as": not a header.
			keptLast = false
		default:
			if bad == 0 {
				firstBad = clip(strings.ToValidUTF8(string(line), "?"), 60)
			}
			bad++
			keptLast = false
		}
		pos = next
	}
	if truncated {
		p.warn("En-tête de plus de 1 Mo : la suite de l'en-tête a été ignorée.")
	}
	if fields == 0 {
		return textproto.Header{}, nil, false
	}
	if bad == 1 {
		p.warn(fmt.Sprintf("Ligne d'en-tête illisible ignorée : « %s ».", firstBad))
	} else if bad > 1 {
		p.warn(fmt.Sprintf("%d lignes d'en-tête illisibles ignorées (la première : « %s »).", bad, firstBad))
	}
	clean.WriteString("\r\n")
	h, err := textproto.ReadHeader(bufio.NewReader(&clean))
	if err != nil {
		p.warn("En-tête partiellement illisible : " + clip(err.Error(), 80) + ".")
	}
	return h, body, true
}

// validFieldLine reports whether line is "Name: value" with a name made of
// printable ASCII (RFC 5322 2.2), allowing spaces before the colon.
func validFieldLine(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	name := bytes.TrimRight(line[:i], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

// headerText returns an unstructured header field decoded to UTF-8: raw
// 8-bit bytes are read as Windows-1252, RFC 2047 words are decoded.
func (p *parser) headerText(h textproto.Header, key string) string {
	v := h.Get(key)
	if v == "" {
		return ""
	}
	if !utf8.ValidString(v) {
		v = fromWindows1252([]byte(v))
		p.warn(fmt.Sprintf("En-tête « %s » non encodé : lu comme Windows-1252.", key))
	}
	d, err := wordDecoder.DecodeHeader(v)
	if err != nil {
		p.warn(fmt.Sprintf("En-tête « %s » mal encodé : gardé tel quel.", key))
		return v
	}
	// An encoded word announced as UTF-8 may hold anything.
	return strings.ToValidUTF8(d, "\uFFFD")
}

var (
	msgIDRe = regexp.MustCompile(`<([^<>\s]+)>`)
	emailRe = regexp.MustCompile(`[^\s<>"'(),;:\[\]]+@[^\s<>"'(),;:\[\]]+\.[^\s<>"'(),;:\[\]]+`)
)

// messageID returns the Message-ID without brackets, accepting the
// unbracketed form some mailers write.
func (p *parser) messageID(h textproto.Header) string {
	v := strings.TrimSpace(p.headerText(h, "Message-Id"))
	if v == "" {
		return ""
	}
	if m := msgIDRe.FindStringSubmatch(v); m != nil {
		return m[1]
	}
	f := strings.Fields(strings.Trim(v, "<>"))
	if len(f) == 0 {
		return ""
	}
	p.warn("Message-ID mal formé : « " + clip(v, 60) + " » gardé tel quel.")
	return f[0]
}

// msgIDList returns the identifiers of In-Reply-To or References, in order,
// without duplicates.
func (p *parser) msgIDList(h textproto.Header, key string) []string {
	v := p.headerText(h, key)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	var ids []string
	if ms := msgIDRe.FindAllStringSubmatch(v, -1); ms != nil {
		for _, m := range ms {
			ids = append(ids, m[1])
		}
	} else {
		for _, f := range strings.Fields(v) {
			if strings.Contains(f, "@") {
				ids = append(ids, strings.Trim(f, "<>,;"))
			}
		}
	}
	seen := make(map[string]bool, len(ids))
	out := ids[:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) > maxMsgIDs {
		// The first is the thread's root, the last the direct parent.
		p.warn(fmt.Sprintf("En-tête « %s » de %d identifiants : seuls le premier et les %d derniers sont gardés.", key, len(out), maxMsgIDs-1))
		out = append(out[:1], out[len(out)-maxMsgIDs+1:]...)
	}
	return out
}

// addresses parses an address list; what net/mail refuses is read piece by
// piece, then by picking out anything shaped like an address.
func (p *parser) addresses(h textproto.Header, key string) []Address {
	v := h.Get(key)
	if strings.TrimSpace(v) == "" {
		return nil
	}
	if !utf8.ValidString(v) {
		v = fromWindows1252([]byte(v))
	}
	ap := &netmail.AddressParser{WordDecoder: wordDecoder}
	if list, err := ap.ParseList(v); err == nil {
		return toAddresses(list)
	}
	var out []Address
	for _, piece := range strings.Split(v, ",") {
		if strings.TrimSpace(piece) == "" {
			continue
		}
		if a, err := ap.Parse(piece); err == nil {
			out = append(out, toAddresses([]*netmail.Address{a})...)
			continue
		}
		for _, e := range emailRe.FindAllString(piece, -1) {
			out = append(out, Address{Email: strings.TrimRight(e, ".")})
		}
	}
	label := map[string]string{"From": "De", "To": "À", "Cc": "Cc", "Sender": "Sender"}[key]
	p.warn(fmt.Sprintf("Adresses « %s » mal formées : « %s ».", label, clip(v, 60)))
	return out
}

func toAddresses(list []*netmail.Address) []Address {
	out := make([]Address, 0, len(list))
	for _, a := range list {
		name := strings.TrimSpace(a.Name)
		if strings.Contains(name, "=?") {
			// Encoded words inside a quoted name: forbidden by RFC 2047
			// but written by common mailers.
			if d, err := wordDecoder.DecodeHeader(name); err == nil {
				name = d
			}
		}
		out = append(out, Address{Name: debt.CleanLine(name), Email: debt.CleanLine(a.Address)})
	}
	return out
}

// extraDateLayouts are forms seen in the wild that net/mail refuses.
var extraDateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700 (MST)",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 -0700 2006",
	time.RFC3339,
	"2006-01-02 15:04:05 -0700",
	"02/01/2006 15:04:05",
}

func (p *parser) date(h textproto.Header) time.Time {
	v := strings.TrimSpace(h.Get("Date"))
	if v == "" {
		p.warn("Pas de date dans l'en-tête : la date de réception sur le serveur fera foi.")
		return time.Time{}
	}
	// The usual form first: net/mail tries many layouts.
	if t, err := time.Parse("Mon, 2 Jan 2006 15:04:05 -0700", v); err == nil {
		return t
	}
	if t, err := netmail.ParseDate(v); err == nil {
		return t
	}
	clean := strings.Join(strings.Fields(v), " ")
	for _, layout := range extraDateLayouts {
		if t, err := time.Parse(layout, clean); err == nil {
			return t
		}
	}
	p.warn(fmt.Sprintf("Date illisible « %s » : la date de réception sur le serveur fera foi.", clip(v, 50)))
	return time.Time{}
}

var lenientParamRe = map[string]*regexp.Regexp{
	"boundary": regexp.MustCompile(`(?i)\bboundary\s*=\s*("([^"]*)"|[^\s;]+)`),
	"charset":  regexp.MustCompile(`(?i)\bcharset\s*=\s*("([^"]*)"|[^\s;]+)`),
	"name":     regexp.MustCompile(`(?i)\bname\s*=\s*("([^"]*)"|[^\s;]+)`),
}

// mediaType reads Content-Type, defaulting to text/plain (RFC 2045 5.2).
func (p *parser) mediaType(h textproto.Header) (string, map[string]string) {
	v := h.Get("Content-Type")
	if strings.TrimSpace(v) == "" {
		return "text/plain", map[string]string{}
	}
	mt, params, err := mime.ParseMediaType(v)
	if err == nil || err == mime.ErrInvalidMediaParameter {
		if params == nil {
			params = map[string]string{}
		}
		return mt, params
	}
	// Lenient reading: the type before ";" and the parameters that matter.
	t := strings.ToLower(strings.TrimSpace(strings.SplitN(v, ";", 2)[0]))
	params = map[string]string{}
	for k, re := range lenientParamRe {
		if m := re.FindStringSubmatch(v); m != nil {
			val := m[1]
			if m[2] != "" || strings.HasPrefix(val, `"`) {
				val = m[2]
			}
			params[k] = val
		}
	}
	if strings.Count(t, "/") == 1 && !strings.ContainsAny(t, " \t\"") {
		p.warn(fmt.Sprintf("Content-Type mal formé « %s » : lu au mieux.", clip(v, 60)))
		return t, params
	}
	p.warn(fmt.Sprintf("Content-Type illisible « %s » : partie lue comme texte brut.", clip(v, 60)))
	return "text/plain", params
}

// entity walks one MIME entity: it collects attachments and returns the
// body text found in it, and whether that text came from HTML.
func (p *parser) entity(h textproto.Header, body []byte, depth int) (string, bool) {
	if depth > maxDepth {
		p.warn("Imbrication MIME trop profonde : les parties les plus internes sont ignorées.")
		return "", false
	}
	mt, params := p.mediaType(h)
	if strings.HasPrefix(mt, "multipart/") {
		parts, ok := p.splitMultipart(body, params["boundary"])
		if !ok {
			// No usable boundary: keep the body as text rather than lose it.
			text, w := toUTF8(body, "")
			p.warn(w)
			return text, false
		}
		if mt == "multipart/alternative" {
			return p.alternative(parts, depth)
		}
		var texts []string
		fromHTML := false
		for _, part := range parts {
			t, fh := p.entity(part.header, part.body, depth+1)
			if strings.TrimSpace(t) != "" {
				texts = append(texts, t)
				fromHTML = fromHTML || fh
			}
		}
		return strings.Join(texts, "\n\n"), fromHTML
	}
	return p.leaf(h, mt, params, body, depth)
}

// alternative picks the plain text of a multipart/alternative, else its
// HTML reduced to text; attachments inside every branch are kept.
func (p *parser) alternative(parts []mimePart, depth int) (string, bool) {
	var plain, fromHTML string
	for _, part := range parts {
		if plain != "" {
			// Still walk the other branches for their attachments, without
			// converting HTML nobody will read.
			p.skipHTML++
		}
		t, fh := p.entity(part.header, part.body, depth+1)
		if plain != "" {
			p.skipHTML--
		}
		if strings.TrimSpace(t) == "" {
			continue
		}
		if !fh && plain == "" {
			plain = t
		}
		if fh && fromHTML == "" {
			fromHTML = t
		}
	}
	if plain != "" {
		return plain, false
	}
	return fromHTML, fromHTML != ""
}

func (p *parser) leaf(h textproto.Header, mt string, params map[string]string, body []byte, depth int) (string, bool) {
	p.parts++
	if p.parts > maxParts {
		if p.parts == maxParts+1 {
			p.warn(fmt.Sprintf("Plus de %d parties : les suivantes sont ignorées.", maxParts))
		}
		return "", false
	}
	data, w := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	p.warn(w)
	disp, dparams := "", map[string]string{}
	if v := h.Get("Content-Disposition"); v != "" {
		d, dp, err := mime.ParseMediaType(v)
		if err == nil || err == mime.ErrInvalidMediaParameter {
			disp, dparams = strings.ToLower(d), dp
		} else {
			disp = strings.ToLower(strings.TrimSpace(strings.SplitN(v, ";", 2)[0]))
		}
	}
	filename := p.decodeFilename(dparams["filename"])
	if filename == "" {
		filename = p.decodeFilename(params["name"])
	}
	isText := mt == "text/plain" || mt == "text/html"
	if isText && disp != "attachment" && filename == "" {
		if mt == "text/html" && p.skipHTML > 0 {
			return "", true
		}
		text, w := toUTF8(data, params["charset"])
		p.warn(w)
		if mt == "text/html" {
			return htmlToText(text), true
		}
		return text, false
	}
	att := Attachment{
		Filename:  filename,
		MediaType: mt,
		ContentID: strings.Trim(strings.TrimSpace(h.Get("Content-Id")), "<>"),
		Inline:    disp == "inline",
		Data:      data,
	}
	var text string
	if mt == "message/rfc822" || mt == "message/global" {
		inner := parseDepth(data, depth+1)
		if att.Filename == "" {
			att.Filename = safeFilename(inner.Subject, "message") + ".eml"
		}
		text = attachedMessageText(inner)
	}
	if att.Filename == "" {
		att.Filename = fmt.Sprintf("piece-jointe-%d%s", len(p.attachments)+1, extensionFor(mt))
	}
	sum := sha256.Sum256(data)
	att.SHA256 = hex.EncodeToString(sum[:])
	p.attachments = append(p.attachments, att)
	return text, false
}

// attachedMessageText presents an attached message in the body, after a
// marker that SplitQuoted treats as history.
func attachedMessageText(m Message) string {
	var b strings.Builder
	b.WriteString("-------- Message transféré --------\n")
	fmt.Fprintf(&b, "De : %s\n", m.From)
	if !m.Date.IsZero() {
		fmt.Fprintf(&b, "Date : %s\n", m.Date.Format("02/01/2006 15:04"))
	}
	fmt.Fprintf(&b, "Objet : %s\n\n", m.Subject)
	b.WriteString(m.Text)
	return b.String()
}

// decodeFilename decodes RFC 2047 words some mailers put in file names and
// keeps only a safe base name.
func (p *parser) decodeFilename(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if !utf8.ValidString(v) {
		v = fromWindows1252([]byte(v))
	}
	if strings.Contains(v, "=?") {
		if d, err := wordDecoder.DecodeHeader(v); err == nil {
			v = strings.ToValidUTF8(d, "\uFFFD")
		}
	}
	return safeFilename(v, "")
}

// safeFilename keeps the base name without path separators or control
// characters, at most 120 runes.
func safeFilename(name, fallback string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	// Bidirectional overrides would show "x\u202Efdp.exe" as "xexe.pdf".
	name = debt.CleanLine(name)
	name = strings.Trim(strings.TrimSpace(name), ".")
	if name == "" || name == "_" {
		return fallback
	}
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	return name
}

func extensionFor(mt string) string {
	switch mt {
	case "application/pdf":
		return ".pdf"
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "text/plain":
		return ".txt"
	case "text/html":
		return ".html"
	case "text/calendar":
		return ".ics"
	case "message/rfc822":
		return ".eml"
	}
	return ".bin"
}

type mimePart struct {
	header textproto.Header
	body   []byte
}

// splitMultipart cuts a multipart body at its boundary lines. It tolerates
// a missing final boundary (the last part runs to the end) and parts with
// broken headers. It returns false when the boundary never appears.
func (p *parser) splitMultipart(body []byte, boundary string) ([]mimePart, bool) {
	if boundary == "" {
		p.warn("Message multipart sans délimiteur : corps gardé comme texte.")
		return nil, false
	}
	dash := []byte("--" + boundary)
	var parts []mimePart
	start := -1 // start of the current part's bytes
	closed := false
	pos := 0
	for pos <= len(body) && !closed {
		end := bytes.IndexByte(body[pos:], '\n')
		next := len(body) + 1
		line := body[pos:]
		if end >= 0 {
			line = body[pos : pos+end]
			next = pos + end + 1
		}
		trimmed := bytes.TrimRight(line, " \t\r")
		if bytes.HasPrefix(trimmed, dash) {
			rest := trimmed[len(dash):]
			if len(rest) == 0 || bytes.Equal(rest, []byte("--")) {
				if start >= 0 {
					// Two boundaries in a row: the line end before the
					// second one is the first one's.
					parts = append(parts, p.part(body[start:max(start, lineStart(body, pos))]))
				}
				if len(rest) == 2 {
					closed = true
				}
				start = min(next, len(body))
			}
		}
		pos = next
	}
	if start < 0 {
		p.warn("Structure MIME endommagée (délimiteur introuvable) : corps gardé comme texte.")
		return nil, false
	}
	if !closed {
		p.warn("Structure MIME endommagée (message tronqué ?) : ce qui a pu être lu est gardé.")
		if start < len(body) {
			parts = append(parts, p.part(body[start:]))
		}
	}
	return parts, true
}

// lineStart returns the end of the part before the boundary line at pos:
// the CRLF (or LF) preceding the boundary belongs to the boundary.
func lineStart(body []byte, pos int) int {
	end := pos
	if end > 0 && body[end-1] == '\n' {
		end--
		if end > 0 && body[end-1] == '\r' {
			end--
		}
	}
	return end
}

func (p *parser) part(b []byte) mimePart {
	h, body, ok := p.readHeader(b)
	if !ok {
		// A part without header is text/plain (RFC 2046 5.1.1); its body
		// starts after the empty line, or at once if there is none.
		switch {
		case bytes.HasPrefix(b, []byte("\r\n")):
			return mimePart{body: b[2:]}
		case bytes.HasPrefix(b, []byte("\n")):
			return mimePart{body: b[1:]}
		}
		return mimePart{body: b}
	}
	return mimePart{header: h, body: body}
}

// normalizeText uses LF line ends, drops control and bidirectional
// formatting characters (debt.CleanText) and trailing spaces, keeps at
// most one empty line in a row and trims the whole text.
func normalizeText(s string) string {
	s = debt.CleanText(s) // LF line ends; controls and bidirectional overrides out
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

package mailsync

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func readCorpus(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "corpus", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

type wantAttachment struct {
	filename, mediaType string
	size                int
	inline              bool
}

// corpusCase is what one file of testdata/corpus must parse into.
type corpusCase struct {
	file       string
	from       string // From address
	fromName   string
	subject    string
	messageID  string // "" = none expected
	inReplyTo  string // first In-Reply-To
	date       string // RFC 3339, "" = zero
	fromHTML   bool
	fresh      []string // substrings of the new text
	notFresh   []string // substrings that must be in the history, not the new text
	notText    []string // substrings that must not appear at all
	atts       []wantAttachment
	warnings   []string // substrings, each in some warning
	noWarnings bool
}

var corpus = []corpusCase{
	{
		file: "outlook-reply-qp-1252.eml", from: "jean.dupont@example.fr", fromName: "Jean Dupont",
		subject:   "RE\u00a0: Dossier 2026-00042 - Mise en demeure",
		messageID: "AM9PR07MB1234ABCD5678@AM9PR07MB1234.eurprd07.prod.outlook.com",
		inReplyTo: "20260302101200.42.mdemeure@etude-martin.fr", date: "2026-03-03T08:15:00Z",
		fresh:      []string{"Bonjour Maître,", "1\u00a0234,56 € d’ici au 31 mars", "Jean Dupont"},
		notFresh:   []string{"Envoyé : lundi 2 mars 2026", "2026-00043"},
		noWarnings: true,
	},
	{
		file: "gmail-reply-b64.eml", from: "claire.martin.75@gmail.com", fromName: "Claire Martin",
		subject:   "Re: Votre courrier du 2 mars",
		messageID: "CAF=k3Yx9v2Qe_hY8sL1nB0wZpQ7rT5uV6w@mail.gmail.com",
		inReplyTo: "20260302101200.17.relance@etude-martin.fr", date: "2026-03-03T11:02:17+01:00",
		fresh:      []string{"je viens de perdre mon emploi", "d'étaler le paiement sur six mois ?"},
		notFresh:   []string{"a écrit :", "2026-00017", "FA-2025-118"},
		noWarnings: true,
	},
	{
		file: "apple-mail-inline-image.eml", from: "paul.leroy@icloud.com", fromName: "Paul Leroy",
		subject:   "Réponse à votre relance",
		messageID: "B2C1E0F9-1A2B-4C3D-8E9F-0A1B2C3D4E5F@icloud.com",
		inReplyTo: "unknown-thread-9f8e7d@mail.example.net", date: "2026-03-02T09:30:11+01:00",
		// Both text parts around the image are kept.
		fresh:      []string{"Voici la photo du chèque envoyé ce matin :", "Bien à vous,\nPaul Leroy"},
		notFresh:   []string{"2026-00042", "2025-00310"},
		atts:       []wantAttachment{{"cheque.png", "image/png", 69, true}},
		noWarnings: true,
	},
	{
		file: "thunderbird-latin1-8bit.eml", from: "renee.francois@orange.fr", fromName: "Renée François",
		subject:   "Re: Dossier 2026-00042 - échéancier",
		messageID: "7c1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6@orange.fr",
		inReplyTo: "20260304090000.42.echeancier@etude-martin.fr", date: "2026-03-04T18:45:03+01:00",
		// 0x80 in a text labelled ISO-8859-1 is read as Windows-1252's euro.
		fresh:    []string{"J'accepte l'échéancier proposé pour le dossier 2026-00042", "205,76 € à partir du 5 avril"},
		notFresh: []string{"Nous vous proposons"},
		warnings: []string{"« Subject » non encodé"},
	},
	{
		file: "windows-1252-qp.eml", from: "compta@bati-plus.example.com", fromName: "SARL Bâti Plus",
		subject:    "Contestation de la créance – facture impayée",
		messageID:  "000001dc8a1b$2c3d4e50$5f6a7b8c$@bati-plus.example.com",
		date:       "2026-03-05T14:20:00+01:00",
		fresh:      []string{"«\u00a0FA-2025-077\u00a0»", "n’a jamais été réalisée", "3\u00a0480,00 €", "n’est donc pas dû"},
		noWarnings: true,
	},
	{
		file: "forwarded-inline.eml", from: "garage.lefebvre@gmail.com", subject: "Fwd: paiement",
		messageID: "CAK7fwd01x@mail.gmail.com", date: "2026-03-06T08:05:44+01:00",
		fresh:      []string{"Bonjour Maître,", "je vous transfère son message."},
		notFresh:   []string{"j'ai viré 150 euros aujourd'hui pour le dossier 2026-00042"},
		noWarnings: true,
	},
	{
		file: "forwarded-attachment.eml", from: "garage.lefebvre@gmail.com",
		subject: "Fwd: Dossier 2026-00042 : proposition", messageID: "a1b2c3d4-fwd-attach@gmail.com",
		date:  "2026-03-06T09:00:00+01:00",
		fresh: []string{"Voir le message ci-joint."},
		// The attached message's headers and text are readable in the history.
		notFresh:   []string{"Objet : Dossier 2026-00042 : proposition", "Je propose de payer 100 € par mois."},
		atts:       []wantAttachment{{"Dossier 2026-00042 _ proposition.eml", "message/rfc822", -1, false}},
		noWarnings: true,
	},
	{
		file: "pdf-attachment-rfc2231.eml", from: "Jean.Dupont@Example.FR", fromName: "Jean Dupont",
		subject: "Justificatif de virement - dossier 2026-00042", messageID: "pdf-2231-0001@example.fr",
		date:       "2026-03-07T10:00:00+01:00",
		fresh:      []string{"Veuillez trouver ci-joint l’avis de virement."},
		atts:       []wantAttachment{{"avis de virement n°1.pdf", "application/pdf", 604, false}},
		noWarnings: true,
	},
	{
		file: "html-only-with-image.eml", from: "roux.famille@example.net", subject: "Proposition",
		messageID: "html-only-9@example.net", date: "2026-03-08T20:00:00+01:00", fromHTML: true,
		fresh: []string{"Suite à votre lettre (réf. 2026-00043), voici mon échéancier :",
			"Avril 200 €", "- Premier versement le 5", "Cordialement,\nM. & Mme Roux"},
		notText:    []string{"tracker", "pister", "color", "Titre caché", "<p>", "&eacute;"},
		atts:       []wantAttachment{{"relevé bancaire.png", "image/png", 69, false}},
		noWarnings: true,
	},
	{
		file: "no-message-id.eml", from: "jean.dupont@example.fr", subject: "paiement",
		date: "2026-03-09T07:00:00+01:00", fresh: []string{"J'ai paye ce matin."},
		warnings: []string{"Pas de Message-ID"},
	},
	{
		file: "malformed-headers.eml", from: "jean.dupont@example.fr",
		subject:   "=?x-martian-1?Q?Bonjour?= dossier 2026-00042",
		messageID: "broken-id-without-brackets@example.fr",
		fresh:     []string{"Réponse malgré tout lisible."},
		warnings: []string{"Ligne d'en-tête illisible ignorée : « this line is not a header at all »",
			"Adresses « De » mal formées", "Date illisible « 32 Foo 2026", "« Subject » mal encodé",
			"Jeu de caractères « x-martian-1 » inconnu", "Message-ID mal formé"},
	},
	{
		file: "broken-mime.eml", from: "jean.dupont@example.fr", subject: "pieces",
		messageID: "broken-mime-12@example.fr", date: "2026-03-10T12:00:00+01:00",
		fresh: []string{"Le texte avant la coupure."},
		atts:  []wantAttachment{{"coupe.pdf", "application/pdf", -1, false}},
		warnings: []string{"Structure MIME endommagée (message tronqué ?)",
			"Encodage de transfert « x-strange » inconnu", "base64 tronqué"},
	},
}

func TestParseCorpus(t *testing.T) {
	for _, tc := range corpus {
		t.Run(tc.file, func(t *testing.T) {
			raw := readCorpus(t, tc.file)
			m := Parse(raw)
			if m.From.Email != tc.from {
				t.Errorf("From = %q, want %q", m.From.Email, tc.from)
			}
			if tc.fromName != "" && m.From.Name != tc.fromName {
				t.Errorf("From name = %q, want %q", m.From.Name, tc.fromName)
			}
			if m.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tc.subject)
			}
			if m.MessageID != tc.messageID {
				t.Errorf("MessageID = %q, want %q", m.MessageID, tc.messageID)
			}
			sum := sha256.Sum256(raw)
			wantKey := "mid:" + tc.messageID
			if tc.messageID == "" {
				wantKey = "sha256:" + hex.EncodeToString(sum[:])
			}
			if m.Key != wantKey {
				t.Errorf("Key = %q, want %q", m.Key, wantKey)
			}
			if m.SHA256 != hex.EncodeToString(sum[:]) || m.Size != len(raw) {
				t.Errorf("SHA256, Size = %s, %d; want %x, %d", m.SHA256, m.Size, sum, len(raw))
			}
			gotIRT := ""
			if len(m.InReplyTo) > 0 {
				gotIRT = m.InReplyTo[0]
			}
			if gotIRT != tc.inReplyTo {
				t.Errorf("InReplyTo = %q, want %q", m.InReplyTo, tc.inReplyTo)
			}
			gotDate := ""
			if !m.Date.IsZero() {
				gotDate = m.Date.Format(time.RFC3339)
			}
			if gotDate != tc.date {
				t.Errorf("Date = %q, want %q", gotDate, tc.date)
			}
			if m.TextFromHTML != tc.fromHTML {
				t.Errorf("TextFromHTML = %v, want %v", m.TextFromHTML, tc.fromHTML)
			}
			fresh, quoted := SplitQuoted(m.Text)
			for _, s := range tc.fresh {
				if !strings.Contains(fresh, s) {
					t.Errorf("new text lacks %q; new text:\n%s", s, fresh)
				}
			}
			for _, s := range tc.notFresh {
				if strings.Contains(fresh, s) {
					t.Errorf("new text holds %q, which is history; new text:\n%s", s, fresh)
				}
				if !strings.Contains(quoted, s) {
					t.Errorf("history lacks %q; history:\n%s", s, quoted)
				}
			}
			for _, s := range tc.notText {
				if strings.Contains(m.Text, s) {
					t.Errorf("text holds %q; text:\n%s", s, m.Text)
				}
			}
			if len(m.Attachments) != len(tc.atts) {
				t.Fatalf("%d attachments, want %d: %+v", len(m.Attachments), len(tc.atts), m.Attachments)
			}
			for i, w := range tc.atts {
				a := m.Attachments[i]
				if a.Filename != w.filename || a.MediaType != w.mediaType || a.Inline != w.inline {
					t.Errorf("attachment %d = %q %s inline=%v, want %q %s inline=%v", i, a.Filename, a.MediaType, a.Inline, w.filename, w.mediaType, w.inline)
				}
				if w.size >= 0 && len(a.Data) != w.size {
					t.Errorf("attachment %d: %d bytes, want %d", i, len(a.Data), w.size)
				}
				s := sha256.Sum256(a.Data)
				if a.SHA256 != hex.EncodeToString(s[:]) {
					t.Errorf("attachment %d SHA256 = %s, want %x", i, a.SHA256, s)
				}
			}
			if tc.noWarnings && len(m.Warnings) > 0 {
				t.Errorf("warnings %q, want none", m.Warnings)
			}
			for _, w := range tc.warnings {
				if !containsAny(m.Warnings, w) {
					t.Errorf("no warning containing %q in %q", w, m.Warnings)
				}
			}
		})
	}
}

func containsAny(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// The attachments decoded from the corpus are the exact files that were
// encoded: a PDF that qpdf would accept starts and ends as one.
func TestParseAttachmentBytes(t *testing.T) {
	m := Parse(readCorpus(t, "pdf-attachment-rfc2231.eml"))
	pdf := m.Attachments[0].Data
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Errorf("PDF attachment = %q…%q, want a whole PDF", pdf[:min(10, len(pdf))], pdf[max(0, len(pdf)-10):])
	}
	png := Parse(readCorpus(t, "apple-mail-inline-image.eml")).Attachments[0].Data
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Errorf("PNG attachment starts with %q", png[:8])
	}
	// A truncated base64 attachment keeps the bytes that could be decoded.
	cut := Parse(readCorpus(t, "broken-mime.eml")).Attachments[0].Data
	if len(cut) == 0 || !bytes.HasPrefix(pdf, cut) {
		t.Errorf("truncated PDF = %d bytes, want a non-empty prefix of the whole PDF", len(cut))
	}
}

// Same message bytes give the same key; a message without Message-ID is
// keyed by its hash, so a different byte gives a different key.
func TestParseKeyStable(t *testing.T) {
	raw := readCorpus(t, "no-message-id.eml")
	a, b := Parse(raw), Parse(bytes.Clone(raw))
	if a.Key != b.Key {
		t.Errorf("Key of the same bytes = %q then %q", a.Key, b.Key)
	}
	changed := bytes.Replace(raw, []byte("ce matin"), []byte("ce soir"), 1)
	if c := Parse(changed); c.Key == a.Key {
		t.Errorf("Key of different bytes without Message-ID = %q both times", c.Key)
	}
	withID := Parse(readCorpus(t, "several-refs.eml"))
	resent := bytes.Replace(readCorpus(t, "several-refs.eml"), []byte("Date: Wed"), []byte("X-Resent: yes\r\nDate: Wed"), 1)
	if k := Parse(resent).Key; k != withID.Key || k != "mid:several-refs-13@example.fr" {
		t.Errorf("Key with the same Message-ID = %q and %q, want mid:several-refs-13@example.fr", withID.Key, k)
	}
}

// Malformed input of every kind gives a message and warnings, never a panic
// or an empty result where something was readable.
func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		text     string // substring of Text
		subject  string
		warnings []string
	}{
		{"empty", "", "", "", []string{"Aucun en-tête lisible"}},
		{"no header", "juste du texte\nsur deux lignes\n", "juste du texte\nsur deux lignes", "", []string{"Aucun en-tête lisible"}},
		{"header only", "Subject: seul\r\nFrom: a@b.fr\r\n", "", "seul", []string{"Pas de Message-ID"}},
		{"continuation first", " folded\r\nSubject: x\r\n\r\ncorps", "corps", "x", []string{"Pas de Message-ID"}},
		{"multipart without boundary", "Content-Type: multipart/mixed\r\nSubject: s\r\n\r\ntexte nu", "texte nu", "s", []string{"sans délimiteur"}},
		{"boundary never found", "Content-Type: multipart/mixed; boundary=zz\r\n\r\ntexte sans délimiteur", "texte sans délimiteur", "", []string{"délimiteur introuvable"}},
		{"bad content-type", "Content-Type: ;;;\r\n\r\nlisible", "lisible", "", []string{"Content-Type"}},
		{"invalid utf-8 declared", "Content-Type: text/plain; charset=utf-8\r\n\r\nd\xe9j\xe0 pay\xe9", "déjà payé", "", []string{"annoncé en UTF-8 mais invalide"}},
		{"8-bit without charset", "Subject: t\r\n\r\nr\xe9gl\xe9", "réglé", "t", []string{"sans jeu de caractères"}},
		{"raw latin-1 subject", "Subject: D\xe9j\xe0 r\xe9gl\xe9\r\n\r\nx", "x", "Déjà réglé", []string{"non encodé"}},
		{"qp with bad escapes", "Content-Transfer-Encoding: quoted-printable\r\n\r\n100 =E2=82=AC =ZZ fin=\r\n ligne", "100 € =ZZ fin ligne", "", nil},
		{"base64 with junk", "Content-Transfer-Encoding: base64\r\n\r\nQm9u!am91cg==", "Bonjour", "", []string{"base64 abîmé"}},
		{"nested too deep", nested(30), "", "", []string{"trop profonde"}},
		{"unknown charset in part", "Content-Type: text/plain; charset=klingon\r\n\r\nqapla\xe9", "qaplaé", "", []string{"« klingon » inconnu"}},
		{"mbox From line", "From jean@example.fr Mon Mar  2 10:00:00 2026\nSubject: mbox\n\ncorps mbox", "corps mbox", "mbox", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Parse([]byte(tc.raw))
			if tc.text != "" && !strings.Contains(m.Text, tc.text) {
				t.Errorf("Text = %q, want it to contain %q", m.Text, tc.text)
			}
			if m.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tc.subject)
			}
			for _, w := range tc.warnings {
				if !containsAny(m.Warnings, w) {
					t.Errorf("no warning containing %q in %q", w, m.Warnings)
				}
			}
			if m.Key == "" || m.SHA256 == "" {
				t.Errorf("Key, SHA256 = %q, %q; want both set", m.Key, m.SHA256)
			}
		})
	}
}

// nested returns a message of n multiparts one inside the other.
func nested(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nau fond\r\n")
	return b.String()
}

// A References header of thousands of identifiers and a header block over
// 1 MB are cut with a warning; the body is still read.
func TestParseHugeHeaders(t *testing.T) {
	var b strings.Builder
	b.WriteString("Message-ID: <huge@example.fr>\r\nSubject: énorme\r\nReferences:")
	for i := range 3000 {
		fmt.Fprintf(&b, " <ref-%d@example.fr>\r\n", i)
	}
	for i := range 20000 {
		fmt.Fprintf(&b, "X-Filler-%d: %s\r\n", i, strings.Repeat("x", 60))
	}
	b.WriteString("X-After-Limit: perdu\r\n\r\ncorps lisible\r\n")
	m := Parse([]byte(b.String()))
	if m.Text != "corps lisible" {
		t.Errorf("Text = %q, want %q", m.Text, "corps lisible")
	}
	if m.MessageID != "huge@example.fr" {
		t.Errorf("MessageID = %q", m.MessageID)
	}
	if len(m.References) != maxMsgIDs || m.References[0] != "ref-0@example.fr" || m.References[maxMsgIDs-1] != "ref-2999@example.fr" {
		t.Errorf("References: %d kept, first %q, last %q; want %d, ref-0 and ref-2999", len(m.References), m.References[0], m.References[len(m.References)-1], maxMsgIDs)
	}
	for _, w := range []string{"plus de 1 Mo", "3000 identifiants"} {
		if !containsAny(m.Warnings, w) {
			t.Errorf("no warning containing %q in %q", w, m.Warnings)
		}
	}
}

// A 25 MB attachment comes out byte for byte, and parsing stays fast.
func TestParseLargeAttachment(t *testing.T) {
	pattern := make([]byte, 4093) // prime length: base64 lines do not repeat in step
	for i := range pattern {
		pattern[i] = byte(i*7 + i>>5)
	}
	data := bytes.Repeat(pattern, (25<<20)/len(pattern)+1)[:25<<20]
	raw := buildMixed("Gros fichier", "Voici le relevé complet.", "releve.bin", "application/octet-stream", data)
	start := time.Now()
	m := Parse(raw)
	elapsed := time.Since(start)
	if len(m.Attachments) != 1 || !bytes.Equal(m.Attachments[0].Data, data) {
		t.Fatalf("attachments = %d, want the 25 MB file back intact", len(m.Attachments))
	}
	if m.Text != "Voici le relevé complet." {
		t.Errorf("Text = %q", m.Text)
	}
	if len(m.Warnings) != 0 {
		t.Errorf("warnings %q, want none", m.Warnings)
	}
	// About 0.2 s on the 2-core CI machine; the race detector slows it
	// tenfold.
	if limit := 5 * time.Second; !raceEnabled && elapsed > limit {
		t.Errorf("parsing 25 MB took %v, want under %v", elapsed, limit)
	}
	t.Logf("25 MB attachment parsed in %v", elapsed)
}

// buildMixed writes a multipart/mixed message with one text part and one
// base64 attachment.
func buildMixed(subject, text, filename, mediaType string, data []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Jean Dupont <jean.dupont@example.fr>\r\nTo: contact@etude-martin.fr\r\n")
	fmt.Fprintf(&b, "Subject: %s\r\nMessage-ID: <%x@example.fr>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n", subject, sha256.Sum256(data))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"=_b\"\r\n\r\n")
	fmt.Fprintf(&b, "--=_b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n", text)
	fmt.Fprintf(&b, "--=_b\r\nContent-Type: %s\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", mediaType, filename)
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76])
		b.WriteString("\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc)
	b.WriteString("\r\n--=_b--\r\n")
	return b.Bytes()
}

func BenchmarkParseCorpus(b *testing.B) {
	var raws [][]byte
	for _, tc := range corpus {
		raws = append(raws, readCorpus(b, tc.file))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, r := range raws {
			Parse(r)
		}
	}
}

// FuzzParse: no input makes Parse panic, and every result has a key and
// valid UTF-8 text (go test runs the seeds; go test -fuzz FuzzParse explores).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.eml"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(nested(5)))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m := Parse(raw)
		if m.Key == "" || m.Size != len(raw) {
			t.Fatalf("Parse = key %q size %d for %d bytes", m.Key, m.Size, len(raw))
		}
		for _, s := range []string{m.Text, m.Subject, m.From.Name, m.From.Email} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
	})
}

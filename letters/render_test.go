package letters

import (
	"bytes"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"amiable/debt"
)

// needTool skips a test when a PDF tool is missing (CI installs
// poppler-utils and qpdf).
func needTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", name)
	}
}

// writePDF writes b to a file of the test's temporary folder.
func writePDF(t testing.TB, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func qpdfCheck(t testing.TB, path string) {
	t.Helper()
	needTool(t, "qpdf")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// pdfText returns the text of each page (pdftotext writes a form feed
// between pages), no-break spaces turned into spaces.
func pdfText(t testing.TB, path string) []string {
	t.Helper()
	needTool(t, "pdftotext")
	txt := path + ".txt"
	if out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, txt).CombinedOutput(); err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	b, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(b), "\f"), "\f")
	for i, p := range pages {
		pages[i] = plain(p)
	}
	return pages
}

// plain turns no-break spaces into spaces and joins the lines of a text,
// so that a sentence wrapped by the layout can be searched for.
func plain(s string) string {
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

type word struct {
	page                   int
	xMin, yMin, xMax, yMax float64 // millimetres from the page's top-left corner
	text                   string
}

var wordPattern = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// pdfWords returns every word of the PDF with its box (pdftotext -bbox).
func pdfWords(t testing.TB, path string) []word {
	t.Helper()
	needTool(t, "pdftotext")
	out := path + ".html"
	if b, err := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", path, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftotext -bbox: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	const mm = 25.4 / 72
	var words []word
	for i, page := range strings.Split(string(b), "<page ")[1:] {
		for _, m := range wordPattern.FindAllStringSubmatch(page, -1) {
			f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v * mm }
			words = append(words, word{i + 1, f(m[1]), f(m[2]), f(m[3]), f(m[4]), html.UnescapeString(m[5])})
		}
	}
	return words
}

func renderKind(t testing.TB, k Kind, in Input) (Letter, string) {
	t.Helper()
	l, err := Compose(k, in)
	if err != nil {
		t.Fatalf("Compose(%s): %v", k, err)
	}
	b, err := Render(l)
	if err != nil {
		t.Fatalf("Render(%s): %v", k, err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("Render(%s) does not start with %%PDF-", k)
	}
	return l, writePDF(t, string(k), b)
}

func TestRenderKinds(t *testing.T) {
	needTool(t, "pdftotext")
	common := []string{
		"SELARL Cœurdacier & Associés", // œ
		"Mme Hélène LEFÈVRE",           // accents, capitals
		"Lille, le 15 mai 2026",
		"N/Réf. : 2026-00042",
	}
	tests := []struct {
		kind Kind
		want []string
	}{
		{Reminder1, []string{"3 445,67 €", "Vos données personnelles", "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier", "au plus tard le 26 mai 2026"}},
		{Reminder2, []string{"Premier courrier : réf. 2026-00042 du 02/03/2026", "3 464,40 €"}},
		{FormalNotice, []string{"Lettre recommandée R1 avec avis de réception n° 1A 123 456 7890 1",
			"nous vous mettons en demeure de régler la somme de 3 464,40 € au plus tard le 1er juin 2026",
			"IBAN : FR76 3000 6000 0112 3456 7890 189 — BIC : AGRIFRPP", "1 250,00 €", "2,62 %"}},
		{PlanProposal, []string{"Échéancier proposé", "577,40 €"}},
		{PlanAgreement, []string{"ACCORD D'ÉCHÉANCIER", "« Lu et approuvé, bon pour accord »", "déchéance du terme"}},
		{Acknowledge, []string{"RECONNAISSANCE DE DETTE", "En toutes lettres :", "En chiffres :"}},
		{Receipt, []string{"QUITTANCE", "la somme de 150,00 € par virement", "146,50 €"}},
		{Settled, []string{"ATTESTATION DE SOLDE", "le solde de ce dossier est nul"}},
		{ToCreditor, []string{"Proposition du débiteur", "« Règlement en six mensualités à compter du 5 juin 2026, par virement. »"}},
		{SmallClaims, []string{"Article L. 125-1 du code des procédures civiles d'exécution", "Article 2238 du code civil",
			"Votre silence à l'expiration de ce délai vaudra refus de participer à la procédure",
			"FORMULAIRE D'ACCEPTATION", "FORMULAIRE DE REFUS", "mise en œuvre"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			l, path := renderKind(t, tt.kind, inputFor(t, tt.kind))
			qpdfCheck(t, path)
			pages := pdfText(t, path)
			all := strings.Join(pages, " ")
			want := append(append([]string{}, common...), tt.want...)
			if tt.kind == ToCreditor {
				want[1] = "SARL Boulangerie Dupré"
			}
			for _, w := range want {
				if !strings.Contains(all, plain(w)) {
					t.Errorf("PDF of %s lacks %q", tt.kind, w)
				}
			}
			for i, p := range pages {
				if want := fmt.Sprintf("page %d/%d", i+1, len(pages)); !strings.Contains(p, want) {
					t.Errorf("PDF of %s: page %d lacks %q", tt.kind, i+1, want)
				}
			}
			if strings.Contains(all, "{") {
				t.Errorf("PDF of %s has an unexpanded placeholder", tt.kind)
			}
			checkAddressInWindow(t, path, l)
		})
	}
}

// checkAddressInWindow checks that every word of the address block lies in
// the envelope window on page 1, and that no other word does.
func checkAddressInWindow(t *testing.T, path string, l Letter) {
	t.Helper()
	w := l.Window.OrDefault()
	const eps = 0.05 // pdftotext rounds positions to 1/100 pt
	inside := func(wd word) bool {
		return wd.xMin >= w.X-eps && wd.xMax <= w.X+w.W+eps && wd.yMin >= w.Y-eps && wd.yMax <= w.Y+w.H+eps
	}
	want := map[string]int{}
	for _, line := range l.Address {
		for _, f := range strings.Fields(line) {
			want[f]++
		}
	}
	for _, wd := range pdfWords(t, path) {
		if wd.page != 1 || wd.xMax < w.X-5 || wd.yMax < w.Y-5 || wd.yMin > w.Y+w.H+5 {
			continue
		}
		if !inside(wd) {
			if want[wd.text] > 0 {
				t.Errorf("address word %q at x %.1f-%.1f mm, y %.1f-%.1f mm lies outside the window %+v", wd.text, wd.xMin, wd.xMax, wd.yMin, wd.yMax, w)
			}
			continue
		}
		if want[wd.text] == 0 {
			t.Errorf("word %q is in the window but not in the address block", wd.text)
			continue
		}
		want[wd.text]--
	}
	for f, n := range want {
		if n > 0 {
			t.Errorf("address word %q not found in the window (%d missing)", f, n)
		}
	}
}

// TestRenderKeepsSignaturesWithText: the signatures of an agreement stay
// on one page, with the end of the text they sign for.
func TestRenderKeepsSignaturesWithText(t *testing.T) {
	for _, k := range []Kind{PlanAgreement, Acknowledge, SmallClaims} {
		_, path := renderKind(t, k, inputFor(t, k))
		pages := pdfText(t, path)
		for _, form := range []struct {
			first, last string
			sheet       bool // a sheet of its own, to send back
		}{
			{"Signatures", "Pour le créancier", false},
			{"En toutes lettres", "Signature", false},
			{"FORMULAIRE D'ACCEPTATION", "Signature", true},
			{"FORMULAIRE DE REFUS", "Signature", false},
		} {
			for i, p := range pages {
				at := strings.Index(p, form.first)
				if at < 0 {
					continue
				}
				if !strings.Contains(p[at:], form.last) {
					t.Errorf("%s: %q on page %d but %q not after it on the same page", k, form.first, i+1, form.last)
				}
				if at == 0 && !form.sheet {
					t.Errorf("%s: %q starts page %d alone, away from the text it closes", k, form.first, i+1)
				}
			}
		}
	}
}

func TestRenderWindowSetting(t *testing.T) {
	in := inputFor(t, FormalNotice)
	in.Settings.Window = Window{X: 100, Y: 48, W: 90, H: 36}
	l, path := renderKind(t, FormalNotice, in)
	checkAddressInWindow(t, path, l)

	in.Settings.Window = Window{X: 110, Y: 55, W: 40, H: 33}
	l, err := Compose(FormalNotice, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Render(l); err == nil || !strings.Contains(err.Error(), "dépasse la largeur de la fenêtre") {
		t.Errorf("Render with a 40 mm window: error = %v, want the address line too wide", err)
	}
}

// TestRenderLongTable renders a claim of 60 lines: the table must break
// between rows, repeat its header on the next page, lose no row, and every
// page must say "page N/M".
func TestRenderLongTable(t *testing.T) {
	in := baseInput(t)
	in.Case.Lines = nil
	for i := range 60 {
		due := debt.MustDate("2025-01-05").AddDays(7 * i)
		in.Case.Lines = append(in.Case.Lines, debt.ClaimLine{
			ID: int64(i + 1), Kind: debt.LinePrincipal, Label: fmt.Sprintf("Loyer impayé numéro %02d", i+1),
			DocNumber: fmt.Sprintf("Q-%03d", i+1), DueDate: due, Amount: debt.Cents(45000 + 100*i), Proofs: []int64{1},
		})
	}
	in.Case.Interest = debt.InterestTerms{Kind: debt.InterestNone}
	in.Statement = statementOf(t, in.Case, letterDate, testPayment)
	_, path := renderKind(t, Reminder2, in)
	qpdfCheck(t, path)
	pages := pdfText(t, path)
	if len(pages) < 3 {
		t.Fatalf("a 60-line claim fits on %d page(s), want the table to run over several", len(pages))
	}
	continued := 0
	for i, p := range pages {
		if want := fmt.Sprintf("page %d/%d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if strings.Contains(p, "Décompte arrêté au 15/05/2026 (suite)") {
			continued++
			if !strings.Contains(p, "Libellé Échéance Montant Intérêts Réglé Solde") {
				t.Errorf("page %d continues the table without its header", i+1)
			}
		}
	}
	if continued == 0 {
		t.Error("no page continues the claim table under a repeated header")
	}
	all := strings.Join(pages, " ")
	for i := range 60 {
		label := fmt.Sprintf("Loyer impayé numéro %02d", i+1)
		if n := strings.Count(all, label); n != 1 {
			t.Errorf("%q appears %d times, want once", label, n)
		}
	}
	// Rows never straddle the bottom margin: every word of the body lies
	// above the footer line.
	for _, wd := range pdfWords(t, path) {
		if wd.yMax > bottomLimit+1 && wd.yMin < footerY-1 {
			t.Errorf("word %q on page %d runs into the footer area (y %.1f-%.1f mm)", wd.text, wd.page, wd.yMin, wd.yMax)
		}
	}
}

func TestRenderDeterministic(t *testing.T) {
	l, err := Compose(SmallClaims, inputFor(t, SmallClaims))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(l)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("rendering the same letter twice gives different bytes: the stored PDF's SHA-256 would not be reproducible")
	}
}

func TestRenderBatch(t *testing.T) {
	var ls []Letter
	var items []DepositItem
	for _, k := range []Kind{FormalNotice, Reminder1, SmallClaims} {
		l, err := Compose(k, inputFor(t, k))
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		if it, ok := l.DepositItem(); ok {
			items = append(items, it)
		}
	}
	if len(items) != 2 {
		t.Fatalf("deposit items = %d, want 2 (the formal notice and the small-claims invitation)", len(items))
	}
	b, err := RenderBatch(ls, Deposit{Office: testOffice(), Date: letterDate, Items: items})
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "tournee", b)
	qpdfCheck(t, path)
	pages := pdfText(t, path)
	// Each letter numbered on its own, then the list.
	var numbers []string
	re := regexp.MustCompile(`page (\d+)/(\d+)`)
	for _, p := range pages {
		numbers = append(numbers, re.FindString(p))
	}
	want := []string{"page 1/2", "page 2/2", "page 1/2", "page 2/2", "page 1/4", "page 2/4", "page 3/4", "page 4/4", "page 1/1"}
	if strings.Join(numbers, ",") != strings.Join(want, ",") {
		t.Errorf("page numbers = %v, want %v", numbers, want)
	}
	last := pages[len(pages)-1]
	for _, w := range []string{
		"Bordereau de dépôt — lettres recommandées", "Date de dépôt : 15 mai 2026",
		"1A 123 456 7890 1", "2C 123 456 7890 3", "Mme Hélène LEFÈVRE", "59130", "LAMBERSART",
		"Nombre total de plis : 2", "R1 : 2 — R2 : 0 — R3 : 0 — avec avis de réception : 2",
		"Cachet et signature du bureau de poste",
	} {
		if !strings.Contains(last, plain(w)) {
			t.Errorf("deposit list lacks %q", w)
		}
	}
}

func TestDepositList(t *testing.T) {
	item := DepositItem{Tracking: "1A12345678901", Addressee: "M. Paul DURAND", Postcode: "59000", Town: "LILLE", Level: debt.LevelR2, AR: true, CaseRef: "2026-00001"}
	b, err := DepositList(testOffice(), letterDate, []DepositItem{item})
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "bordereau", b)
	qpdfCheck(t, path)
	text := strings.Join(pdfText(t, path), " ")
	for _, w := range []string{"M. Paul DURAND", "1A 123 456 7890 1", "R2", "2026-00001", "Nombre total de plis : 1", "page 1/1"} {
		if !strings.Contains(text, w) {
			t.Errorf("deposit list lacks %q", w)
		}
	}

	bad := []struct {
		name  string
		items []DepositItem
		msg   string
	}{
		{"duplicate", []DepositItem{item, item}, "figure deux fois"},
		{"bad number", []DepositItem{{Tracking: "RW799210634FR", Level: debt.LevelR1}}, "chiffre de contrôle"},
		{"no number", []DepositItem{{Addressee: "X", Level: debt.LevelR1}}, "vide"},
		{"no level", []DepositItem{{Tracking: "1A12345678901", Addressee: "X"}}, "niveau"},
	}
	for _, tt := range bad {
		if _, err := DepositList(testOffice(), letterDate, tt.items); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: DepositList error = %v, want one mentioning %q", tt.name, err, tt.msg)
		}
	}
}

func TestCalibration(t *testing.T) {
	for _, w := range []Window{{}, {X: 105, Y: 50, W: 88, H: 35}} {
		b, err := Calibration(w)
		if err != nil {
			t.Fatalf("Calibration(%+v): %v", w, err)
		}
		path := writePDF(t, "calibrage", b)
		qpdfCheck(t, path)
		w = w.OrDefault()
		text := strings.Join(pdfText(t, path), " ")
		if want := fmt.Sprintf("Fenêtre réglée (tirets) : x %g mm, y %g mm, %g × %g mm", w.X, w.Y, w.W, w.H); !strings.Contains(text, want) {
			t.Errorf("calibration page lacks %q", want)
		}
		// The sample block starts at the window's corner.
		for _, wd := range pdfWords(t, path) {
			if wd.text == "MME" {
				if wd.xMin < w.X-0.5 || wd.xMin > w.X+1 || wd.yMin < w.Y-0.5 || wd.yMin > w.Y+2.5 {
					t.Errorf("sample block starts at x %.1f mm, y %.1f mm, want about (%g, %g)", wd.xMin, wd.yMin, w.X, w.Y)
				}
			}
		}
	}
	for _, l := range calibrationAddress {
		if n := len([]rune(l)); n > debt.MaxAddressLine {
			t.Errorf("sample address line %q has %d characters, more than La Poste allows", l, n)
		}
	}
}

// BenchmarkDayBatch500 renders a day's batch of 500 letters (formal
// notices, reminders and small-claims invitations in turn) with the
// deposit list of the registered ones, in one PDF.
func BenchmarkDayBatch500(b *testing.B) {
	kinds := []Kind{FormalNotice, Reminder1, Reminder2, SmallClaims}
	ls := make([]Letter, 0, 500)
	var items []DepositItem
	for i := range 500 {
		k := kinds[i%len(kinds)]
		// Every letter has its own debtor, reference and amounts, so that
		// only what really repeats (legal texts, templates) is shared.
		in := inputFor(b, k)
		in.Case.Ref = debt.FormatRef(2026, i+1)
		in.Recipient.LastName = fmt.Sprintf("Martin-%03d", i)
		in.Recipient.Addresses[0].Street = fmt.Sprintf("%d rue Nationale", i+1)
		in.Case.Debtors[0].Party = in.Recipient
		for j := range in.Case.Lines {
			in.Case.Lines[j].Amount += debt.Cents(137 * i)
		}
		in.Statement = statementOf(b, in.Case, letterDate, testPayment)
		if in.Post.IsRegistered() {
			serial := fmt.Sprintf("%08d", 10000000+i)
			check, _ := debt.S10CheckDigit(serial)
			in.Post.Tracking = fmt.Sprintf("RR%s%dFR", serial, check)
		}
		l, err := Compose(k, in)
		if err != nil {
			b.Fatal(err)
		}
		ls = append(ls, l)
		if it, ok := l.DepositItem(); ok {
			items = append(items, it)
		}
	}
	dep := Deposit{Office: testOffice(), Date: letterDate, Items: items}
	b.ResetTimer()
	var pdf []byte
	for b.Loop() {
		var err error
		if pdf, err = RenderBatch(ls, dep); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pdf))/1e6, "MB")
	b.ReportMetric(float64(bytes.Count(pdf, []byte("/Type /Page\n"))), "pages")
}

// BenchmarkRenderFormalNotice renders one formal notice (what issuing a
// letter costs).
func BenchmarkRenderFormalNotice(b *testing.B) {
	l, err := Compose(FormalNotice, inputFor(b, FormalNotice))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(l); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSplitMatchesGopdf checks that the doc's line breaking gives exactly
// gopdf's SplitTextWithWordWrap lines (which it replaces for speed) on the
// letters' own texts and on random ones: spaces, no-break spaces, long
// words, newlines, accents, widths from one character to a full line.
func TestSplitMatchesGopdf(t *testing.T) {
	d, err := newDoc("test")
	if err != nil {
		t.Fatal(err)
	}
	d.pdf.AddPage()
	texts := []string{
		"Sauf erreur de notre part, la somme de 1\u00a0234,56\u00a0€ reste due à ce jour au titre du dossier 2026-00042.",
		"Anticonstitutionnellementtrèslongmotsansespacequidépasselalargeurdelaligne et la suite",
		"Ligne un\nLigne deux, un peu plus longue que la première\n\nAprès une ligne vide",
		" espace au début et à la fin ",
		"a  double  espace   triple",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcdefghijklmnopqrstuvwxyzéèàçôÉ ,.;:'’«»\u00a0-0123456789\n      ")
	for range 300 {
		n := 1 + r.IntN(400)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		texts = append(texts, string(rs))
	}
	for i, text := range texts {
		for _, bold := range []bool{false, true} {
			for _, size := range []float64{7.5, 10, 12} {
				d.font(bold, size)
				w := 5 + r.Float64()*170
				want, err := d.pdf.SplitTextWithWordWrap(text, w)
				if err != nil {
					t.Fatal(err)
				}
				if got := d.split(text, w); !slices.Equal(got, want) {
					t.Fatalf("text %d (%q) at %.1f mm, bold %v size %v:\ngot  %q\nwant %q", i, text, w, bold, size, got, want)
				}
			}
		}
	}
}

package letters

import (
	"fmt"
	"strings"
	"testing"

	"amiable/debt"
)

// exotic holds characters the embedded fonts lack (arrows, emoji, CJK,
// Hangul, check marks, maths, control characters, bidi and zero-width
// marks) next to typographic ones they have (quotes, dashes, ellipsis).
const exotic = "Voir Paramètres → Courriers ☎ 😀👍🏽 中文 한글 ✓ ★ ≥ ≠ ∞ ● ﬁn x² « guillemets » “anglais” ‘simples’ … — –\ttab\x00nul\x07cloche\r\u200bzw\ufeffbom\u202eRTL\u2028fin"

func TestPrintable(t *testing.T) {
	g, err := fontGlyphs()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Lille, le 15 mai 2026 — 1\u00a0234,56\u00a0€", "Lille, le 15 mai 2026 — 1\u00a0234,56\u00a0€"},
		{"Paramètres → Courriers", "Paramètres -> Courriers"},
		{"a ← b ↔ c ⇒ d", "a <- b <-> c => d"},
		{"« Lœwy » “Zoé” ‘x’ … –", "« Lœwy » “Zoé” ‘x’ … –"},
		{"☎ 03 20 12 34 56", "Tél. 03 20 12 34 56"},
		{"payé ✓", "payé oui"},
		{"● un", "• un"},
		{"montant ≥ 10", "montant >= 10"},
		{"M. 王 Wei", "M. ? Wei"},
		{"Merci 😀👍🏽!", "Merci !"},
		{"Ｍ. ＤＵＲＡＮＤ", "M. DURAND"},
		{"a\tb\x00c\x07d\re", "a bcd e"},
		{"zw\u200bj\u200dbom\ufeff", "zwjbom"},
		{"ligne\nsuivante", "ligne suivante"},
	}
	for _, tt := range tests {
		if got := g.printable(tt.in, false); got != tt.want {
			t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := g.printable("un\ndeux", true); got != "un\ndeux" {
		t.Errorf("printable keeping newlines = %q", got)
	}
	// Whatever comes out is drawn by both fonts.
	for _, r := range g.printable(exotic, true) {
		if r != '\n' && !g.has(r) {
			t.Errorf("printable(exotic) keeps %q (U+%04X), which the fonts lack", r, r)
		}
	}
}

// exoticInput is the fixture of kind k with exotic characters in every
// text a clerk or an import can type: office, creditor, debtor, claim
// lines, basis, references, templates, proposal, payment method.
func exoticInput(t *testing.T, k Kind) Input {
	t.Helper()
	in := inputFor(t, k)
	in.Office.Name = "Étude → Lefèvre ☎"
	in.Office.Address.Street = "12 rue ★ Esquermoise"
	in.Office.Phone = "☎ 03 20 12 34 56"
	in.Office.Signatories = []string{"Maître Agnès 😀 Cœurdacier"}
	in.Office.Town = "Lille ✓"
	in.Case.Creditor.CompanyName = "Boulangerie → Dupré 中文"
	in.Case.CreditorRef = "F→118\t😀"
	in.Case.AssignedTo = "Julie\x00 Mercier ✓"
	in.Case.Basis = exotic
	for i := range in.Case.Lines {
		in.Case.Lines[i].Label = fmt.Sprintf("Facture %d → %s", i+1, exotic)
	}
	rec := &in.Recipient
	if k == ToCreditor {
		in.Case.Creditor.Addresses[0].Street = "8 place → Théâtre"
	} else {
		rec.LastName = "Lefèvre→王😀"
		rec.Addresses[0].Building = "Résidence ★ Tilleuls"
		in.Case.Debtors[0].Party = *rec
	}
	if k == ToCreditor {
		in.Recipient = in.Case.Creditor
	}
	in.Statement = statementOf(t, in.Case, letterDate, testPayment)
	if k == Reminder1 {
		in.Statement = statementFrom(t, in.Case, letterDate, debt.Date{}, testPayment)
	}
	if in.Payment != nil {
		in.Payment.Method = "virement → " + exotic
		in.Payment.Payer = "Ｍ. ＤＵＲＡＮＤ 😀" // fullwidth letters: NFKD gives ASCII
	}
	in.Proposal = exotic
	tpl := DefaultTemplate(k)
	tpl.Before = append(tpl.Before, exotic, "{debiteur} → {creancier} ☎ {telephone}")
	tpl.After = append([]string{exotic}, tpl.After...)
	in.Settings.Templates = map[Kind]Template{k: tpl}
	return in
}

// TestRenderExoticText: every kind of letter, a batch, the deposit list
// and the flag list print texts full of characters the font lacks: the
// PDF is made (no « caractère absent de la police »), the usual
// replacements are in it and nothing the font lacks is.
func TestRenderExoticText(t *testing.T) {
	var ls []Letter
	var dep []DepositItem
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			l, err := Compose(k, exoticInput(t, k))
			if err != nil {
				t.Fatal(err)
			}
			b, err := Render(l)
			if err != nil {
				t.Fatalf("Render(%s) with exotic text: %v", k, err)
			}
			ls = append(ls, l)
			if it, ok := l.DepositItem(); ok {
				dep = append(dep, it)
			}
			path := writePDF(t, string(k), b)
			qpdfCheck(t, path)
			all := strings.Join(pdfText(t, path), " ")
			for _, want := range []string{"Voir Paramètres -> Courriers Tél.", "« guillemets » “anglais” ‘simples’ … — –", "tabnulcloche"} {
				if !strings.Contains(all, want) {
					t.Errorf("PDF of %s lacks %q", k, want)
				}
			}
			for _, no := range []string{"→", "😀", "中", "☎", "✓", "\u200b"} {
				if strings.Contains(all, no) {
					t.Errorf("PDF of %s holds %q, which the font lacks", k, no)
				}
			}
		})
	}
	if _, err := RenderBatch(ls, Deposit{Office: testOffice(), Date: letterDate, Items: dep}); err != nil {
		t.Errorf("RenderBatch with exotic text: %v", err)
	}
	item := DepositItem{Tracking: "1A12345678901", Addressee: "M. 王 → DURAND 😀", Postcode: "59000", Town: "LILLE ★", Level: debt.LevelR1, CaseRef: "2026-00001"}
	if _, err := DepositList(testOffice(), letterDate, []DepositItem{item}); err != nil {
		t.Errorf("DepositList with exotic text: %v", err)
	}

	office := debt.Office{Name: "Étude → Marchand 😀"}
	items := []FlagItem{
		{Group: "Échéances impayées → relancer ★", CaseRef: "2026-00001", Debtor: "M. 王 Wei 😀", Due: letterDate, Amount: 12345,
			Text: "Échéance → " + exotic, Advice: "Appelez ☎ → " + exotic},
		{Group: "Sauvegarde en échec ✗", Due: letterDate, Text: "Disque → débranché\x00 ✓"},
	}
	b, err := FlagList(office, letterDate, items)
	if err != nil {
		t.Fatalf("FlagList with exotic text: %v", err)
	}
	all := strings.Join(pdfText(t, writePDF(t, "alertes", b)), " ")
	for _, want := range []string{"Étude -> Marchand", "Échéances impayées -> relancer *", "M. ? Wei", "Échéance -> Voir Paramètres", "Sauvegarde en échec non"} {
		if !strings.Contains(all, want) {
			t.Errorf("flag list lacks %q", want)
		}
	}
}

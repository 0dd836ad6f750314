package debt

import "testing"

func TestCleanLine(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Relance dossier 2026-00042", "Relance dossier 2026-00042"},
		{"Re: paiement\r\n2026-12-04 10:00 Amiable : Dossier soldé", "Re: paiement 2026-12-04 10:00 Amiable : Dossier soldé"},
		{"facture\u202Efdp.exe", "facturefdp.exe"},
		{"\u2066isolé\u2069 \u200Fmarque\u200E", "isolé marque"},
		{"  deux   espaces\tet tab  ", "deux espaces et tab"},
		{"nul\x00 et bip\x07 et esc\x1b[31m", "nul et bip et esc[31m"},
		{"C1\u0085suite\u009b", "C1 suite"},
		{"ligne\u2028séparée\u2029paragraphe", "ligne séparée paragraphe"},
		{"\uFEFFbom", "bom"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"Élodie « Dupont » 👩‍💻", "Élodie « Dupont » 👩‍💻"},
		{"", ""},
	} {
		if got := CleanLine(tt.in); got != tt.want {
			t.Errorf("CleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if UnsafeText(CleanLine(tt.in)) {
			t.Errorf("UnsafeText(CleanLine(%q)) = true", tt.in)
		}
	}
}

func TestCleanTextKeepsLines(t *testing.T) {
	in := "Bonjour,\r\nje paierai\u202E le 5.\rMerci\u2028Claire\x1b\tfin"
	want := "Bonjour,\nje paierai le 5.\nMerci\nClaire\tfin"
	if got := CleanText(in); got != want {
		t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
	}
}

func TestUnsafeText(t *testing.T) {
	for _, s := range []string{"a\nb", "a\rb", "\u202Eabc", "a\x00", "tab\there", "bad\xff"} {
		if !UnsafeText(s) {
			t.Errorf("UnsafeText(%q) = false", s)
		}
	}
	for _, s := range []string{"CHQ 0042", "Mme Élodie DUPONT", "VIR-CARPA-1 =HYPERLINK(x)"} {
		if UnsafeText(s) {
			t.Errorf("UnsafeText(%q) = true", s)
		}
	}
}

package mailsync

import (
	"strings"
	"testing"
)

func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		fresh string
	}{
		{"nothing quoted", "Bonjour,\nje paie demain.", "Bonjour,\nje paie demain."},
		{"gmail attribution", "Oui.\n\nLe lun. 2 mars 2026 à 10:12, Étude <a@b.fr> a écrit :\n> texte", "Oui."},
		{"gmail attribution wrapped", "Oui.\n\nLe lun. 2 mars 2026 à 10:12, Étude Martin <contact@etude-martin.fr>\na écrit :\n\n> texte", "Oui."},
		{"english attribution", "Yes.\n\nOn Mon, Mar 2, 2026 at 10:12 AM Office <a@b.fr> wrote:\n> text", "Yes."},
		{"attribution with no-break space", "Oui.\nLe 04/03/2026 à 09:00, Étude Martin a écrit\u00a0:\n> texte", "Oui."},
		{"name-only attribution needs quotes after", "Jean Dupont a écrit :\nje confirme.", "Jean Dupont a écrit :\nje confirme."},
		{"name-only attribution with quotes", "Oui.\nJean Dupont a écrit :\n> texte", "Oui."},
		{"outlook fr block", "Entendu.\n\nDe : Étude Martin\nEnvoyé : lundi 2 mars 2026 10:12\nÀ : Jean\nObjet : Dossier", "Entendu."},
		{"outlook en block", "Fine.\n\nFrom: Office\nSent: Monday, March 2, 2026 10:12 AM\nTo: Jean\nSubject: Case", "Fine."},
		{"outlook bold block from html", "Ok.\n*De :* Étude\n*Envoyé :* lundi", "Ok."},
		{"outlook original message", "Ok.\n-----Message d'origine-----\nDe: x", "Ok."},
		{"outlook underscores then From", "Ok.\n________________________________\nFrom: x\nSent: y", "Ok."},
		{"underscores alone are a signature rule", "Ok.\n________________________________\nCabinet Dupont", "Ok.\n________________________________\nCabinet Dupont"},
		{"de without header block stays", "De : ma part, j'ai payé.\nMerci.", "De : ma part, j'ai payé.\nMerci."},
		{"gmail forward", "Pour info.\n\n---------- Forwarded message ---------\nDe : x", "Pour info."},
		{"thunderbird forward", "Voir.\n\n-------- Message transféré --------\nSujet : x", "Voir."},
		{"apple forward", "Voir.\n\nDébut du message réexpédié :\n\nDe: x", "Voir."},
		{"interleaved quotes", "> question 1\nréponse 1\n> question 2\nréponse 2", "réponse 1\nréponse 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fresh, quoted := SplitQuoted(tc.text)
			if fresh != tc.fresh {
				t.Errorf("SplitQuoted(%q) fresh = %q, want %q", tc.text, fresh, tc.fresh)
			}
			// Nothing is lost: every non-empty line is on one side.
			for _, l := range strings.Split(tc.text, "\n") {
				if l = strings.TrimSpace(l); l != "" && !strings.Contains(fresh, l) && !strings.Contains(quoted, l) {
					t.Errorf("line %q lost: fresh %q, quoted %q", l, fresh, quoted)
				}
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"entities and blocks", "<p>R&eacute;gl&eacute;&nbsp;: 10&nbsp;&euro;</p><p>Merci</p>", "Réglé : 10 €\nMerci"},
		{"br and spaces", "a<br>b   c\n d<br/>e", "a\nb c d\ne"},
		{"inline tags keep words apart", "<b>Dossier</b> <i>2026-00042</i>", "Dossier 2026-00042"},
		{"no space inside a word", "pa<b>ie</b>ment", "paiement"},
		{"skips head script style", "<html><head><title>T</title><style>p{}</style></head><body><script>x()</script>corps</body></html>", "corps"},
		{"list", "<ul><li>un</li><li>deux</li></ul>", "- un\n- deux"},
		{"table cells", "<table><tr><td>Avril</td><td>200 €</td></tr></table>", "Avril 200 €"},
		{"blockquote", "Oui<blockquote>question<br>suite</blockquote>fin", "Oui\n> question\n> suite\nfin"},
		{"nested blockquote", "<blockquote>a<blockquote>b</blockquote></blockquote>", "> a\n> > b"},
		{"image alt only", `<img src="http://tracker.example/x.gif" alt="logo">ok`, "[logo]ok"},
		{"pre keeps lines", "<pre>a  b\nc</pre>", "a  b\nc"},
		{"broken html", "<p>ouvert <b>jamais fermé <div>fin", "ouvert jamais fermé\nfin"},
		{"comment", "a<!-- caché -->b", "ab"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlToText(tc.html); got != tc.want {
				t.Errorf("htmlToText(%q) = %q, want %q", tc.html, got, tc.want)
			}
		})
	}
}

package mailsync

import (
	"regexp"
	"strings"
)

// SplitQuoted separates what the sender wrote from the history their mail
// client quoted or forwarded below (or interleaved with ">").
//
// The history starts at the first of these markers, the ones the usual
// clients write in French and English:
//
//   - a line starting with ">" (plain-text quoting: Thunderbird, Apple Mail,
//     Gmail; also the blockquotes of HTML mails, see htmlToText); such lines
//     are history wherever they are;
//   - an attribution line ending with "a écrit :" or "wrote:" (possibly wrapped
//     over two lines, as Gmail does), e.g. "Le 3 mars 2026 à 10:12, Étude
//     Martin <contact@…> a écrit :";
//   - an Outlook separator ("-----Original Message-----", "-----Message
//     d'origine-----", a line of underscores) or an Outlook header block: a
//     "De :"/"From:" line followed within four lines by "Envoyé :", "Sent:",
//     "Date :", "À :", "To:", "Objet :" or "Subject:";
//   - a forward marker ("---------- Forwarded message ---------", "--------
//     Message transféré --------", "Début du message réexpédié :", "Begin
//     forwarded message:").
//
// These markers are written by the clients themselves, so the split is
// reliable for them; a sender who quotes by hand without any marker keeps the
// quote in fresh text. Match only lowers the weight of references found in
// the history; it does not discard them.
func SplitQuoted(text string) (fresh, quoted string) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cut := len(lines)
	for i := range lines {
		if k, ok := historyStart(lines, i); ok {
			cut = k
			break
		}
	}
	var f, q []string
	for i, l := range lines {
		if i >= cut || isQuotedLine(l) {
			q = append(q, l)
			continue
		}
		f = append(f, l)
	}
	return strings.TrimSpace(strings.Join(f, "\n")), strings.TrimSpace(strings.Join(q, "\n"))
}

var (
	attribStartRe = regexp.MustCompile(`(?i)^(le|on|el|am|il)\s`)
	separatorRe   = regexp.MustCompile(`(?i)^-{2,}\s*(original message|message d'origine|message d’origine|message original|forwarded message|message transféré|message transfere|mensaje original)\s*-{2,}`)
	forwardRe     = regexp.MustCompile(`(?i)^(début du message réexpédié|début du message transféré|begin forwarded message)\s*:`)
	underscoreRe  = regexp.MustCompile(`^_{10,}\s*$`)
	fromLineRe    = regexp.MustCompile(`(?i)^\*?(de|from)\s*\*?\s*:`)
	headerLineRe  = regexp.MustCompile(`(?i)^\*?(envoyé|envoye|sent|date|à|a|to|objet|subject|cc)\s*\*?\s*:`)
)

var nbsp = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

func normLine(l string) string { return strings.TrimSpace(nbsp.Replace(l)) }

// attributionEnds are the endings of an attribution line, before an
// optional colon.
var attributionEnds = []string{"a écrit", "a ecrit", "wrote", "schrieb", "escribió", "ha scritto"}

// isAttribution reports whether a lower-cased, trimmed line ends like
// "… a écrit :" or "… wrote:".
func isAttribution(lower string) bool {
	lower = strings.TrimSpace(strings.TrimSuffix(lower, ":"))
	for _, w := range attributionEnds {
		if strings.HasSuffix(lower, w) {
			return true
		}
	}
	return false
}

func isQuotedLine(l string) bool { return strings.HasPrefix(strings.TrimLeft(l, " \t"), ">") }

// historyStart reports whether a history marker is at line i, and the index
// of the first line of the history (an attribution wrapped over two lines
// starts one line earlier).
func historyStart(lines []string, i int) (int, bool) {
	l := normLine(lines[i])
	if l == "" || isQuotedLine(l) {
		return 0, false
	}
	lower := strings.ToLower(l)
	if strings.HasPrefix(l, "--") && separatorRe.MatchString(l) || forwardRe.MatchString(lower) {
		return i, true
	}
	if isAttribution(lower) {
		if attribStartRe.MatchString(l) {
			return i, true
		}
		if i > 0 && attribStartRe.MatchString(normLine(lines[i-1])) {
			return i - 1, true
		}
		// Attribution without a recognisable start ("Jean Dupont a écrit :")
		// counts only when quoted lines follow.
		if next := nextNonEmpty(lines, i+1); next >= 0 && isQuotedLine(lines[next]) {
			return i, true
		}
		return 0, false
	}
	if strings.HasPrefix(l, "__") && underscoreRe.MatchString(l) {
		if next := nextNonEmpty(lines, i+1); next >= 0 && fromLineRe.MatchString(normLine(lines[next])) {
			return i, true
		}
		return 0, false
	}
	if (strings.HasPrefix(lower, "de") || strings.HasPrefix(lower, "from") || strings.HasPrefix(lower, "*")) && fromLineRe.MatchString(l) {
		for j := i + 1; j < len(lines) && j <= i+4; j++ {
			if headerLineRe.MatchString(normLine(lines[j])) {
				return i, true
			}
		}
	}
	return 0, false
}

func nextNonEmpty(lines []string, from int) int {
	for j := from; j < len(lines); j++ {
		if normLine(lines[j]) != "" {
			return j
		}
	}
	return -1
}

package mailsync

import (
	"context"
	"fmt"
	"strings"

	"amiable/debt"
)

// CaseInfo is what matching needs to know about a case.
type CaseInfo struct {
	ID  int64  `json:"id"`
	Ref string `json:"ref"` // AAAA-NNNNN
}

// Facts answers the questions Match asks. The data store implements it;
// lookups must be case-insensitive on e-mail addresses (Match passes them
// lower-cased).
type Facts interface {
	// CaseByRef returns the case with that reference; ok is false when
	// there is none (a number that only looks like a reference).
	CaseByRef(ctx context.Context, ref string) (c CaseInfo, ok bool, err error)
	// CaseBySentMessageID returns the case of a message the office sent
	// with that Message-ID (without angle brackets).
	CaseBySentMessageID(ctx context.Context, messageID string) (c CaseInfo, ok bool, err error)
	// OpenCasesByDebtorEmail returns the open cases of which a debtor has
	// that e-mail address.
	OpenCasesByDebtorEmail(ctx context.Context, email string) ([]CaseInfo, error)
	// IsOfficeAddress reports whether the address is one of the office's
	// own (the mailbox itself, the office e-mail, staff addresses).
	IsOfficeAddress(ctx context.Context, email string) (bool, error)
}

// Rule says how a message was placed.
type Rule string

const (
	RuleReference Rule = "reference" // a case reference in the subject or text
	RuleThread    Rule = "thread"    // In-Reply-To/References name a message the office sent
	RuleQuoted    Rule = "quoted"    // a case reference only in the quoted history
	RuleSender    Rule = "sender"    // the sender is the debtor of exactly one open case
	RuleTriage    Rule = "triage"    // none of the above: a person decides
)

// Decision is where a message goes, and why (in French, for the journal and
// the triage list).
type Decision struct {
	Rule    Rule   `json:"rule"`
	CaseID  int64  `json:"case_id,omitempty"`
	CaseRef string `json:"case_ref,omitempty"`
	Reason  string `json:"reason"`
}

// Triage reports whether the message goes to the triage list.
func (d Decision) Triage() bool { return d.Rule == RuleTriage }

// maxThreadLookups bounds the Message-IDs looked up for one message.
const maxThreadLookups = 50

// Match decides which case a message belongs to. In order:
//
//  1. case references (debt.RefPattern) in the subject or the new text
//     (SplitQuoted): exactly one existing case → that case; several → triage;
//     numbers that match the pattern but no case are ignored;
//  2. In-Reply-To, then References from the most recent, naming a message
//     the office sent about a case: the direct parent decides, else a single
//     case across the thread (several → triage);
//  3. references found only in the quoted or forwarded history: exactly one
//     existing case → that case;
//  4. the sender's address: the debtor of exactly one open case → that case;
//  5. otherwise triage, with the reason: several references, several open
//     cases for that debtor, mail from the office itself, unknown sender.
//
// Quoted references come after the thread headers because a reply quotes
// whatever it answers, including older mails about other cases. Mail sent
// from the office's own address is placed by rules 1 to 3 only (staff
// forwarding a reply with the reference in the subject is filed).
func Match(ctx context.Context, m Message, f Facts) (Decision, error) {
	fresh, quoted := SplitQuoted(m.Text)

	// 1. References in the subject or the new text.
	direct, unknown, err := knownRefs(ctx, f, m.Subject+"\n"+fresh)
	if err != nil {
		return Decision{}, err
	}
	switch len(direct) {
	case 1:
		return Decision{Rule: RuleReference, CaseID: direct[0].ID, CaseRef: direct[0].Ref,
			Reason: fmt.Sprintf("Référence %s citée dans l'objet ou le texte", direct[0].Ref)}, nil
	case 0:
	default:
		return triage("Plusieurs dossiers cités : %s", refList(direct)), nil
	}

	// 2. Thread headers.
	if d, ok, err := matchThread(ctx, m, f); err != nil || ok {
		return d, err
	}

	// 3. References in the quoted history.
	inQuote, unknownQ, err := knownRefs(ctx, f, quoted)
	if err != nil {
		return Decision{}, err
	}
	unknown = append(unknown, unknownQ...)
	if len(inQuote) == 1 {
		return Decision{Rule: RuleQuoted, CaseID: inQuote[0].ID, CaseRef: inQuote[0].Ref,
			Reason: fmt.Sprintf("Référence %s citée dans l'historique du message", inQuote[0].Ref)}, nil
	}

	// 4. The sender.
	from := strings.ToLower(strings.TrimSpace(m.From.Email))
	if from == "" {
		return triage("Expéditeur absent ou illisible"), nil
	}
	office, err := f.IsOfficeAddress(ctx, from)
	if err != nil {
		return Decision{}, fmt.Errorf("office address %q: %w", from, err)
	}
	if office {
		return triage("Courriel envoyé par l'étude elle-même (%s), sans référence de dossier", from), nil
	}
	cases, err := f.OpenCasesByDebtorEmail(ctx, from)
	if err != nil {
		return Decision{}, fmt.Errorf("open cases of %q: %w", from, err)
	}
	cases = distinctCases(cases)
	switch {
	case len(cases) == 1:
		return Decision{Rule: RuleSender, CaseID: cases[0].ID, CaseRef: cases[0].Ref,
			Reason: fmt.Sprintf("Expéditeur %s : débiteur d'un seul dossier ouvert", from)}, nil
	case len(cases) > 1:
		return triage("Le débiteur %s a %d dossiers ouverts (%s)", from, len(cases), refList(cases)), nil
	case len(inQuote) > 1:
		return triage("Plusieurs dossiers cités dans l'historique : %s", refList(inQuote)), nil
	case len(unknown) > 0:
		return triage("Expéditeur inconnu (%s) ; référence %s sans dossier", from, strings.Join(unknown, ", ")), nil
	}
	return triage("Expéditeur inconnu (%s)", from), nil
}

func triage(format string, args ...any) Decision {
	return Decision{Rule: RuleTriage, Reason: fmt.Sprintf(format, args...)}
}

// knownRefs finds the distinct case references in text and looks them up.
// It returns the existing cases (distinct, in order of appearance) and the
// references that name no case.
func knownRefs(ctx context.Context, f Facts, text string) ([]CaseInfo, []string, error) {
	var cases []CaseInfo
	var unknown []string
	seen := map[string]bool{}
	for _, ref := range findRefs(text) {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		if len(seen) > maxThreadLookups {
			break
		}
		c, ok, err := f.CaseByRef(ctx, ref)
		if err != nil {
			return nil, nil, fmt.Errorf("case %s: %w", ref, err)
		}
		if ok {
			cases = append(cases, c)
		} else {
			unknown = append(unknown, ref)
		}
	}
	return distinctCases(cases), unknown, nil
}

// matchThread applies rule 2. ok is false when the thread names no message
// of the office.
func matchThread(ctx context.Context, m Message, f Facts) (Decision, bool, error) {
	lookup := func(id string) (CaseInfo, bool, error) {
		c, ok, err := f.CaseBySentMessageID(ctx, id)
		if err != nil {
			return CaseInfo{}, false, fmt.Errorf("sent message %q: %w", id, err)
		}
		return c, ok, nil
	}
	seen := map[string]bool{}
	n := 0
	for _, id := range m.InReplyTo {
		seen[id] = true
		n++
		c, ok, err := lookup(id)
		if err != nil {
			return Decision{}, false, err
		}
		if ok {
			return Decision{Rule: RuleThread, CaseID: c.ID, CaseRef: c.Ref,
				Reason: fmt.Sprintf("Réponse à un courriel de l'étude sur le dossier %s", c.Ref)}, true, nil
		}
	}
	var cases []CaseInfo
	for i := len(m.References) - 1; i >= 0 && n < maxThreadLookups; i-- {
		id := m.References[i]
		if seen[id] {
			continue
		}
		seen[id] = true
		n++
		c, ok, err := lookup(id)
		if err != nil {
			return Decision{}, false, err
		}
		if ok {
			cases = append(cases, c)
		}
	}
	cases = distinctCases(cases)
	switch len(cases) {
	case 0:
		return Decision{}, false, nil
	case 1:
		return Decision{Rule: RuleThread, CaseID: cases[0].ID, CaseRef: cases[0].Ref,
			Reason: fmt.Sprintf("Suite d'une conversation de l'étude sur le dossier %s", cases[0].Ref)}, true, nil
	}
	return triage("Conversation liée à plusieurs dossiers : %s", refList(cases)), true, nil
}

// findRefs returns what debt.RefPattern finds in text, in order. Running
// the pattern over whole mails (long quoted threads) dominated the cost of a
// sync pass, so it only runs on the few bytes around "dddd-ddddd".
func findRefs(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '-')
		if j < 0 {
			break
		}
		k := i + j
		i = k + 1
		if k < 4 || k+6 > len(text) || !digits(text[k-4:k]) || !digits(text[k+1:k+6]) {
			continue
		}
		// One byte more on each side keeps the pattern's \b meaning.
		if m := debt.RefPattern.FindString(text[max(0, k-5):min(len(text), k+7)]); m != "" {
			out = append(out, m)
		}
	}
	return out
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func distinctCases(cases []CaseInfo) []CaseInfo {
	seen := map[int64]bool{}
	out := cases[:0:0]
	for _, c := range cases {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	return out
}

func refList(cases []CaseInfo) string {
	refs := make([]string, len(cases))
	for i, c := range cases {
		refs[i] = c.Ref
	}
	return strings.Join(refs, ", ")
}

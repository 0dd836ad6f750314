package mailsync

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"amiable/debt"
)

// officeFacts is a small office: three cases, the Message-IDs of mails it
// sent, its debtors' addresses.
type officeFacts struct {
	cases  map[string]CaseInfo   // by ref
	sent   map[string]CaseInfo   // by Message-ID
	emails map[string][]CaseInfo // open cases by debtor e-mail (lower case)
	office map[string]bool
	err    error // returned by every lookup when set
}

func newOfficeFacts() *officeFacts {
	c42 := CaseInfo{ID: 42, Ref: "2026-00042"}
	c43 := CaseInfo{ID: 43, Ref: "2026-00043"}
	c17 := CaseInfo{ID: 17, Ref: "2026-00017"}
	c310 := CaseInfo{ID: 310, Ref: "2025-00310"}
	return &officeFacts{
		cases: map[string]CaseInfo{c42.Ref: c42, c43.Ref: c43, c17.Ref: c17, c310.Ref: c310},
		sent: map[string]CaseInfo{
			"20260302101200.42.mdemeure@etude-martin.fr":   c42,
			"20260302101200.17.relance@etude-martin.fr":    c17,
			"20260304090000.42.echeancier@etude-martin.fr": c42,
		},
		emails: map[string][]CaseInfo{
			"jean.dupont@example.fr":       {c42},
			"paul.leroy@icloud.com":        {c310},
			"compta@bati-plus.example.com": {c43, c310},
			"roux.famille@example.net":     {c43},
		},
		office: map[string]bool{"contact@etude-martin.fr": true},
	}
}

func (f *officeFacts) CaseByRef(_ context.Context, ref string) (CaseInfo, bool, error) {
	c, ok := f.cases[ref]
	return c, ok, f.err
}

func (f *officeFacts) CaseBySentMessageID(_ context.Context, id string) (CaseInfo, bool, error) {
	c, ok := f.sent[id]
	return c, ok, f.err
}

func (f *officeFacts) OpenCasesByDebtorEmail(_ context.Context, email string) ([]CaseInfo, error) {
	if email != strings.ToLower(email) {
		return nil, errors.New("address not lower-cased: " + email)
	}
	return f.emails[email], f.err
}

func (f *officeFacts) IsOfficeAddress(_ context.Context, email string) (bool, error) {
	return f.office[email], f.err
}

func TestMatchCorpus(t *testing.T) {
	tests := []struct {
		file   string
		rule   Rule
		caseID int64
		reason string // substring of the reason
	}{
		// The subject names 2026-00042; the history also cites 2026-00043,
		// which must not make it ambiguous.
		{"outlook-reply-qp-1252.eml", RuleReference, 42, "2026-00042"},
		// No reference in the new text: the reply's In-Reply-To names a
		// formal notice the office sent.
		{"gmail-reply-b64.eml", RuleThread, 17, "2026-00017"},
		// Two references only in the history, unknown thread: the sender is
		// the debtor of one open case.
		{"apple-mail-inline-image.eml", RuleSender, 310, "paul.leroy@icloud.com"},
		{"thunderbird-latin1-8bit.eml", RuleReference, 42, "2026-00042"},
		{"windows-1252-qp.eml", RuleTriage, 0, "2 dossiers ouverts (2026-00043, 2025-00310)"},
		// The creditor forwards the debtor's mail: the reference is in the
		// forwarded part only.
		{"forwarded-inline.eml", RuleQuoted, 42, "historique"},
		{"forwarded-attachment.eml", RuleReference, 42, "2026-00042"},
		{"pdf-attachment-rfc2231.eml", RuleReference, 42, "2026-00042"},
		{"html-only-with-image.eml", RuleReference, 43, "2026-00043"},
		// Upper-case address of a known debtor.
		{"no-message-id.eml", RuleSender, 42, "jean.dupont@example.fr"},
		{"malformed-headers.eml", RuleReference, 42, "2026-00042"},
		{"broken-mime.eml", RuleSender, 42, ""},
		{"several-refs.eml", RuleTriage, 0, "Plusieurs dossiers cités : 2026-00042, 2026-00043"},
		{"from-office.eml", RuleTriage, 0, "l'étude elle-même"},
		{"unknown-sender.eml", RuleTriage, 0, "Expéditeur inconnu (someone@example.com) ; référence 2024-99999 sans dossier"},
	}
	f := newOfficeFacts()
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m := Parse(readCorpus(t, tc.file))
			d, err := Match(context.Background(), m, f)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if d.Rule != tc.rule || d.CaseID != tc.caseID {
				t.Errorf("Match(%s) = %s case %d (%s), want %s case %d", tc.file, d.Rule, d.CaseID, d.Reason, tc.rule, tc.caseID)
			}
			if d.Triage() != (tc.rule == RuleTriage) {
				t.Errorf("Triage() = %v for rule %s", d.Triage(), d.Rule)
			}
			if d.CaseID != 0 && d.CaseRef != f.cases[d.CaseRef].Ref {
				t.Errorf("CaseRef = %q for case %d", d.CaseRef, d.CaseID)
			}
			if !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("reason %q does not contain %q", d.Reason, tc.reason)
			}
		})
	}
}

// Each rule in isolation, and the order between them.
func TestMatchRules(t *testing.T) {
	f := newOfficeFacts()
	tests := []struct {
		name   string
		m      Message
		rule   Rule
		caseID int64
		reason string
	}{
		{"ref in subject wins over thread", Message{Subject: "Dossier 2026-00043", InReplyTo: []string{"20260302101200.42.mdemeure@etude-martin.fr"}, From: Address{Email: "x@y.fr"}}, RuleReference, 43, ""},
		{"same ref twice is one case", Message{Subject: "2026-00042", Text: "au sujet du 2026-00042", From: Address{Email: "x@y.fr"}}, RuleReference, 42, ""},
		{"unknown ref ignored, known one used", Message{Text: "facture 2025-99999 du dossier 2026-00043", From: Address{Email: "x@y.fr"}}, RuleReference, 43, ""},
		{"references header when in-reply-to unknown", Message{InReplyTo: []string{"other@x"}, References: []string{"20260302101200.17.relance@etude-martin.fr", "other@x"}, From: Address{Email: "x@y.fr"}}, RuleThread, 17, "Suite d'une conversation"},
		{"in-reply-to beats an older reference", Message{InReplyTo: []string{"20260302101200.17.relance@etude-martin.fr"}, References: []string{"20260302101200.42.mdemeure@etude-martin.fr", "20260302101200.17.relance@etude-martin.fr"}}, RuleThread, 17, "Réponse à un courriel"},
		{"thread over two cases", Message{References: []string{"20260302101200.42.mdemeure@etude-martin.fr", "20260302101200.17.relance@etude-martin.fr"}, From: Address{Email: "x@y.fr"}}, RuleTriage, 0, "plusieurs dossiers"},
		{"thread beats quoted ref", Message{Text: "ok\n\n> dossier 2026-00043", InReplyTo: []string{"20260302101200.42.mdemeure@etude-martin.fr"}}, RuleThread, 42, ""},
		{"quoted ref beats sender", Message{Text: "ok\n\n> dossier 2026-00043", From: Address{Email: "jean.dupont@example.fr"}}, RuleQuoted, 43, ""},
		{"several quoted refs fall back to sender", Message{Text: "ok\n> 2026-00043 et 2025-00310", From: Address{Email: "jean.dupont@example.fr"}}, RuleSender, 42, ""},
		{"several quoted refs, unknown sender", Message{Text: "ok\n> 2026-00043 et 2025-00310", From: Address{Email: "x@y.fr"}}, RuleTriage, 0, "Plusieurs dossiers cités dans l'historique : 2026-00043, 2025-00310"},
		{"sender case-insensitive", Message{From: Address{Email: "Jean.Dupont@EXAMPLE.fr"}}, RuleSender, 42, ""},
		{"no sender", Message{Subject: "sans expéditeur"}, RuleTriage, 0, "Expéditeur absent"},
		{"office without ref", Message{From: Address{Email: "contact@etude-martin.fr"}}, RuleTriage, 0, "l'étude elle-même"},
		{"office forwarding with ref", Message{Subject: "TR: 2026-00042", From: Address{Email: "contact@etude-martin.fr"}}, RuleReference, 42, ""},
		{"ref inside a longer number is not a ref", Message{Text: "IBAN FR76 12026-000421", From: Address{Email: "x@y.fr"}}, RuleTriage, 0, "Expéditeur inconnu (x@y.fr)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Match(context.Background(), tc.m, f)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if d.Rule != tc.rule || d.CaseID != tc.caseID {
				t.Errorf("Match = %s case %d (%s), want %s case %d", d.Rule, d.CaseID, d.Reason, tc.rule, tc.caseID)
			}
			if !strings.Contains(d.Reason, tc.reason) {
				t.Errorf("reason %q does not contain %q", d.Reason, tc.reason)
			}
		})
	}
}

func TestMatchLookupError(t *testing.T) {
	f := newOfficeFacts()
	f.err = errors.New("database is locked")
	for _, m := range []Message{
		{Subject: "2026-00042"},
		{InReplyTo: []string{"a@b"}},
		{From: Address{Email: "jean.dupont@example.fr"}},
	} {
		if _, err := Match(context.Background(), m, f); !errors.Is(err, f.err) {
			t.Errorf("Match(%+v) error = %v, want it to wrap %v", m, err, f.err)
		}
	}
}

// BenchmarkParseAndMatch: the CPU cost per message of a sync pass, without
// the network (100 replies of about 4 KB with text, HTML and history).
func BenchmarkParseAndMatch(b *testing.B) {
	raws := make([][]byte, 100)
	for i := range raws {
		raws[i] = benchMessage(i)
	}
	f := newOfficeFacts()
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range raws {
			if _, err := Match(context.Background(), Parse(r), f); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(raws)), "µs/msg")
}

// findRefs finds exactly what the pattern finds on the whole text.
func TestFindRefsAgreesWithPattern(t *testing.T) {
	texts := []string{
		"", "2026-00042", "x2026-00042", "2026-00042x", "(2026-00042)", "12026-00042", "2026-000421",
		"dossiers 2026-00042, 2025-00310 et 1999-00001", "2026-00042-00043", "3026-00042 2126-12345",
		"é2026-00042é", "2026-0004", "026-00042", "FA-2025-00118", "2026-00042\n2026-00042",
	}
	for _, name := range []string{"outlook-reply-qp-1252.eml", "gmail-reply-b64.eml", "apple-mail-inline-image.eml"} {
		texts = append(texts, Parse(readCorpus(t, name)).Text)
	}
	for _, s := range texts {
		want := debt.RefPattern.FindAllString(s, -1)
		if got := findRefs(s); !slices.Equal(got, want) {
			t.Errorf("findRefs(%q) = %q, want %q", s, got, want)
		}
	}
}

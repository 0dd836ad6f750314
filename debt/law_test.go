package debt

import (
	"strings"
	"testing"
)

func lawCase(creditor, debtor LegalKind, kind InterestKind, lines ...ClaimLine) Case {
	return Case{
		Creditor: Party{ID: 1, Type: Company, CompanyName: "Fournil", LegalKind: creditor},
		Debtors:  []CaseDebtor{{Party: Party{ID: 2, Type: Person, LastName: "Durand", FirstName: "Paul", LegalKind: debtor}}},
		Nature:   NatureInvoice, Opened: MustDate("2026-03-01"), Interest: InterestTerms{Kind: kind}, Lines: lines,
	}
}

func invoice(id int64, doc, due string, amount Cents) ClaimLine {
	return ClaimLine{ID: id, Kind: LinePrincipal, Label: "Facture " + doc, DocNumber: doc, DueDate: MustDate(due), Amount: amount}
}

func indemnity(id int64, doc, due string) ClaimLine {
	return ClaimLine{ID: id, Kind: LineIndemnity, Label: "Indemnité " + doc, DocNumber: doc, DueDate: MustDate(due), Amount: FixedIndemnity}
}

// TestCheckCommercial: Code de commerce L441-10 (penalties at the ECB rate
// + 10 points) and D441-5 (40 € per late invoice) apply between
// professionals only, one indemnity per invoice.
func TestCheckCommercial(t *testing.T) {
	f1, f2 := invoice(1, "F1", "2025-12-31", 100_000), invoice(2, "F2", "2026-01-31", 50_000)
	tests := []struct {
		name   string
		c      Case
		fields []string // fields refused, in order
		words  string   // in the first message
	}{
		// A kitchen fitter against M. Durand, a consumer: L441-10 does
		// not apply; the message says to choose legal interest or a
		// contractual rate with its clause.
		{"L441-10 rate against a consumer", lawCase(Professional, Consumer, InterestBusiness, f1), []string{"interest"}, "taux légal"},
		// A private creditor cannot claim them from a company either.
		{"L441-10 rate for a private creditor", lawCase(Consumer, Professional, InterestBusiness, f1), []string{"interest"}, "créancier est un particulier"},
		// D441-5: the 40 € indemnity against a consumer.
		{"indemnity against a consumer", lawCase(Professional, Consumer, InterestLegal, f1, indemnity(3, "F1", "2026-01-01")), []string{"lines[1].kind"}, "40 €"},
		// Between professionals: allowed, one per invoice.
		{"between professionals", lawCase(Professional, Professional, InterestBusiness, f1, indemnity(3, "F1", "2026-01-01"), f2, indemnity(4, "F2", "2026-02-01")), nil, ""},
		{"two indemnities for one invoice", lawCase(Professional, Professional, InterestBusiness, f1, indemnity(3, "F1", "2026-01-01"), indemnity(4, "F1", "2026-01-02")), []string{"lines[2].kind"}, "une seule indemnité"},
		{"indemnity naming no invoice", lawCase(Professional, Professional, InterestBusiness, f1, indemnity(3, "F9", "2026-01-01")), []string{"lines[1].kind"}, "Aucune facture n° F9"},
		{"more indemnities than invoices", lawCase(Professional, Professional, InterestBusiness, invoice(1, "", "2025-12-31", 100), indemnity(3, "", "2026-01-01"), indemnity(4, "", "2026-01-02")), []string{"lines[2].kind"}, "2 indemnités forfaitaires pour 1 facture"},
		// Kinds not filled in yet (a case being typed): not judged here.
		{"kinds unknown", lawCase("", "", InterestBusiness, f1), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := CheckCommercial(tt.c)
			var fields []string
			for _, e := range errs {
				fields = append(fields, e.Field)
			}
			if strings.Join(fields, ",") != strings.Join(tt.fields, ",") {
				t.Fatalf("CheckCommercial() fields = %v, want %v (%v)", fields, tt.fields, errs)
			}
			if len(errs) > 0 && !strings.Contains(errs[0].Message, tt.words) {
				t.Errorf("CheckCommercial() message %q lacks %q", errs[0].Message, tt.words)
			}
		})
	}
}

// TestValidateRefusesCommercialTerms: the case and the claim line forms
// refuse what CheckCommercial refuses, and the checklist no longer ticks
// « Intérêts et pénalités prévus » on such a case.
func TestValidateRefusesCommercialTerms(t *testing.T) {
	today := MustDate("2026-03-02")
	c := lawCase(Professional, Consumer, InterestBusiness, invoice(1, "F1", "2025-12-31", 100_000))
	c.Basis = "Devis"
	found := false
	for _, e := range c.Validate(today) {
		found = found || (e.Field == "interest" && strings.Contains(e.Message, "L. 441-10"))
	}
	if !found {
		t.Errorf("Case.Validate() = %v, want the L441-10 rate refused", c.Validate(today))
	}
	l := indemnity(0, "F1", "2026-01-01")
	found = false
	for _, e := range l.Validate(c, today) {
		found = found || (e.Field == "kind" && strings.Contains(e.Message, "D. 441-5"))
	}
	if !found {
		t.Errorf("ClaimLine.Validate() = %v, want the indemnity refused", l.Validate(c, today))
	}
	for _, it := range Verify(c, today) {
		if it.Key == "interets" && (it.OK || !strings.Contains(it.Detail, "taux légal")) {
			t.Errorf("checklist interest item = %+v, want it not satisfied, saying what to choose", it)
		}
	}
}

// TestMissingIndemnities: L441-10 / D441-5, 40 € per late invoice owed by a
// professional debtor: an invoice due before today without its indemnity
// gets one proposed (due the day after the invoice); one not yet due, or
// one already with its indemnity, does not; nothing for a consumer.
func TestMissingIndemnities(t *testing.T) {
	today := MustDate("2026-03-02")
	c := lawCase(Professional, Professional, InterestBusiness,
		invoice(1, "F1", "2025-12-31", 100_000), indemnity(2, "F1", "2026-01-01"),
		invoice(3, "F2", "2026-01-31", 50_000),
		invoice(4, "F3", "2026-03-31", 20_000))
	got := MissingIndemnities(c, today)
	if len(got) != 1 || got[0].DocNumber != "F2" || got[0].Amount != FixedIndemnity || !got[0].DueDate.Equal(MustDate("2026-02-01")) || got[0].Kind != LineIndemnity {
		t.Errorf("MissingIndemnities() = %+v, want F2's 40 € due 01/02/2026", got)
	}
	c.Debtors[0].Party.LegalKind = Consumer
	if got := MissingIndemnities(c, today); len(got) != 0 {
		t.Errorf("MissingIndemnities(consumer) = %+v, want none", got)
	}
}

// TestLimitationFlagSplit: Code civil 2219. Thirty days or fewer left,
// the last day included, the claim can still be saved by an interruption
// (2240, 2241): « Prescription imminente ». From the day after, it is
// time-barred: « Créances prescrites », advised that it can no longer be
// demanded, not to seek an interruption.
func TestLimitationFlagSplit(t *testing.T) {
	lim := Limitation{Period: LimitationGeneral, From: MustDate("2021-06-30"), FromEvent: LimitationStart, Expires: MustDate("2026-06-30")}
	r := DefaultRules()
	for _, tt := range []struct {
		today string
		kind  FlagKind
	}{
		{"2026-06-27", FlagLimitationUrgent}, // 3 days left
		{"2026-06-30", FlagLimitationUrgent}, // last day: an acknowledgement today still counts
		{"2026-07-01", FlagPrescribed},       // the day after
	} {
		f, ok := LimitationFlag(7, lim, r, MustDate(tt.today))
		if !ok || f.Kind != tt.kind {
			t.Errorf("LimitationFlag(at %s) = %+v, %v; want %s", tt.today, f, ok, tt.kind)
		}
	}
	f, _ := LimitationFlag(7, lim, r, MustDate("2026-07-01"))
	if !strings.Contains(f.Text, "ne peut plus être exigée") || !strings.Contains(f.Text, "01/07/2026") {
		t.Errorf("prescribed text = %q", f.Text)
	}
	if strings.Contains(FlagPrescribed.Advice(), "interruptif") || !strings.Contains(FlagPrescribed.Advice(), "paiement volontaire") {
		t.Errorf("prescribed advice = %q", FlagPrescribed.Advice())
	}
	if FlagPrescribed.Rank() <= FlagLimitationUrgent.Rank() {
		t.Error("prescribed claims rank before the imminent ones, which can still be saved")
	}
}

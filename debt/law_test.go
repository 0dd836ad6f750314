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

// TestInterruptionsAndSuspensions: worked examples of every act recorded
// on a case. A consumer claim (2 years, C. consom. L218-2) due 15/01/2024
// expires on 15/01/2026 without any act.
func TestInterruptionsAndSuspensions(t *testing.T) {
	start := MustDate("2024-01-15")
	ev := func(k LimitationEventKind, d, end string) LimitationEvent {
		e := LimitationEvent{Kind: k, Date: MustDate(d)}
		if end != "" {
			e.End = MustDate(end)
		}
		return e
	}
	tests := []struct {
		name    string
		period  LimitationPeriod
		events  []LimitationEvent
		at      string
		expires string
		from    LimitationEventKind
	}{
		// C. civ. 2240: a signed acknowledgement on 10/03/2025 starts a
		// new 2-year period: 10/03/2027.
		{"2240 acknowledgement", LimitationConsumer, []LimitationEvent{ev(LimitationAcknowledgement, "2025-03-10", "")}, "", "2027-03-10", LimitationAcknowledgement},
		// C. civ. 2241: a claim in court on 01/12/2025.
		{"2241 claim in court", LimitationConsumer, []LimitationEvent{ev(LimitationCourtDemand, "2025-12-01", "")}, "", "2027-12-01", LimitationCourtDemand},
		// C. civ. 2244: an enforcement measure on 05/01/2026, even of a
		// consumer credit's forclusion.
		{"2244 enforcement measure", LimitationConsumerCredit, []LimitationEvent{ev(LimitationEnforcement, "2026-01-05", "")}, "", "2028-01-05", LimitationEnforcement},
		// C. civ. 2238: mediation from 01/06/2025 to 31/08/2025 (91 days)
		// moves 15/01/2026 to 16/04/2026; more than six months after
		// its end, the floor (28/02/2026) does not apply.
		{"2238 mediation suspends", LimitationConsumer, []LimitationEvent{ev(LimitationMediation, "2025-06-01", "2025-08-31")}, "", "2026-04-16", LimitationStart},
		// 2238 al. 2: a mediation ending 10/01/2026 (10 days) leaves at
		// least six months: 10/07/2026, not 25/01/2026.
		{"2238 six months at least", LimitationConsumer, []LimitationEvent{ev(LimitationMediation, "2025-12-31", "2026-01-10")}, "", "2026-07-10", LimitationStart},
		// CPCE L125-1 and 2238: the debtor agreed to the small-claims
		// procedure on 01/12/2025, still running on 01/02/2026: counted
		// as ending that day, 62 days → 18/03/2026, floor 01/08/2026.
		{"L125-1 small claims running", LimitationConsumer, []LimitationEvent{ev(LimitationSmallClaims, "2025-12-01", "")}, "2026-02-01", "2026-08-01", LimitationStart},
		// C. civ. 2220: a forclusion is not suspended.
		{"forclusion not suspended", LimitationConsumerCredit, []LimitationEvent{ev(LimitationMediation, "2025-06-01", "2025-08-31")}, "", "2026-01-15", LimitationStart},
		// CPCE L111-4: a judgment of 20/11/2025 gives 10 years.
		{"L111-4 enforceable title", LimitationConsumer, []LimitationEvent{ev(LimitationTitleObtained, "2025-11-20", "")}, "", "2035-11-20", LimitationTitleObtained},
		// After the title, an acknowledgement restarts the 10 years.
		{"title then acknowledgement", LimitationConsumer, []LimitationEvent{ev(LimitationTitleObtained, "2025-11-20", ""), ev(LimitationAcknowledgement, "2027-02-01", "")}, "", "2037-02-01", LimitationAcknowledgement},
		// An act after the expiry does not revive the claim.
		{"acknowledgement after expiry", LimitationConsumer, []LimitationEvent{ev(LimitationAcknowledgement, "2026-01-16", "")}, "", "2026-01-15", LimitationStart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := LimitationInput{Period: tt.period, Start: start, Events: tt.events}
			if tt.at != "" {
				in.At = MustDate(tt.at)
			}
			got, err := ComputeLimitation(in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Expires.ISO() != tt.expires || got.FromEvent != tt.from {
				t.Errorf("ComputeLimitation() = %s from %s, want %s from %s (ignored %v)", got.Expires.ISO(), got.FromEvent, tt.expires, tt.from, got.Ignored)
			}
		})
	}
	// A running suspension without a computation day: expiry unknown.
	got, err := ComputeLimitation(LimitationInput{Period: LimitationConsumer, Start: start, Events: []LimitationEvent{ev(LimitationMediation, "2025-06-01", "")}})
	if err != nil || !got.Suspended || !got.Expires.IsZero() {
		t.Errorf("running suspension = %+v, %v; want suspended, expiry unknown", got, err)
	}
	if _, err := ParseInterruptionKind("mediation"); err != nil {
		t.Error(err)
	}
	if _, err := ParseInterruptionKind("mise_en_demeure"); err == nil {
		t.Error("a formal notice was accepted as an interruption")
	}
}

// TestPendingReminder: a first reminder of 02/11/2026 gave until
// 17/11/2026. A formal notice on 02/11 or on 17/11 (the deadline's last
// day) comes before it expired; on 18/11 it does not.
func TestPendingReminder(t *testing.T) {
	steps := []IssuedStep{
		{Kind: LetterReminder1, Ref: "2026-00042-01", Date: MustDate("2026-11-02"), Deadline: MustDate("2026-11-17")},
		{Kind: LetterFormalNotice, Ref: "2026-00042-02", Date: MustDate("2026-10-01"), Deadline: MustDate("2026-12-31")},
	}
	for _, tt := range []struct {
		at string
		ok bool
	}{{"2026-11-02", true}, {"2026-11-17", true}, {"2026-11-18", false}, {"2026-11-01", false}} {
		got, ok := PendingReminder(steps, MustDate(tt.at))
		if ok != tt.ok || (ok && got.Ref != "2026-00042-01") {
			t.Errorf("PendingReminder(at %s) = %+v, %v; want %v", tt.at, got, ok, tt.ok)
		}
	}
}

// TestWorkedImputationThreeInvoices is the worked case of the report: a
// B2B claim (L441-10 penalties, ECB 2,15 % + 10 = 12,15 % in 2025 S2 and
// 2026 S1), three invoices each with its 40 € indemnity, 2 000 € received
// on 16/03/2026.
//
//	interest to 16/03/2026 (base × days × 12,15 % / 365):
//	  F1 1 500 € due 30/09/2025: 92 d → 45,94 + 75 d → 37,45 = 83,39 €
//	  F2   800 € due 30/11/2025: 31 d →  8,26 + 75 d → 19,97 = 28,23 €
//	  F3 1 200 € due 31/01/2026: 44 d → 17,58 €
//	1342-10: all due, same rate → oldest first: F1, F2, F3.
//	1343-1 inside each: interest, indemnity, principal.
//	  F1: 83,39 + 40,00 + 1 500,00 = 1 623,39 (paid in full); 376,61 left
//	  F2: 28,23 + 40,00 + 308,38 of its 800,00; F3: nothing.
func TestWorkedImputationThreeInvoices(t *testing.T) {
	inv := func(id int64, doc, due string, a Cents) []ClaimLine {
		d := MustDate(due)
		return []ClaimLine{invoice(id, doc, due, a), {ID: id + 1, Kind: LineIndemnity, Label: "Indemnité " + doc, DocNumber: doc, DueDate: d.AddDays(1), Amount: FixedIndemnity}}
	}
	c := lawCase(Professional, Professional, InterestBusiness)
	c.Lines = append(append(inv(1, "F1", "2025-09-30", 150_000), inv(3, "F2", "2025-11-30", 80_000)...), inv(5, "F3", "2026-01-31", 120_000)...)
	st, err := ComputeStatement(StatementInput{Case: c, At: MustDate("2026-03-16"), Rates: DefaultRates(),
		Payments: []Payment{{ID: 1, Received: MustDate("2026-03-16"), Amount: 200_000}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Amounts{{150_000, 8_339, 0}, {0, 0, 4_000}, {30_838, 2_823, 0}, {0, 0, 4_000}, {}, {}}
	for i, l := range st.Lines {
		if l.Paid != want[i] {
			t.Errorf("%s paid %+v, want %+v", l.Label, l.Paid, want[i])
		}
	}
	if st.Lines[4].Owed.Interest != 1_758 || st.Credit != 0 {
		t.Errorf("F3 interest %s, credit %s; want 17,58 €, 0", st.Lines[4].Owed.Interest, st.Credit)
	}
}

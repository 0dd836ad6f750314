package debt

import (
	"errors"
	"strings"
	"testing"
)

func TestLimitationPeriodFor(t *testing.T) {
	tests := []struct {
		nature           Nature
		creditor, debtor LegalKind
		title            bool
		want             LimitationPeriod
	}{
		{NatureInvoice, Professional, Professional, false, LimitationGeneral}, // B2B: 5 years
		{NatureInvoice, Professional, Consumer, false, LimitationConsumer},    // L218-2: 2 years
		{NatureService, Professional, Consumer, false, LimitationConsumer},
		{NatureService, Consumer, Consumer, false, LimitationGeneral}, // between private persons
		{NatureRent, Consumer, Consumer, false, LimitationRent},       // residential rent: 3 years
		{NatureRent, Professional, Consumer, false, LimitationRent},   // even from a professional landlord
		{NatureRent, Consumer, Professional, false, LimitationGeneral},
		{NatureLoan, Professional, Consumer, false, LimitationConsumerCredit}, // 2 years, forclusion
		{NatureLoan, Consumer, Consumer, false, LimitationGeneral},            // a loan between private persons
		{NatureAlimony, Consumer, Consumer, false, LimitationGeneral},
		{NatureInvoice, Professional, Consumer, true, LimitationTitle}, // enforceable title: 10 years
		{NatureOther, Professional, Professional, false, LimitationGeneral},
	}
	for _, tt := range tests {
		got := LimitationPeriodFor(tt.nature, tt.creditor, tt.debtor, tt.title)
		if got != tt.want {
			t.Errorf("LimitationPeriodFor(%s, %s, %s, %v) = %s (%d ans), want %s (%d ans)",
				tt.nature, tt.creditor, tt.debtor, tt.title, got.Key, got.Years, tt.want.Key, tt.want.Years)
		}
	}
	wantYears := map[string]int{"general": 5, "consumer": 2, "rent": 3, "consumer_credit": 2, "title": 10}
	for _, p := range []LimitationPeriod{LimitationGeneral, LimitationConsumer, LimitationRent, LimitationConsumerCredit, LimitationTitle} {
		if p.Years != wantYears[p.Key] || p.Label == "" || p.Text == "" {
			t.Errorf("period %s = %+v, want %d years with a label and a legal basis", p.Key, p, wantYears[p.Key])
		}
	}
}

func ev(kind LimitationEventKind, date string) LimitationEvent {
	return LimitationEvent{Kind: kind, Date: MustDate(date)}
}

func TestComputeLimitation(t *testing.T) {
	tests := []struct {
		name      string
		in        LimitationInput
		expires   string
		from      string
		fromEvent LimitationEventKind
		ignored   int
	}{
		{
			// B2B invoice due 15 March 2021: 5 years → 15 March 2026, a
			// Sunday: no move to a working day for prescription.
			name:    "general",
			in:      LimitationInput{Period: LimitationGeneral, Start: MustDate("2021-03-15")},
			expires: "2026-03-15", from: "2021-03-15", fromEvent: LimitationStart,
		},
		{
			// Consumer, due 29 February 2024: 2 years → 28 February 2026.
			name:    "consumer from 29 February",
			in:      LimitationInput{Period: LimitationConsumer, Start: MustDate("2024-02-29")},
			expires: "2026-02-28", from: "2024-02-29", fromEvent: LimitationStart,
		},
		{
			name:    "rent",
			in:      LimitationInput{Period: LimitationRent, Start: MustDate("2023-07-05")},
			expires: "2026-07-05", from: "2023-07-05", fromEvent: LimitationStart,
		},
		{
			name:    "title",
			in:      LimitationInput{Period: LimitationTitle, Start: MustDate("2019-10-01")},
			expires: "2029-10-01", from: "2019-10-01", fromEvent: LimitationStart,
		},
		{
			// A formal notice does not interrupt; an acknowledgement of debt
			// signed 1 June 2023 restarts 5 full years → 1 June 2028.
			name: "acknowledgement restarts, notice does not",
			in: LimitationInput{Period: LimitationGeneral, Start: MustDate("2020-01-10"), Events: []LimitationEvent{
				ev(LimitationFormalNotice, "2024-05-02"), ev(LimitationAcknowledgement, "2023-06-01")}},
			expires: "2028-06-01", from: "2023-06-01", fromEvent: LimitationAcknowledgement, ignored: 1,
		},
		{
			// Several interruptions: the last one counts. Consumer claim due
			// 10 January 2024; plan signed 1 March 2025 (→ 1 March 2027),
			// then a partial payment 20 January 2026 → 20 January 2028.
			name: "last interruption counts",
			in: LimitationInput{Period: LimitationConsumer, Start: MustDate("2024-01-10"), Events: []LimitationEvent{
				ev(LimitationPartialPayment, "2026-01-20"), ev(LimitationPlanSigned, "2025-03-01")}},
			expires: "2028-01-20", from: "2026-01-20", fromEvent: LimitationPartialPayment,
		},
		{
			// A payment after the claim died does not revive it: consumer
			// claim due 10 January 2022, time-barred after 10 January 2024;
			// a payment on 15 March 2024 comes too late.
			name: "too late",
			in: LimitationInput{Period: LimitationConsumer, Start: MustDate("2022-01-10"), Events: []LimitationEvent{
				ev(LimitationPartialPayment, "2024-03-15")}},
			expires: "2024-01-10", from: "2022-01-10", fromEvent: LimitationStart, ignored: 1,
		},
		{
			// On the very last day, it still interrupts.
			name: "last day",
			in: LimitationInput{Period: LimitationConsumer, Start: MustDate("2022-01-10"), Events: []LimitationEvent{
				ev(LimitationAcknowledgement, "2024-01-10")}},
			expires: "2026-01-10", from: "2024-01-10", fromEvent: LimitationAcknowledgement,
		},
		{
			name: "before the start",
			in: LimitationInput{Period: LimitationGeneral, Start: MustDate("2022-01-10"), Events: []LimitationEvent{
				ev(LimitationAcknowledgement, "2021-12-01")}},
			expires: "2027-01-10", from: "2022-01-10", fromEvent: LimitationStart, ignored: 1,
		},
		{
			// Consumer credit (forclusion): acknowledgements and payments do
			// not interrupt, a court demand does.
			name: "forclusion",
			in: LimitationInput{Period: LimitationConsumerCredit, Start: MustDate("2024-05-05"), Events: []LimitationEvent{
				ev(LimitationPartialPayment, "2025-01-05"), ev(LimitationAcknowledgement, "2025-02-01"),
				ev(LimitationCourtDemand, "2026-03-01")}},
			expires: "2028-03-01", from: "2026-03-01", fromEvent: LimitationCourtDemand, ignored: 2,
		},
		{
			name: "forclusion without court demand",
			in: LimitationInput{Period: LimitationConsumerCredit, Start: MustDate("2024-05-05"), Events: []LimitationEvent{
				ev(LimitationPlanSigned, "2025-01-05")}},
			expires: "2026-05-05", from: "2024-05-05", fromEvent: LimitationStart, ignored: 1,
		},
		{
			// The calculator's custom period.
			name: "custom",
			in: LimitationInput{Period: CustomLimitation(4), Start: MustDate("2020-02-29"), Events: []LimitationEvent{
				ev(LimitationCourtDemand, "2021-06-30")}},
			expires: "2025-06-30", from: "2021-06-30", fromEvent: LimitationCourtDemand,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ComputeLimitation(tt.in)
			if err != nil {
				t.Fatalf("ComputeLimitation() error %v", err)
			}
			if got.Expires.ISO() != tt.expires || got.From.ISO() != tt.from || got.FromEvent != tt.fromEvent {
				t.Errorf("ComputeLimitation() = expires %s from %s (%s), want expires %s from %s (%s)",
					got.Expires.ISO(), got.From.ISO(), got.FromEvent, tt.expires, tt.from, tt.fromEvent)
			}
			if len(got.Ignored) != tt.ignored {
				t.Errorf("Ignored = %+v, want %d events", got.Ignored, tt.ignored)
			}
			for _, ig := range got.Ignored {
				if ig.Reason == "" {
					t.Errorf("ignored event %+v without a reason", ig.Event)
				}
			}
		})
	}
}

func TestComputeLimitationNoticeReason(t *testing.T) {
	got, err := ComputeLimitation(LimitationInput{Period: LimitationGeneral, Start: MustDate("2022-01-10"),
		Events: []LimitationEvent{ev(LimitationFormalNotice, "2023-01-10")}})
	if err != nil || len(got.Ignored) != 1 || !strings.Contains(got.Ignored[0].Reason, "mise en demeure n'interrompt pas") {
		t.Errorf("ComputeLimitation(notice) = %+v, %v; want the notice ignored with its reason", got.Ignored, err)
	}
}

func TestComputeLimitationErrors(t *testing.T) {
	for _, in := range []LimitationInput{
		{Period: LimitationGeneral},
		{Period: CustomLimitation(0), Start: MustDate("2022-01-10")},
		{Period: LimitationGeneral, Start: MustDate("2022-01-10"), Events: []LimitationEvent{{Kind: LimitationAcknowledgement}}},
	} {
		if got, err := ComputeLimitation(in); err == nil || !errors.Is(err, ErrLimitation) {
			t.Errorf("ComputeLimitation(%+v) = %+v, %v; want an ErrLimitation", in, got, err)
		}
	}
}

func TestCaseLimitation(t *testing.T) {
	// A business selling to a consumer; two invoices, the older due
	// 5 September 2024: 2 years → 5 September 2026.
	c := Case{
		Nature:   NatureInvoice,
		Creditor: Party{LegalKind: Professional},
		Debtors:  []CaseDebtor{{Party: Party{LegalKind: Consumer}}},
		Lines: []ClaimLine{
			line(1, LinePrincipal, "2024-11-05", 10_000),
			line(2, LineAccessory, "2024-01-01", 1_000), // accessories do not set the start
			line(3, LinePrincipal, "2024-09-05", 10_000),
		},
	}
	got, err := CaseLimitation(c, false, nil)
	if err != nil || got.Expires.ISO() != "2026-09-05" || got.Period.Key != "consumer" {
		t.Errorf("CaseLimitation() = %s (%s), %v; want 2026-09-05 (consumer)", got.Expires.ISO(), got.Period.Key, err)
	}
	if _, err := CaseLimitation(Case{Nature: NatureInvoice}, false, nil); err == nil {
		t.Errorf("CaseLimitation(no lines) = no error, want one (no start date)")
	}
}

func TestLimitationWarning(t *testing.T) {
	expiry := MustDate("2026-09-05")
	tests := []struct {
		today string
		level LimitationLevel
		left  int
		text  string
	}{
		{"2026-06-06", LimitationOK, 91, "Prescription le 05/09/2026"},
		{"2026-06-07", LimitationSoon, 90, "plus que 90 jours"},
		{"2026-09-04", LimitationSoon, 1, "plus que 1 jour"},
		{"2026-09-05", LimitationSoon, 0, "aujourd'hui"},
		{"2026-09-06", LimitationExpired, -1, "prescrite depuis le 06/09/2026"},
	}
	for _, tt := range tests {
		got := LimitationWarning(expiry, MustDate(tt.today), 90)
		if got.Level != tt.level || got.DaysLeft != tt.left || !strings.Contains(got.Message, tt.text) {
			t.Errorf("LimitationWarning(05/09/2026, %s, 90) = %+v, want level %d, %d days, message with %q",
				tt.today, got, tt.level, tt.left, tt.text)
		}
	}
	if got := LimitationWarning(Date{}, expiry, 90); got.Level != LimitationUnknown {
		t.Errorf("LimitationWarning(zero) = %+v, want LimitationUnknown", got)
	}
	// The second warning (30 days) is the same helper with another setting.
	if got := LimitationWarning(expiry, MustDate("2026-07-01"), 30); got.Level != LimitationOK {
		t.Errorf("LimitationWarning(…, 01/07/2026, 30) = %+v, want OK (66 days left)", got)
	}
}

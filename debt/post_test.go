package debt

import (
	"errors"
	"strings"
	"testing"
)

func TestS10CheckDigit(t *testing.T) {
	tests := []struct {
		serial string
		want   int
	}{
		// RW 7992106 33 FR: 7×8 + 9×6 + 9×4 + 2×2 + 1×3 + 0×5 + 6×9 + 3×7
		// = 56 + 54 + 36 + 4 + 3 + 0 + 54 + 21 = 228; 228 mod 11 = 8;
		// 11 − 8 = 3.
		{"79921063", 3},
		// 1×8 + 2×6 + 3×4 + 4×2 + 5×3 + 6×5 + 7×9 + 8×7 = 204; 204 mod 11 = 6;
		// 11 − 6 = 5.
		{"12345678", 5},
		// 1×8 + 1×4 = 12; 12 mod 11 = 1; 11 − 1 = 10 → 0.
		{"10100000", 0},
		// 1×8 + 1×3 = 11; 11 mod 11 = 0; 11 − 0 = 11 → 5.
		{"10001000", 5},
	}
	for _, tt := range tests {
		got, ok := S10CheckDigit(tt.serial)
		if !ok || got != tt.want {
			t.Errorf("S10CheckDigit(%q) = %d, %v, want %d, true", tt.serial, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "1234567", "123456789", "1234567A"} {
		if _, ok := S10CheckDigit(bad); ok {
			t.Errorf("S10CheckDigit(%q) accepted a serial that is not eight digits", bad)
		}
	}
}

func TestParseTracking(t *testing.T) {
	tests := []struct {
		in        string
		want      string
		kind      TrackingKind
		formatted string
	}{
		{"1A 123 456 7890 1", "1A12345678901", TrackingDomestic, "1A 123 456 7890 1"},
		{" 1a12345678901 ", "1A12345678901", TrackingDomestic, "1A 123 456 7890 1"},
		{"2C-987-654-3210-9", "2C98765432109", TrackingDomestic, "2C 987 654 3210 9"},
		{"1234567890123", "1234567890123", TrackingOnline, "1234 5678 9012 3"},
		{"123 456 789 012 345", "123456789012345", TrackingOnline, "1234 5678 9012 345"},
		{"RW799210633FR", "RW799210633FR", TrackingS10, "RW 799 210 633 FR"},
		{"rw 799 210 633 fr", "RW799210633FR", TrackingS10, "RW 799 210 633 FR"},
		{"RR123456785FR", "RR123456785FR", TrackingS10, "RR 123 456 785 FR"},
		{"RA101000000FR", "RA101000000FR", TrackingS10, "RA 101 000 000 FR"}, // check 10 → 0
		{"RA100010005FR", "RA100010005FR", TrackingS10, "RA 100 010 005 FR"}, // check 11 → 5
		{"1A\u00a0123\u202f456 7890 1", "1A12345678901", TrackingDomestic, "1A 123 456 7890 1"},
	}
	for _, tt := range tests {
		got, kind, err := ParseTracking(tt.in)
		if err != nil || got != tt.want || kind != tt.kind {
			t.Errorf("ParseTracking(%q) = %q, %q, %v, want %q, %q, nil", tt.in, got, kind, err, tt.want, tt.kind)
			continue
		}
		if f := FormatTracking(tt.in); f != tt.formatted {
			t.Errorf("FormatTracking(%q) = %q, want %q", tt.in, f, tt.formatted)
		}
		tr, err := NewTracking(tt.in)
		if err != nil || tr.String() != tt.formatted || tr.Kind != tt.kind {
			t.Errorf("NewTracking(%q) = %+v (%q), %v, want kind %q printed %q", tt.in, tr, tr.String(), err, tt.kind, tt.formatted)
		}
	}
}

func TestParseTrackingRefused(t *testing.T) {
	tests := []struct {
		in      string
		message string // part of the French message
	}{
		{"", "vide"},
		{"   ", "vide"},
		// Check digit 4 where the weights give 3 (see TestS10CheckDigit).
		{"RW799210634FR", "chiffre de contrôle 4, attendu 3"},
		{"RR123456789FR", "chiffre de contrôle 9, attendu 5"},
		{"1A 123 456 789", "forme connue"},  // 12 characters
		{"1A1234567890123", "forme connue"}, // 15 but with a letter
		{"12345678901234", "forme connue"},  // 14 digits
		{"AB12345678901", "forme connue"},   // letters where digits go
		{"R1799210633FR", "forme connue"},   // S10 with a digit in the prefix
		{"RW79921063FR", "forme connue"},    // S10 one digit short
		{"1A 123 456 7890 1/", "caractère inattendu"},
		{"1É12345678901", "caractère inattendu"},
	}
	for _, tt := range tests {
		got, kind, err := ParseTracking(tt.in)
		if err == nil {
			t.Errorf("ParseTracking(%q) = %q, %q, nil, want an error", tt.in, got, kind)
			continue
		}
		if !errors.Is(err, ErrTracking) {
			t.Errorf("ParseTracking(%q) error %v does not wrap ErrTracking", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.message) {
			t.Errorf("ParseTracking(%q) error = %q, want it to mention %q", tt.in, err, tt.message)
		}
	}
	if got := FormatTracking(" n'importe quoi "); got != "n'importe quoi" {
		t.Errorf("FormatTracking(bad) = %q, want the trimmed input", got)
	}
}

func TestRegisteredLevel(t *testing.T) {
	for in, want := range map[string]RegisteredLevel{"R1": LevelR1, "r2": LevelR2, " 3 ": LevelR3} {
		if got, err := ParseRegisteredLevel(in); err != nil || got != want {
			t.Errorf("ParseRegisteredLevel(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "R4", "R", "AR"} {
		if got, err := ParseRegisteredLevel(in); err == nil {
			t.Errorf("ParseRegisteredLevel(%q) = %q, want an error", in, got)
		}
	}
}

func TestRegistered(t *testing.T) {
	tests := []struct {
		r      Registered
		label  string
		errors []string // fields in error
	}{
		{Registered{}, "Lettre simple", nil},
		{Registered{Level: LevelR1, AR: true}, "Lettre recommandée R1 avec avis de réception", nil},
		{Registered{Level: LevelR2}, "Lettre recommandée R2", nil},
		{Registered{Level: LevelR1, AR: true, Tracking: "1A12345678901"}, "Lettre recommandée R1 avec avis de réception", nil},
		{Registered{Level: "R9"}, "Lettre recommandée R9", []string{"level"}},
		{Registered{AR: true}, "Lettre simple", []string{"level"}},
		{Registered{Level: LevelR1, Tracking: "RW799210634FR"}, "Lettre recommandée R1", []string{"tracking"}},
	}
	for _, tt := range tests {
		if got := tt.r.Label(); got != tt.label {
			t.Errorf("%+v.Label() = %q, want %q", tt.r, got, tt.label)
		}
		var fields []string
		for _, e := range tt.r.Validate() {
			fields = append(fields, e.Field)
		}
		if strings.Join(fields, ",") != strings.Join(tt.errors, ",") {
			t.Errorf("%+v.Validate() fields = %v, want %v", tt.r, fields, tt.errors)
		}
	}
}

func TestAROutcome(t *testing.T) {
	labels := map[AROutcome]string{
		ARDelivered:   "Distribué",
		ARUncollected: "Pli avisé et non réclamé",
		ARRefused:     "Refusé par le destinataire",
		ARUnknown:     "Destinataire inconnu à l'adresse (NPAI)",
	}
	for _, o := range AROutcomes {
		if o.Label() != labels[o] {
			t.Errorf("%q.Label() = %q, want %q", o, o.Label(), labels[o])
		}
		if got, err := ParseAROutcome(" " + strings.ToUpper(string(o)) + " "); err != nil || got != o {
			t.Errorf("ParseAROutcome(%q) = %q, %v, want %q", o, got, err, o)
		}
	}
	if _, err := ParseAROutcome("lost"); err == nil || !strings.Contains(err.Error(), "delivered, uncollected, refused, unknown") {
		t.Errorf("ParseAROutcome(lost) error = %v, want the list of codes", err)
	}
	if !ARUnknown.NeedsNewAddress() || ARRefused.NeedsNewAddress() {
		t.Error("only an unknown addressee needs a new address")
	}
	// Presented Monday 11 May 2026: held 15 days from the next day, to
	// Tuesday 26 May 2026.
	if got := HeldUntil(MustDate("2026-05-11")); got.ISO() != "2026-05-26" {
		t.Errorf("HeldUntil(2026-05-11) = %s, want 2026-05-26", got.ISO())
	}
}

func TestARResultValidate(t *testing.T) {
	posted, today := MustDate("2026-05-07"), MustDate("2026-06-01")
	d := MustDate
	tests := []struct {
		name   string
		r      ARResult
		fields []string
		text   string
	}{
		{"delivered", ARResult{Outcome: ARDelivered, Presented: d("2026-05-11"), Delivered: d("2026-05-12"), SignedBy: SignedByAddressee},
			nil, "Distribué le 12/05/2026 (première présentation le 11/05/2026), AR signé par le destinataire"},
		{"delivered to a proxy on first presentation", ARResult{Outcome: ARDelivered, Presented: d("2026-05-11"), Delivered: d("2026-05-11"), SignedBy: SignedByProxy},
			nil, "Distribué le 11/05/2026 (première présentation le 11/05/2026), AR signé par un mandataire"},
		{"not collected", ARResult{Outcome: ARUncollected, Presented: d("2026-05-11"), Received: d("2026-05-28")},
			nil, "Pli avisé et non réclamé (première présentation le 11/05/2026)"},
		{"refused", ARResult{Outcome: ARRefused, Presented: d("2026-05-11")}, nil, "Refusé par le destinataire (première présentation le 11/05/2026)"},
		{"unknown", ARResult{Outcome: ARUnknown}, nil, "Destinataire inconnu à l'adresse (NPAI)"},
		{"no outcome", ARResult{}, []string{"outcome"}, ""},
		{"delivered without date nor signer", ARResult{Outcome: ARDelivered}, []string{"delivered", "signed_by"}, ""},
		{"not collected without presentation", ARResult{Outcome: ARUncollected}, []string{"presented"}, ""},
		{"refused but signed", ARResult{Outcome: ARRefused, SignedBy: SignedByAddressee}, []string{"delivered"}, ""},
		{"before posting", ARResult{Outcome: ARDelivered, Presented: d("2026-05-06"), Delivered: d("2026-05-12"), SignedBy: SignedByAddressee}, []string{"presented"}, ""},
		{"in the future", ARResult{Outcome: ARDelivered, Presented: d("2026-05-11"), Delivered: d("2026-06-02"), SignedBy: SignedByAddressee}, []string{"delivered"}, ""},
		{"delivered before presented", ARResult{Outcome: ARDelivered, Presented: d("2026-05-12"), Delivered: d("2026-05-11"), SignedBy: SignedByAddressee}, []string{"delivered"}, ""},
	}
	for _, tt := range tests {
		var fields []string
		for _, e := range tt.r.Validate(posted, today) {
			fields = append(fields, e.Field)
			if e.Message == "" || strings.ToUpper(e.Message[:1]) != e.Message[:1] {
				t.Errorf("%s: message %q should be a French sentence", tt.name, e.Message)
			}
		}
		if strings.Join(fields, ",") != strings.Join(tt.fields, ",") {
			t.Errorf("%s: Validate() fields = %v, want %v", tt.name, fields, tt.fields)
		}
		if tt.text != "" && tt.r.Text() != tt.text {
			t.Errorf("%s: Text() = %q, want %q", tt.name, tt.r.Text(), tt.text)
		}
	}
}

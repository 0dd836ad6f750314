package debt

import (
	"errors"
	"testing"
)

func TestSemester(t *testing.T) {
	tests := []struct {
		date              string
		want              Semester
		start, end, short string
		label             string
	}{
		{"2026-01-01", Semester{2026, 1}, "2026-01-01", "2026-06-30", "2026 S1", "1er semestre 2026"},
		{"2026-06-30", Semester{2026, 1}, "2026-01-01", "2026-06-30", "2026 S1", "1er semestre 2026"},
		{"2026-07-01", Semester{2026, 2}, "2026-07-01", "2026-12-31", "2026 S2", "2e semestre 2026"},
		{"2024-12-31", Semester{2024, 2}, "2024-07-01", "2024-12-31", "2024 S2", "2e semestre 2024"},
	}
	for _, tt := range tests {
		s := SemesterOf(MustDate(tt.date))
		if s != tt.want {
			t.Errorf("SemesterOf(%s) = %v, want %v", tt.date, s, tt.want)
		}
		if s.Start().ISO() != tt.start || s.End().ISO() != tt.end {
			t.Errorf("%v: Start, End = %s, %s; want %s, %s", s, s.Start().ISO(), s.End().ISO(), tt.start, tt.end)
		}
		if s.String() != tt.short || s.Label() != tt.label {
			t.Errorf("%v: String, Label = %q, %q; want %q, %q", tt.want, s.String(), s.Label(), tt.short, tt.label)
		}
		if p, err := ParseSemester(s.String()); err != nil || p != s {
			t.Errorf("ParseSemester(%q) = %v, %v; want %v", s.String(), p, err, s)
		}
	}
	if n := (Semester{2025, 2}).Next(); n != (Semester{2026, 1}) {
		t.Errorf("Semester{2025,2}.Next() = %v, want 2026 S1", n)
	}
	if c := (Semester{2025, 2}).Compare(Semester{2026, 1}); c != -1 {
		t.Errorf("2025 S2 Compare 2026 S1 = %d, want -1", c)
	}
	for _, bad := range []string{"2026 S3", "2026", "S1 2026", "26 S1", "2026 S1x"} {
		if s, err := ParseSemester(bad); err == nil {
			t.Errorf("ParseSemester(%q) = %v, want an error", bad, s)
		}
	}
	for _, ok := range []string{"2026-S2", "2026s2", " 2026 S2 "} {
		if s, err := ParseSemester(ok); err != nil || s != (Semester{2026, 2}) {
			t.Errorf("ParseSemester(%q) = %v, %v; want 2026 S2", ok, s, err)
		}
	}
}

func TestRateTableLookups(t *testing.T) {
	rates := DefaultRates()
	tests := []struct {
		sem      Semester
		creditor LegalKind
		legal    int64
		ecb      int64
	}{
		{Semester{2023, 1}, Consumer, 447, 250},
		{Semester{2023, 1}, Professional, 206, 250},
		{Semester{2024, 2}, Consumer, 816, 425},
		{Semester{2025, 2}, Professional, 276, 215},
		{Semester{2026, 1}, Consumer, 667, 215},
		{Semester{2026, 1}, Professional, 262, 215},
	}
	for _, tt := range tests {
		if got, err := rates.LegalRate(tt.sem, tt.creditor); err != nil || got != tt.legal {
			t.Errorf("LegalRate(%v, %s) = %d, %v; want %d", tt.sem, tt.creditor, got, err, tt.legal)
		}
		if got, err := rates.ECBRate(tt.sem); err != nil || got != tt.ecb {
			t.Errorf("ECBRate(%v) = %d, %v; want %d", tt.sem, got, err, tt.ecb)
		}
	}
	if errs := rates.Validate(); len(errs) != 0 {
		t.Errorf("DefaultRates().Validate() = %v, want none", errs)
	}

	// 2026 S2 is not known: an error naming it, never 0 or the previous rate.
	_, err := rates.LegalRate(Semester{2026, 2}, Consumer)
	want := "taux légal du 2e semestre 2026 non renseigné : ajoutez-le dans Paramètres → Taux"
	if err == nil || err.Error() != want || !errors.Is(err, ErrRateMissing) {
		t.Errorf("LegalRate(2026 S2) error = %v, want %q", err, want)
	}
	_, err = rates.ECBRate(Semester{2026, 2})
	want = "taux BCE du 2e semestre 2026 non renseigné : ajoutez-le dans Paramètres → Taux"
	if err == nil || err.Error() != want {
		t.Errorf("ECBRate(2026 S2) error = %v, want %q", err, want)
	}

	// A row with only the ECB rate known; the office adds the legal rates
	// later, and a corrected row wins over the older one.
	ext := append(DefaultRates(),
		SemesterRates{Semester: Semester{2026, 2}, ECBBP: 200, HasECB: true},
		SemesterRates{Semester: Semester{2026, 1}, LegalConsumerBP: 668, LegalOtherBP: 263, ECBBP: 215, HasLegal: true, HasECB: true})
	if _, err := ext.LegalRate(Semester{2026, 2}, Professional); err == nil {
		t.Errorf("LegalRate(2026 S2) with only the ECB rate known: no error, want one")
	}
	if got, err := ext.ECBRate(Semester{2026, 2}); err != nil || got != 200 {
		t.Errorf("ECBRate(2026 S2) = %d, %v; want 200", got, err)
	}
	if got, _ := ext.LegalRate(Semester{2026, 1}, Professional); got != 263 {
		t.Errorf("LegalRate(2026 S1) after a correction = %d, want 263 (last row wins)", got)
	}
	if errs := ext.Validate(); len(errs) != 1 || errs[0].Field != "semester" {
		t.Errorf("Validate() with 2026 S1 twice = %v, want one semester error", errs)
	}
	bad := RateTable{{Semester: Semester{2026, 3}}, {Semester: Semester{2027, 1}, LegalConsumerBP: -5, HasLegal: true}}
	if errs := bad.Validate(); len(errs) != 2 {
		t.Errorf("Validate(bad) = %v, want 2 problems", errs)
	}
}

func TestFormatParseRate(t *testing.T) {
	tests := []struct {
		bp   int64
		text string
	}{
		{447, "4,47\u00a0%"},
		{1000, "10,00\u00a0%"},
		{5, "0,05\u00a0%"},
		{0, "0,00\u00a0%"},
		{1215, "12,15\u00a0%"},
		{-50, "-0,50\u00a0%"},
	}
	for _, tt := range tests {
		if got := FormatRate(tt.bp); got != tt.text {
			t.Errorf("FormatRate(%d) = %q, want %q", tt.bp, got, tt.text)
		}
		if tt.bp >= 0 {
			if got, err := ParseRate(tt.text); err != nil || got != tt.bp {
				t.Errorf("ParseRate(%q) = %d, %v; want %d", tt.text, got, err, tt.bp)
			}
		}
	}
	parse := []struct {
		in   string
		want int64
	}{
		{"4,47", 447}, {"4.47", 447}, {"4,47 %", 447}, {"4,47%", 447}, {" 10 ", 1000},
		{"10,5", 1050}, {"0", 0}, {"100", 10000}, {"2,1 %", 210},
	}
	for _, tt := range parse {
		if got, err := ParseRate(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseRate(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "%", "-1", "4,475", "4,4,7", "4.", ",5", "abc", "100,01", "1e3", "4 ,47x"} {
		if got, err := ParseRate(bad); err == nil || !errors.Is(err, ErrRate) {
			t.Errorf("ParseRate(%q) = %d, %v; want an ErrRate", bad, got, err)
		}
	}
	for bp := int64(0); bp <= maxRateBP; bp++ {
		if got, err := ParseRate(FormatRate(bp)); err != nil || got != bp {
			t.Fatalf("ParseRate(FormatRate(%d)) = %d, %v", bp, got, err)
		}
	}
}

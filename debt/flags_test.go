package debt

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFlagKindsOrderAndLabels(t *testing.T) {
	seen := map[FlagKind]bool{}
	for i, k := range FlagKinds {
		if seen[k] {
			t.Errorf("FlagKinds lists %q twice", k)
		}
		seen[k] = true
		if k.Rank() != i {
			t.Errorf("%q.Rank() = %d, want %d", k, k.Rank(), i)
		}
		if k.Label() == string(k) || k.Advice() == "" || k.ResolvedReason() == "la cause a disparu" {
			t.Errorf("kind %q lacks a French label, advice or resolution reason", k)
		}
	}
	if got := FlagKind("inconnu").Rank(); got != len(FlagKinds) {
		t.Errorf("unknown kind Rank() = %d, want %d (last)", got, len(FlagKinds))
	}
	if FlagKinds[0] != FlagBackupFailed {
		t.Errorf("FlagKinds = %v: a failed backup first", FlagKinds)
	}
	raisedElsewhere := []FlagKind{FlagBackupFailed, FlagEvidence, FlagClockAhead}
	for _, k := range SweepKinds {
		if slices.Contains(raisedElsewhere, k) {
			t.Errorf("SweepKinds contains %q: the backup, the check of the documents or the clock raise it", k)
		}
	}
	if len(SweepKinds) != len(FlagKinds)-len(raisedElsewhere) {
		t.Errorf("len(SweepKinds) = %d, want %d", len(SweepKinds), len(FlagKinds)-len(raisedElsewhere))
	}
}

func TestFlagRulesValidate(t *testing.T) {
	tests := []struct {
		r      FlagRules
		fields []string
	}{
		{DefaultFlagRules(), nil},
		{FlagRules{ARDays: 0, IdleDays: 30}, []string{"ar_days"}},
		{FlagRules{ARDays: 21, IdleDays: 400}, []string{"idle_days"}},
		{FlagRules{ARDays: 121, IdleDays: 0}, []string{"ar_days", "idle_days"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range tt.r.Validate() {
			got = append(got, e.Field)
		}
		if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
			t.Errorf("%+v.Validate() fields = %v, want %v", tt.r, got, tt.fields)
		}
	}
}

func TestPlanFlags(t *testing.T) {
	// Three monthly instalments of 100 € from 5 March 2026, 10 days of
	// grace: the first counts as missed from 16 March (5 + 10 = 15 March
	// is the last day of grace).
	inst := []Instalment{
		{N: 1, Due: MustDate("2026-03-05"), Amount: 10000},
		{N: 2, Due: MustDate("2026-04-05"), Amount: 10000},
		{N: 3, Due: MustDate("2026-05-05"), Amount: 10000},
	}
	p := PlanFacts{CaseID: 7, PlanID: 3, GraceDays: 10, Total: 30000, Instalments: inst}
	tests := []struct {
		name  string
		paid  Cents
		today string
		want  []string // object:left
	}{
		{"within grace", 0, "2026-03-15", nil},
		{"first missed the day after grace", 0, "2026-03-16", []string{"instalment:3:1:10000"}},
		{"partly paid: the rest is late", 4000, "2026-03-16", []string{"instalment:3:1:6000"}},
		{"paid on time", 10000, "2026-04-15", nil},
		{"two missed", 10000, "2026-05-16", []string{"instalment:3:2:10000", "instalment:3:3:10000"}},
		{"payment covers the oldest first", 15000, "2026-05-16", []string{"instalment:3:2:5000", "instalment:3:3:10000"}},
	}
	for _, tt := range tests {
		p.Paid = tt.paid
		var got []string
		for _, f := range PlanFlags(p, MustDate(tt.today)) {
			if f.Kind != FlagInstalmentMissed || f.CaseID != 7 {
				t.Errorf("%s: flag %+v, want a missed instalment of case 7", tt.name, f)
			}
			got = append(got, f.Object+":"+itoa(int64(f.Amount)))
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: PlanFlags(paid %d, %s) = %v, want %v", tt.name, tt.paid, tt.today, got, tt.want)
		}
	}
	p.Paid, p.LastPayment = 30000, MustDate("2026-05-04")
	fs := PlanFlags(p, MustDate("2026-05-06"))
	if len(fs) != 1 || fs[0].Kind != FlagCloseCase || fs[0].Object != "plan:3" || fs[0].Due != MustDate("2026-05-04") {
		t.Errorf("PlanFlags(plan paid in full) = %+v, want one close-case flag due 04/05/2026", fs)
	}
	p.Paid = 4000
	if fs := PlanFlags(p, MustDate("2026-03-16")); len(fs) != 1 || !strings.Contains(fs[0].Text, "payée en partie") || !strings.Contains(fs[0].Text, "60,00") {
		t.Errorf("PlanFlags(partly paid).Text = %+v, want the part left in words", fs)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestLetterFlags(t *testing.T) {
	r := DefaultFlagRules()
	var cal Calendar
	notice := SentLetter{CaseID: 1, LetterID: 9, Kind: LetterFormalNotice, Ref: "2026-00001-02", Date: MustDate("2026-04-20"),
		Deadline: MustDate("2026-05-05"), Recipient: "Mme Durand", Balance: 50000}
	reminder := SentLetter{CaseID: 1, LetterID: 8, Kind: LetterReminder1, Label: "Première relance", Ref: "2026-00001-01",
		Date: MustDate("2026-04-01"), Deadline: MustDate("2026-04-09"), Balance: 50000}
	// Registered with AR, posted on Friday 17 April 2026: 21 days end on
	// Friday 8 May, Victoire 1945, so the wait runs to Monday 11 May
	// (CPC 642): flagged from Tuesday 12 May.
	posted := notice
	posted.Deposit, posted.AR = MustDate("2026-04-17"), true
	with := func(l SentLetter, f func(*SentLetter)) SentLetter { f(&l); return l }
	tests := []struct {
		name  string
		l     SentLetter
		today string
		want  []string // kind@due
	}{
		{"notice on its deadline", notice, "2026-05-05", nil},
		{"notice expired", notice, "2026-05-06", []string{"mise_en_demeure_expiree@2026-05-05"}},
		{"notice expired but paid", with(notice, func(l *SentLetter) { l.Balance = 0 }), "2026-05-06", nil},
		{"notice expired, plan agreed", with(notice, func(l *SentLetter) { l.InPlan = true }), "2026-05-06", nil},
		{"notice followed by another step", with(notice, func(l *SentLetter) { l.LaterStep = true }), "2026-05-06", nil},
		{"reminder expired without answer", reminder, "2026-04-10", []string{"relance_sans_reponse@2026-04-09"}},
		{"reminder answered by a call", with(reminder, func(l *SentLetter) { l.LastAnswer = MustDate("2026-04-03") }), "2026-04-10", nil},
		{"call before the reminder is no answer", with(reminder, func(l *SentLetter) { l.LastAnswer = MustDate("2026-03-20") }), "2026-04-10",
			[]string{"relance_sans_reponse@2026-04-09"}},
		{"reminder followed by a formal notice", with(reminder, func(l *SentLetter) { l.LaterStep = true }), "2026-04-10", nil},
		{"AR wait ends on a holiday before a weekend", posted, "2026-05-11", []string{"mise_en_demeure_expiree@2026-05-05"}},
		{"AR not back the next working day", posted, "2026-05-12", []string{"mise_en_demeure_expiree@2026-05-05", "ar_non_revenu@2026-05-11"}},
		{"AR back", with(posted, func(l *SentLetter) { l.Outcome = ARDelivered }), "2026-05-12", []string{"mise_en_demeure_expiree@2026-05-05"}},
		{"refused", with(posted, func(l *SentLetter) {
			l.Outcome, l.ARReceived, l.Balance = ARRefused, MustDate("2026-04-28"), 0
		}), "2026-04-29", []string{"pli_revenu@2026-04-28"}},
		{"unknown address, new letter since", with(posted, func(l *SentLetter) {
			l.Outcome, l.ARReceived, l.Balance, l.LaterToRecipient = ARUnknown, MustDate("2026-04-28"), 0, true
		}), "2026-04-29", nil},
		{"small claims window ended", SentLetter{CaseID: 1, LetterID: 11, Kind: LetterSmallClaims, Date: MustDate("2026-03-02"),
			Deadline: MustDate("2026-04-02")}, "2026-04-03", []string{"petites_creances_expiree@2026-04-02"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range LetterFlags(tt.l, r, cal, MustDate(tt.today)) {
			got = append(got, string(f.Kind)+"@"+f.Due.ISO())
			if f.Object != "letter:"+itoa(tt.l.LetterID) || f.Text == "" {
				t.Errorf("%s: flag %+v, want object letter:%d and a text", tt.name, f, tt.l.LetterID)
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: LetterFlags(at %s) = %v, want %v", tt.name, tt.today, got, tt.want)
		}
	}
	unknown := with(posted, func(l *SentLetter) { l.Outcome, l.ARReceived = ARUnknown, MustDate("2026-04-28") })
	for _, f := range LetterFlags(unknown, r, cal, MustDate("2026-04-29")) {
		if f.Kind == FlagLetterReturned && !strings.Contains(f.Text, "nouvelle adresse") {
			t.Errorf("returned letter, addressee unknown: text %q, want advice to find the new address", f.Text)
		}
	}
}

func TestLimitationFlag(t *testing.T) {
	r := DefaultRules() // 90 and 30 days
	lim := Limitation{Period: LimitationConsumer, From: MustDate("2024-06-30"), FromEvent: LimitationStart, Expires: MustDate("2026-06-30")}
	tests := []struct {
		today string
		kind  FlagKind // "" for none
	}{
		{"2026-03-31", ""},                   // 91 days left
		{"2026-04-01", FlagLimitationSoon},   // 90 days left
		{"2026-05-30", FlagLimitationSoon},   // 31 days left
		{"2026-05-31", FlagLimitationUrgent}, // 30 days left: the urgent band includes 30
		{"2026-06-30", FlagLimitationUrgent}, // last day
		{"2026-08-01", FlagPrescribed},       // time-barred (C. civ. 2219): no longer savable
	}
	for _, tt := range tests {
		f, ok := LimitationFlag(5, lim, r, MustDate(tt.today))
		got := FlagKind("")
		if ok {
			got = f.Kind
			if f.Due != lim.Expires || f.Object != "limitation" || f.CaseID != 5 || !strings.Contains(f.Text, "2 ans") {
				t.Errorf("LimitationFlag(%s) = %+v, want due %s, object limitation, the period in the text", tt.today, f, lim.Expires)
			}
		}
		if got != tt.kind {
			t.Errorf("LimitationFlag(expiry 30/06/2026, at %s) kind = %q, want %q", tt.today, got, tt.kind)
		}
	}
	// The text stays the same from one day to the next (a daily sweep
	// does not rewrite every flag), until the claim is time-barred.
	a, _ := LimitationFlag(5, lim, r, MustDate("2026-06-01"))
	b, _ := LimitationFlag(5, lim, r, MustDate("2026-06-02"))
	if a.Text != b.Text {
		t.Errorf("LimitationFlag text changes from day to day: %q then %q", a.Text, b.Text)
	}
	if _, ok := LimitationFlag(5, Limitation{}, r, MustDate("2026-01-01")); ok {
		t.Error("LimitationFlag(no expiry) raised a flag")
	}
	lim.From, lim.FromEvent = MustDate("2024-06-30"), LimitationPartialPayment
	if f, _ := LimitationFlag(5, lim, r, MustDate("2026-06-01")); !strings.Contains(f.Text, "paiement partiel") {
		t.Errorf("LimitationFlag after an interruption: text %q, want the interrupting event", f.Text)
	}
}

func TestIdleSettledFundsMailBackup(t *testing.T) {
	r := DefaultFlagRules()
	last := MustDate("2026-04-10")
	if _, ok := IdleFlag(1, last, r, MustDate("2026-05-09")); ok {
		t.Error("IdleFlag after 29 days raised a flag")
	}
	if f, ok := IdleFlag(1, last, r, MustDate("2026-05-10")); !ok || f.Due != MustDate("2026-05-10") || f.Object != "activity" {
		t.Errorf("IdleFlag after 30 days = %+v, %v; want a flag due 10/05/2026", f, ok)
	}
	if a, _ := IdleFlag(1, last, r, MustDate("2026-05-10")); a != mustIdle(t, last, r, "2026-06-20") {
		t.Errorf("IdleFlag changes from day to day: %+v", a)
	}
	if _, ok := IdleFlag(1, Date{}, r, MustDate("2026-05-10")); ok {
		t.Error("IdleFlag(no activity known) raised a flag")
	}
	if _, ok := SettledFlag(1, 100, MustDate("2026-05-01")); ok {
		t.Error("SettledFlag(balance 1 €) raised a flag")
	}
	if f, ok := SettledFlag(1, 0, MustDate("2026-05-01")); !ok || f.Kind != FlagCloseCase || f.Due != MustDate("2026-05-01") {
		t.Errorf("SettledFlag(balance 0) = %+v, %v", f, ok)
	}
	// Funds received on 31 January must be remitted by 28 February
	// (one month, clamped): flagged from 1 March.
	held := FundsHeld{CreditorID: 4, Creditor: "SCI Les Tilleuls", ToRemit: 123456, Oldest: MustDate("2026-01-31"), CaseID: 9, CaseRef: "2026-00009"}
	if _, ok := FundsFlag(held, MustDate("2026-02-28")); ok {
		t.Error("FundsFlag on the last day of the month raised a flag")
	}
	if f, ok := FundsFlag(held, MustDate("2026-03-01")); !ok || f.CaseID != 9 || f.Object != "creditor:4" || f.Amount != 123456 || f.Due != MustDate("2026-02-28") {
		t.Errorf("FundsFlag after one month = %+v, %v", f, ok)
	}
	held.ToRemit = 0
	if _, ok := FundsFlag(held, MustDate("2026-03-01")); ok {
		t.Error("FundsFlag(nothing to remit) raised a flag")
	}
	m := MailFlag(UnreadMail{CaseID: 3, MailID: 12, Received: MustDate("2026-05-04"), From: "a@b.fr"})
	if m.Object != "mail:12" || !strings.Contains(m.Text, "(sans objet)") {
		t.Errorf("MailFlag = %+v", m)
	}
	b := BackupFlag(MustDate("2026-05-04"), "disque absent")
	if b.CaseID != 0 || b.Kind != FlagBackupFailed || !strings.Contains(b.Text, "disque absent") {
		t.Errorf("BackupFlag = %+v", b)
	}
}

func mustIdle(t *testing.T, last Date, r FlagRules, today string) Flag {
	t.Helper()
	f, ok := IdleFlag(1, last, r, MustDate(today))
	if !ok {
		t.Fatalf("IdleFlag(%s, at %s) raised no flag", last, today)
	}
	return f
}

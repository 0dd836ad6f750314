package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"amiable/debt"
)

// sweep runs the sweep of the ISO day d at 07:30 that day.
func sweep(t *testing.T, s *Store, d string) debt.SweepReport {
	t.Helper()
	rep, err := s.SweepDay(context.Background(), debt.MustDate(d), day(d).Add(-150*time.Minute))
	if err != nil {
		t.Fatalf("SweepDay(%s): %v", d, err)
	}
	return rep
}

// flagsOf returns the flags to handle on the ISO day d of a kind, for
// the case caseID (0: every case).
func flagsOf(t *testing.T, s *Store, d string, kind debt.FlagKind, caseID int64) []FlagRow {
	t.Helper()
	fs, err := s.OpenFlags(context.Background(), debt.MustDate(d))
	if err != nil {
		t.Fatalf("OpenFlags(%s): %v", d, err)
	}
	return slices.DeleteFunc(fs, func(f FlagRow) bool { return f.Kind != kind || (caseID != 0 && f.CaseID != caseID) })
}

// journal returns the texts of a case's journal entries of a kind.
func journal(t *testing.T, s *Store, caseID int64, kind debt.EventKind) []string {
	t.Helper()
	evs, err := s.Events(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		if e.Kind == kind {
			out = append(out, e.Text)
		}
	}
	return out
}

func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.ro.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A plan of 6 × 100 € from Tuesday 10 March 2026 with 10 days of grace:
// the first instalment is missed from Saturday 21 March, the flag holds
// over the weekend without being raised twice, and a payment on Monday 23
// resolves it.
func TestSweepMissedInstalmentOverAWeekendResolvedByAPayment(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		c, p := planCase(t, s)
		if r := sweep(t, s, "2026-03-20"); len(flagsOf(t, s, "2026-03-20", debt.FlagInstalmentMissed, 0)) != 0 {
			t.Fatalf("on the last day of grace: %+v, want no missed instalment", r)
		}
		r := sweep(t, s, "2026-03-21")
		fs := flagsOf(t, s, "2026-03-21", debt.FlagInstalmentMissed, c.ID)
		want := fmt.Sprintf("instalment:%d:1", p.ID)
		if r.Raised != 1 || len(fs) != 1 || fs[0].Object != want || fs[0].Due != debt.MustDate("2026-03-10") || fs[0].Amount != 10000 ||
			fs[0].Since != debt.MustDate("2026-03-21") || fs[0].CaseRef != c.Ref {
			t.Fatalf("sweep of Saturday 21/03 = %+v, flags %+v; want %s due 10/03/2026, 100,00 € late", r, fs, want)
		}
		if j := journal(t, s, c.ID, debt.EventFlag); len(j) != 1 || !strings.Contains(j[0], "Échéance n° 1 du 10/03/2026") {
			t.Fatalf("journal after raising = %q", j)
		}
		events := countRows(t, s, "events")
		for _, d := range []string{"2026-03-22", "2026-03-22"} { // Sunday, run twice
			if r := sweep(t, s, d); r.Raised != 0 || r.Resolved != 0 || r.Open != 1 {
				t.Fatalf("sweep of %s = %+v; want nothing raised or resolved, one flag open", d, r)
			}
		}
		if n := countRows(t, s, "events"); n != events {
			t.Fatalf("the weekend's sweeps wrote %d journal entries; want none", n-events)
		}
		// A partial payment: the flag stays, with the amount still late.
		pay(t, s, c, "2026-03-23", 4000)
		sweep(t, s, "2026-03-23")
		if fs := flagsOf(t, s, "2026-03-23", debt.FlagInstalmentMissed, c.ID); len(fs) != 1 || fs[0].Amount != 6000 || !strings.Contains(fs[0].Text, "60,00") {
			t.Fatalf("after 40 € paid: %+v; want the flag with 60,00 € late", fs)
		}
		pay(t, s, c, "2026-03-23", 6000)
		r = sweep(t, s, "2026-03-23")
		if r.Resolved != 1 || len(flagsOf(t, s, "2026-03-23", debt.FlagInstalmentMissed, 0)) != 0 {
			t.Fatalf("after the payment: %+v; want the flag resolved", r)
		}
		all, _ := s.CaseFlags(context.Background(), c.ID)
		if len(all) != 1 || all[0].State != debt.FlagResolved || !strings.Contains(all[0].Comment, "payée") || all[0].ClosedBy != "Amiable" {
			t.Fatalf("case flags = %+v; want the flag resolved with its reason", all)
		}
		if j := journal(t, s, c.ID, debt.EventFlag); len(j) != 2 || !strings.HasPrefix(j[1], "Alerte résolue : l'échéance est payée") {
			t.Fatalf("journal = %q; want the resolution with its reason", j)
		}
		if last, _ := s.LastSweep(context.Background()); last != debt.MustDate("2026-03-23") {
			t.Fatalf("LastSweep = %s, want 23/03/2026", last)
		}
	})
}

func issue(t *testing.T, s *Store, c debt.Case, kind, ref, date, deadline string, post debt.Registered) LetterRow {
	t.Helper()
	l, err := s.IssueLetter(context.Background(), NewLetter{CaseID: c.ID, Kind: kind, KindLabel: kind, RecipientID: c.FirstDebtor().ID,
		Ref: ref, Date: debt.MustDate(date), Deadline: mustDate(deadline), PDF: []byte("%PDF-1.4\n% " + ref + "\n"), JSON: []byte(`{}`),
		Recipient: c.FirstDebtor().Name(), Postcode: "59000", Town: "LILLE", Post: post, FormalNotice: kind == debt.LetterFormalNotice}, "test", day(date))
	if err != nil {
		t.Fatalf("IssueLetter(%s): %v", kind, err)
	}
	return l
}

// A formal notice posted on Monday 16 March 2026 with AR: its deadline
// (31 March) expires, then the 21 days of the AR end on Easter Monday 6
// April and move to Tuesday 7 April, so the AR is flagged from 8 April.
// The envelope comes back "addressee unknown": the AR flag resolves and
// the returned letter is flagged. A reminder with no answer is flagged,
// and a phone call resolves it.
func TestSweepLettersOverEasterMonday(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		n := issue(t, s, c, debt.LetterFormalNotice, c.Ref+"-01", "2026-03-16", "2026-03-31", debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1A 123 456 7890 1"})
		if err := s.MarkPosted(ctx, []int64{n.ID}, debt.MustDate("2026-03-16"), "test", day("2026-03-16")); err != nil {
			t.Fatal(err)
		}
		other := newCase(t, s, "Bernard")
		rem := issue(t, s, other, debt.LetterReminder1, other.Ref+"-01", "2026-03-16", "2026-03-24", debt.Registered{})

		letterFlags := func(d string) []string {
			fs, _ := s.OpenFlags(ctx, debt.MustDate(d))
			var out []string
			for _, f := range fs {
				if strings.HasPrefix(f.Object, "letter:") {
					out = append(out, fmt.Sprintf("%s %s %s", f.CaseRef, f.Kind, f.Due.ISO()))
				}
			}
			slices.Sort(out)
			return out
		}
		notice := c.Ref + " mise_en_demeure_expiree 2026-03-31"
		reminder := other.Ref + " relance_sans_reponse 2026-03-24"
		steps := []struct {
			day  string
			do   func()
			want []string
		}{
			{"2026-03-24", nil, nil},
			{"2026-03-25", nil, []string{reminder}},
			{"2026-03-26", func() {
				if _, err := s.AddEvent(ctx, debt.Event{CaseID: other.ID, At: day("2026-03-26"), Author: "test", Kind: debt.EventCall,
					Outcome: debt.CallPromise, Text: "Paiera fin du mois"}); err != nil {
					t.Fatal(err)
				}
			}, nil},
			{"2026-03-31", nil, nil},
			{"2026-04-01", nil, []string{notice}},
			{"2026-04-06", nil, []string{notice}}, // Easter Monday
			{"2026-04-07", nil, []string{notice}},
			{"2026-04-08", nil, []string{c.Ref + " ar_non_revenu 2026-04-07", notice}},
			{"2026-04-09", func() {
				if err := s.RecordAR(ctx, n.ID, debt.ARResult{Outcome: debt.ARUnknown, Received: debt.MustDate("2026-04-09")}, "", nil, "test", day("2026-04-09")); err != nil {
					t.Fatal(err)
				}
			}, []string{notice, c.Ref + " pli_revenu 2026-04-09"}},
		}
		for _, st := range steps {
			if st.do != nil {
				st.do()
			}
			sweep(t, s, st.day)
			if got := letterFlags(st.day); strings.Join(got, "|") != strings.Join(st.want, "|") {
				t.Errorf("flags after the sweep of %s = %q, want %q", st.day, got, st.want)
			}
		}
		fs := flagsOf(t, s, "2026-04-09", debt.FlagLetterReturned, c.ID)
		if len(fs) != 1 || !strings.Contains(fs[0].Text, "nouvelle adresse") {
			t.Errorf("returned letter flag = %+v, want advice to find the new address", fs)
		}
		j := journal(t, s, other.ID, debt.EventFlag)
		if len(j) != 2 || !strings.Contains(j[0], rem.Ref) || !strings.Contains(j[1], "a répondu ou payé") {
			t.Errorf("reminder case journal = %q; want the flag raised then resolved by the answer", j)
		}
	})
}

// Snoozing hides a flag until its date; handling it closes it for good,
// with who, when and the comment in the journal.
func TestHandleAndSnoozeFlags(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, _ := planCase(t, s)
		sweep(t, s, "2026-04-21") // instalments of 10/03 and 10/04 missed
		fs := flagsOf(t, s, "2026-04-21", debt.FlagInstalmentMissed, c.ID)
		if len(fs) != 2 {
			t.Fatalf("missed instalments on 21/04 = %+v, want 2", fs)
		}
		before, _ := s.CountOpenFlags(ctx, debt.MustDate("2026-04-21"))
		if err := s.SnoozeFlag(ctx, fs[0].ID, debt.MustDate("2026-04-21"), "", "Claire", day("2026-04-21")); err == nil {
			t.Fatal("a snooze to today was accepted")
		}
		if err := s.SnoozeFlag(ctx, fs[0].ID, debt.MustDate("2026-04-27"), "Le débiteur rappelle lundi", "Claire", day("2026-04-21")); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountOpenFlags(ctx, debt.MustDate("2026-04-22")); n != before-1 || len(flagsOf(t, s, "2026-04-22", debt.FlagInstalmentMissed, c.ID)) != 1 {
			t.Fatalf("while snoozed: %d flags to handle, want %d (the snoozed one left out)", n, before-1)
		}
		if got := flagsOf(t, s, "2026-04-27", debt.FlagInstalmentMissed, c.ID); len(got) != 2 {
			t.Fatalf("on the snooze date: %d missed instalments to handle, want 2", len(got))
		}
		if r := sweep(t, s, "2026-04-27"); r.Woken != 1 || r.Open != countState(t, s, debt.FlagOpen) {
			t.Fatalf("sweep of 27/04 = %+v; want 1 flag woken, and Open the flags open", r)
		}
		if err := s.HandleFlag(ctx, fs[1].ID, "Appelé : règlement promis", "Claire", day("2026-04-27")); err != nil {
			t.Fatal(err)
		}
		if err := s.HandleFlag(ctx, fs[1].ID, "", "Claire", day("2026-04-27")); !errors.Is(err, ErrConflict) {
			t.Fatalf("handling a handled flag = %v, want a conflict", err)
		}
		sweep(t, s, "2026-04-28")
		got, _ := s.Flag(ctx, fs[1].ID)
		if got.State != debt.FlagHandled || got.ClosedBy != "Claire" || got.Comment != "Appelé : règlement promis" || got.Closed.IsZero() {
			t.Fatalf("handled flag after a sweep = %+v; want it still handled, with who, when and the comment", got)
		}
		if fs := flagsOf(t, s, "2026-04-28", debt.FlagInstalmentMissed, c.ID); len(fs) != 1 {
			t.Fatalf("after handling one: %d missed instalments to handle, want 1 (a handled flag is not raised again)", len(fs))
		}
		notes := journal(t, s, c.ID, debt.EventNote)
		if len(notes) != 2 || !strings.Contains(notes[0], "reportée au 27/04/2026") || !strings.Contains(notes[1], "Commentaire : Appelé : règlement promis") {
			t.Fatalf("journal notes = %q", notes)
		}
	})
}

// Funds received on 5 March must be remitted within a month: flagged from
// 6 April on the case that received them, resolved by the remittance.
func TestFundsHeldFlaggedUntilRemitted(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		pay(t, s, c, "2026-03-05", 20000)
		pay(t, s, c, "2026-03-20", 10000)
		sweep(t, s, "2026-04-05")
		if fs := flagsOf(t, s, "2026-04-05", debt.FlagFundsHeld, 0); len(fs) != 0 {
			t.Fatalf("on 05/04: %+v, want no flag yet", fs)
		}
		sweep(t, s, "2026-04-06")
		fs := flagsOf(t, s, "2026-04-06", debt.FlagFundsHeld, c.ID)
		if len(fs) != 1 || fs[0].Amount != 30000 || fs[0].Due != debt.MustDate("2026-04-05") || fs[0].Object != fmt.Sprintf("creditor:%d", c.Creditor.ID) {
			t.Fatalf("on 06/04: %+v; want 300,00 € to remit, flagged on the case, due 05/04", fs)
		}
		// The first payment is remitted: the second one, of 20 March, is now
		// the oldest held; it is overdue from 21 April.
		if _, err := s.RecordRemittance(ctx, c.Creditor.ID, debt.MustDate("2026-04-07"), 20000, "VIR-1", "test", day("2026-04-07")); err != nil {
			t.Fatal(err)
		}
		if r := sweep(t, s, "2026-04-07"); r.Resolved < 1 || len(flagsOf(t, s, "2026-04-07", debt.FlagFundsHeld, 0)) != 0 {
			t.Fatalf("after the remittance: %+v, want the flag resolved", r)
		}
		sweep(t, s, "2026-04-20")
		if fs := flagsOf(t, s, "2026-04-20", debt.FlagFundsHeld, 0); len(fs) != 0 {
			t.Fatalf("on 20/04: %+v, want the rest not yet overdue", fs)
		}
		sweep(t, s, "2026-04-21")
		if fs := flagsOf(t, s, "2026-04-21", debt.FlagFundsHeld, 0); len(fs) != 1 || fs[0].Amount != 10000 || fs[0].Due != debt.MustDate("2026-04-20") {
			t.Fatalf("on 21/04: %+v, want 100,00 € held since 20/03", fs)
		}
	})
}

func TestOverdueCut(t *testing.T) {
	for today, want := range map[string]string{
		"2026-03-01": "2026-01-31", // 31 January + 1 month = 28 February
		"2026-03-31": "2026-02-28",
		"2026-04-06": "2026-03-05",
		"2026-01-01": "2025-11-30",
	} {
		got := overdueCut(debt.MustDate(today))
		if got.ISO() != want {
			t.Errorf("overdueCut(%s) = %s, want %s", today, got.ISO(), want)
		}
		if !got.AddMonths(1).Before(debt.MustDate(today)) || got.AddDays(1).AddMonths(1).Before(debt.MustDate(today)) {
			t.Errorf("overdueCut(%s) = %s is not the last overdue day", today, got.ISO())
		}
	}
}

// The unread e-mail flag: an e-mail filed in a case and not read raises
// it (due the day it came), reading it resolves it.
func TestUnreadMailFlag(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		c := newCase(t, s, "Martin")
		sweep(t, s, "2026-03-03") // no mail yet: nothing, no error
		raw, err := s.AddDocument(context.Background(), c.ID, debt.DocOther, "message.eml", strings.NewReader("Subject: Re: votre courrier\r\n\r\nBonjour"), "test", day("2026-03-03"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.rw.Exec(`INSERT INTO mails (key, account, folder, uid_validity, uid, from_addr, subject, sent_at, received_at, raw_doc_id, case_id)
			VALUES ('compte/INBOX/1/1', 'compte', 'INBOX', 1, 1, 'claire@exemple.fr', 'Re: votre courrier', ?, ?, ?, ?)`,
			instant(day("2026-03-03")), instant(day("2026-03-03")), raw.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		sweep(t, s, "2026-03-04")
		fs := flagsOf(t, s, "2026-03-04", debt.FlagUnreadMail, c.ID)
		if len(fs) != 1 || fs[0].Due != debt.MustDate("2026-03-03") || !strings.Contains(fs[0].Text, "Re: votre courrier") {
			t.Fatalf("unread mail flags = %+v", fs)
		}
		if _, err := s.rw.Exec("UPDATE mails SET read_at = ?", instant(day("2026-03-04"))); err != nil {
			t.Fatal(err)
		}
		if r := sweep(t, s, "2026-03-04"); r.Resolved != 1 {
			t.Fatalf("after reading: %+v, want the flag resolved", r)
		}
	})
}

// A day's sweep is one transaction: a failure on the way leaves nothing,
// not even the day as swept.
func TestSweepDayLeavesNothingOnFailure(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, _ := planCase(t, s)
		sweep(t, s, "2026-03-21")
		pay(t, s, c, "2026-03-23", 10000) // the next sweep resolves the flag…
		trigger := `CREATE TRIGGER fail_resolution BEFORE INSERT ON events WHEN new.text LIKE 'Alerte résolue%'
			BEGIN SELECT RAISE(ABORT, 'panne simulée'); END`
		if s.IsShared() {
			trigger = `CREATE TRIGGER fail_resolution BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.text LIKE 'Alerte résolue%')
			EXECUTE FUNCTION amiable_refuse('panne simulée')`
		}
		if _, err := s.rw.Exec(trigger); err != nil {
			t.Fatal(err)
		}
		flags, events := countRows(t, s, "flags"), countRows(t, s, "events")
		if _, err := s.SweepDay(ctx, debt.MustDate("2026-04-21"), day("2026-04-21")); err == nil {
			t.Fatal("SweepDay succeeded through a failing journal")
		}
		if f, e := countRows(t, s, "flags"), countRows(t, s, "events"); f != flags || e != events {
			t.Fatalf("a failed sweep wrote %d flags and %d journal entries; want none", f-flags, e-events)
		}
		if last, _ := s.LastSweep(ctx); last != debt.MustDate("2026-03-21") {
			t.Fatalf("LastSweep after a failed sweep = %s, want 21/03/2026", last)
		}
		if open := flagsOf(t, s, "2026-04-21", debt.FlagInstalmentMissed, 0); len(open) != 1 || open[0].State != debt.FlagOpen {
			t.Fatalf("flags after a failed sweep = %+v, want the first one still open", open)
		}
	})
}

// On a demo office: the same day swept twice gives the same flags and
// writes nothing the second time; each flag is unique per (case, kind,
// object, due); closing a case resolves its flags.
func TestSweepDemoIsIdempotent(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Demo(ctx, DemoOptions{Cases: 400, Seed: 3, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	today := debt.DateOf(benchNow)
	first, err := s.SweepDay(ctx, today, benchNow)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.OpenFlags(ctx, today)
	events := countRows(t, s, "events")
	second, err := s.SweepDay(ctx, today, benchNow)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.OpenFlags(ctx, today)
	if first.Raised == 0 || first.Raised != len(a) || second.Raised != 0 || second.Resolved != 0 || len(a) != len(b) ||
		first.Open != len(a) || second.Open != countState(t, s, debt.FlagOpen) {
		t.Fatalf("two sweeps of the same day: %+v then %+v, %d then %d flags", first, second, len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("flag %d changed on the second sweep: %+v → %+v", i, a[i], b[i])
		}
	}
	if n := countRows(t, s, "events"); n != events {
		t.Fatalf("the second sweep wrote %d journal entries, want none", n-events)
	}
	kinds := map[debt.FlagKind]int{}
	keys := map[string]bool{}
	for _, f := range a {
		kinds[f.Kind]++
		k := fmt.Sprint(f.CaseID, f.Kind, f.Object, f.Due)
		if keys[k] {
			t.Errorf("flag %s twice", k)
		}
		keys[k] = true
		if f.CaseRef == "" || f.Text == "" || !f.Kind.Valid() {
			t.Errorf("flag %+v lacks its case, text or a known kind", f)
		}
	}
	for _, k := range []debt.FlagKind{debt.FlagInstalmentMissed, debt.FlagLimitationUrgent, debt.FlagIdle, debt.FlagFundsHeld} {
		if kinds[k] == 0 {
			t.Errorf("no %s flag on the demo office (%v): the demo has plans, old claims, idle cases and funds held", k, kinds)
		}
	}
	for i := 1; i < len(a); i++ {
		if a[i-1].Kind.Rank() > a[i].Kind.Rank() || (a[i-1].Kind == a[i].Kind && a[i].Due.Before(a[i-1].Due)) {
			t.Fatalf("OpenFlags not ordered by urgency then due date at %d: %v %s, %v %s", i, a[i-1].Kind, a[i-1].Due, a[i].Kind, a[i].Due)
		}
	}
	// The bulk queries agree with the per-case computations: the
	// creditors' accounts and the cases' limitation dates.
	accounts, err := s.CreditorAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	funds := map[string]FlagRow{}
	for _, f := range a {
		if f.Kind == debt.FlagFundsHeld {
			funds[f.Object] = f
		}
	}
	overdue := 0
	for _, acc := range accounts {
		f, flagged := funds[fmt.Sprintf("creditor:%d", acc.CreditorID)]
		if acc.Overdue(today) != flagged {
			t.Errorf("creditor %s: overdue %v (oldest %s), flagged %v", acc.Name, acc.Overdue(today), acc.OldestUnremitted, flagged)
		}
		if flagged {
			overdue++
			if f.Amount != acc.ToRemit || f.Due != acc.OldestUnremitted.AddMonths(1) {
				t.Errorf("creditor %s: flag %s due %s, account %s held since %s", acc.Name, f.Amount, f.Due, acc.ToRemit, acc.OldestUnremitted)
			}
		}
	}
	if overdue == 0 {
		t.Error("no creditor with funds overdue on the demo office")
	}
	checked := 0
	for _, f := range a {
		if f.Kind != debt.FlagLimitationSoon && f.Kind != debt.FlagLimitationUrgent && f.Kind != debt.FlagPrescribed || checked >= 40 {
			continue
		}
		checked++
		fig, err := s.Figures(ctx, f.CaseID, today)
		if err != nil {
			t.Fatal(err)
		}
		if fig.Limitation.Expires != f.Due {
			t.Errorf("case %s: limitation flag due %s, Figures says %s", f.CaseRef, f.Due, fig.Limitation.Expires)
		}
	}
	// Close a flagged case: its flags resolve, with the reason.
	var idle FlagRow
	for _, f := range a {
		if f.Kind == debt.FlagIdle {
			idle = f
			break
		}
	}
	if err := s.ChangeStatus(ctx, idle.CaseID, debt.StatusAbandoned, "Débiteur introuvable", "test", benchNow); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SweepDay(ctx, today, benchNow); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Flag(ctx, idle.ID)
	if got.State != debt.FlagResolved || !strings.Contains(got.Comment, "dossier est clos (abandonné)") {
		t.Fatalf("flag of the abandoned case = %+v; want it resolved because the case is closed", got)
	}
}

// The office's own flags (a failed backup) are raised once per day and
// resolved by a backup that works; a new failure reopens them.
func TestOfficeFlags(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d := debt.MustDate("2026-03-02")
		f := debt.BackupFlag(d, "le dossier de sauvegarde est introuvable")
		for range 2 {
			if err := s.RaiseOfficeFlag(ctx, f, d, day("2026-03-02")); err != nil {
				t.Fatal(err)
			}
		}
		fs := flagsOf(t, s, "2026-03-02", debt.FlagBackupFailed, 0)
		if len(fs) != 1 || fs[0].CaseID != 0 || fs[0].CaseRef != "" {
			t.Fatalf("office flags = %+v, want one flag without a case", fs)
		}
		sweep(t, s, "2026-03-03") // the sweep leaves office flags alone
		if n, err := s.ResolveOfficeFlags(ctx, debt.FlagBackupFailed, "sauvegarde réussie le 03/03/2026", day("2026-03-03")); err != nil || n != 1 {
			t.Fatalf("ResolveOfficeFlags = %d, %v; want 1", n, err)
		}
		if err := s.RaiseOfficeFlag(ctx, f, d, day("2026-03-03")); err != nil {
			t.Fatal(err)
		}
		if fs := flagsOf(t, s, "2026-03-03", debt.FlagBackupFailed, 0); len(fs) != 1 {
			t.Fatalf("after a new failure: %+v, want the flag open again", fs)
		}
		evs, _ := s.OfficeEvents(ctx, 10)
		if len(evs) != 3 {
			t.Fatalf("office journal = %d entries, want raised, resolved, raised", len(evs))
		}
	})
}

// The sweep's queries reach the big tables (journal, payments, letters,
// claim lines, plans) through their indexes, never by a full scan for
// each case. (SQLite's planner: EXPLAIN QUERY PLAN is SQLite's.)
func TestSweepQueryPlansUseIndexes(t *testing.T) {
	s := openTestSQLite(t)
	queries := map[string]string{"plans": planFlagsSQL, "letters": letterFlagsSQL, "limitation": limitationFlagsSQL,
		"idle": idleFlagsSQL, "settled": settledFlagsSQL, "funds": fundsFlagsSQL, "newest payments": fundsNewestSQL, "first payment": fundsFirstSQL}
	// The scans the queries are meant to make: every open plan (a small
	// table), the claim lines once in case order, every payment once in
	// creditor order or newest first; the others are of their own CTEs.
	allowed := map[string][]string{
		"plans":           {"SCAN pl", "SCAN c"},
		"limitation":      {"SCAN l USING INDEX claim_lines_case", "SCAN x"},
		"funds":           {"SCAN k USING COVERING INDEX cases_creditor", "SCAN pay"},
		"newest payments": {"SCAN p USING INDEX payments_received"},
	}
	for name, q := range queries {
		rows, err := s.ro.Query("EXPLAIN QUERY PLAN "+q, "2026-01-01", "2026-01-01")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		for _, step := range plan {
			if strings.HasPrefix(step, "SCAN ") && !slices.Contains(allowed[name], step) {
				t.Errorf("%s query: %q scans a table:\n%s", name, step, strings.Join(plan, "\n"))
			}
			if strings.Contains(step, "payments_1 (cancels=?)") && !strings.HasPrefix(step, "SEARCH c ") && !strings.HasPrefix(step, "SEARCH x ") {
				t.Errorf("%s query: %q reads every payment through the cancels index", name, step)
			}
		}
		joined := strings.Join(plan, "\n")
		for table, index := range map[string]string{"events": "COVERING INDEX events_case", "payments": "payments_case", "letters": "letters_case"} {
			if strings.Contains(q, "FROM "+table+" ") && allowed[name] == nil && !strings.Contains(joined, index) {
				t.Errorf("%s query does not use %s:\n%s", name, index, joined)
			}
		}
	}
}

func TestISODate(t *testing.T) {
	for _, s := range []string{"2026-01-31", "2024-02-29", "2026-12-01", "", "2026-02-30", "31/01/2026", "2026-1-5"} {
		if got, want := isoDate(s), mustDate(s); got != want {
			t.Errorf("isoDate(%q) = %v, want %v", s, got, want)
		}
	}
}

func countState(t *testing.T, s *Store, st debt.FlagState) int {
	t.Helper()
	var n int
	if err := s.ro.QueryRow("SELECT count(*) FROM flags WHERE state = ?", string(st)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A sweep matches the active flags by key and compares their text and
// amount (through hashes): a flag whose wording or amount changed takes
// the day's, without being raised again, resolved or journaled; the
// others are left alone.
func TestSweepUpdatesTextAndAmountInPlace(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Demo(ctx, DemoOptions{Cases: 200, Seed: 5, Now: benchNow}); err != nil {
		t.Fatal(err)
	}
	today := debt.DateOf(benchNow)
	if _, err := s.SweepDay(ctx, today, benchNow); err != nil {
		t.Fatal(err)
	}
	before, _ := s.OpenFlags(ctx, today)
	if len(before) < 10 {
		t.Fatalf("%d flags on the demo office, want more", len(before))
	}
	stale := map[int64]bool{}
	if err := s.write(ctx, func(tx *sql.Tx) error {
		for i, f := range before {
			if i%3 != 0 {
				continue
			}
			stale[f.ID] = true
			if _, err := tx.Exec("UPDATE flags SET text = 'ancien libellé', amount_cents = amount_cents + ? WHERE id = ?", i%2, f.ID); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	events := countRows(t, s, "events")
	rep, err := s.SweepDay(ctx, today, benchNow)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.OpenFlags(ctx, today)
	if rep.Raised != 0 || rep.Reopened != 0 || rep.Resolved != 0 || rep.Open != len(before) || len(after) != len(before) {
		t.Fatalf("second sweep %+v, %d flags then %d", rep, len(before), len(after))
	}
	for i := range after {
		if after[i] != before[i] {
			t.Errorf("flag %d (stale %v) after the sweep: %+v, want %+v", after[i].ID, stale[after[i].ID], after[i], before[i])
		}
	}
	if n := countRows(t, s, "events"); n != events {
		t.Errorf("the sweep wrote %d journal entries, want none", n-events)
	}
}

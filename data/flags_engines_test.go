package data

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"amiable/debt"
)

// oldClaimCase is a consumer's claim (two years, C. consom. L218-2) whose
// invoice fell due on due: its limitation is near or past in 2026.
func oldClaimCase(t *testing.T, s *Store, name, due string) debt.Case {
	t.Helper()
	ctx := context.Background()
	cid, err := s.SaveParty(ctx, company("Meubles "+name), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	did, err := s.SaveParty(ctx, person(name, "Luc", strings.ToLower(name)+"@exemple.fr"), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCase(ctx, debt.Case{Creditor: debt.Party{ID: cid}, Debtors: []debt.CaseDebtor{{Party: debt.Party{ID: did}}},
		Nature: debt.NatureInvoice, Basis: "Bon de commande", Interest: debt.InterestTerms{Kind: debt.InterestLegal},
		Lines: []debt.ClaimLine{{Kind: debt.LinePrincipal, Label: "Facture " + name, DocNumber: "F-" + name, DueDate: debt.MustDate(due), Amount: 120_000}}},
		"test", t0)
	if err != nil {
		t.Fatalf("CreateCase %s: %v", name, err)
	}
	return c
}

// sweepHistory builds the same office on s — a plan, letters with and
// without AR, funds held then remitted, claims near and past their
// limitation with acts recorded, commercial terms typed before the rule,
// an unread e-mail, idle and settled cases — and sweeps every day from 2
// March to 30 April 2026, acting on some days (payments, answers, a flag
// snoozed and one handled, a case closed). It returns what the sweeps
// reported and every flag and flag journal entry at the end, as text.
func sweepHistory(t *testing.T, s *Store) (reports, flags, journal []string) {
	t.Helper()
	ctx := context.Background()
	planned, _ := planCase(t, s)
	noticed := newCase(t, s, "Bernard")
	notice := issue(t, s, noticed, debt.LetterFormalNotice, noticed.Ref+"-01", "2026-03-16", "2026-03-31", debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1A 123 456 7890 1"})
	if err := s.MarkPosted(ctx, []int64{notice.ID}, debt.MustDate("2026-03-16"), "test", day("2026-03-16")); err != nil {
		t.Fatal(err)
	}
	reminded := newCase(t, s, "Petit")
	issue(t, s, reminded, debt.LetterReminder1, reminded.Ref+"-01", "2026-03-09", "2026-03-20", debt.Registered{})
	funded := newCase(t, s, "Durand")
	pay(t, s, funded, "2026-03-05", 20000)
	pay(t, s, funded, "2026-03-20", 10000)
	oldClaimCase(t, s, "Lefebvre", "2024-05-15")        // expires 15/05/2026
	acted := oldClaimCase(t, s, "Moreau", "2024-04-20") // expires 20/04/2026, until a claim in court
	gone := oldClaimCase(t, s, "Girard", "2023-06-01")  // prescribed since 01/06/2025
	settled := oldClaimCase(t, s, "Roux", "2026-02-01") // paid in full on 10/03
	commercial := consumerCase(t, s, "Avant")           // business terms on a consumer
	mailed := newCase(t, s, "Fournier")                 // an unread e-mail
	if _, err := s.rw.ExecContext(ctx, "UPDATE cases SET interest_kind = 'commercial' WHERE id = ?", commercial.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordInterruption(ctx, gone.ID, InterruptionInput{Kind: debt.LimitationMediation, Date: debt.MustDate("2025-03-01"),
		End: debt.MustDate("2025-04-15"), Note: "Médiation de la consommation"}, "test", t0); err != nil {
		t.Fatal(err)
	}
	raw, err := s.AddDocument(ctx, mailed.ID, debt.DocOther, "message.eml", strings.NewReader("Subject: Paiement\r\n\r\nJe paierai."), "test", t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.rw.ExecContext(ctx, `INSERT INTO mails (key, account, folder, uid_validity, uid, from_addr, subject, sent_at, received_at, raw_doc_id, case_id)
		VALUES ('compte/INBOX/1/7', 'compte', 'INBOX', 1, 7, 'fournier@exemple.fr', 'Paiement', ?, ?, ?, ?)`,
		instant(day("2026-03-06")), instant(day("2026-03-06")), raw.ID, mailed.ID); err != nil {
		t.Fatal(err)
	}
	var snoozed, handled int64
	acts := map[string]func(){
		"2026-03-10": func() { pay(t, s, settled, "2026-03-10", 120_000) },
		"2026-03-23": func() { pay(t, s, planned, "2026-03-23", 4000) },
		"2026-03-25": func() {
			if _, err := s.AddEvent(ctx, debt.Event{CaseID: reminded.ID, At: day("2026-03-25"), Author: "test", Kind: debt.EventCall,
				Outcome: debt.CallPromise, Text: "Paiera fin du mois"}); err != nil {
				t.Fatal(err)
			}
		},
		"2026-03-27": func() {
			if _, err := s.rw.ExecContext(ctx, "UPDATE mails SET read_at = ?", instant(day("2026-03-27"))); err != nil {
				t.Fatal(err)
			}
		},
		"2026-04-02": func() {
			fs := flagsOf(t, s, "2026-04-02", debt.FlagInstalmentMissed, planned.ID)
			if len(fs) == 0 {
				t.Fatal("no missed instalment to snooze on 02/04")
			}
			snoozed = fs[0].ID
			if err := s.SnoozeFlag(ctx, snoozed, debt.MustDate("2026-04-09"), "Rappelle jeudi", "Claire", day("2026-04-02")); err != nil {
				t.Fatal(err)
			}
		},
		"2026-04-07": func() {
			if _, err := s.RecordRemittance(ctx, funded.Creditor.ID, debt.MustDate("2026-04-07"), 20000, "VIR-1", "test", day("2026-04-07")); err != nil {
				t.Fatal(err)
			}
		},
		"2026-04-09": func() {
			if err := s.RecordAR(ctx, notice.ID, debt.ARResult{Outcome: debt.ARUnknown, Received: debt.MustDate("2026-04-09")}, "", nil, "test", day("2026-04-09")); err != nil {
				t.Fatal(err)
			}
		},
		"2026-04-14": func() {
			if _, err := s.RecordInterruption(ctx, acted.ID, InterruptionInput{Kind: debt.LimitationCourtDemand, Date: debt.MustDate("2026-04-14")}, "test", day("2026-04-14")); err != nil {
				t.Fatal(err)
			}
		},
		"2026-04-16": func() {
			fs := flagsOf(t, s, "2026-04-16", debt.FlagFundsHeld, 0)
			if len(fs) == 0 {
				t.Fatal("no funds flag to handle on 16/04")
			}
			handled = fs[0].ID
			if err := s.HandleFlag(ctx, handled, "Virement demandé", "Claire", day("2026-04-16")); err != nil {
				t.Fatal(err)
			}
		},
		"2026-04-20": func() {
			if err := s.ChangeStatus(ctx, reminded.ID, debt.StatusAbandoned, "Débiteur introuvable", "test", day("2026-04-20")); err != nil {
				t.Fatal(err)
			}
		},
	}
	for d := debt.MustDate("2026-03-02"); !d.After(debt.MustDate("2026-04-30")); d = d.AddDays(1) {
		if act := acts[d.ISO()]; act != nil {
			act()
		}
		r := sweep(t, s, d.ISO())
		reports = append(reports, fmt.Sprintf("%s +%d ↻%d ✓%d ⏰%d open %d", d.ISO(), r.Raised, r.Reopened, r.Resolved, r.Woken, r.Open))
	}
	if snoozed == 0 || handled == 0 {
		t.Fatal("the history did not snooze and handle a flag")
	}
	rows, err := s.ro.QueryContext(ctx, `SELECT coalesce(k.ref, ''), f.kind, f.object, f.due, f.since, f.amount_cents, f.text, f.state,
		f.snoozed_until, f.closed_at, f.closed_by, f.comment FROM flags f LEFT JOIN cases k ON k.id = f.case_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var ref, kind, object, due, since, text, state, until, closed, by, comment string
		var amount int64
		if err := rows.Scan(&ref, &kind, &object, &due, &since, &amount, &text, &state, &until, &closed, &by, &comment); err != nil {
			t.Fatal(err)
		}
		flags = append(flags, strings.Join([]string{ref, kind, object, due, since, fmt.Sprint(amount), text, state, until, closed, by, comment}, " | "))
	}
	rows.Close()
	rows, err = s.ro.QueryContext(ctx, `SELECT coalesce(k.ref, ''), e.at, e.text FROM events e LEFT JOIN cases k ON k.id = e.case_id
		WHERE e.kind = ? ORDER BY e.id`, string(debt.EventFlag))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var ref, at, text string
		if err := rows.Scan(&ref, &at, &text); err != nil {
			t.Fatal(err)
		}
		journal = append(journal, ref+" "+at+" "+text)
	}
	rows.Close()
	return reports, sortedCopy(flags), journal
}

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// The same facts give the same flags on both engines: two months of
// daily sweeps over an office where every step of the sweep has
// something to find report the same counts each day and leave the same
// flags (kind, object, due, amount, text, state, who closed them) and the
// same journal entries, in the same order.
func TestSweepSameFlagsOnBothEngines(t *testing.T) {
	type history struct{ reports, flags, journal []string }
	got := map[string]history{}
	forEachEngine(t, func(t *testing.T, s *Store) {
		var h history
		h.reports, h.flags, h.journal = sweepHistory(t, s)
		kinds := map[string]bool{}
		for _, f := range h.flags {
			kinds[strings.Split(f, " | ")[1]] = true
		}
		for _, k := range []debt.FlagKind{debt.FlagInstalmentMissed, debt.FlagNoticeExpired, debt.FlagReminderExpired, debt.FlagARMissing, debt.FlagLetterReturned,
			debt.FlagFundsHeld, debt.FlagLimitationSoon, debt.FlagLimitationUrgent, debt.FlagPrescribed, debt.FlagCloseCase,
			debt.FlagCommercialTerms, debt.FlagUnreadMail, debt.FlagIdle} {
			if !kinds[string(k)] {
				t.Errorf("no %s flag in the history (kinds %v): the office is meant to have one", k, kinds)
			}
		}
		got[s.dialect().name] = h
	})
	lite, pg := got["sqlite"], got["postgres"]
	if pg.reports == nil || t.Failed() {
		return
	}
	compare := func(what string, a, b []string) {
		if len(a) != len(b) {
			t.Errorf("%s: %d on SQLite, %d on PostgreSQL", what, len(a), len(b))
		}
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Errorf("%s %d:\n  SQLite     %s\n  PostgreSQL %s", what, i, a[i], b[i])
			}
		}
	}
	compare("sweep", lite.reports, pg.reports)
	compare("flag", lite.flags, pg.flags)
	compare("journal entry", lite.journal, pg.journal)
}

// SweepNewDay sweeps a day after the last one swept, and only such a day:
// that day again, or an earlier one, is left as it is.
func TestSweepNewDaySweepsADayOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		planCase(t, s)
		r, swept, err := s.SweepNewDay(ctx, debt.MustDate("2026-03-21"), day("2026-03-21"))
		if err != nil || !swept || r.Raised != 1 {
			t.Fatalf("SweepNewDay(21/03) = %+v, %v, %v; want the missed instalment raised", r, swept, err)
		}
		events := countRows(t, s, "events")
		for _, d := range []string{"2026-03-21", "2026-03-20"} {
			if r, swept, err := s.SweepNewDay(ctx, debt.MustDate(d), day(d)); err != nil || swept || r.Raised != 0 {
				t.Errorf("SweepNewDay(%s) after 21/03 = %+v, %v, %v; want nothing done", d, r, swept, err)
			}
		}
		if runs, _ := s.Sweeps(ctx, 10); len(runs) != 1 || countRows(t, s, "events") != events {
			t.Errorf("sweeps log = %+v; want 21/03 only, and nothing journaled", runs)
		}
		if _, swept, err := s.SweepNewDay(ctx, debt.MustDate("2026-03-22"), day("2026-03-22")); err != nil || !swept {
			t.Errorf("SweepNewDay(22/03) = %v, %v; want swept", swept, err)
		}
	})
}

// The office's flag rules are saved (refused when out of range) and the
// sweep follows them; a clock found ahead raises the office's flag and
// forgets the sweeps after today, on both engines.
func TestFlagRulesAndClockAheadOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin") // created on 02/03/2026, nothing since
		if err := s.SaveFlagRules(ctx, debt.FlagRules{ARDays: 0, IdleDays: 30}, "Claire", t0); err == nil {
			t.Fatal("AR days 0 accepted")
		}
		if r, err := s.FlagRules(ctx); err != nil || r != debt.DefaultFlagRules() {
			t.Fatalf("rules after a refusal = %+v, %v; want the defaults", r, err)
		}
		if err := s.SaveFlagRules(ctx, debt.FlagRules{ARDays: 21, IdleDays: 10}, "Claire", t0); err != nil {
			t.Fatal(err)
		}
		sweep(t, s, "2026-03-11")
		if fs := flagsOf(t, s, "2026-03-11", debt.FlagIdle, c.ID); len(fs) != 0 {
			t.Fatalf("idle on the 10th day: %+v", fs)
		}
		sweep(t, s, "2026-03-12")
		if fs := flagsOf(t, s, "2026-03-12", debt.FlagIdle, c.ID); len(fs) != 1 {
			t.Fatalf("idle flags after 10 days = %+v, want one", fs)
		}
		sweep(t, s, "2026-03-20")
		if err := s.RaiseClockAhead(ctx, debt.MustDate("2026-03-20"), debt.MustDate("2026-03-14"), day("2026-03-14")); err != nil {
			t.Fatal(err)
		}
		if last, _ := s.LastSweep(ctx); last != debt.MustDate("2026-03-12") {
			t.Errorf("last sweep after the clock ran ahead = %s, want 12/03/2026", last)
		}
		if fs := flagsOf(t, s, "2026-03-14", debt.FlagClockAhead, 0); len(fs) != 1 || !strings.Contains(fs[0].Text, "20/03/2026") {
			t.Errorf("clock flags = %+v, want the office's, naming 20/03/2026", fs)
		}
	})
}

package demo

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
)

func TestDemoIsRealisticAndDeterministic(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	fill := func() (*data.Store, Result) {
		s, err := data.Open(filepath.Join(t.TempDir(), "amiable.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		res, err := Fill(ctx, s, Options{Cases: 300, Seed: 7, Now: now})
		if err != nil {
			t.Fatalf("Demo: %v", err)
		}
		return s, res
	}
	a, ra := fill()
	b, rb := fill()
	if !reflect.DeepEqual(ra, rb) || ra.Cases != 300 || ra.Lines < 300 || ra.Events < 4000 || ra.Documents == 0 ||
		ra.Plans < 100 || ra.Instalments < 8*ra.Plans || ra.Payments < 300 || ra.Mails < 300 || len(ra.Letters) < 50 {
		t.Fatalf("Demo results = %+v and %+v; want equal, 300 cases with lines, events, documents, plans, payments, mails, letters", ra, rb)
	}
	// The letters to issue are dated within the window, in their case's
	// life; formal notices go by registered post and most ARs came back.
	ars := 0
	for _, l := range ra.Letters {
		if l.At.After(now) || l.At.Before(now.AddDate(0, 0, -letterWindow-3)) {
			t.Fatalf("demo letter %+v out of the window", l)
		}
		if (l.Kind == "mise-en-demeure") != (l.Tracking != "") {
			t.Fatalf("demo letter %+v: only formal notices are registered", l)
		}
		if l.AR.Outcome != "" {
			ars++
			if errs := l.AR.Validate(l.Deposit, debt.DateOf(now)); len(errs) > 0 {
				t.Fatalf("demo AR %+v invalid: %v", l.AR, errs)
			}
		}
	}
	if ars == 0 {
		t.Error("no demo formal notice has its AR back")
	}
	// E-mails: filed on their cases or waiting in triage, each raw message
	// kept under its SHA-256, searchable.
	triage, _ := a.Mails(ctx, data.MailQuery{Triage: true})
	all, _ := a.Mails(ctx, data.MailQuery{})
	if len(triage) == 0 || len(all) <= len(triage) {
		t.Fatalf("demo mails: %d in all, %d in triage; want both", len(all), len(triage))
	}
	for _, m := range all[:5] {
		if err := a.VerifyBlob(m.Raw.SHA256); err != nil {
			t.Fatalf("demo mail %q: %v", m.Subject, err)
		}
	}
	unread := 0
	for _, m := range all {
		if !m.Read {
			unread++
			if m.Sent.Before(now.AddDate(0, 0, -4)) {
				t.Fatalf("demo mail %q of %s unread; only the last three days' are", m.Subject, m.Sent)
			}
		}
	}
	if unread == 0 || unread == len(all) {
		t.Errorf("%d of %d demo mails unread; want the last days' only", unread, len(all))
	}
	if found, _ := a.ListCases(ctx, data.CaseQuery{Text: "échéancier"}); len(found) == 0 {
		t.Error("no case found by a word of its e-mails")
	}
	// Plans that ended (settled, broken, renegotiated) are closed with their
	// reason; plans still running belong to cases in "échéancier".
	var closed, running, wrong int
	cases, _ := a.ListCases(ctx, data.CaseQuery{})
	for _, r := range cases {
		plans, err := a.Plans(ctx, r.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			switch {
			case !p.Closed.IsZero():
				closed++
			case r.Status != debt.StatusPlan:
				wrong++
			default:
				running++
			}
		}
	}
	if closed == 0 || running == 0 || wrong != 0 {
		t.Errorf("demo plans: %d closed, %d running, %d running on a case not in plan", closed, running, wrong)
	}
	rowsA, _ := a.ListCases(ctx, data.CaseQuery{})
	rowsB, _ := b.ListCases(ctx, data.CaseQuery{})
	for i := range rowsA {
		if rowsA[i].Ref != rowsB[i].Ref || rowsA[i].Debtor != rowsB[i].Debtor || rowsA[i].Balance != rowsB[i].Balance {
			t.Fatalf("row %d differs between two demos with the same seed: %+v / %+v", i, rowsA[i], rowsB[i])
		}
	}
	counts, _ := a.StatusCounts(ctx, data.CaseQuery{})
	for _, st := range debt.Statuses {
		if counts[st] == 0 {
			t.Errorf("no demo case in status %s", st)
		}
	}
	office, _ := a.Office(ctx)
	if errs := office.Validate(); len(errs) > 0 || office.IBAN == "" {
		t.Errorf("demo office invalid: %v", errs)
	}
	// Every party the demo wrote passes the same validation as typed input.
	parties, _ := a.ListParties(ctx, data.PartyQuery{})
	for _, r := range parties {
		p, _ := a.Party(ctx, r.ID)
		if errs := p.Validate(debt.DateOf(now)); len(errs) > 0 {
			t.Fatalf("demo party %s invalid: %v", p.Name(), errs)
		}
	}
	// Cases beyond "nouveau" pass the verification checklist; references
	// follow opening dates.
	prev := debt.Date{}
	for _, r := range rowsA {
		if r.Opened.Before(prev) {
			t.Fatalf("case %s opened %s before the previous one (%s)", r.Ref, r.Opened, prev)
		}
		prev = r.Opened
		if r.Status == debt.StatusNew || r.Status == debt.StatusVerifying {
			continue
		}
		c, _ := a.Case(ctx, r.ID)
		if !debt.Verify(c, debt.DateOf(now)).Complete() {
			t.Fatalf("demo case %s (%s) fails verification: %+v", c.Ref, c.Status, debt.Verify(c, debt.DateOf(now)).Missing())
		}
	}
	// A debtor's name finds their case.
	name := strings.Fields(rowsA[10].Debtor)
	found, _ := a.ListCases(ctx, data.CaseQuery{Text: name[len(name)-1]})
	ok := false
	for _, f := range found {
		ok = ok || f.Ref == rowsA[10].Ref
	}
	if !ok {
		t.Fatalf("search %q did not find %s", name[len(name)-1], rowsA[10].Ref)
	}
	if _, err := Fill(ctx, a, Options{Cases: 5, Seed: 1, Now: now}); err == nil {
		t.Fatal("Demo on a database with cases succeeded; want refusal")
	}
}

package data

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// The demo office is the same on the shared base as in a desk's file: the
// same seed writes the same cases, balances, mails and letters to issue.
func TestDemoIsTheSameOnBothEngines(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	opt := DemoOptions{Cases: 120, Seed: 11, Now: now}
	lite := openTestSQLite(t)
	pg := openTestPG(t)
	rl, err := lite.Demo(ctx, opt)
	if err != nil {
		t.Fatalf("Demo on SQLite: %v", err)
	}
	rp, err := pg.Demo(ctx, opt)
	if err != nil {
		t.Fatalf("Demo on PostgreSQL: %v", err)
	}
	if !reflect.DeepEqual(rl, rp) {
		t.Fatalf("Demo results differ: SQLite %+v, PostgreSQL %+v", rl, rp)
	}
	cl, _ := lite.ListCases(ctx, CaseQuery{})
	cp, err := pg.ListCases(ctx, CaseQuery{})
	if err != nil || len(cl) != len(cp) || len(cl) != opt.Cases {
		t.Fatalf("ListCases: %d on SQLite, %d on PostgreSQL (%v); want %d", len(cl), len(cp), err, opt.Cases)
	}
	for i := range cl {
		if cl[i].Ref != cp[i].Ref || cl[i].Debtor != cp[i].Debtor || cl[i].Balance != cp[i].Balance || cl[i].Status != cp[i].Status {
			t.Fatalf("case %d: SQLite %+v, PostgreSQL %+v", i, cl[i], cp[i])
		}
	}
	ml, _ := lite.Mails(ctx, MailQuery{})
	mp, _ := pg.Mails(ctx, MailQuery{})
	if len(ml) != len(mp) || len(ml) == 0 {
		t.Fatalf("mails: %d on SQLite, %d on PostgreSQL", len(ml), len(mp))
	}
	for i := range ml {
		if ml[i].Raw.SHA256 != mp[i].Raw.SHA256 || len(ml[i].Attachments) != len(mp[i].Attachments) {
			t.Fatalf("mail %d differs: %+v / %+v", i, ml[i], mp[i])
		}
		if err := pg.VerifyBlob(mp[i].Raw.SHA256); err != nil {
			t.Fatalf("mail %q on the shared base: %v", mp[i].Subject, err)
		}
	}
}

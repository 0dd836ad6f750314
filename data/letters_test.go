package data

import (
	"context"
	"strings"
	"testing"

	"amiable/debt"
)

func issueNotice(t *testing.T, s *Store, c debt.Case, tracking string) LetterRow {
	t.Helper()
	l, err := s.IssueLetter(context.Background(), NewLetter{CaseID: c.ID, Kind: "mise-en-demeure", KindLabel: "Mise en demeure",
		RecipientID: c.FirstDebtor().ID, Ref: c.Ref + "-01", Date: debt.MustDate("2026-03-02"), Deadline: debt.MustDate("2026-03-17"),
		PDF: []byte("%PDF-1.4\n% une mise en demeure\n"), JSON: []byte(`{"kind":"mise-en-demeure"}`), Recipient: c.FirstDebtor().Name(),
		Postcode: "59000", Town: "LILLE", Post: debt.Registered{Level: debt.LevelR1, AR: true, Tracking: tracking},
		StatusAfter: debt.StatusFormalNotice, FormalNotice: true}, "test", t0)
	if err != nil {
		t.Fatalf("IssueLetter: %v", err)
	}
	return l
}

func TestIssueLetterKeepsThePDFAndMovesTheCase(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		l := issueNotice(t, s, c, "")
		b, err := blobBytes(s, l.SHA256)
		if err != nil || !strings.HasPrefix(string(b), "%PDF-1.4") || l.Stage() != StageToPrint {
			t.Fatalf("letter = %+v, file %q, %v", l, b, err)
		}
		got, _ := s.Case(ctx, c.ID)
		evs, _ := s.Events(ctx, c.ID)
		if got.Status != debt.StatusFormalNotice || !strings.Contains(evs[len(evs)-2].Text, "Courrier émis : Mise en demeure") {
			t.Fatalf("status %s, journal %+v", got.Status, evs)
		}
		f, _ := s.Figures(ctx, c.ID, debt.MustDate("2026-03-10"))
		if f.NoticeDate != debt.MustDate("2026-03-02") {
			t.Fatalf("notice date = %s", f.NoticeDate)
		}
		if _, err := s.rw.Exec("UPDATE letters SET letter_json = '{}'"); err == nil {
			t.Fatal("an issued letter's content can be changed")
		}
		facts, err := s.LetterFacts(ctx, c.ID, c.FirstDebtor().ID, debt.MustDate("2026-03-20"))
		if err != nil || facts.FirstRef != c.Ref+"-01" || facts.NextRef != c.Ref+"-02" || facts.Recipient.ID != c.FirstDebtor().ID {
			t.Fatalf("LetterFacts = %+v, %v", facts, err)
		}
		if _, err := s.LetterFacts(ctx, c.ID, 9999, debt.MustDate("2026-03-20")); err == nil {
			t.Fatal("LetterFacts for a stranger succeeded")
		}
	})
}

func TestRegisteredPostFromPrintToAR(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCase(t, s, "Martin")
		l := issueNotice(t, s, c, "")
		if err := s.MarkPosted(ctx, []int64{l.ID}, debt.MustDate("2026-03-02"), "test", day("2026-03-02")); err == nil || !strings.Contains(Message(err), "numéro de suivi") {
			t.Fatalf("posting without tracking = %v", err)
		}
		if err := s.SetPost(ctx, l.ID, debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1A 123"}, "test", t0); err == nil {
			t.Fatal("a malformed tracking number was accepted")
		}
		if err := s.SetPost(ctx, l.ID, debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1a 123 456 7890 1"}, "test", t0); err != nil {
			t.Fatal(err)
		}
		other := newCase(t, s, "Bernard")
		if _, err := s.IssueLetter(ctx, NewLetter{CaseID: other.ID, Kind: "relance1", KindLabel: "Relance", RecipientID: other.FirstDebtor().ID,
			Ref: other.Ref + "-01", Date: debt.MustDate("2026-03-02"), PDF: []byte("%PDF-1.4"), JSON: []byte("{}"), Recipient: "x",
			Post: debt.Registered{Level: debt.LevelR1, Tracking: "1A12345678901"}}, "test", t0); err == nil || !strings.Contains(Message(err), "déjà") {
			t.Fatalf("duplicate tracking = %v", err)
		}
		s.MarkPrinted(ctx, []int64{l.ID}, "test", t0)
		if ls, _ := s.Letters(ctx, LetterQuery{Stage: StageToPost}); len(ls) != 1 {
			t.Fatalf("to post = %d", len(ls))
		}
		if err := s.MarkPosted(ctx, []int64{l.ID}, debt.MustDate("2026-03-02"), "test", day("2026-03-02")); err != nil {
			t.Fatal(err)
		}
		day0, _ := s.Letters(ctx, LetterQuery{Deposit: debt.MustDate("2026-03-02")})
		counts, _ := s.LetterCounts(ctx)
		if len(day0) != 1 || counts[StageAwaitingAR] != 1 {
			t.Fatalf("deposit day = %d letters, counts %v", len(day0), counts)
		}
		bad := debt.ARResult{Outcome: debt.ARDelivered, Delivered: debt.MustDate("2026-03-01"), SignedBy: debt.SignedByAddressee}
		if err := s.RecordAR(ctx, l.ID, bad, "", nil, "test", day("2026-03-20")); err == nil {
			t.Fatal("an AR delivered before posting was accepted")
		}
		ar := debt.ARResult{Outcome: debt.ARUncollected, Presented: debt.MustDate("2026-03-04")}
		if err := s.RecordAR(ctx, l.ID, ar, "ar.png", strings.NewReader("scan de l'enveloppe"), "test", day("2026-03-20")); err != nil {
			t.Fatal(err)
		}
		got, err := s.LetterByTracking(ctx, "1A 123 456 7890 1")
		if err != nil || got.AR.Outcome != debt.ARUncollected || got.ARDocID == 0 || got.Stage() != StageDone {
			t.Fatalf("letter after AR = %+v, %v", got, err)
		}
		r, _ := s.Rules(ctx)
		r.NoticeFromPresentation = true
		s.SaveRules(ctx, r, "test", t0)
		f, _ := s.Figures(ctx, c.ID, debt.MustDate("2026-03-20"))
		if f.NoticeDate != debt.MustDate("2026-03-04") {
			t.Fatalf("notice date from presentation = %s; want 04/03/2026 (a letter not collected still counts)", f.NoticeDate)
		}
	})
}

func TestPlanAgreementLetterIsLinkedToThePlan(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, p := planCase(t, s)
		if p.LetterDocID != 0 {
			t.Fatalf("a new plan has letter %d", p.LetterDocID)
		}
		l, err := s.IssueLetter(ctx, NewLetter{CaseID: c.ID, Kind: "accord-echeancier", KindLabel: "Accord d'échéancier", RecipientID: c.FirstDebtor().ID,
			Ref: c.Ref + "-01", Date: debt.MustDate("2026-03-02"), PDF: []byte("%PDF-1.4"), JSON: []byte("{}"), Recipient: "x"}, "test", t0)
		if err != nil {
			t.Fatal(err)
		}
		plans, _ := s.Plans(ctx, c.ID, t0)
		if plans[0].LetterDocID != l.DocID {
			t.Fatalf("plan letter = %d; want the agreement's document %d", plans[0].LetterDocID, l.DocID)
		}
	})
}

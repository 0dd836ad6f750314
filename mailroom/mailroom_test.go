package mailroom

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"amiable/data"
	"amiable/debt"
	"amiable/demo"
	"amiable/letters"
)

var now = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// demoStore opens a small demo office and returns a case whose checklist is
// complete, in the "relancé" status.
func demoStore(t *testing.T) (*data.Store, debt.Case) {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if _, err := demo.Fill(ctx, st, demo.Options{Cases: 80, Seed: 5, Now: now}); err != nil {
		t.Fatal(err)
	}
	rows, _ := st.ListCases(ctx, data.CaseQuery{Statuses: []debt.Status{debt.StatusReminded}})
	for _, r := range rows {
		c, _ := st.Case(ctx, r.ID)
		// Not time-barred: a reminder or a formal notice may demand it.
		fig, _ := st.Figures(ctx, c.ID, debt.DateOf(now))
		if debt.Verify(c, debt.DateOf(now)).Complete() && c.FirstDebtor().Type == debt.Person && !debt.DateOf(now).After(fig.Limitation.Expires) {
			return st, c
		}
	}
	t.Fatal("no verified case in the demo")
	return nil, debt.Case{}
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent (poppler-utils)")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "l.pdf"), filepath.Join(dir, "l.txt")
	os.WriteFile(in, pdf, 0o600)
	if b, err := exec.Command("pdftotext", "-layout", in, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftotext: %v %s", err, b)
	}
	b, _ := os.ReadFile(out)
	return string(b)
}

func TestIssueFormalNoticeNeedsItsTrackingNumber(t *testing.T) {
	st, c := demoStore(t)
	ctx := context.Background()
	req := Request{CaseID: c.ID, Kind: letters.FormalNotice}
	d, err := Prepare(ctx, st, req, now)
	if err != nil || len(d.Problems) != 0 || len(d.PDF) == 0 {
		t.Fatalf("Prepare = %v problems, %v", d.Problems, err)
	}
	_, _, err = Issue(ctx, st, req, "test", now)
	var ref *Refusal
	if !errors.As(err, &ref) || !strings.Contains(err.Error(), "numéro de l'envoi recommandé") {
		t.Fatalf("Issue without tracking = %v; want a refusal asking for the tracking number", err)
	}
	req.Post = debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "RW 799 210 633 FR"}
	row, d, err := Issue(ctx, st, req, "test", now)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(row.Path)
	text := pdfText(t, b)
	for _, want := range []string{"MISE EN DEMEURE", "RW 799 210 633 FR", c.FirstDebtor().LastName, "€", "Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du"} {
		if !strings.Contains(strings.ToUpper(text), strings.ToUpper(want)) {
			t.Errorf("issued PDF lacks %q", want)
		}
	}
	got, _ := st.Case(ctx, c.ID)
	if got.Status != debt.StatusFormalNotice || row.Deadline.IsZero() || row.Deadline != d.Letter.Deadline {
		t.Fatalf("after issuing: status %s, deadline %s", got.Status, row.Deadline)
	}
	// A second letter recalls the first and has the next reference.
	d2, err := Prepare(ctx, st, Request{CaseID: c.ID, Kind: letters.Reminder2}, now)
	if err != nil || d2.Input.FirstToDebtor || d2.Input.First.Ref != row.Ref || !strings.HasSuffix(d2.Letter.Ref, "-02") {
		t.Fatalf("second letter input = %+v, %v", d2.Input.First, err)
	}
}

func TestDayBatchPrintsLettersAndDepositList(t *testing.T) {
	st, c := demoStore(t)
	ctx := context.Background()
	if _, _, err := Issue(ctx, st, Request{CaseID: c.ID, Kind: letters.Reminder2}, "test", now); err != nil {
		t.Fatal(err)
	}
	// The same day as the reminder, before its deadline: confirmed (Force).
	notice := Request{CaseID: c.ID, Kind: letters.FormalNotice,
		Post: debt.Registered{Level: debt.LevelR1, AR: true, Tracking: "1A 123 456 7890 1"}}
	var early *EarlyNotice
	if _, _, err := Issue(ctx, st, notice, "test", now); !errors.As(err, &early) {
		t.Fatalf("formal notice before the reminder's deadline = %v, want an EarlyNotice", err)
	}
	notice.Force = true
	if _, _, err := Issue(ctx, st, notice, "test", now); err != nil {
		t.Fatal(err)
	}
	b, err := PrepareDay(ctx, st, debt.DateOf(now))
	if err == nil {
		err = ConfirmDeposit(ctx, st, b, "test", now)
	}
	if err != nil || len(b.Letters) != 2 {
		t.Fatalf("PrepareDay and ConfirmDeposit = %d letters, %v", len(b.Letters), err)
	}
	text := pdfText(t, b.PDF)
	if !strings.Contains(text, "1A 123 456 7890 1") || !strings.Contains(strings.ToLower(text), "bordereau") {
		t.Fatalf("batch lacks the deposit list:\n%s", text[max(0, len(text)-1500):])
	}
	counts, _ := st.LetterCounts(ctx)
	if counts[data.StageAwaitingAR] != 1 || counts[data.StageDone] != 1 {
		t.Fatalf("after the batch: %v; want the notice awaiting its AR, the reminder done", counts)
	}
	// Printing the same day again gives the same letters, posted once.
	b2, err := PrepareDay(ctx, st, debt.DateOf(now))
	if err == nil {
		err = ConfirmDeposit(ctx, st, b2, "test", now)
	}
	if err != nil || len(b2.Letters) != 2 || len(b2.Pending) != 0 {
		t.Fatalf("second batch = %d letters, %d pending, %v", len(b2.Letters), len(b2.Pending), err)
	}
}

func TestRefusedLettersChangeNothing(t *testing.T) {
	st, c := demoStore(t)
	ctx := context.Background()
	// The office has no IBAN: every demand is refused with what to fix.
	o, _ := st.Office(ctx)
	o.IBAN = ""
	if err := st.SaveOffice(ctx, o, "test", now); err != nil {
		t.Fatal(err)
	}
	_, _, err := Issue(ctx, st, Request{CaseID: c.ID, Kind: letters.Reminder1}, "test", now)
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "IBAN") {
		t.Fatalf("Issue without IBAN = %v", err)
	}
	ls, _ := st.Letters(ctx, data.LetterQuery{CaseID: c.ID})
	if len(ls) != 0 {
		t.Fatalf("a refused letter was stored: %+v", ls)
	}
}

func TestPrepareDayChangesNothingUntilTheDepositIsConfirmed(t *testing.T) {
	st, c := demoStore(t)
	ctx := context.Background()
	if _, _, err := Issue(ctx, st, Request{CaseID: c.ID, Kind: letters.Reminder2}, "test", now); err != nil {
		t.Fatal(err)
	}
	b, err := PrepareDay(ctx, st, debt.DateOf(now))
	if err != nil || len(b.Letters) != 1 || len(b.Pending) != 1 || len(b.PDF) == 0 {
		t.Fatalf("PrepareDay = %d letters, %d pending, %v", len(b.Letters), len(b.Pending), err)
	}
	if counts, _ := st.LetterCounts(ctx); counts[data.StageDone] != 0 {
		t.Fatalf("PrepareDay posted letters: %v", counts)
	}
	if err := ConfirmDeposit(ctx, st, b, "test", now); err != nil {
		t.Fatal(err)
	}
	if counts, _ := st.LetterCounts(ctx); counts[data.StageDone] != 1 {
		t.Fatalf("after ConfirmDeposit: %v; want the reminder done", counts)
	}
	// Confirming again changes nothing and journals nothing more.
	if err := ConfirmDeposit(ctx, st, b, "test", now); err != nil {
		t.Fatal(err)
	}
	evs, _ := st.Events(ctx, c.ID)
	n := 0
	for _, e := range evs {
		if strings.Contains(e.Text, "déposé à La Poste") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d deposit entries in the journal, want 1", n)
	}
}

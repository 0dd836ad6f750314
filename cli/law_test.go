package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

type demoCase struct {
	Case struct {
		Ref      string
		Status   string
		Creditor struct {
			LegalKind string `json:"legal_kind"`
		}
		Debtors []struct {
			Party struct {
				LegalKind string `json:"legal_kind"`
			}
		}
		Interest struct{ Kind string }
		Lines    []struct {
			ID        int64
			Kind      string
			DocNumber string `json:"doc_number"`
			DueDate   string `json:"due_date"`
		}
	}
}

// findCase returns the first open demo case (and its JSON) that ok accepts.
func findCase(t *testing.T, db string, ok func(demoCase) bool) demoCase {
	t.Helper()
	_, out, _ := cli(t, "-db", db, "cases", "-json")
	var rows []struct{ Ref, Status string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		switch r.Status {
		case "solde", "judiciaire", "abandonne":
			continue
		}
		_, out, _ := cli(t, "-db", db, "case", r.Ref, "-json")
		var c demoCase
		if json.Unmarshal([]byte(out), &c) == nil && ok(c) {
			return c
		}
	}
	t.Fatal("no demo case fits")
	return demoCase{}
}

// TestPayLinesAndCheckAllocations: `pay -lines` imputes on the debtor's
// chosen invoice (C. civ. 1342-10 al. 1), a line of no case is refused,
// and `pay -check-allocations` lists nothing on a demo office whose
// payments were all allocated by the law.
func TestPayLinesAndCheckAllocations(t *testing.T) {
	db := demoDB(t)
	c := findCase(t, db, func(c demoCase) bool {
		n := 0
		for _, l := range c.Case.Lines {
			if l.Kind == "principal" {
				n++
			}
		}
		return n >= 2
	})
	var newest int64
	for _, l := range c.Case.Lines {
		if l.Kind == "principal" {
			newest = l.ID // lines come by due date: the last is the newest
		}
	}
	code, out, errOut := cli(t, "-db", db, "pay", c.Case.Ref, "-amount", "10", "-date", "2026-11-02", "-method", "virement", "-lines", fmt.Sprint(newest), "-json")
	var res struct {
		Payment struct {
			Lines      []int64
			Allocation []struct {
				LineID         int64 `json:"line_id"`
				InterestCents  int64 `json:"interest_cents"`
				PrincipalCents int64 `json:"principal_cents"`
			}
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("pay -lines = %d, %s, %s", code, out, errOut)
	}
	if len(res.Payment.Lines) != 1 || len(res.Payment.Allocation) != 1 || res.Payment.Allocation[0].LineID != newest {
		t.Errorf("pay -lines %d allocated %+v, want the chosen line only", newest, res.Payment.Allocation)
	}
	for _, bad := range [][]string{{"-lines", "abc"}, {"-lines", "999999"}} {
		args := append([]string{"-db", db, "pay", c.Case.Ref, "-amount", "1", "-date", "2026-11-02", "-method", "virement"}, bad...)
		if code, _, errOut := cli(t, args...); code == 0 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("pay %v = %d, %q; want one French error line", bad, code, errOut)
		}
	}

	code, out, errOut = cli(t, "-db", db, "pay", "-check-allocations", "-json")
	var chk struct {
		Checked int
		Differ  []struct{ Ref string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &chk) != nil || chk.Checked == 0 || len(chk.Differ) != 0 {
		t.Fatalf("pay -check-allocations -json = %d, %s, %s", code, out, errOut)
	}
	if code, out, _ := cli(t, "-db", db, "pay", "-check-allocations"); code != 0 || !strings.Contains(out, "diffèrent de la loi") {
		t.Errorf("pay -check-allocations = %d, %s", code, out)
	}
	if code, _, _ := cli(t, "-db", db, "pay", c.Case.Ref, "-check-allocations"); code != 2 {
		t.Errorf("pay REF -check-allocations = %d, want 2", code)
	}
}

// TestIndemnitiesCommand: a demo case between professionals with fewer
// indemnities than late invoices gets them proposed, then added with
// -add; a second run proposes none (L441-10, D441-5: one per invoice).
func TestIndemnitiesCommand(t *testing.T) {
	db := demoDB(t)
	var ref string
	findCase(t, db, func(c demoCase) bool {
		if c.Case.Creditor.LegalKind != "professionnel" || len(c.Case.Debtors) == 0 {
			return false
		}
		for _, d := range c.Case.Debtors {
			if d.Party.LegalKind != "professionnel" {
				return false
			}
		}
		code, out, _ := cli(t, "-db", db, "indemnities", c.Case.Ref, "-json")
		var lines []struct{ Kind string }
		if code == 0 && json.Unmarshal([]byte(out), &lines) == nil && len(lines) > 0 {
			ref = c.Case.Ref
			return true
		}
		return false
	})
	code, out, errOut := cli(t, "-db", db, "indemnities", ref, "-add")
	if code != 0 || !strings.Contains(out, "ajoutée(s)") {
		t.Fatalf("indemnities %s -add = %d, %s, %s", ref, code, out, errOut)
	}
	code, out, _ = cli(t, "-db", db, "indemnities", ref, "-json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("indemnities %s after -add = %d, %s; want none", ref, code, out)
	}
}

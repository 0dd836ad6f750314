package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalcPrescriptionKinds: calc prescription takes the kind of each
// act. 5 years from 10/03/2021: a mediation from 01/06/2023 to 31/08/2023
// (91 days, C. civ. 2238) moves 10/03/2026 to 09/06/2026; a formal notice
// does not interrupt; a title (CPCE L111-4) gives ten years.
func TestCalcPrescriptionKinds(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-interrupted", "mediation:2023-06-01:2023-08-31"}, `"expires": "2026-06-09"`},
		{[]string{"-interrupted", "mise_en_demeure:2023-06-01"}, `"expires": "2026-03-10"`},
		{[]string{"-interrupted", "demande_en_justice:2024-02-01"}, `"expires": "2029-02-01"`},
		{[]string{"-interrupted", "titre_executoire:2024-02-01"}, `"years": 10`},
		{[]string{"-interrupted", "petites_creances:2025-12-01", "-at", "2026-01-31"}, `"suspended": true`},
	} {
		args := append([]string{"calc", "prescription", "-years", "5", "-start", "2021-03-10", "-json"}, tc.args...)
		if code, out, errOut := cli(t, args...); code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("calc prescription %v = %d, %s %s; want %s", tc.args, code, out, errOut, tc.want)
		}
	}
	if code, _, errOut := cli(t, "calc", "prescription", "-years", "5", "-start", "2021-03-10", "-interrupted", "relance:2023-06-01"); code != 2 || !strings.Contains(errOut, "inconnu") {
		t.Errorf("unknown kind = %d, %q", code, errOut)
	}
}

// TestInterruptAndPlanSignCommands: `interrupt` records an act with its
// document and moves the limitation date, `-list` shows it, a running
// mediation is ended with -close; `plan -sign` signs the current plan.
func TestInterruptAndPlanSignCommands(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-status", "negociation", "-limit", "1", "-json")
	var rows []struct{ Ref string }
	if json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 {
		t.Fatalf("no case in negotiation: %s", out)
	}
	ref := rows[0].Ref
	scan := filepath.Join(t.TempDir(), "reconnaissance.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 reconnaissance signée"), 0o644)
	code, out, errOut := cli(t, "-db", db, "interrupt", ref, "-kind", "reconnaissance", "-date", "2026-11-02", "-doc", scan, "-json")
	var res struct {
		Interruption struct {
			ID       int64
			Kind     string
			Document int64
		}
		After struct{ Expires string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Interruption.Kind != "reconnaissance" || res.Interruption.Document == 0 || res.After.Expires < "2028-11-02" {
		t.Fatalf("interrupt = %d, %s, %s", code, out, errOut)
	}
	code, out, errOut = cli(t, "-db", db, "interrupt", ref, "-kind", "mediation", "-date", "2026-11-03")
	if code != 0 || !strings.Contains(out, "Conciliation ou médiation du 03/11/2026 enregistrée") || !strings.Contains(out, "suspendue") {
		t.Fatalf("interrupt mediation = %d, %s, %s", code, out, errOut)
	}
	code, out, _ = cli(t, "-db", db, "interrupt", ref, "-list", "-json")
	var its []struct {
		ID   int64
		Kind string
		End  string
	}
	if code != 0 || json.Unmarshal([]byte(out), &its) != nil || len(its) != 2 {
		t.Fatalf("interrupt -list = %d, %s", code, out)
	}
	if code, out, errOut := cli(t, "-db", db, "interrupt", ref, "-close", "2", "-date", "2026-11-20"); code != 0 || !strings.Contains(out, "Date de prescription") {
		t.Errorf("interrupt -close = %d, %s, %s", code, out, errOut)
	}
	for _, bad := range [][]string{
		{"interrupt", ref, "-kind", "mise_en_demeure", "-date", "2026-11-02"},
		{"interrupt", ref, "-kind", "reconnaissance"},
		{"interrupt", ref, "-kind", "reconnaissance", "-date", "2031-01-01"},
		{"interrupt", ref, "-list", "-kind", "reconnaissance"},
		{"plan", ref, "-sign", "-instalments", "3"},
	} {
		if code, _, errOut := cli(t, append([]string{"-db", db}, bad...)...); code == 0 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v = %d, %q; want one French error line", bad, code, errOut)
		}
	}

	if code, out, errOut := cli(t, "-db", db, "plan", ref, "-instalments", "4", "-first", "2027-01-10"); code != 0 {
		t.Fatalf("plan = %d, %s, %s", code, out, errOut)
	}
	code, out, errOut = cli(t, "-db", db, "plan", ref, "-sign", "-date", "2026-11-25")
	if code != 0 || !strings.Contains(out, "signé le 25/11/2026") || !strings.Contains(out, "2240") {
		t.Fatalf("plan -sign = %d, %s, %s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "-db", db, "plan", ref, "-sign"); code != 1 || !strings.Contains(errOut, "déjà signé") {
		t.Errorf("plan -sign twice = %d, %q", code, errOut)
	}
}

// TestFormalNoticeBeforeTheReminderDeadline: a formal notice the day a
// first reminder was issued, before its deadline, is refused with the date
// that deadline expires; -force issues it.
func TestFormalNoticeBeforeTheReminderDeadline(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-status", "relance", "-json")
	var rows []struct{ Ref string }
	json.Unmarshal([]byte(out), &rows)
	var ref string
	var reminder struct{ Ref, Deadline string }
	for _, r := range rows {
		if code, out, _ := cli(t, "-db", db, "letter", r.Ref, "relance1", "-json"); code == 0 && json.Unmarshal([]byte(out), &reminder) == nil {
			ref = r.Ref
			break
		}
	}
	if ref == "" {
		t.Fatal("no demo case in relance accepts a first reminder")
	}
	code, _, errOut := cli(t, "-db", db, "letter", ref, "mise-en-demeure", "-tracking", "1A 987 654 3210 9")
	deadline := reminder.Deadline[8:10] + "/" + reminder.Deadline[5:7] + "/" + reminder.Deadline[0:4]
	if code != 1 || !strings.Contains(errOut, "jusqu'au "+deadline) || !strings.Contains(errOut, "-force") || !strings.Contains(errOut, reminder.Ref) {
		t.Fatalf("notice before the reminder's deadline = %d, %q; want a refusal naming %s and %s", code, errOut, reminder.Ref, deadline)
	}
	code, out, errOut = cli(t, "-db", db, "letter", ref, "mise-en-demeure", "-tracking", "1A 987 654 3210 9", "-force", "-json")
	if code != 0 || !strings.Contains(out, `"kind": "mise-en-demeure"`) {
		t.Fatalf("notice with -force = %d, %s, %s", code, out, errOut)
	}
}

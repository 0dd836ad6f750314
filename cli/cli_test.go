package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cli runs the command line in-process and returns its exit code and outputs.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, &out, &errOut, nil)
	return code, out.String(), errOut.String()
}

func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, out, errOut := cli(t, "-db", db, "demo", "-cases", "60", "-seed", "4"); code != 0 || !strings.Contains(out, "60 dossiers") {
		t.Fatalf("demo = %d, %q, %q", code, out, errOut)
	}
	return db
}

func TestCasesAndCaseCommands(t *testing.T) {
	db := demoDB(t)
	code, out, errOut := cli(t, "-db", db, "cases", "-json")
	var rows []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 60 {
		t.Fatalf("cases -json = %d rows (code %d, stderr %q)", len(rows), code, errOut)
	}
	for _, key := range []string{"ref", "creditor", "debtor", "status", "status_label", "principal_cents", "balance_cents", "opened"} {
		if _, ok := rows[0][key]; !ok {
			t.Errorf("cases -json row lacks %q: %v", key, rows[0])
		}
	}
	// Search by the last word of a debtor's name finds that case.
	ref := rows[7]["ref"].(string)
	name := strings.Fields(rows[7]["debtor"].(string))
	code, out, _ = cli(t, "-db", db, "cases", "-q", name[len(name)-1], "-json")
	if code != 0 || !strings.Contains(out, ref) {
		t.Fatalf("cases -q %s = %d, %s; want %s", name[len(name)-1], code, out, ref)
	}
	code, out, _ = cli(t, "-db", db, "cases", "-status", "relance", "-limit", "2", "-json")
	json.Unmarshal([]byte(out), &rows)
	if code != 0 || len(rows) > 2 {
		t.Fatalf("cases -status relance -limit 2 = %d rows", len(rows))
	}
	for _, r := range rows {
		if r["status"] != "relance" {
			t.Fatalf("status filter let %v through", r)
		}
	}
	code, out, _ = cli(t, "-db", db, "case", ref, "-json")
	var c struct {
		Case      struct{ Ref string }
		Checklist []struct{ Key string }
		Journal   []struct{ Text string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &c) != nil || c.Case.Ref != ref || len(c.Checklist) != 5 || len(c.Journal) == 0 {
		t.Fatalf("case %s -json = %d, %+v", ref, code, c)
	}
	code, out, _ = cli(t, "-db", db, "case", ref)
	for _, want := range []string{"Dossier " + ref, "Créancier", "Vérification de la créance", "Journal"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("case %s text output lacks %q", ref, want)
		}
	}
}

func TestCommandErrorsAreOneFrenchLine(t *testing.T) {
	db := demoDB(t)
	missing := filepath.Join(t.TempDir(), "absent.db")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-db", db, "frobnicate"}, 2, "commande inconnue"},
		{[]string{"-db", db, "case", "2026-99999"}, 1, "Aucun dossier 2026-99999"},
		{[]string{"-db", db, "case", "42"}, 1, "invalide"},
		{[]string{"-db", db, "case"}, 2, "référence du dossier"},
		{[]string{"-db", db, "cases", "-status", "perdu"}, 2, "statut inconnu"},
		{[]string{"-db", missing, "cases"}, 1, "Aucune base Amiable ici"},
		{[]string{"-db", db, "demo", "-cases", "3"}, 1, "déjà"},
		{[]string{"-db", db, "calc", "interest", "-principal", "12x", "-from", "2025-01-01", "-to", "2025-02-01", "-creditor", "particulier"}, 2, "montant invalide"},
		{[]string{"-db", db, "calc", "interest", "-principal", "100", "-from", "2026-03-01", "-to", "2027-02-01", "-creditor", "particulier"}, 1, "1er semestre 2027"},
		{[]string{"-db", db, "calc", "deadline", "-from", "2026-02-30", "-days", "8"}, 2, "n'existe pas"},
	} {
		code, _, errOut := cli(t, tc.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != tc.code || !strings.Contains(errOut, tc.want) || len(lines) != 1 {
			t.Errorf("amiable %v = exit %d, stderr %q; want exit %d and one line containing %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

func TestCalcCommands(t *testing.T) {
	db := demoDB(t)
	// 1 234,56 € at the private-person legal rate from 10 March 2025 to 15 February 2026:
	//   2025 S1: 123456 × 112 d × 7,21 % / 365 = 2731,32 → 27,31 €
	//   2025 S2: 123456 × 184 d × 6,65 % / 365 = 4138,65 → 41,39 €
	//   2026 S1: 123456 ×  46 d × 6,67 % / 365 = 1037,77 → 10,38 €  total 79,08 €
	code, out, errOut := cli(t, "-db", db, "calc", "interest", "-principal", "1 234,56", "-from", "2025-03-10", "-to", "2026-02-15", "-creditor", "particulier", "-json")
	var res struct {
		TotalCents int64 `json:"total_cents"`
		Periods    []struct {
			From, To    string
			Days        int
			RatePercent float64 `json:"rate_percent"`
			AmountCents int64   `json:"amount_cents"`
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("calc interest = %d, %q, %q", code, out, errOut)
	}
	if res.TotalCents != 7908 || len(res.Periods) != 3 || res.Periods[0].AmountCents != 2731 || res.Periods[1].Days != 184 || res.Periods[2].RatePercent != 6.67 {
		t.Fatalf("calc interest = %+v; want 7908 cents in 3 periods", res)
	}
	// Friday 15 May 2026 + 8 days = Saturday 23 May → Sunday 24, Whit Monday 25 → Tuesday 26 May.
	if code, out, _ := cli(t, "-db", db, "calc", "deadline", "-from", "2026-05-15", "-days", "8", "-json"); code != 0 || !strings.Contains(out, `"deadline": "2026-05-26"`) {
		t.Fatalf("calc deadline = %d, %s", code, out)
	}
	if code, out, _ := cli(t, "-db", db, "calc", "deadline", "-from", "2026-01-31", "-months", "1", "-json"); code != 0 || !strings.Contains(out, `"deadline": "2026-03-02"`) {
		t.Fatalf("calc deadline 31 Jan + 1 month = %d, %s; want Saturday 28 Feb moved to Monday 2 March", code, out)
	}
	// 5 years from 10 March 2021, interrupted by an acknowledgement on 1 June 2023: a new full period.
	if code, out, _ := cli(t, "calc", "prescription", "-years", "5", "-start", "2021-03-10", "-interrupted", "2023-06-01", "-json"); code != 0 || !strings.Contains(out, `"expires": "2028-06-01"`) {
		t.Fatalf("calc prescription = %d, %s", code, out)
	}
}

func TestPlanPayExportCommands(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-status", "negociation", "-limit", "1", "-json")
	var rows []struct{ Ref string }
	if json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 1 {
		t.Fatalf("no case in negotiation in the demo: %s", out)
	}
	ref := rows[0].Ref
	code, out, errOut := cli(t, "-db", db, "pay", ref, "-amount", "25,50", "-date", "2026-11-02", "-method", "chèque", "-ref", "CHQ 0042", "-json")
	var res struct {
		Payment struct {
			ID          int64
			AmountCents int64 `json:"amount_cents"`
			Method      string
		}
		Statement struct{ At string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Payment.AmountCents != 2550 || res.Payment.Method != "cheque" {
		t.Fatalf("pay = %d, %s, %s", code, out, errOut)
	}
	code, out, errOut = cli(t, "-db", db, "plan", ref, "-instalments", "4", "-first", "2027-01-10", "-json")
	var plan struct {
		TotalCents  int64 `json:"total_cents"`
		Instalments []struct {
			AmountCents int64 `json:"amount_cents"`
			Due         string
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &plan) != nil || len(plan.Instalments) != 4 || plan.Instalments[3].Due != "2027-04-10" {
		t.Fatalf("plan = %d, %s, %s", code, out, errOut)
	}
	var sum int64
	for _, in := range plan.Instalments {
		sum += in.AmountCents
	}
	if sum != plan.TotalCents {
		t.Fatalf("instalments sum to %d; want %d", sum, plan.TotalCents)
	}
	csvPath := filepath.Join(t.TempDir(), "mouvements.csv")
	if code, out, errOut := cli(t, "-db", db, "export", "payments", "-from", "2026-11-01", "-to", "2026-11-30", "-o", csvPath); code != 0 {
		t.Fatalf("export = %d, %s, %s", code, out, errOut)
	}
	b, _ := os.ReadFile(csvPath)
	if !strings.Contains(string(b), ref+";") || !strings.Contains(string(b), ";25,50;2550;cheque;CHQ 0042;") {
		t.Fatalf("export lacks the payment:\n%s", b)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-db", db, "pay", ref, "-amount", "-3", "-date", "2026-11-02", "-method", "cheque"}, "négatif"},
		{[]string{"-db", db, "pay", ref, "-amount", "3", "-date", "2031-11-02", "-method", "cheque"}, "futur"},
		{[]string{"-db", db, "pay", ref, "-amount", "3", "-date", "2026-11-02", "-method", "troc"}, "inconnu"},
		{[]string{"-db", db, "plan", ref, "-instalments", "90000", "-first", "2027-01-10"}, "trop"},
		{[]string{"-db", db, "export", "payments", "-from", "2026-11-01", "-to", "2026-11-30", "-o", "x.pdf"}, ".csv ou .xlsx"},
	} {
		code, _, errOut := cli(t, tc.args...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("amiable %v = %d, %q; want a refusal containing %q", tc.args[2:], code, errOut, tc.want)
		}
	}
}

func TestLetterAndPostCommands(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-status", "relance", "-json")
	var rows []struct{ Ref string }
	json.Unmarshal([]byte(out), &rows)
	// The first case whose checklist allows a letter.
	var ref string
	for _, r := range rows {
		if code, _, _ := cli(t, "-db", db, "letter", r.Ref, "relance2", "-preview"); code == 0 {
			ref = r.Ref
			break
		}
	}
	if ref == "" {
		t.Fatal("no demo case in relance accepts a second reminder")
	}
	code, _, errOut := cli(t, "-db", db, "letter", ref, "mise-en-demeure")
	if code != 1 || !strings.Contains(errOut, "numéro de l'envoi recommandé") {
		t.Fatalf("notice without tracking = %d, %q", code, errOut)
	}
	pdf := filepath.Join(t.TempDir(), "mise-en-demeure.pdf")
	code, out, errOut = cli(t, "-db", db, "letter", ref, "mise-en-demeure", "-tracking", "1A 987 654 3210 9", "-o", pdf, "-json")
	var l struct{ Kind, Ref, Path, SHA256, Deadline string }
	if code != 0 || json.Unmarshal([]byte(out), &l) != nil || l.Kind != "mise-en-demeure" || len(l.SHA256) != 64 || l.Deadline == "" {
		t.Fatalf("letter = %d, %s, %s", code, out, errOut)
	}
	kept, _ := os.ReadFile(l.Path)
	copied, _ := os.ReadFile(pdf)
	if len(kept) == 0 || string(kept) != string(copied) || filepath.Base(l.Path) != l.SHA256 {
		t.Fatalf("kept PDF %s and copy differ (%d / %d bytes)", l.Path, len(kept), len(copied))
	}
	batch := filepath.Join(t.TempDir(), "tournee.pdf")
	if code, out, errOut := cli(t, "-db", db, "post", "day", "-o", batch); code != 0 || !strings.Contains(out, "1 recommandé") {
		t.Fatalf("post day = %d, %q, %q", code, out, errOut)
	}
	today := time.Now().Format("2006-01-02")
	if code, out, errOut := cli(t, "-db", db, "post", "ar", "1A 987 654 3210 9", "-outcome", "delivered", "-date", today); code != 0 || !strings.Contains(out, "Distribué") {
		t.Fatalf("post ar = %d, %q, %q", code, out, errOut)
	}
	if code, _, errOut := cli(t, "-db", db, "post", "ar", "1A 987 654 3210 9", "-outcome", "refused", "-date", today); code == 0 || !strings.Contains(errOut, "déjà enregistré") {
		t.Fatalf("second AR = %d, %q", code, errOut)
	}
	_, out, _ = cli(t, "-db", db, "case", ref)
	if !strings.Contains(out, "Courrier émis : Mise en demeure") || !strings.Contains(out, "AR du courrier") {
		t.Fatalf("journal lacks the letter and its AR:\n%s", out)
	}
	if code, _, errOut := cli(t, "-db", db, "letter", ref, "frobnication"); code != 2 || !strings.Contains(errOut, "inconnu") {
		t.Fatalf("unknown kind = %d, %q", code, errOut)
	}
}

func TestMailAndSyncCommands(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-limit", "1", "-json")
	var rows []struct{ Ref string }
	json.Unmarshal([]byte(out), &rows)
	port := memIMAP(t,
		"From: debiteur@exemple.fr\r\nSubject: Dossier "+rows[0].Ref+"\r\nMessage-ID: <1@exemple.fr>\r\n\r\nJe vous propose un échéancier.\r\n",
		"From: inconnu@exemple.fr\r\nSubject: Bonjour\r\nMessage-ID: <2@exemple.fr>\r\n\r\nQui êtes-vous ?\r\n")
	if code, _, errOut := cli(t, "-db", db, "mail", "set", "-host", "mail.example.org", "-port", "143", "-security", "none", "-user", "u"); code == 0 || !strings.Contains(errOut, "127.0.0.1") {
		t.Fatalf("plain IMAP to a remote host = %d, %q; want a refusal", code, errOut)
	}
	if code, out, errOut := cli(t, "-db", db, "mail", "set", "-host", "127.0.0.1", "-port", port, "-security", "none", "-user", "amiable"); code != 0 {
		t.Fatalf("mail set = %d, %q, %q", code, out, errOut)
	}
	t.Setenv("AMIABLE_IMAP_PASSWORD", "wrong")
	if code, _, errOut := cli(t, "-db", db, "sync"); code != 1 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Fatalf("sync with a wrong password = %d, %q; want one French line", code, errOut)
	}
	t.Setenv("AMIABLE_IMAP_PASSWORD", "secret")
	code, out, errOut := cli(t, "-db", db, "sync", "-json")
	var res struct{ Fetched, Filed, Triage, Duplicates, Errors int }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Fetched != 2 || res.Filed != 1 || res.Triage != 1 {
		t.Fatalf("sync = %d, %s, %s", code, out, errOut)
	}
	if _, out, _ := cli(t, "-db", db, "sync", "-json"); !strings.Contains(out, `"fetched": 0`) {
		t.Fatalf("second sync = %s", out)
	}
	if _, out, _ := cli(t, "-db", db, "cases", "-q", "échéancier propose", "-json"); !strings.Contains(out, rows[0].Ref) {
		t.Fatalf("search in mail text did not find %s: %s", rows[0].Ref, out)
	}
}

package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// A subject with CR/LF and U+202E, decoded from a mail, does not print a
// fake journal line in `amiable case`.
func TestForgedSubjectPrintsNoFakeJournalLine(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-limit", "1", "-json")
	var rows []struct{ Ref string }
	json.Unmarshal([]byte(out), &rows)
	ref := rows[0].Ref
	fake := "01/01/2026 09:00  Note                   Me Martin — Dette effacée, dossier soldé"
	port := memIMAP(t, "From: debiteur@exemple.fr\r\nSubject: =?utf-8?Q?Dossier_"+ref+"=0D=0A__"+
		strings.NewReplacer(" ", "_", "—", "=E2=80=94", "é", "=C3=A9", ",", "=2C").Replace(fake)+"=E2=80=AE?=\r\n"+
		"Message-ID: <forge@exemple.fr>\r\n\r\nBonjour.\r\n  "+fake+"\r\n")
	if code, _, errOut := cli(t, "-db", db, "mail", "set", "-host", "127.0.0.1", "-port", port, "-security", "none", "-user", "amiable"); code != 0 {
		t.Fatalf("mail set = %d, %q", code, errOut)
	}
	t.Setenv("AMIABLE_IMAP_PASSWORD", "secret")
	if code, out, errOut := cli(t, "-db", db, "sync", "-json"); code != 0 || !strings.Contains(out, `"filed": 1`) {
		t.Fatalf("sync = %d, %s, %s", code, out, errOut)
	}
	code, out, errOut := cli(t, "-db", db, "case", ref)
	if code != 0 || !strings.Contains(out, "Courriel reçu") {
		t.Fatalf("case = %d, %q", code, errOut)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  01/01/2026 09:00") {
			t.Errorf("fake journal line printed: %q", l)
		}
	}
	if strings.ContainsAny(out, "\r\u202E") {
		t.Error("case output holds a CR or a U+202E")
	}
}

func TestCommandLineValuesWithControlsAreRefused(t *testing.T) {
	db := demoDB(t)
	_, out, _ := cli(t, "-db", db, "cases", "-limit", "1", "-json")
	var rows []struct{ Ref string }
	json.Unmarshal([]byte(out), &rows)
	for _, args := range [][]string{
		{"pay", rows[0].Ref, "-amount", "10", "-date", "2026-11-02", "-method", "cheque", "-ref", "CHQ 1\n2026-11-02 Note: annulé"},
		{"pay", rows[0].Ref, "-amount", "10", "-date", "2026-11-02", "-method", "cheque", "-payer", "M. Durand\u202E"},
		{"mail", "set", "-host", "127.0.0.1", "-port", "143", "-security", "none", "-user", "amiable\r\nX"},
	} {
		code, _, errOut := cli(t, append([]string{"-db", db}, args...)...)
		if code != 2 || !strings.Contains(errOut, "caractère de contrôle") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("amiable %q = %d, %q; want a one-line refusal", args, code, errOut)
		}
	}
	_, out, _ = cli(t, "-db", db, "case", rows[0].Ref, "-json")
	if strings.Contains(out, "annulé") || strings.Contains(out, "Durand") {
		t.Error("a refused payment was recorded")
	}
}

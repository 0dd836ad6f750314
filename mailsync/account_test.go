package mailsync

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestAccountDefaultsAndValidate(t *testing.T) {
	a := Account{Host: " imap.example.fr ", User: "etude", Folders: []string{" ", "INBOX/Débiteurs"}}.WithDefaults()
	if a.Host != "imap.example.fr" || a.Security != SecurityTLS || a.Port != 993 || a.Interval != 10*time.Minute {
		t.Errorf("WithDefaults = %+v, want TLS on 993 every 10 min", a)
	}
	if len(a.Folders) != 1 || a.Folders[0] != "INBOX/Débiteurs" {
		t.Errorf("Folders = %q, want the one non-blank folder", a.Folders)
	}
	if got := (Account{Host: "h", Security: SecurityStartTLS}).WithDefaults(); got.Port != 143 || got.Folders[0] != "INBOX" {
		t.Errorf("STARTTLS defaults = port %d folders %q, want 143 and INBOX", got.Port, got.Folders)
	}
	if k := (Account{User: "Etude@Example.FR", Host: "IMAP.example.fr"}).Key(); k != "etude@example.fr@imap.example.fr" {
		t.Errorf("Key = %q", k)
	}

	tests := []struct {
		name  string
		a     Account
		field string // "" = valid
	}{
		{"valid tls", Account{Host: "imap.example.fr", Port: 993, Security: SecurityTLS, User: "u"}, ""},
		{"valid none on localhost", Account{Host: "localhost", Port: 10143, Security: SecurityNone, User: "u"}, ""},
		{"valid none on ::1", Account{Host: "::1", Port: 10143, Security: SecurityNone, User: "u"}, ""},
		{"none to remote", Account{Host: "192.0.2.1", Port: 143, Security: SecurityNone, User: "u"}, "security"},
		{"unknown security", Account{Host: "h", Port: 1, Security: "ssl", User: "u"}, "security"},
		{"url as host", Account{Host: "imaps://imap.example.fr", Port: 993, Security: SecurityTLS, User: "u"}, "host"},
		{"port zero", Account{Host: "h", Security: SecurityTLS, User: "u"}, "port"},
		{"port too big", Account{Host: "h", Port: 70000, Security: SecurityTLS, User: "u"}, "port"},
		{"no user", Account{Host: "h", Port: 993, Security: SecurityTLS}, "user"},
		{"interval too short", Account{Host: "h", Port: 993, Security: SecurityTLS, User: "u", Interval: 10 * time.Second}, "interval"},
		{"bad fingerprint", Account{Host: "h", Port: 993, Security: SecurityTLS, User: "u", TrustedFingerprint: "AB:CD"}, "trusted_fingerprint"},
		{"folder with newline", Account{Host: "h", Port: 993, Security: SecurityTLS, User: "u", Folders: []string{"a\r\nb"}}, "folders"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := tc.a.Validate()
			if tc.field == "" {
				if len(errs) > 0 {
					t.Errorf("Validate(%+v) = %v, want no error", tc.a, errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != tc.field || errs[0].Message == "" {
				t.Errorf("Validate(%+v) = %+v, want one error on %q", tc.a, errs, tc.field)
			}
		})
	}
}

func TestParseSecurity(t *testing.T) {
	for in, want := range map[string]Security{"TLS": SecurityTLS, " starttls ": SecurityStartTLS, "none": SecurityNone} {
		if got, err := ParseSecurity(in); err != nil || got != want {
			t.Errorf("ParseSecurity(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseSecurity("ssl"); err == nil || !strings.Contains(err.Error(), "tls, starttls ou none") {
		t.Errorf("ParseSecurity(ssl) error = %v", err)
	}
}

func TestFingerprintFormat(t *testing.T) {
	_, cert := selfSigned(t)
	fp := Fingerprint(cert)
	if len(fp) != 95 || strings.ToUpper(fp) != fp || strings.Count(fp, ":") != 31 {
		t.Errorf("Fingerprint = %q, want 32 upper-case hex pairs joined by colons", fp)
	}
	if normFingerprint(fp) != normFingerprint(strings.ToLower(strings.ReplaceAll(fp, ":", " "))) {
		t.Error("fingerprints written differently should compare equal")
	}
}

// The password comes from the keyring, else from AMIABLE_IMAP_PASSWORD;
// with neither, a French message says where to type it.
func TestPassword(t *testing.T) {
	a := Account{Host: "imap.example.fr", User: "etude"}
	t.Run("keyring", func(t *testing.T) {
		keyring.MockInit()
		t.Setenv(PasswordEnv, "depuis-env")
		if err := SavePassword(a, "depuis-trousseau"); err != nil {
			t.Fatal(err)
		}
		if pw, err := Password(a); err != nil || pw != "depuis-trousseau" {
			t.Errorf("Password = %q, %v; want the keyring's", pw, err)
		}
		if got, _ := keyring.Get(KeyringService, "etude@imap.example.fr"); got != "depuis-trousseau" {
			t.Errorf("keyring entry under %s/etude@imap.example.fr = %q", KeyringService, got)
		}
		if err := DeletePassword(a); err != nil {
			t.Fatal(err)
		}
		if pw, _ := Password(a); pw != "depuis-env" {
			t.Errorf("Password after delete = %q, want the environment's", pw)
		}
		if err := DeletePassword(a); err != nil {
			t.Errorf("deleting a missing entry: %v", err)
		}
	})
	t.Run("no keyring", func(t *testing.T) {
		keyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided"))
		t.Setenv(PasswordEnv, "depuis-env")
		if pw, err := Password(a); err != nil || pw != "depuis-env" {
			t.Errorf("Password = %q, %v; want the environment's", pw, err)
		}
		err := SavePassword(a, "x")
		if ErrorCode(err) != CodeNoPassword || !strings.Contains(UserMessage(err), PasswordEnv) {
			t.Errorf("SavePassword without keyring = %v (%q), want a message naming %s", err, UserMessage(err), PasswordEnv)
		}
		t.Setenv(PasswordEnv, "")
		_, err = Password(a)
		if ErrorCode(err) != CodeNoPassword || !strings.Contains(UserMessage(err), "trousseau") {
			t.Errorf("Password with nothing = %v (%q)", err, UserMessage(err))
		}
	})
	t.Run("nothing saved", func(t *testing.T) {
		keyring.MockInit()
		t.Setenv(PasswordEnv, "")
		_, err := Password(a)
		if ErrorCode(err) != CodeNoPassword || !strings.Contains(UserMessage(err), "Paramètres → Courriel") {
			t.Errorf("Password with nothing saved = %v (%q)", err, UserMessage(err))
		}
	})
}

func TestNextDelay(t *testing.T) {
	tests := []struct {
		interval time.Duration
		failures int
		want     time.Duration
	}{
		{10 * time.Minute, 0, 10 * time.Minute},
		{0, 0, DefaultInterval},
		{10 * time.Minute, 1, time.Minute},
		{10 * time.Minute, 2, 2 * time.Minute},
		{10 * time.Minute, 4, 8 * time.Minute},
		{10 * time.Minute, 6, 32 * time.Minute},
		{10 * time.Minute, 7, time.Hour},
		{10 * time.Minute, 1000, time.Hour},
	}
	for _, tc := range tests {
		if got := NextDelay(tc.interval, tc.failures); got != tc.want {
			t.Errorf("NextDelay(%v, %d) = %v, want %v", tc.interval, tc.failures, got, tc.want)
		}
	}
}

func TestResultJSONNames(t *testing.T) {
	r := Result{Fetched: 5, Filed: 2, Triage: 1, Duplicates: 1, Errors: 1}
	got := mustJSON(t, r)
	want := `{"fetched":5,"filed":2,"triage":1,"duplicates":1,"errors":1}`
	if got != want {
		t.Errorf("JSON = %s, want %s", got, want)
	}
	if sum := r.Add(r); sum != (Result{10, 4, 2, 2, 2}) {
		t.Errorf("Add = %+v", sum)
	}
}

func TestUserMessage(t *testing.T) {
	if UserMessage(nil) != "" {
		t.Error("UserMessage(nil) should be empty")
	}
	if got := UserMessage(errors.New("boom")); !strings.Contains(got, "boom") || !strings.HasPrefix(got, "La synchronisation") {
		t.Errorf("UserMessage(other) = %q", got)
	}
	if Retryable(nil) {
		t.Error("Retryable(nil) = true")
	}
	if !Retryable(&Error{Code: CodeDropped}) || !Retryable(errors.New("x")) {
		t.Error("a dropped connection or an unknown error should be retried")
	}
	if got := groupThousands(1234567); got != "1\u202f234\u202f567" {
		t.Errorf("groupThousands = %q", got)
	}
}

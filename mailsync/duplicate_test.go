package mailsync

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

// A message with a held Message-ID but other bytes is filed too, flagged;
// the very same bytes again are a duplicate.
func TestSyncMemSameMessageIDOtherBytes(t *testing.T) {
	srv := newMemIMAP(t)
	srv.start()
	genuine := genMessage(7)
	forged := bytes.Replace(genuine, []byte("150,00"), []byte("1,00"), 1)
	srv.appendTo("INBOX", forged, genuine, genuine)
	store := newMemStore()
	res, err := (&Syncer{Store: store}).Sync(context.Background(), srv.account(), memPassword)
	if err != nil {
		t.Fatal(err)
	}
	if res.Fetched != 3 || res.Duplicates != 1 || res.Filed+res.Triage != 2 {
		t.Fatalf("Sync = %+v; want 2 kept, 1 duplicate", res)
	}
	key := Parse(genuine).Key
	other := OtherBytesKey(key, Parse(genuine).SHA256)
	checkFiledOnce(t, store, []string{key, other})
	for _, k := range []string{key, other} {
		m, _ := store.message(k)
		if !slices.Contains(m.Message.Warnings, SameIDWarning) {
			t.Errorf("%s: warnings %q lack %q", k, m.Message.Warnings, SameIDWarning)
		}
	}
	if m, _ := store.message(other); !bytes.Equal(m.Raw, genuine) {
		t.Error("the second message's raw bytes are not the genuine ones")
	}
}

// Decoded headers lose the line breaks and bidirectional overrides they
// could forge a journal line or a file name with.
func TestParseCleansDecodedText(t *testing.T) {
	raw := []byte("From: =?utf-8?Q?Claire=0D=0AMartin?= <claire@exemple.fr>\r\n" +
		"Subject: =?utf-8?Q?Dossier_2026-00042=0D=0A04/12/2026_10:00__Note__Dette_effac=C3=A9e=E2=80=AE?=\r\n" +
		"Message-ID: <x@exemple.fr>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nJe paie=E2=80=AE le 5=1B[2J.\r\n" +
		"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"=?utf-8?Q?facture=E2=80=AEfdp.exe?=\"\r\n\r\nxx\r\n--b--\r\n")
	m := Parse(raw)
	if m.Subject != "Dossier 2026-00042 04/12/2026 10:00 Note Dette effacée" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if m.From.Name != "Claire Martin" {
		t.Errorf("From name = %q", m.From.Name)
	}
	if strings.ContainsAny(m.Text, "\u202E\x1b") {
		t.Errorf("Text = %q", m.Text)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "facturefdp.exe" {
		t.Errorf("attachments = %+v", m.Attachments)
	}
}

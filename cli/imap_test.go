package cli

import (
	"io"
	"log"
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

type literal struct {
	*strings.Reader
	n int64
}

func (l literal) Size() int64 { return l.n }

// memIMAP serves msgs in INBOX (user amiable, password secret) on a
// loopback port with go-imap's in-memory server and returns the port.
func memIMAP(t *testing.T, msgs ...string) string {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("amiable", "secret")
	user.Create("INBOX", nil)
	mem.AddUser(user)
	for _, m := range msgs {
		if _, err := user.Append("INBOX", literal{strings.NewReader(m), int64(len(m))}, &imap.AppendOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

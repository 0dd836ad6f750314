package cli

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// emptySharedBase creates an empty database on the test server
// (AMIABLE_PG_URL, see scripts/postgres.sh) and returns its URL.
func emptySharedBase(t *testing.T) string {
	t.Helper()
	raw := os.Getenv("AMIABLE_PG_URL")
	if raw == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("AMIABLE_PG_URL n'est pas défini : la CI doit lancer les tests PostgreSQL")
		}
		t.Skip("pas de serveur PostgreSQL (AMIABLE_PG_URL vide)")
	}
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		t.Fatal(err)
	}
	admin := stdlib.OpenDB(*cfg)
	defer admin.Close()
	name := fmt.Sprintf("amiable_cli%d_%d", os.Getpid(), len(t.Name()))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cfg, _ := pgx.ParseConfig(raw)
		db := stdlib.OpenDB(*cfg)
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		db.Close()
	})
	u, _ := url.Parse(raw)
	u.Path = "/" + name
	return u.String()
}

func TestMigrateCommandMovesTheDeskToTheSharedBase(t *testing.T) {
	db := demoDB(t)
	base := emptySharedBase(t)
	code, out, errOut := cli(t, "-db", db, "migrate", "-to", base, "-chunk", "100")
	if code != 0 || !strings.Contains(out, "comptes et empreintes vérifiés") {
		t.Fatalf("migrate = %d, %q, %q", code, out, errOut)
	}
	_, desk, _ := cli(t, "-db", db, "cases", "-json")
	code, shared, errOut := cli(t, "-db", base, "cases", "-json")
	if code != 0 || desk != shared || !strings.Contains(shared, "\"ref\"") {
		t.Fatalf("cases on the shared base = %d, %q (%q); want the desk's list", code, shared, errOut)
	}
	code, _, errOut = cli(t, "-db", db, "migrate", "-to", base)
	if code == 0 || !strings.Contains(errOut, "déjà reçu une migration complète") || strings.Count(errOut, "\n") != 1 {
		t.Fatalf("second migrate = %d, %q; want a one-line refusal", code, errOut)
	}
	if code, _, errOut := cli(t, "-db", db, "migrate"); code != 2 || !strings.Contains(errOut, "postgres://") {
		t.Fatalf("migrate without -to = %d, %q", code, errOut)
	}
}

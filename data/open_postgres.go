package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/zalando/go-keyring"
)

// KeyringService names the shared base's passwords in the OS keyring, under
// the user "user@host:port/base" (PasswordKey).
const KeyringService = "Amiable base partagée"

//go:embed migrations/postgres/*.sql
var pgMigrationFS embed.FS

// isPostgresURL reports whether a -db value names the shared base.
func isPostgresURL(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// pgMigrations are the PostgreSQL migrations: the same numbers as SQLite's.
func pgMigrations() ([]migration, error) { return loadMigrations(pgMigrationFS, "postgres") }

// PasswordKey is the keyring user of a shared base's URL: user@host:port/base.
func PasswordKey(rawURL string) (string, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return "", invalid("Adresse de la base partagée invalide : %s.", redactURL(rawURL))
	}
	return fmt.Sprintf("%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database), nil
}

// redactURL is the URL without any password, to show in a message.
func redactURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "« postgres://… »"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	u.RawQuery = ""
	return "« " + u.String() + " »"
}

// isLoopback: localhost, 127.0.0.0/8, ::1, or a Unix socket.
func isLoopback(host string) bool {
	if host == "localhost" || strings.HasPrefix(host, "/") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// pgConfig parses the URL and applies the office's rules: a certificate
// check (sslmode=verify-full, the office CA in sslrootcert) except on
// loopback, and the password from PGPASSWORD, ~/.pgpass (read by pgx) or
// else the OS keyring. A password written in the URL is refused: it would
// end up in shortcuts and settings files.
func pgConfig(rawURL string) (*pgx.ConnConfig, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, invalid("Adresse de la base partagée invalide : %s (attendu : postgres://utilisateur@serveur:port/base).", redactURL(rawURL))
	}
	if _, has := u.User.Password(); has {
		return nil, invalid("Le mot de passe ne s'écrit pas dans l'adresse de la base : il est lu dans le trousseau du système, PGPASSWORD ou ~/.pgpass.")
	}
	q := u.Query()
	host := u.Hostname()
	mode := q.Get("sslmode")
	if !isLoopback(host) {
		switch mode {
		case "":
			q.Set("sslmode", "verify-full")
			u.RawQuery = q.Encode()
		case "verify-full":
		default:
			return nil, &Error{Code: EREFUSED, Message: fmt.Sprintf("Connexion refusée : vers « %s », la base partagée exige un chiffrement avec vérification du certificat (sslmode=verify-full et le certificat de l'étude dans sslrootcert), pas sslmode=%s.", host, mode)}
		}
	}
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, invalid("Adresse de la base partagée invalide : %s : %v.", redactURL(rawURL), err)
	}
	if cfg.User == "" || cfg.Database == "" {
		return nil, invalid("Adresse de la base partagée incomplète : %s (attendu : postgres://utilisateur@serveur:port/base).", redactURL(rawURL))
	}
	if cfg.Password == "" {
		key := fmt.Sprintf("%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
		if pw, err := keyring.Get(KeyringService, key); err == nil {
			cfg.Password = pw
		}
	}
	cfg.ConnectTimeout = 10 * time.Second
	return cfg, nil
}

// openPostgres opens the shared base at rawURL: it checks the base's
// identity (amiable_meta) before writing anything, then applies the
// missing migrations (each with its schema_version bump, in one
// transaction under the writer lock, so that two desks starting at once
// migrate once). readOnly refuses an empty or outdated base instead.
func openPostgres(ctx context.Context, rawURL string, readOnly bool) (*Store, error) {
	cfg, err := pgConfig(rawURL)
	if err != nil {
		return nil, err
	}
	ms, err := pgMigrations()
	if err != nil {
		return nil, err
	}
	where := redactURL(rawURL)
	db := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8) // the sweep reads on a few connections at once: keep them (database/sql keeps 2)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, pgConnectError(where, cfg.Host, err)
	}
	s := &Store{path: rawURL, rw: db, ro: db, engine: &postgresDialect}
	version, err := pgIdentity(ctx, db, where)
	if err == nil {
		switch {
		case version > len(ms):
			err = newerSchema(where, version, len(ms))
		case readOnly && version == 0:
			err = &Error{Code: ENOTFOUND, Message: fmt.Sprintf("La base partagée %s n'est pas initialisée : ouvrez-la une fois avec Amiable (poste principal) pour la créer.", where)}
		case readOnly && version < len(ms):
			err = &Error{Code: EREFUSED, Message: fmt.Sprintf("La base partagée %s date d'une version précédente d'Amiable : ouvrez-la une fois avec Amiable pour la mettre à jour.", where)}
		case !readOnly:
			err = s.pgMigrate(ctx, ms, where)
		}
	}
	if err == nil {
		err = s.loadCodes(ctx)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// pgIdentity reads the base's schema version from amiable_meta: 0 for an
// empty base; a base with tables but no amiable_meta, or another
// application's id, is refused.
func pgIdentity(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, where string) (int, error) {
	var meta sql.NullString
	if err := q.QueryRowContext(ctx, "SELECT to_regclass('amiable_meta')::text").Scan(&meta); err != nil {
		return 0, pgError(where, err)
	}
	if !meta.Valid {
		var tables int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p')").Scan(&tables); err != nil {
			return 0, pgError(where, err)
		}
		if tables > 0 {
			return 0, notAmiable(where)
		}
		return 0, nil
	}
	var appID int64
	var version int
	err := q.QueryRowContext(ctx, "SELECT application_id, schema_version FROM amiable_meta").Scan(&appID, &version)
	if err == sql.ErrNoRows || err == nil && appID != ApplicationID {
		return 0, notAmiable(where)
	}
	if err != nil {
		return 0, pgError(where, err)
	}
	return version, nil
}

func notAmiable(where string) error {
	return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base %s contient les tables d'un autre programme, pas une base Amiable. Elle n'a pas été modifiée.", where)}
}

func newerSchema(where string, version, known int) error {
	return &Error{Code: EREFUSED, Message: fmt.Sprintf("La base partagée %s a été écrite par une version plus récente d'Amiable (schéma %d, cette version connaît le schéma %d). Mettez Amiable à jour ; la base n'a pas été modifiée.", where, version, known)}
}

// pgMigrate applies the missing migrations, each in a transaction that
// holds the writer lock, checks the version again, runs the migration and
// bumps amiable_meta.
func (s *Store) pgMigrate(ctx context.Context, ms []migration, where string) error {
	for {
		done, err := s.pgMigrateOne(ctx, ms, where)
		if err != nil || done {
			return err
		}
	}
}

func (s *Store) pgMigrateOne(ctx context.Context, ms []migration, where string) (done bool, err error) {
	tx, err := s.rw.BeginTx(ctx, nil)
	if err != nil {
		return false, pgError(where, err)
	}
	defer tx.Rollback()
	if err := pgWriterLock(ctx, tx); err != nil {
		return false, pgError(where, err)
	}
	version, err := pgIdentity(ctx, tx, where)
	if err != nil {
		return false, err
	}
	if version > len(ms) {
		return false, newerSchema(where, version, len(ms))
	}
	if version == len(ms) {
		return true, nil
	}
	m := ms[version]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return false, pgError(where, fmt.Errorf("migration %s: %w", m.name, err))
	}
	if _, err := tx.ExecContext(ctx, "UPDATE amiable_meta SET schema_version = ?", m.version); err != nil {
		return false, pgError(where, fmt.Errorf("migration %s: %w", m.name, err))
	}
	if err := tx.Commit(); err != nil {
		return false, pgError(where, fmt.Errorf("migration %s: %w", m.name, err))
	}
	return false, nil
}

// IsSharedURL reports whether a -db value (or AMIABLE_DB) names the shared
// office base (postgres:// or postgresql://) rather than a file.
func IsSharedURL(path string) bool { return isPostgresURL(path) }

#!/usr/bin/env bash
# The README's test command (make test): every test with the race detector.
# On a machine that can run one (root, Debian's dovecot-imapd), a real
# Dovecot is started on 127.0.0.1 in a temporary folder for the e-mail
# tests and stopped at the end; elsewhere those tests skip, saying why.
# Extra arguments go to `go test` (for example -run TestSync).
set -euo pipefail
cd "$(dirname "$0")/.."

tags="sqlite_fts5 migrated_fynedo ci"
dovecot_dir=
if [[ -z ${AMIABLE_DOVECOT_DIR:-} && $(id -u) == 0 ]] && command -v dovecot >/dev/null && command -v doveadm >/dev/null; then
	dovecot_dir=$(mktemp -d /tmp/amiable-dovecot.XXXXXX)
	cleanup() { scripts/dovecot.sh clean "$dovecot_dir" >/dev/null 2>&1 || true; }
	trap cleanup EXIT
	eval "$(scripts/dovecot.sh start "$dovecot_dir")"
	echo "test: Dovecot réel sur 127.0.0.1 (${AMIABLE_DOVECOT_DIR})"
else
	echo "test: pas de Dovecot réel ici (root et dovecot-imapd requis) : les tests Dovecot seront sautés"
fi

# The shared office base: a throwaway PostgreSQL cluster on 127.0.0.1, its
# own port, deleted at the end (scripts/postgres.sh).
pg_dir=
cleanup() {
	if [[ -n $dovecot_dir ]]; then scripts/dovecot.sh clean "$dovecot_dir" >/dev/null 2>&1 || true; fi
	if [[ -n $pg_dir ]]; then scripts/postgres.sh clean "$pg_dir" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
if [[ -z ${AMIABLE_PG_URL:-} && $(id -u) == 0 ]] && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
	pg_dir=$(mktemp -d /tmp/amiable-pg.XXXXXX)
	eval "$(scripts/postgres.sh start "$pg_dir")"
	echo "test: PostgreSQL réel sur 127.0.0.1 (${AMIABLE_PG_URL%%\?*})"
elif [[ -n ${AMIABLE_PG_URL:-} ]]; then
	echo "test: base partagée PostgreSQL donnée par AMIABLE_PG_URL"
else
	echo "test: pas de PostgreSQL ici (root et postgresql-15 requis) : les tests de la base partagée seront sautés"
fi

LANG=C.UTF-8 go test -race -timeout 40m -tags "$tags" "$@" ./...

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

LANG=C.UTF-8 go test -race -timeout 40m -tags "$tags" "$@" ./...

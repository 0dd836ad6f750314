#!/usr/bin/env bash
# A throwaway Dovecot 2.3 (Debian 12 dovecot-imapd) on 127.0.0.1 for the
# mailsync tests and benchmarks. Runs as root, without systemd.
#
#   scripts/dovecot.sh start DIR        create DIR (certs, users, maildir, config), start Dovecot
#   scripts/dovecot.sh stop DIR         stop it (DIR is kept: start again reuses it)
#   scripts/dovecot.sh restart DIR      stop, then start with the same mailbox
#   scripts/dovecot.sh deliver DIR FILE... save each message into INBOX (doveadm save)
#   scripts/dovecot.sh env DIR          print the export lines again
#   scripts/dovecot.sh clean DIR        stop and delete DIR
#
# DIR receives: dovecot.conf, ca.pem (test CA), server.pem/.key (SAN 127.0.0.1
# and localhost), passwd (user amiable), home/ (maildirs, owned by vmail),
# state/ and run/ (0755: a 0700 state folder makes logins fail after 6 s),
# dovecot.log and test.env (KEY=VALUE lines the Go tests read).
#
# Environment: AMIABLE_DOVECOT_USER (amiable), AMIABLE_DOVECOT_PASSWORD
# (secret-amiable), AMIABLE_DOVECOT_IMAP_PORT (10143, plain + STARTTLS),
# AMIABLE_DOVECOT_IMAPS_PORT (10993, implicit TLS).
#
# Typical use:
#   eval "$(scripts/dovecot.sh start /tmp/amiable-dovecot)"
#   LANG=C.UTF-8 go test -tags "sqlite_fts5 migrated_fynedo ci" ./mailsync/
#   scripts/dovecot.sh stop /tmp/amiable-dovecot
set -euo pipefail

usage() {
	echo "usage: $0 start|stop|restart|env|clean DIR | deliver DIR FILE..." >&2
	exit 2
}

[[ $# -ge 2 ]] || usage
cmd=$1
dir=$2
shift 2
case $dir in
/*) ;;
*) dir=$(pwd)/$dir ;;
esac

user=${AMIABLE_DOVECOT_USER:-amiable}
password=${AMIABLE_DOVECOT_PASSWORD:-secret-amiable}
imap_port=${AMIABLE_DOVECOT_IMAP_PORT:-10143}
imaps_port=${AMIABLE_DOVECOT_IMAPS_PORT:-10993}
conf=$dir/dovecot.conf

need_root() {
	if [[ $(id -u) -ne 0 ]]; then
		echo "dovecot.sh : doit être lancé en root (Dovecot change d'utilisateur pour lire les boîtes)" >&2
		exit 1
	fi
	for b in dovecot doveadm openssl; do
		command -v "$b" >/dev/null || {
			echo "dovecot.sh : $b introuvable (apt-get install dovecot-imapd openssl)" >&2
			exit 1
		}
	done
}

# ensure_vmail creates the system user that owns the maildirs.
ensure_vmail() {
	if ! id vmail >/dev/null 2>&1; then
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin vmail
	fi
}

# make_certs writes a test CA and a server certificate it signs.
make_certs() {
	[[ -s $dir/server.pem && -s $dir/ca.pem ]] && return
	openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
		-subj "/O=Amiable tests/CN=Amiable test CA" \
		-keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -sha256 \
		-subj "/O=Amiable tests/CN=localhost" \
		-keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
	printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' >"$dir/server.ext"
	openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
		-CAcreateserial -days 3650 -sha256 -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
	chmod 0644 "$dir/ca.pem" "$dir/server.pem"
	chmod 0600 "$dir/ca.key" "$dir/server.key"
	rm -f "$dir/server.csr" "$dir/server.ext"
}

write_config() {
	local uid gid
	uid=$(id -u vmail)
	gid=$(id -g vmail)
	mkdir -p "$dir/home/$user" "$dir/state" "$dir/run"
	chmod 0755 "$dir" "$dir/state" "$dir/run" "$dir/home"
	chown -R vmail:vmail "$dir/home"
	printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$user" "$password" "$uid" "$gid" "$dir/home/$user" >"$dir/passwd"
	chmod 0644 "$dir/passwd"
	cat >"$conf" <<EOF
# Throwaway test server written by scripts/dovecot.sh: do not use in production.
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
ssl = yes
ssl_cert = <$dir/server.pem
ssl_key = <$dir/server.key
ssl_dh = </usr/share/dovecot/dh.pem
# Tests also log in over plain IMAP on 127.0.0.1 (security "none").
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/passwd
}
mail_location = maildir:~/Maildir
first_valid_uid = $uid
mail_fsync = never
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
EOF
	cat >"$dir/test.env" <<EOF
CONF=$conf
HOST=127.0.0.1
IMAP_PORT=$imap_port
IMAPS_PORT=$imaps_port
USER=$user
PASSWORD=$password
CA=$dir/ca.pem
MAILDIR=$dir/home/$user/Maildir
EOF
}

print_env() {
	local fp
	fp=$(openssl x509 -in "$dir/server.pem" -noout -fingerprint -sha256 | cut -d= -f2)
	echo "export AMIABLE_DOVECOT_DIR=$dir"
	echo "# Dovecot de test : 127.0.0.1 ports $imap_port (STARTTLS ou clair) et $imaps_port (TLS)"
	echo "# utilisateur $user, mot de passe $password, CA $dir/ca.pem"
	echo "# empreinte SHA-256 du certificat : $fp"
	echo "# livrer un message : $0 deliver $dir msg.eml"
	echo "#   (soit doveadm -c $conf save -u $user -m INBOX < msg.eml)"
}

# wait_port PORT waits (up to 5 s) until PORT accepts connections.
wait_port() {
	local i
	for ((i = 0; i < 100; i++)); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
			return 0
		fi
		sleep 0.05
	done
	echo "dovecot.sh : le port $1 n'ouvre pas ; journal $dir/dovecot.log :" >&2
	tail -n 20 "$dir/dovecot.log" >&2 || true
	return 1
}

running() {
	[[ -f $conf ]] && [[ -f $dir/run/master.pid ]] && kill -0 "$(cat "$dir/run/master.pid")" 2>/dev/null
}

start() {
	need_root
	ensure_vmail
	mkdir -p "$dir"
	chmod 0755 "$dir"
	make_certs
	write_config
	if running; then
		print_env
		return
	fi
	# The daemon must not keep the caller's stdout open (a caller waiting
	# for end of output would wait forever).
	if ! dovecot -c "$conf" </dev/null >"$dir/start.out" 2>&1; then
		cat "$dir/start.out" >&2
		exit 1
	fi
	wait_port "$imap_port"
	wait_port "$imaps_port"
	print_env
}

# stop stops the master and every process it started: sessions in progress
# are cut, as when a server goes down (doveadm stop alone lets them finish).
stop() {
	[[ -f $conf ]] || return 0
	running || return 0
	local master children i
	master=$(cat "$dir/run/master.pid")
	children=$(pgrep -P "$master" || true)
	doveadm -c "$conf" stop >/dev/null 2>&1 || kill "$master" 2>/dev/null || true
	# shellcheck disable=SC2086
	[[ -z $children ]] || kill $children 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		if ! running; then
			# shellcheck disable=SC2086
			[[ -z $children ]] || kill -KILL $children 2>/dev/null || true
			return 0
		fi
		sleep 0.05
	done
	echo "dovecot.sh : Dovecot ne s'arrête pas" >&2
	return 1
}

deliver() {
	[[ $# -gt 0 ]] || usage
	for f in "$@"; do
		doveadm -c "$conf" save -u "$user" -m INBOX <"$f"
	done
}

case $cmd in
start) start ;;
stop) stop ;;
restart)
	stop
	start >/dev/null
	;;
deliver) deliver "$@" ;;
env) print_env ;;
clean)
	stop
	rm -rf "$dir"
	;;
*) usage ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster (Debian 12 postgresql-15) on 127.0.0.1
# for the tests of the shared office base. Runs as root, without systemd;
# the cluster belongs to the postgres system user.
#
#   scripts/postgres.sh start DIR   create the cluster in DIR if missing, start it
#   scripts/postgres.sh stop DIR    stop it (DIR is kept: start again reuses it)
#   scripts/postgres.sh env DIR     print the export lines again
#   scripts/postgres.sh clean DIR   stop and delete DIR
#
# DIR receives: data/ (the cluster, owned by postgres), pw (the superuser's
# password, 0600), log, and the socket. The cluster listens on 127.0.0.1
# only, on AMIABLE_PG_PORT (15432), with scram-sha-256 passwords: the tests
# connect over TCP as a person's desk would.
#
# start and env print export lines for the Go tests:
#   AMIABLE_PG_URL   postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable
#   PGPASSWORD       the superuser's password (libpq's own variable)
# Typical use:
#   eval "$(scripts/postgres.sh start /tmp/amiable-pg)"
set -euo pipefail

usage() {
	echo "usage: $0 start|stop|env|clean DIR" >&2
	exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
case $dir in
/*) ;;
*) dir=$(pwd)/$dir ;;
esac

port=${AMIABLE_PG_PORT:-15432}
bin=
for v in 17 16 15; do
	if [[ -x /usr/lib/postgresql/$v/bin/initdb ]]; then
		bin=/usr/lib/postgresql/$v/bin
		break
	fi
done

need() {
	if [[ $(id -u) -ne 0 ]]; then
		echo "postgres.sh : doit être lancé en root (le cluster appartient à l'utilisateur postgres)" >&2
		exit 1
	fi
	if [[ -z $bin ]]; then
		echo "postgres.sh : PostgreSQL introuvable (apt-get install postgresql postgresql-contrib)" >&2
		exit 1
	fi
	id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" --shell /bin/bash postgres
}

as_postgres() {
	su postgres -s /bin/bash -c "$*"
}

print_env() {
	echo "export AMIABLE_PG_URL='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
	echo "export PGPASSWORD='$(cat "$dir/pw")'"
}

start() {
	need
	mkdir -p "$dir"
	chmod 0755 "$dir"
	chown postgres: "$dir"
	if [[ ! -s $dir/data/PG_VERSION ]]; then
		head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/pw"
		chown postgres: "$dir/pw"
		chmod 0600 "$dir/pw"
		as_postgres "$bin/initdb -D '$dir/data' -A scram-sha-256 -U postgres --pwfile='$dir/pw' -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 || {
			cat "$dir/initdb.log" >&2
			exit 1
		}
	fi
	# Small and fast: a test cluster, fsync kept (the tests kill clients, not the server).
	as_postgres "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -t 30 -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB\" start" >/dev/null || {
		tail -20 "$dir/log" >&2
		exit 1
	}
	print_env
}

stop() {
	[[ -n $bin && -d $dir/data ]] || return 0
	as_postgres "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
}

case $cmd in
start) start ;;
stop) stop ;;
env) print_env ;;
clean)
	stop
	rm -rf "$dir"
	;;
*) usage ;;
esac

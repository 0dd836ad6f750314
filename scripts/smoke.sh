#!/usr/bin/env bash
# Smoke test of the real window: starts bin/amiable on DB, waits for its
# window, takes a screenshot into OUT.png and fails if the window is missing
# or blank. Needs an X display (run it under xvfb-run, see `make smoke`).
#
#   scripts/smoke.sh DB OUT.png
#
# Environment: AMIABLE_BIN (default bin/amiable), SMOKE_TIMEOUT (seconds to
# wait for the window, default 30), SMOKE_MIN_COLOURS (default 20).
set -euo pipefail

die() {
	echo "smoke: ÉCHEC : $*" >&2
	exit 1
}

[[ $# -eq 2 ]] || {
	echo "usage: $0 DB OUT.png" >&2
	exit 2
}
db=$1
out=$2
bin=${AMIABLE_BIN:-bin/amiable}
timeout=${SMOKE_TIMEOUT:-30}
min_colours=${SMOKE_MIN_COLOURS:-20}

[[ -x $bin ]] || die "$bin introuvable : lancez d'abord make build"
[[ -n ${DISPLAY:-} ]] || die "pas d'affichage X (DISPLAY vide) : lancez sous xvfb-run"
for tool in xdotool import identify; do
	command -v "$tool" >/dev/null || die "$tool manquant : lancez scripts/deps.sh test"
done

log=$(mktemp)
"$bin" -db "$db" >"$log" 2>&1 &
pid=$!

cleanup() {
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		# Give it 5 s to quit, then force it.
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
	rm -f "$log"
}
trap cleanup EXIT

# show_log prints the application's output, for diagnosis.
show_log() {
	echo "--- sortie de $bin ---" >&2
	tail -n 40 "$log" >&2 || true
	echo "---" >&2
}

start=$SECONDS
win=
while [[ -z $win ]]; do
	if ! kill -0 "$pid" 2>/dev/null; then
		show_log
		die "$bin s'est arrêté avant d'ouvrir sa fenêtre"
	fi
	if ((SECONDS - start >= timeout)); then
		show_log
		die "aucune fenêtre « Amiable » visible après ${timeout} s"
	fi
	win=$(xdotool search --onlyvisible --name '^Amiable' 2>/dev/null | head -n 1 || true)
	[[ -n $win ]] || sleep 0.5
done
echo "smoke: fenêtre $win ($(xdotool getwindowname "$win" 2>/dev/null || echo '?')) après $((SECONDS - start)) s"

# The first frames may still be empty: capture until the picture has enough
# colours, for at most 15 s more, then judge the last capture.
colours=0
deadline=$((SECONDS + 15))
while :; do
	sleep 1
	kill -0 "$pid" 2>/dev/null || {
		show_log
		die "$bin s'est arrêté après avoir ouvert sa fenêtre"
	}
	import -window "$win" "$out" || die "capture de la fenêtre $win impossible"
	colours=$(identify -format '%k' "$out")
	((colours > min_colours)) && break
	((SECONDS < deadline)) || break
done

geometry=$(identify -format '%wx%h' "$out")
if ((colours <= min_colours)); then
	show_log
	die "fenêtre vide : $colours couleurs dans $out ($geometry), il en faut plus de $min_colours"
fi
echo "smoke: OK, $colours couleurs, $geometry, en $((SECONDS - start)) s"
echo "$out"

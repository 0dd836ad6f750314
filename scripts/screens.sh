#!/usr/bin/env bash
# Every screen of the real window under Xvfb, at the two laptop sizes a desk
# has (1024×700 and 1366×768), on a demonstration office: the binary walks
# its screens itself (AMIABLE_SCREEN_TOUR, app/screentour.go), writes a PNG
# and the window's size for each; this script also samples the X window's
# geometry with xdotool while it runs. It fails when the window is ever
# wider or taller than the screen, naming the screens. A last pass on an
# empty base shoots the first run. The 1366×768 shots are then copied to
# OUT (docs/screens/, what the README shows) unless SCREENS_COPY=0.
#
#   scripts/screens.sh BIN OUT          (make screens)
#
# Environment: SCREENS_COPY (1), SCREENS_CASES (300), SCREENS_TIMEOUT
# (seconds for one tour, 240), SCREENS_SIZES ("1024x700 1366x768"),
# SCREENS_FIRST (the first run's screen, "1366x768").
set -euo pipefail

die() {
	echo "screens: ÉCHEC : $*" >&2
	exit 1
}

# inside W H DB SHOTS runs one tour; called by this script under xvfb-run.
inside() {
	local w=$1 h=$2 db=$3 shots=$4
	local log geo maxw=0 maxh=0 win= pid rc=0 start=$SECONDS
	log=$shots/amiable.log
	# The light variant, as most desks show it (the README's pictures).
	# Preferences of its own (XDG_CONFIG_HOME): the window opens at its
	# default size, not at the size a desk's or a former tour's window had
	# when closed (remembered in ~/.config/fyne), and the tour leaves the
	# desk's own preferences alone.
	mkdir -p "$shots/config"
	XDG_CONFIG_HOME=$shots/config FYNE_THEME=light AMIABLE_SCREEN_TOUR=$shots "$bin" -db "$db" >"$log" 2>&1 &
	pid=$!
	# shellcheck disable=SC2064
	trap "kill $pid 2>/dev/null || true" EXIT
	: >"$shots/xdotool.tsv"
	while kill -0 "$pid" 2>/dev/null; do
		if ((SECONDS - start > timeout)); then
			kill "$pid" 2>/dev/null || true
			tail -n 30 "$log" >&2 || true
			die "$w×$h : le tour des écrans n'a pas fini en $timeout s"
		fi
		if [[ -z $win ]]; then
			win=$(xdotool search --onlyvisible --name '^Amiable' 2>/dev/null | head -n 1 || true)
		fi
		# The tour asks for a picture of the window (app/screentour.go).
		if [[ -n $win && -f $shots/pending ]]; then
			local name
			name=$(<"$shots/pending")
			rm -f "$shots/pending"
			if [[ -n $name ]]; then
				import -window "$win" "$shots/$name.tmp.png" && mv "$shots/$name.tmp.png" "$shots/$name.png"
			fi
		fi
		if [[ -n $win ]] && geo=$(xdotool getwindowgeometry --shell "$win" 2>/dev/null); then
			local WIDTH= HEIGHT= X= Y=
			eval "$(grep -E '^(WIDTH|HEIGHT|X|Y)=[0-9-]+$' <<<"$geo")"
			if [[ -n $WIDTH ]]; then
				printf '%s\t%s\t%s\t%s\t%s\n' "$((SECONDS - start))" "$WIDTH" "$HEIGHT" "$X" "$Y" >>"$shots/xdotool.tsv"
				((WIDTH > maxw)) && maxw=$WIDTH
				((HEIGHT > maxh)) && maxh=$HEIGHT
			fi
		fi
		sleep 0.1
	done
	wait "$pid" || rc=$?
	trap - EXIT
	if ((rc != 0)); then
		tail -n 30 "$log" >&2 || true
		die "$w×$h : amiable a quitté avec le code $rc"
	fi
	[[ -s $shots/report.tsv ]] || die "$w×$h : aucun rapport du tour ($shots/report.tsv)"
	echo "$maxw $maxh" >"$shots/xdotool-max"
}

if [[ ${1:-} == --inside ]]; then
	shift
	bin=$1
	timeout=$2
	shift 2
	inside "$@"
	exit 0
fi

[[ $# -eq 2 ]] || {
	echo "usage: $0 BIN OUT" >&2
	exit 2
}
bin=$(realpath "$1")
out=$2
copy=${SCREENS_COPY:-1}
cases=${SCREENS_CASES:-300}
timeout=${SCREENS_TIMEOUT:-240}
sizes=${SCREENS_SIZES:-1024x700 1366x768}
first=${SCREENS_FIRST:-1366x768}
[[ -x $bin ]] || die "$bin introuvable : lancez d'abord make build"
for tool in xvfb-run xdotool import; do
	command -v "$tool" >/dev/null || die "$tool manquant : lancez scripts/deps.sh test"
done
self=$(realpath "$0")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "screens: base de démonstration ($cases dossiers) dans $work"
"$bin" -db "$work/demo.db" demo -cases "$cases" -seed 1 >/dev/null

failed=0
# check LABEL W H SHOTS compares every screen's size with the screen's.
check() {
	local label=$1 w=$2 h=$3 shots=$4 name sw sh mw mh ow oh bad=0 maxw maxh
	while IFS=$'\t' read -r name sw sh mw mh ow oh; do
		if ((sw > w || sh > h)); then
			echo "screens: $label : « $name » : fenêtre ${sw}×${sh}, plus grande que l'écran ${w}×${h}" >&2
			bad=1
		fi
		if ((mw > w || mh > h)); then
			echo "screens: $label : « $name » : le contenu exige au moins ${mw}×${mh}, plus que l'écran ${w}×${h} (cet écran seul : ${ow}×${oh}, hors barre de navigation)" >&2
			bad=1
		fi
	done <"$shots/report.tsv"
	read -r maxw maxh <"$shots/xdotool-max"
	if ((maxw > w || maxh > h)); then
		echo "screens: $label : xdotool a vu la fenêtre atteindre ${maxw}×${maxh} sur un écran de ${w}×${h}" >&2
		bad=1
	fi
	local n
	n=$(wc -l <"$shots/report.tsv")
	if ((n > 1)); then n="$n écrans"; else n="$n écran"; fi
	if ((bad)); then
		failed=1
		echo "screens: $label : ÉCHEC ($n, fenêtre au plus ${maxw}×${maxh})"
	else
		echo "screens: $label : OK ($n, fenêtre au plus ${maxw}×${maxh})"
	fi
}

# tour LABEL W H DB SHOTS runs one tour under its own Xvfb screen.
tour() {
	local label=$1 w=$2 h=$3 db=$4 shots=$5
	mkdir -p "$shots"
	echo "screens: $label : écran ${w}×${h}"
	xvfb-run -a -s "-screen 0 ${w}x${h}x24" "$self" --inside "$bin" "$timeout" "$w" "$h" "$db" "$shots"
	check "$label" "$w" "$h" "$shots"
}

for size in $sizes; do
	w=${size%x*}
	h=${size#*x}
	cp "$work/demo.db" "$work/demo-$size.db"
	tour "$size" "$w" "$h" "$work/demo-$size.db" "$work/shots-$size"
done
# The first run: an empty base (only its opening screen is shot).
tour "premier lancement $first" "${first%x*}" "${first#*x}" "$work/empty.db" "$work/shots-first"

if [[ $copy == 1 ]]; then
	[[ -d $work/shots-1366x768 ]] || die "pas de captures à 1366×768 à copier"
	mkdir -p "$out"
	rm -f "$out"/*.png
	# 256 colours (PNG8) keep a screenshot of this interface at a fraction
	# of its size, with no visible loss.
	shrink() {
		if [[ -x /usr/bin/convert ]]; then
			/usr/bin/convert "$1" -strip -colors 256 "PNG8:$2"
		else
			cp "$1" "$2"
		fi
	}
	shrink "$work/shots-first/01-ouverture.png" "$out/00-premier-lancement.png"
	for f in "$work/shots-1366x768"/*.png; do
		shrink "$f" "$out/$(basename "$f")"
	done
	echo "screens: $(find "$out" -name '*.png' | wc -l) captures copiées dans $out ($(du -sh "$out" | cut -f1))"
fi
if ((failed)); then
	die "la fenêtre dépasse l'écran (détail ci-dessus)"
fi
echo "screens: OK"

#!/usr/bin/env bash
# Installs the Debian packages Amiable needs, and only those missing.
#
#   scripts/deps.sh build      compile and run the app (make build, make run)
#   scripts/deps.sh test       build + headless tests, Xvfb, PDF and IMAP tools (make test)
#   scripts/deps.sh windows    mingw-w64 cross-compiler and NSIS (make windows, make installer)
#   scripts/deps.sh ci         all of the above + tools the CI script uses
#   scripts/deps.sh --list SET print the package list of SET and exit
#
# On Debian/Ubuntu, missing packages are installed with apt-get (through sudo
# when not root). Elsewhere the script prints what is needed and succeeds, so
# that make can go on with whatever the machine already has.
set -euo pipefail

build_pkgs=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev
	libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev)
test_pkgs=(xvfb xauth libgl1-mesa-dri x11-utils xdotool imagemagick poppler-utils qpdf
	dovecot-imapd openssl isync sqlite3 postgresql-15 postgresql-contrib)
windows_pkgs=(gcc-mingw-w64-x86-64 nsis)
ci_pkgs=(make git ca-certificates curl file)

usage() {
	echo "usage: $0 [--list] build|test|windows|ci ..." >&2
	exit 2
}

# packages_of SET prints the packages of SET, one per line.
packages_of() {
	case $1 in
	build) printf '%s\n' "${build_pkgs[@]}" ;;
	test) printf '%s\n' "${build_pkgs[@]}" "${test_pkgs[@]}" ;;
	windows) printf '%s\n' "${windows_pkgs[@]}" ;;
	ci) printf '%s\n' "${build_pkgs[@]}" "${test_pkgs[@]}" "${windows_pkgs[@]}" "${ci_pkgs[@]}" ;;
	esac
}

list=false
if [[ ${1:-} == --list ]]; then
	list=true
	shift
fi
[[ $# -gt 0 ]] || usage

wanted=()
for set in "$@"; do
	case $set in
	build | test | windows | ci) ;;
	*) usage ;;
	esac
	while IFS= read -r p; do
		wanted+=("$p")
	done < <(packages_of "$set")
done
# Remove duplicates, keep order.
mapfile -t wanted < <(printf '%s\n' "${wanted[@]}" | awk '!seen[$0]++')

if $list; then
	echo "${wanted[*]}"
	exit 0
fi

if ! command -v go >/dev/null 2>&1; then
	echo "deps: Go est introuvable dans le PATH ; installez Go $(awk '/^go /{print $2; exit}' "$(dirname "$0")/../go.mod") depuis https://go.dev/dl/" >&2
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	echo "deps: système non Debian : vérifiez que l'équivalent de ces paquets est installé :" >&2
	echo "  ${wanted[*]}" >&2
	exit 0
fi

missing=()
for p in "${wanted[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	if [[ $status != ii* ]]; then
		missing+=("$p")
	fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

echo "deps: paquets manquants : ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: ni root ni sudo : exécutez en root :" >&2
		echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
install=("${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}")
# Try with the current package lists first; refresh them only if that fails
# (stale or empty lists on a fresh machine).
if ! "${install[@]}"; then
	echo "deps: mise à jour des listes de paquets puis nouvel essai"
	"${sudo[@]}" apt-get update -q
	"${install[@]}"
fi

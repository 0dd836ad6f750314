#!/usr/bin/env bash
# Installs bin/Amiable-Setup.exe silently in a throwaway Wine prefix, checks
# what a desk gets (the program in %LOCALAPPDATA%\Programs\Amiable, the
# Start-menu shortcut, the uninstall entry), then uninstalls it and checks
# that the program is gone and the office's data (%APPDATA%\Amiable) kept.
# Not part of CI: it needs Wine with its 32-bit part (NSIS's stub is 32-bit):
#
#   dpkg --add-architecture i386 && apt-get update
#   apt-get install -y --no-install-recommends wine wine32:i386
#
#   packaging/windows/wine-check.sh [bin/Amiable-Setup.exe]
set -euo pipefail

setup=$(realpath "${1:-bin/Amiable-Setup.exe}")
die() {
	echo "wine-check: ÉCHEC : $*" >&2
	exit 1
}
[[ -f $setup ]] || die "$setup introuvable : lancez make installer"
command -v wine >/dev/null || die "wine manquant (voir l'en-tête de ce script)"

WINEPREFIX=$(mktemp -d)
export WINEPREFIX WINEDEBUG=-all
trap 'wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
wine wineboot -i >/dev/null 2>&1
user=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -n 1)
home=$WINEPREFIX/drive_c/users/$user
prog=$home/AppData/Local/Programs/Amiable
link="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Amiable.lnk"
data=$home/AppData/Roaming/Amiable
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Amiable'

wine "$setup" /S
wineserver -w
for f in amiable.exe amiable.ico "Licence des polices (OFL).txt" "Désinstaller Amiable.exe"; do
	[[ -f $prog/$f ]] || die "« $f » absent de $prog"
done
[[ -f $link ]] || die "raccourci du menu Démarrer absent"
wine reg query "$key" /v DisplayVersion >/dev/null 2>&1 || die "entrée de désinstallation absente"
echo "wine-check: installé dans %LOCALAPPDATA%\\Programs\\Amiable, raccourci et entrée de désinstallation présents"

# The office's data, as Amiable writes it (data.DefaultPath).
mkdir -p "$data/documents"
echo "base" >"$data/amiable.db"
wine "$prog/Désinstaller Amiable.exe" /S
sleep 3 # NSIS's uninstaller runs from a copy of itself
wineserver -w
[[ ! -e $prog/amiable.exe ]] || die "amiable.exe encore présent après la désinstallation"
[[ ! -e $link ]] || die "raccourci encore présent après la désinstallation"
! wine reg query "$key" >/dev/null 2>&1 || die "entrée de désinstallation encore présente"
[[ -f $data/amiable.db && -d $data/documents ]] || die "la désinstallation a supprimé les données de l'étude"
echo "wine-check: OK, désinstallé ; les données (%APPDATA%\\Amiable) sont conservées"

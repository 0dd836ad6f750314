; Amiable-Setup.exe: installs Amiable for the current Windows user, without
; administrator rights, in %LOCALAPPDATA%\Programs\Amiable, with a Start-menu
; shortcut and an uninstaller that keeps the office's data (the database, the
; documents and the settings live in %APPDATA%\Amiable, where
; data.DefaultPath puts them: os.UserConfigDir() is %APPDATA% on Windows).
;
; Built on Linux with Debian's nsis package by `make installer`:
;   makensis -DVERSION=0.1.0 -DBUILD=1 -DEXE=bin/amiable.exe -DICON=bin/amiable.ico \
;            -DLICENCE=assets/fonts/OFL.txt -DOUTFILE=bin/Amiable-Setup.exe packaging/windows/amiable.nsi
; (paths absolute, or relative to this folder: makensis runs from it).

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION manquant : makensis -DVERSION=x.y.z (la version de FyneApp.toml)"
!endif
!ifndef BUILD
  !define BUILD 0
!endif
!ifndef EXE
  !define EXE "..\..\bin\amiable.exe"
!endif
!ifndef ICON
  !define ICON "..\..\bin\amiable.ico"
!endif
!ifndef LICENCE
  !define LICENCE "..\..\assets\fonts\OFL.txt"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\bin\Amiable-Setup.exe"
!endif

!define APP "Amiable"
!define PUBLISHER "Amiable"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=1036 "ProductName" "${APP}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}.${BUILD}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation d'Amiable, recouvrement amiable de créances"
VIAddVersionKey /LANG=1036 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Installation d'Amiable ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Amiable va être installé pour vous seul sur cet ordinateur, sans droits d'administrateur, dans votre dossier de programmes personnel.$\r$\n$\r$\nLes dossiers, courriers et réglages de l'étude ne sont pas dans le dossier du programme : ils restent dans %APPDATA%\Amiable, et une mise à jour ou une désinstallation n'y touche pas.$\r$\n$\r$\nCliquez sur Suivant pour continuer."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\amiable.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Ouvrir Amiable"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Amiable va être retiré de cet ordinateur. Les données de l'étude (base, documents, réglages, dans %APPDATA%\Amiable) et ses sauvegardes sont conservées : supprimez-les vous-même si vous n'en avez plus besoin."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

Section "Amiable" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=amiable.exe" "${EXE}"
  File "/oname=amiable.ico" "${ICON}"
  File "/oname=Licence des polices (OFL).txt" "${LICENCE}"
  WriteUninstaller "$INSTDIR\Désinstaller Amiable.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\amiable.exe" "" "$INSTDIR\amiable.ico" 0 SW_SHOWNORMAL "" "Recouvrement amiable : dossiers, courriers et échéanciers"

  ; Programs and Features (Applications et fonctionnalités), for this user.
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\amiable.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Désinstaller Amiable.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\Désinstaller Amiable.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" 60000
SectionEnd

; The uninstaller removes only what the installer put: the program folder,
; the shortcut and the uninstall entry. %APPDATA%\Amiable (the database,
; its documents and the Fyne settings) and the backup folder stay.
Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\amiable.exe"
  Delete "$INSTDIR\amiable.ico"
  Delete "$INSTDIR\Licence des polices (OFL).txt"
  Delete "$INSTDIR\Désinstaller Amiable.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

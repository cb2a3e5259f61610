; The Windows installer of オン資アシスタント, built on Linux with Debian's makensis
; (scripts/windows/build.sh), so it needs nothing from the internet: Tauri's own NSIS bundling downloads a
; plug-in DLL at build time, which the build machines and the closed オン資 network cannot reach.
;
; Per user, without administrator rights (the reception PC's staff account is often not an administrator):
; the app goes to %LOCALAPPDATA%\Programs\onshi-assistant with onshi.exe beside it, a Start menu entry, and
; an uninstaller listed in 「インストールされているアプリ」.
;
; makensis -DVERSION=0.1.0 -DAPPDIR=<folder with the .exe and .dll files> -DICON=<.ico> -DOUTFILE=<setup.exe>
; Signed builds (scripts/windows/installer.sh) make it twice: with -DUNINSTALLER_STUB, a program that only
; writes the uninstaller beside itself (run under Wine), so that the uninstaller is signed; then with
; -DSIGNED_UNINSTALLER=<that signed uninstall.exe>, which the installer carries instead of writing its own.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION | APPDIR | ICON | OUTFILE
  !error "define VERSION, APPDIR, ICON and OUTFILE (see scripts/windows/build.sh)"
!endif

!define PRODUCT "オン資アシスタント"
!define APP_ID "jp.onshi-assistant.app"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; The AppUserModelID's registration, per user, as Microsoft documents for unpackaged apps' toasts ("Send a
; local toast notification from other types of unpackaged apps"): without it Windows accepts a toast and
; shows nothing. The app takes the same id for its process (src-tauri/src/notice.rs).
!define AUMID_KEY "Software\Classes\AppUserModelId\${APP_ID}"
; The Windows event log's source (onshi-core app/event_log.rs writes under it; docs/MONITORING.md lists the
; ids). Registering it is for administrators only (HKLM): a per-user install cannot, and the app's entries are
; written all the same, the message showing under Windows' "description not found" line. Registered, the
; message file is EventCreate.exe, which is in System32 on every Windows 10/11 and whose message table turns
; ids 1-1000 into the insertion string itself (eventcreate takes ids 1-1000 only); the app's ids stay in that
; range. (That EventCreate.exe's table words those ids as "%1" is not stated by Microsoft: unconfirmed.)
!define EVENT_SOURCE "OnshiAssistant"
!define EVENT_SOURCE_KEY "SYSTEM\CurrentControlSet\Services\EventLog\Application\${EVENT_SOURCE}"
; The WebView2 runtime's client id: Windows 10/11 register it here when the runtime is installed.
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\onshi-assistant"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} Setup"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT License"

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\onshi-assistant.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Japanese first: NSIS picks the language of Windows (Japanese on a Japanese PC), else the first one.
!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"

LangString NoWebView2 ${LANG_JAPANESE} "この PC には「Microsoft Edge WebView2 ランタイム」が見つかりません。$\r$\n\
Windows 10/11 には通常入っています。インストールは続けますが、アプリの画面を表示するには WebView2 が必要です。$\r$\n$\r$\n\
オンライン資格確認の回線はインターネットにつながらないため、ここでは入手しません。$\r$\n\
「設定」→「アプリ」で「Microsoft Edge WebView2 Runtime」を修復するか、PC の導入業者にご相談ください。"
LangString NoWebView2 ${LANG_ENGLISH} "The Microsoft Edge WebView2 Runtime is not found on this PC.$\r$\n\
Windows 10/11 ship it. Installation goes on, but the app needs WebView2 to show its window.$\r$\n$\r$\n\
The closed network of this PC may have no internet, so nothing is downloaded: repair $\"Microsoft Edge WebView2 Runtime$\" in Settings > Apps, or ask the PC's vendor."
LangString WebView2Found ${LANG_JAPANESE} "WebView2 ランタイム: "
LangString WebView2Found ${LANG_ENGLISH} "WebView2 Runtime: "

; The runtime's version ("pv"), per machine (either registry view) or per user; empty when missing.
Function WebView2Version
  Push $0
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  Exch $0
FunctionEnd

!ifdef UNINSTALLER_STUB
Function .onInit
  WriteUninstaller "$EXEDIR\uninstall.exe"
  SetErrorLevel 0
  Quit
FunctionEnd
!endif

Section "Install"
  ; An update while the app is resident in the notification area: end it so its file can be replaced.
  nsExec::Exec 'taskkill /F /IM onshi-assistant.exe'
  Pop $0
  SetOutPath "$INSTDIR"
  File "${APPDIR}\onshi-assistant.exe"
  File "${APPDIR}\onshi.exe"
  File "${APPDIR}\WebView2Loader.dll"
  File "/oname=onshi-assistant.ico" "${ICON}"
!ifdef SIGNED_UNINSTALLER
  ; The uninstaller of this very script, written by the stub and signed (see the top).
  !pragma warning disable 6020
  File "/oname=uninstall.exe" "${SIGNED_UNINSTALLER}"
!else
  WriteUninstaller "$INSTDIR\uninstall.exe"
!endif

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\onshi-assistant.exe" "" "$INSTDIR\onshi-assistant.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\onshi-assistant.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  WriteRegExpandStr HKCU "${AUMID_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegExpandStr HKCU "${AUMID_KEY}" "IconUri" "$INSTDIR\onshi-assistant.ico"

  ; The event log's source, where this installer may write HKLM (run as an administrator).
  ClearErrors
  WriteRegExpandStr HKLM "${EVENT_SOURCE_KEY}" "EventMessageFile" "%SystemRoot%\System32\EventCreate.exe"
  WriteRegDWORD HKLM "${EVENT_SOURCE_KEY}" "TypesSupported" 7
  ${If} ${Errors}
    DetailPrint "Event log source ${EVENT_SOURCE}: not registered (no administrator rights); the app's entries are written without it"
  ${Else}
    DetailPrint "Event log source ${EVENT_SOURCE}: registered"
  ${EndIf}

  Call WebView2Version
  Pop $0
  ${If} $0 == ""
    DetailPrint "$(NoWebView2)"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(NoWebView2)" /SD IDOK
  ${Else}
    DetailPrint "$(WebView2Found)$0"
  ${EndIf}
SectionEnd

Section "Uninstall"
  ; The app may be resident in the notification area: end it, or its file cannot be removed.
  nsExec::Exec 'taskkill /F /IM onshi-assistant.exe'
  Pop $0
  Delete "$INSTDIR\onshi-assistant.exe"
  Delete "$INSTDIR\onshi.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\onshi-assistant.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${AUMID_KEY}"
  ; The event log's source, where this uninstaller may (it stays when an administrator installed and a staff
  ; account uninstalls; the log keeps the entries either way).
  DeleteRegKey HKLM "${EVENT_SOURCE_KEY}"
  ; The login start (login_start.rs): Windows would otherwise try to start a program that is gone.
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${PRODUCT}"
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "${PRODUCT}"
  ; Settings and saved progress (%APPDATA%\jp.onshi-assistant.app) stay: a reinstall picks them up.
SectionEnd

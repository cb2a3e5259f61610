#!/usr/bin/env bash
# Runs inside the Windows chroot (scripts/windows/test.sh): the installer, run silently (/S) as a staff
# account without administrator rights, puts the app where it says, with onshi.exe, a Start menu entry and
# an uninstaller that Windows lists; the uninstaller, also silent, takes all of it away again.
set -euo pipefail
setup=${1:?usage: installer-test.sh PATH-TO-setup.exe VERSION [COPY-OF-UNINSTALLER]}
version=${2:?usage: installer-test.sh PATH-TO-setup.exe VERSION [COPY-OF-UNINSTALLER]}
# The signed build's test (sign-test.sh) checks the signature of the uninstaller as installed: a copy here.
uninstaller_copy=${3:-}
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\jp.onshi-assistant.app'

unix_path() { winepath -u "$(wine cmd /c echo "$1" | tr -d '\r')"; }
appdir=$(unix_path '%LOCALAPPDATA%\Programs\onshi-assistant')
shortcut="$(unix_path '%APPDATA%')/Microsoft/Windows/Start Menu/Programs/オン資アシスタント.lnk"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1" >&2; fail=1; fi; }

wine "$setup" /S
wineserver -w
for file in onshi-assistant.exe onshi.exe WebView2Loader.dll uninstall.exe; do
  check "installed $file" "[[ -s '$appdir/$file' ]]"
done
check "Start menu entry" "[[ -s '$shortcut' ]]"
if [[ -n $uninstaller_copy ]]; then cp "$appdir/uninstall.exe" "$uninstaller_copy"; fi
# reg query prints through the console code page, which loses Japanese: read an export (UTF-16) instead.
listed() { wine reg export "$key" /tmp/uninstall-key.reg /y >/dev/null 2>&1 && iconv -f UTF-16 -t UTF-8 /tmp/uninstall-key.reg; }
check "listed in the installed apps as オン資アシスタント" "listed | grep -q '\"DisplayName\"=\"オン資アシスタント\"'"
check "listed with version $version" "wine reg query '$key' /v DisplayVersion | grep -q '$version'"
check "the installed onshi.exe runs" "wine '$appdir/onshi.exe' --version | grep -q '$version'"
# The AppUserModelID registered for toasts (Microsoft's registry form for unpackaged apps).
aumid_key='HKCU\Software\Classes\AppUserModelId\jp.onshi-assistant.app'
aumid() { wine reg export "$aumid_key" /tmp/aumid-key.reg /y >/dev/null 2>&1 && iconv -f UTF-16 -t UTF-8 /tmp/aumid-key.reg; }
check "the AppUserModelID is registered with its display name" "aumid | grep -q '\"DisplayName\"=.*'"
check "the AppUserModelID names an icon that is installed" "[[ -s '$appdir/onshi-assistant.ico' ]] && aumid | grep -q 'IconUri'"
aumid | sed 's/^/    /' || true

# The event log's source (the app writes under it either way): registered where the installer may write
# HKLM. Wine's user may, as an administrator's install would; a staff account's install cannot, and then
# the source stays unregistered, which the resident test (resident-test.sh) runs under.
source_key='HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\OnshiAssistant'
check "the event log source OnshiAssistant is registered with EventCreate.exe as its message file" \
  "wine reg query '$source_key' /v EventMessageFile | grep -qi 'SystemRoot%\\\\System32\\\\EventCreate.exe'"
check "the source supports information, warning and error (TypesSupported 7)" \
  "wine reg query '$source_key' /v TypesSupported | grep -qi '0x7'"
wine reg query "$source_key" 2>/dev/null | tr -d '\r' | sed '/^$/d; s/^/    /' || true

# The login start (the app's --login-start, the same entry its settings write): the Run key.
run_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'
run_entry() { wine reg export "$run_key" /tmp/run-key.reg /y >/dev/null 2>&1 && iconv -f UTF-16 -t UTF-8 /tmp/run-key.reg | grep '^"オン資アシスタント"='; }
wine "$appdir/onshi-assistant.exe" --login-start on
check "login start on: the Run key starts the installed app into the tray" \
  "run_entry | grep -q 'Programs.*onshi-assistant.exe.* --autostart'"
run_entry | sed 's/^/    /' || true
wine "$appdir/onshi-assistant.exe" --login-start off
check "login start off: the Run value is gone" "! run_entry"
wine "$appdir/onshi-assistant.exe" --login-start on # left on: the uninstaller must take it away

# The vendor's contacts from an installation script (docs/CONTACTS.md): into the user's data folder, then
# onshi.exe's report names them; a number that cannot be dialled is refused (exit 2) and the kept one stays.
printf '[it_vendor]\nname = "〇〇メディカルシステム"\nphone = "03-1234-5678"\n' >/tmp/contacts.toml
printf '[it_vendor]\nphone = "call us"\n' >/tmp/contacts-bad.toml
check "--contacts registers the vendor's number" \
  "wine '$appdir/onshi-assistant.exe' --contacts 'Z:\\tmp\\contacts.toml' | grep -q '03-1234-5678'"
check "--contacts refuses a number that cannot be dialled" \
  "! wine '$appdir/onshi-assistant.exe' --contacts 'Z:\\tmp\\contacts-bad.toml' 2>/dev/null"
check "the report names the vendor with the number" \
  "wine '$appdir/onshi.exe' report | grep -q 'ITベンダー：〇〇メディカルシステム（03-1234-5678）'"

wine "$appdir/uninstall.exe" /S
wineserver -w
for _ in $(seq 40); do [[ -e $appdir/onshi-assistant.exe ]] || break; sleep 0.25; done
check "the uninstaller removed the app" "[[ ! -e '$appdir' ]]"
check "the uninstaller removed the Start menu entry" "[[ ! -e '$shortcut' ]]"
check "the uninstaller removed the installed-apps entry" "! wine reg query '$key' >/dev/null 2>&1"
check "the uninstaller removed the login start" "! run_entry"
check "the uninstaller removed the event log source" "! wine reg query '$source_key' >/dev/null 2>&1"
check "the uninstaller removed the AppUserModelID" "! wine reg query '$aumid_key' >/dev/null 2>&1"
exit $fail

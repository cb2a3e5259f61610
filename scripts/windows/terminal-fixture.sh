#!/usr/bin/env bash
# Runs inside the Windows chroot, before the rig tests (rig-tests.sh): makes Wine's prefix look like a
# 資格確認端末 as the usual set-up has it (crates/onshi-core/src/terminal/usual_setup.toml), so that
# `onshi.exe check` reads a terminal through Wine's real registry and file system, and the tests
# (crates/onshi-cli/tests/terminal.rs) break it one way at a time. Nothing here is a secret: the
# credentials are not made here (the tests run as another user than OQSComApp, and that is said; the one
# test that runs as OQSComApp stores them itself with a made-up secret and takes them away), the tasks
# run as the signed-in user with no stored password, and the root is a throwaway self-signed certificate
# that only has the real root's name. What the tests need to mend what they break is kept in
# C:\onshi-fixture: the task's XML, the root as a .reg file and its SHA-1 (the registry key's name).
set -euo pipefail
c="${WINEPREFIX:?}/drive_c"
for folder in "Program Files/OQS/OQSComApp" "Program Files/OQS/OQSDistroApp" "Program Files/OQS-Auth/ext" \
  OQS/Req OQS/Res OQS/Face; do
  mkdir -p "$c/$folder"
done
printf 'Version=1.4.2\r\n' >"$c/Program Files/OQS/OQSComApp/Version.info"
printf 'Version=1.2.0\r\n' >"$c/Program Files/OQS/OQSDistroApp/Version.info"
for extension in visual face pin; do : >"$c/Program Files/OQS-Auth/ext/$extension.crx"; done
rm -f "$c"/OQS/Req/* "$c"/OQS/Res/*
reg() { wine reg add "$@" /f >/dev/null 2>&1 </dev/null; }
reg 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon' /v AutoAdminLogon /t REG_SZ /d 1
reg 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon' /v DefaultUserName /t REG_SZ /d OQSComApp
reg 'HKCU\Control Panel\Desktop' /v ScreenSaverIsSecure /t REG_SZ /d 1
reg 'HKCU\Control Panel\Desktop' /v ScreenSaveTimeOut /t REG_SZ /d 900
internet='HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings'
reg "$internet" /v ProxyEnable /t REG_DWORD /d 1
reg "$internet" /v ProxyServer /t REG_SZ /d proxy.base.oqs-pdl.org:8080
reg "$internet" /v ProxyOverride /t REG_SZ \
  /d '*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org'
reg 'HKLM\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' /v NtpServer /t REG_SZ /d 'ntp.base.oqs-pdl.org,0x9'

# The scheduled tasks that start the 連携・配信アプリ (Wine's Task Scheduler keeps them; it never runs them
# and does not say when they last ran, so the check says that part was not read).
fixture="$c/onshi-fixture"
mkdir -p "$fixture"
cat >"$fixture/task.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <Triggers><BootTrigger><Enabled>true</Enabled></BootTrigger></Triggers>
  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType></Principal></Principals>
  <Settings><Enabled>true</Enabled></Settings>
  <Actions Context="Author"><Exec><Command>cmd.exe</Command><Arguments>/c exit 0</Arguments></Exec></Actions>
</Task>
XML
for task in OQS_exec_distroappstart OQS_exec_comappdelfile_running; do
  wine schtasks /create /xml 'C:\onshi-fixture\task.xml' /tn "$task" /f >/dev/null 2>&1 </dev/null
done
# The terminal certificate's root, by name only: a throwaway self-signed certificate made once per prefix
# (openssl), put in the current user's 「信頼されたルート証明機関」 as Windows keeps it in the registry: a
# key named by the certificate's SHA-1 whose Blob is the serialised certificate (property 32, CERT_CERT_PROP_ID).
if [[ ! -f $fixture/root-ca.cer ]]; then
  key=$(mktemp)
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$key" -days 3650 \
    -subj "/O=onshi test fixture (not the real root)/CN=Online Billing NW Common Root CA" \
    -outform DER -out "$fixture/root-ca.cer" 2>/dev/null
  rm -f "$key"
fi
sha1=$(openssl dgst -sha1 -r "$fixture/root-ca.cer" | cut -c1-40 | tr a-f A-F)
le32() { printf '%08x' "$1" | sed 's/\(..\)\(..\)\(..\)\(..\)/\4,\3,\2,\1/'; }
der=$(od -An -tx1 -v "$fixture/root-ca.cer" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
{
  printf 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\SystemCertificates\\Root\\Certificates\\%s]\r\n' "$sha1"
  printf '"Blob"=hex:%s,%s,%s,%s\r\n' "$(le32 32)" "$(le32 1)" "$(le32 "$(stat -c %s "$fixture/root-ca.cer")")" "$der"
} >"$fixture/root-ca.reg"
printf '%s' "$sha1" >"$fixture/root-ca.sha1"
wine reg import 'C:\onshi-fixture\root-ca.reg' >/dev/null 2>&1 </dev/null
echo "terminal-fixture: Wine's prefix is set up as the usual terminal"

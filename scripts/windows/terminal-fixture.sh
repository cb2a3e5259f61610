#!/usr/bin/env bash
# Runs inside the Windows chroot, before the rig tests (rig-tests.sh): makes Wine's prefix look like a
# 資格確認端末 as the usual set-up has it (crates/onshi-core/src/terminal/usual_setup.toml), so that
# `onshi.exe check` reads a terminal through Wine's real registry and file system, and the tests
# (crates/onshi-cli/tests/terminal.rs) break it one way at a time. Nothing here is a secret: the
# credentials are not made (the tests run as another user than OQSComApp, and that is said).
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
echo "terminal-fixture: Wine's prefix is set up as the usual terminal"

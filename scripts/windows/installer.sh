#!/usr/bin/env bash
# The installer, from the release build that scripts/windows/build.sh made in the Windows chroot; build.sh
# runs this, and scripts/windows/sign-test.sh runs it again with a test certificate. With a certificate
# (ONSHI_SIGN_PFX or ONSHI_SIGN_PKCS11_MODULE, see scripts/windows/sign.sh) it signs onshi.exe,
# onshi-assistant.exe, the uninstaller and the installer (Authenticode, SHA-256, time-stamped); without one it
# says plainly that the build is unsigned. Leaves the files in dist/windows/.
set -euo pipefail
source "$(dirname "$0")/../setup.sh"
source "$ONSHI_ROOT/scripts/windows/env.sh"
cd "$ONSHI_ROOT"
win_setup

version=$(node -p 'require("./package.json").version')
setup="onshi-assistant_${version}_x64-setup.exe"
release="$WIN_TARGET_DIR/$WIN_TARGET/release"
signed=
[[ -n ${ONSHI_SIGN_PFX:-}${ONSHI_SIGN_PKCS11_MODULE:-} ]] && signed=1

echo "==> installer (makensis, offline)$([[ -n $signed ]] && echo ", signed")"
win_run "
  rm -rf /root/installer && mkdir -p /root/installer/app
  cp $release/onshi-assistant.exe $release/onshi.exe /root/installer/app/
  # webview2-com-sys puts the loader DLL in its build folder; take the one this build used.
  loader=\$(ls -t $release/build/webview2-com-sys-*/out/x64/WebView2Loader.dll | head -n 1)
  cp \"\$loader\" /root/installer/app/"
makensis() {
  win_run "makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$version -DAPPDIR=/root/installer/app \
    -DICON=/src/icons/icon.ico $* packaging/windows/onshi-assistant.nsi"
}
# Signs files of the chroot (paths inside it) on this machine, where osslsigncode and the token are.
sign() {
  local tmp file
  tmp=$(mktemp -d)
  for file in "$@"; do cp "$WIN_CHROOT$file" "$tmp/"; done
  bash "$ONSHI_ROOT/scripts/windows/sign.sh" "$tmp"/*
  for file in "$@"; do win_as_root cp "$tmp/$(basename "$file")" "$WIN_CHROOT$file"; done
  rm -rf "$tmp"
}

if [[ -n $signed ]]; then
  echo "==> signing with osslsigncode: time stamps from ${ONSHI_SIGN_TIMESTAMP_URL:-http://timestamp.digicert.com}"
  sign /root/installer/app/onshi.exe /root/installer/app/onshi-assistant.exe
  # The uninstaller is written by the installer itself: a stub build writes it under Wine to be signed.
  makensis -DUNINSTALLER_STUB -DOUTFILE=/root/installer/write-uninstaller.exe
  win_run "cd /root/installer && { wine write-uninstaller.exe || true; } && wineserver -w && test -s uninstall.exe" ||
    { echo "the stub did not write the uninstaller" >&2; exit 1; }
  sign /root/installer/uninstall.exe
  makensis -DSIGNED_UNINSTALLER=/root/installer/uninstall.exe -DOUTFILE="/root/installer/$setup"
  sign "/root/installer/$setup"
else
  makensis -DOUTFILE="/root/installer/$setup"
  cat <<'NOTE'
==> UNSIGNED: no certificate was given (ONSHI_SIGN_PFX, or ONSHI_SIGN_PKCS11_MODULE with ONSHI_SIGN_PKCS11_KEY
    and ONSHI_SIGN_CERTS: scripts/windows/sign.sh). Downloaded, this installer meets SmartScreen's
    「WindowsによってPCが保護されました」 (staff must choose 「詳細情報」→「実行」); Smart App Control may block it.
NOTE
fi

mkdir -p dist/windows
rm -f dist/windows/*
cp "$WIN_CHROOT"/root/installer/"$setup" "$WIN_CHROOT"/root/installer/app/* dist/windows/
if [[ -n $signed ]]; then cp "$WIN_CHROOT"/root/installer/uninstall.exe dist/windows/; fi
echo "Windows: "
for file in dist/windows/*; do echo "  $ONSHI_ROOT/$file"; done

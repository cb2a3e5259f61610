#!/usr/bin/env bash
# npm run build:windows: the Windows release build and its installer, made on this Linux machine.
# Copies into dist/windows/ (git-ignored): onshi-assistant_<version>_x64-setup.exe, onshi-assistant.exe,
# onshi.exe and WebView2Loader.dll (the app loads it at start: ship them together). Signed with
# osslsigncode when a certificate is given: a PFX file or a PKCS#11 token (scripts/windows/sign.sh).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"
source "$ONSHI_ROOT/scripts/windows/env.sh"
cd "$ONSHI_ROOT"
win_setup

echo "==> UI (the app embeds it)"
# Not again under npm test, which built it first (ONSHI_UI_BUILT=1; scripts/build.sh says why).
[[ ${ONSHI_UI_BUILT:-} == 1 ]] || npm run --silent build:ui

echo "==> Windows release build: onshi.exe, onshi-assistant.exe"
win_run "nice -n 10 $WIN_RELEASE_BUILD"

# The installer, signed when a certificate is given (scripts/windows/sign.sh), else said to be unsigned.
bash "$ONSHI_ROOT/scripts/windows/installer.sh"

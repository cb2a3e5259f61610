#!/usr/bin/env bash
# npm run build:windows: the Windows release build and its installer, made on this Linux machine.
# Copies into dist/windows/ (git-ignored): onshi-assistant_<version>_x64-setup.exe, onshi-assistant.exe,
# onshi.exe and WebView2Loader.dll (the app loads it at start: ship them together).
set -euo pipefail
source "$(dirname "$0")/../setup.sh"
source "$ONSHI_ROOT/scripts/windows/env.sh"
cd "$ONSHI_ROOT"
win_setup

echo "==> UI (the app embeds it)"
npm run --silent build:ui

echo "==> Windows release build: onshi.exe, onshi-assistant.exe"
win_run "nice -n 10 cargo build --release -p onshi-cli -p onshi-assistant"

version=$(node -p 'require("./package.json").version')
setup="onshi-assistant_${version}_x64-setup.exe"
release="$WIN_TARGET_DIR/$WIN_TARGET/release"
echo "==> installer (makensis, offline)"
win_run "
  rm -rf /root/installer && mkdir -p /root/installer/app
  cp $release/onshi-assistant.exe $release/onshi.exe /root/installer/app/
  # webview2-com-sys puts the loader DLL in its build folder; take the one this build used.
  loader=\$(ls -t $release/build/webview2-com-sys-*/out/x64/WebView2Loader.dll | head -n 1)
  cp \"\$loader\" /root/installer/app/
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$version -DAPPDIR=/root/installer/app \
    -DICON=/src/icons/icon.ico -DOUTFILE=/root/installer/$setup packaging/windows/onshi-assistant.nsi"

mkdir -p dist/windows
rm -f dist/windows/*
cp "$WIN_CHROOT"/root/installer/"$setup" "$WIN_CHROOT"/root/installer/app/* dist/windows/
echo "Windows: "
for file in dist/windows/*; do echo "  $ONSHI_ROOT/$file"; done

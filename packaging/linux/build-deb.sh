#!/usr/bin/env bash
# Makes onshi-assistant_VERSION_amd64.deb from the release binaries, with Debian's own tools, offline.
#   packaging/linux/build-deb.sh VERSION RELEASE_DIR OUT_DIR
# Tauri's deb bundler names the package and its desktop file after the product name (「オン資アシスタント」),
# which dpkg refuses; here people see the Japanese name and machines read ASCII ids: the package
# onshi-assistant, the desktop file (and app id for notifications and autostart) jp.onshi-assistant.app.
# The library dependencies come from dpkg-shlibdeps; pcscd is added because without it no reader is seen,
# libayatana-appindicator3-1 because the tray icon loads it at run time (dlopen, unseen by shlibdeps).
set -euo pipefail
version=${1:?usage: build-deb.sh VERSION RELEASE_DIR OUT_DIR}
release=${2:?usage: build-deb.sh VERSION RELEASE_DIR OUT_DIR}
out=${3:?usage: build-deb.sh VERSION RELEASE_DIR OUT_DIR}
here="$(cd "$(dirname "$0")" && pwd)"
icons="$here/../../icons"
app_id=jp.onshi-assistant.app
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/root"

install -Dm755 "$release/onshi-assistant" "$root/usr/bin/onshi-assistant"
install -Dm755 "$release/onshi" "$root/usr/bin/onshi"
strip --strip-unneeded "$root/usr/bin/onshi-assistant" "$root/usr/bin/onshi"
install -Dm644 "$here/$app_id.desktop" "$root/usr/share/applications/$app_id.desktop"
for size in 32x32 64x64 128x128; do
  install -Dm644 "$icons/$size.png" "$root/usr/share/icons/hicolor/$size/apps/$app_id.png"
done
install -Dm644 "$icons/128x128@2x.png" "$root/usr/share/icons/hicolor/256x256/apps/$app_id.png"
install -Dm644 "$icons/icon.svg" "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
install -Dm644 "$here/copyright" "$root/usr/share/doc/onshi-assistant/copyright"
printf '%s\n' \
  "onshi-assistant ($version) unstable; urgency=medium" "" \
  "  * Release $version: see the README for what the app does." "" \
  " -- オン資アシスタント <onshi-assistant@users.noreply.github.com>  $(date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" |
  gzip -9n >"$work/changelog.gz"
install -Dm644 "$work/changelog.gz" "$root/usr/share/doc/onshi-assistant/changelog.gz"

# dpkg-shlibdeps reads the package list of a source tree: give it a minimal one.
mkdir -p "$work/src/debian"
printf 'Source: onshi-assistant\n\nPackage: onshi-assistant\nArchitecture: amd64\n' >"$work/src/debian/control"
libs=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/onshi-assistant" "$root/usr/bin/onshi" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
[[ -n $libs ]] || { echo "dpkg-shlibdeps found no libraries" >&2; exit 1; }

size=$(du -k -s "$root/usr" | cut -f1)
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: onshi-assistant
Version: $version
Architecture: amd64
Maintainer: オン資アシスタント <onshi-assistant@users.noreply.github.com>
Installed-Size: $size
Depends: $libs, pcscd, libayatana-appindicator3-1
Recommends: libccid
Section: utils
Priority: optional
Description: guided checks for the online eligibility confirmation PC
 オン資アシスタント helps the staff of clinics and pharmacies in Japan keep the
 オンライン資格確認 PC working: it shows which card readers are connected and
 whether each suits the smartphone My Number insurance card, runs a safe read
 test, checks the terminal certificate's expiry and its backup, and walks
 through the vendor manuals step by step. Includes the command line "onshi".
CONTROL
mkdir -p "$out"
deb="$out/onshi-assistant_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"

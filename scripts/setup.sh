#!/usr/bin/env bash
# Installs what the app, its tests and the rig need on Debian 12 / Ubuntu, once; later runs skip what
# is there. Sourced by start.sh, test.sh and build.sh:  source scripts/setup.sh [--test]
set -euo pipefail
ONSHI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Build output lives under the home folder, never in the clone, and is reused between runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/onshi-assistant/target}"
export PATH="$HOME/.cargo/bin:$PATH"

apt_packages=(
  build-essential pkgconf file libssl-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev  # Tauri on Linux
  pcscd libpcsclite-dev pcsc-tools                                            # PC/SC
  fonts-noto-cjk                                                               # Japanese text
)
if [[ " $* " == *" --test "* ]]; then
  apt_packages+=(
    vsmartcard-vpcd iproute2 util-linux      # the rig: virtual readers in a private namespace
    umockdev libccid                         # fake USB readers (tests/usb) and libccid's list, the oracle
    xvfb xauth dbus webkit2gtk-driver        # the real app under a virtual display, driven by WebDriver
    imagemagick openssl
    libnss3-tools gnutls-bin                 # backups as NSS (pk12util) and GnuTLS (certtool) write them
    python3-dbus python3-gi python3-xlib     # the test desktop: notification server, tray watcher,
    libglib2.0-bin xclip                     # a window's close button (tests/e2e/desktop_bus.py), gdbus
    debootstrap lintian                      # the chroots (.deb install test, Windows toolchain), the .deb's lint
    strace                                   # the checks open no internet socket (tests/terminal.rs)
    osslsigncode softhsm2 libengine-pkcs11-openssl  # the signed installer, a PFX and a PKCS#11 token (sign-test.sh)
  )
fi

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "==> Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then
  echo "Node.js 20.19 or newer is needed (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

cd "$ONSHI_ROOT"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ " $* " == *" --test "* ]] && ! command -v tauri-driver >/dev/null; then
  echo "==> tauri-driver (WebDriver for the app)"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

#!/usr/bin/env bash
# The Windows toolchain, made and used on Linux. Sourced by the Windows scripts:
#   source scripts/windows/env.sh
#   win_setup                 # makes the chroot once (atomically), later runs only check it
#   win_run COMMAND...        # runs COMMAND inside it, in the repo (mounted at /src), with the env below
#
# Why a chroot: rustup cannot fetch the Windows target here, and Debian 12's Windows std is far too old.
# Debian's own rustc comes with its matching `rust-src`, so std is compiled from source for
# x86_64-pc-windows-gnu (-Zbuild-std, allowed on stable by RUSTC_BOOTSTRAP=1) and linked by mingw-w64.
# Why sid: Tauri 2.12 needs Rust 1.90; Debian 13 has 1.85, and testing (forky) had no wine when this was
# written, so sid is the one suite with rustc >= 1.90, its rust-src, mingw-w64, wine and nsis together.
# sid moves daily: win_setup checks that rustc and rust-src are the same version and the build reports both.
#
# Everything lives under ~/.cache/onshi-assistant/windows (never in the clone): the chroot with its cargo
# home, Wine prefix and Windows target folder. The mounts are made in a private mount namespace that ends
# with the command, so nothing is left mounted if a run is interrupted.
set -euo pipefail

ONSHI_ROOT="${ONSHI_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
WIN_CACHE="${ONSHI_WINDOWS_CACHE:-$HOME/.cache/onshi-assistant/windows}"
WIN_SUITE=sid
WIN_CHROOT="$WIN_CACHE/$WIN_SUITE"
WIN_TARGET=x86_64-pc-windows-gnu
# Inside the chroot: the Windows build output (kept across runs, outside the clone).
WIN_TARGET_DIR=/root/target-win
# Bump when the package list changes: an existing chroot then installs what is new.
WIN_PACKAGES_VERSION=5
WIN_PACKAGES=(
  rustc cargo rust-src rust-clippy                          # Debian's Rust with the std sources
  gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix     # the Windows linker and C compiler
  wine wine64                                               # runs the .exe files (64-bit only)
  nsis                                                      # makensis: the installer
  pcscd libpcsclite1                                        # Wine's winscard forwards to pcsc-lite
  vsmartcard-vpcd openssl iproute2 pcsc-tools               # the rig inside, for Wine's pcscd
  libnss3-tools gnutls-bin                                  # backup fixtures by pk12util and certtool
  ca-certificates git xauth xvfb xdotool x11-utils imagemagick  # the message-box test and its screenshot
  fonts-noto-cjk                                            # Japanese glyphs in Wine's dialogs
)

# The Windows builds, run inside the chroot (win_run): the release build that ships, clippy over every
# target of ours, and the tests' build (their run is `$WIN_TESTS` alone).
WIN_RELEASE_BUILD="cargo build --release -p onshi-cli -p onshi-assistant"
WIN_CLIPPY="cargo clippy --release --quiet -p onshi-core -p onshi-cli -p onshi-assistant --all-targets -- -D warnings"
WIN_TESTS="cargo test --release -p onshi-core -p onshi-cli"

source "$ONSHI_ROOT/scripts/lib/chroot.sh"
win_as_root() { chroot_as_root "$@"; }

win_setup() {
  # std is built from rust-src: it must be the very version of rustc.
  local verify='rustc_v=$(dpkg-query -W -f="\${Version}" rustc); src_v=$(dpkg-query -W -f="\${Version}" rust-src)
    if [[ $rustc_v != "$src_v" ]]; then
      echo "Debian sid has rustc $rustc_v but rust-src $src_v today: std cannot be built. Try again tomorrow." >&2
      exit 1
    fi'
  chroot_make "$WIN_CHROOT" "$WIN_SUITE" "$WIN_PACKAGES_VERSION" "$verify" "${WIN_PACKAGES[@]}"
}

# The build and run environment inside the chroot.
win_env_snippet() {
  cat <<EOF
export LC_ALL=C.UTF-8
export PATH=/usr/lib/x86_64-linux-gnu/wine:\$PATH  # wineserver lives there on Debian
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_BUILD_TARGET=$WIN_TARGET
export CARGO_TARGET_DIR=$WIN_TARGET_DIR
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-posix
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++-posix
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
export WINEPREFIX=/root/.wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export XDG_RUNTIME_DIR=/tmp/xdg; mkdir -p -m 700 /tmp/xdg
if [[ ! -f \$WINEPREFIX/.onshi-ready ]]; then
  wineboot -i >/dev/null 2>&1
  # Windows has Japanese fonts; a fresh Wine prefix has none, and its dialogs would show boxes. Link
  # the dialog font to Noto CJK, as Windows links its UI fonts to Japanese ones.
  wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontLink\SystemLink' /v Tahoma \
    /t REG_MULTI_SZ /d 'NotoSansCJK-Regular.ttc,Noto Sans CJK JP' /f >/dev/null 2>&1
  wineserver -w
  touch \$WINEPREFIX/.onshi-ready
fi
cd /src
EOF
}

win_run() {
  chroot_exec "$WIN_CHROOT" "$(win_env_snippet)
$*"
}

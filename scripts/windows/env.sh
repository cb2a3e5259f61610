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
WIN_PACKAGES_VERSION=4
WIN_PACKAGES=(
  rustc cargo rust-src rust-clippy                          # Debian's Rust with the std sources
  gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix     # the Windows linker and C compiler
  wine wine64                                               # runs the .exe files (64-bit only)
  nsis                                                      # makensis: the installer
  pcscd libpcsclite1                                        # Wine's winscard forwards to pcsc-lite
  vsmartcard-vpcd openssl iproute2 pcsc-tools               # the rig inside, for Wine's pcscd
  ca-certificates git xauth xvfb xdotool x11-utils imagemagick  # the message-box test and its screenshot
  fonts-noto-cjk                                            # Japanese glyphs in Wine's dialogs
)

win_as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

win_mirror() {
  # The Debian mirror the host already uses (the only one this machine reaches).
  local uri
  uri=$(grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    grep -m1 -E '/debian/?$' | awk '{print $2}') || true
  echo "${uri:-http://deb.debian.org/debian}"
}

# Runs a shell snippet as root inside ROOT with /proc, /dev and the repo mounted (private namespace).
win_chroot_exec() {
  local root=$1
  shift
  win_as_root unshare --mount --propagation private -- bash -c '
    set -euo pipefail
    root=$1 src=$2; shift 2
    # The root a mount point of its own, so that namespaces made inside (the rig) can make it private.
    mount --bind "$root" "$root"
    mount --bind /proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    mount -t tmpfs -o mode=1777 tmp "$root/tmp"
    mkdir -p "$root/src" "$root/run/pcscd"
    mount --bind "$src" "$root/src"
    # The rig may give its private pcscd socket folder; share it so Wine reaches that pcscd.
    if [[ -n "${ONSHI_WIN_PCSCD_DIR:-}" ]]; then mount --bind "$ONSHI_WIN_PCSCD_DIR" "$root/run/pcscd"; fi
    exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
      TERM="${TERM:-dumb}" DISPLAY="${DISPLAY:-}" CI="${CI:-}" ONSHI_WIN_ENV="${ONSHI_WIN_ENV:-}" \
      bash -euo pipefail -c "$@"
  ' win-chroot "$root" "$ONSHI_ROOT" "$@"
}

win_setup() {
  local stamp="$WIN_CHROOT/.onshi-packages"
  if [[ -f $stamp && $(cat "$stamp") == "$WIN_PACKAGES_VERSION" ]]; then
    return 0
  fi
  local root="$WIN_CHROOT"
  if [[ ! -f $stamp ]]; then
    # First time: build aside, rename when complete, so a half-made chroot is never used.
    root="$WIN_CACHE/$WIN_SUITE.new"
    echo "==> Windows toolchain: a Debian $WIN_SUITE chroot in $WIN_CHROOT (once, about 5 minutes)"
    if [[ ! -f $root/.onshi-debootstrap ]]; then
      command -v debootstrap >/dev/null ||
        win_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
      win_as_root rm -rf "$root"
      mkdir -p "$WIN_CACHE"
      win_as_root debootstrap --variant=minbase "$WIN_SUITE" "$root" "$(win_mirror)" >"$WIN_CACHE/debootstrap.log" 2>&1 ||
        { tail -20 "$WIN_CACHE/debootstrap.log" >&2; return 1; }
      win_as_root touch "$root/.onshi-debootstrap"
    fi
  else
    echo "==> Windows toolchain: updating the packages of $WIN_CHROOT"
  fi
  # Trust the same extra certificate authorities as the host, or cargo cannot reach the crate registry.
  win_as_root cp /etc/resolv.conf "$root/etc/resolv.conf"
  win_as_root bash -c 'cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" 2>/dev/null || true' _ "$root"
  # The registry here serves a stored copy of the archive, whose Release file may be past its
  # Valid-Until date; the signatures are still checked.
  echo 'Acquire::Check-Valid-Until "false";' | win_as_root tee "$root/etc/apt/apt.conf.d/99onshi" >/dev/null
  win_chroot_exec "$root" '
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends '"${WIN_PACKAGES[*]}"' >/var/log/onshi-apt.log 2>&1 ||
      { tail -30 /var/log/onshi-apt.log >&2; exit 1; }
    update-ca-certificates >/dev/null 2>&1
    apt-get clean
    rustc_v=$(dpkg-query -W -f="\${Version}" rustc); src_v=$(dpkg-query -W -f="\${Version}" rust-src)
    if [[ $rustc_v != "$src_v" ]]; then
      echo "Debian '"$WIN_SUITE"' has rustc $rustc_v but rust-src $src_v: std cannot be built. Try again tomorrow." >&2
      exit 1
    fi'
  echo "$WIN_PACKAGES_VERSION" | win_as_root tee "$root/.onshi-packages" >/dev/null
  if [[ $root != "$WIN_CHROOT" ]]; then
    win_as_root mv "$root" "$WIN_CHROOT"
  fi
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
  win_chroot_exec "$WIN_CHROOT" "$(win_env_snippet)
$*"
}

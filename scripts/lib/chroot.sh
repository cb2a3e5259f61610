#!/usr/bin/env bash
# Debian chroots for the project's own builds and tests, kept under ~/.cache/onshi-assistant (never in the
# clone): the Windows toolchain (scripts/windows/env.sh) and a clean Debian 12 for the .deb's install test
# (scripts/linux/install-test.sh). Sourced; needs ONSHI_ROOT.
#   chroot_make ROOT SUITE VERSION VERIFY PACKAGES...   makes ROOT once (atomically), or installs what is new
#   chroot_exec ROOT SNIPPET                            runs SNIPPET as root inside, the repo at /src
# The mounts live in a private mount namespace that ends with the command: an interrupted run leaves
# nothing mounted.

chroot_as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

chroot_mirror() {
  # The Debian mirror the host already uses (the only one this machine reaches).
  local uri
  uri=$(grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
    grep -m1 -E '/debian/?$' | awk '{print $2}') || true
  echo "${uri:-http://deb.debian.org/debian}"
}

chroot_exec() {
  local root=$1
  shift
  chroot_as_root unshare --mount --propagation private -- bash -c '
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
    exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
      TERM="${TERM:-dumb}" CI="${CI:-}" LANG=C.UTF-8 bash -euo pipefail -c "cd /src; $1"
  ' onshi-chroot "$root" "$ONSHI_ROOT" "$@"
}

chroot_make() {
  local root=$1 suite=$2 version=$3 verify=$4
  shift 4
  local stamp="$root/.onshi-packages" target="$root"
  if [[ -f $stamp && $(cat "$stamp") == "$version" ]]; then
    return 0
  fi
  if [[ ! -f $stamp ]]; then
    # First time: build aside, rename when complete, so a half-made chroot is never used.
    target="$root.new"
    echo "==> a Debian $suite chroot in $root (once, a few minutes)"
    if [[ ! -f $target/.onshi-debootstrap ]]; then
      command -v debootstrap >/dev/null ||
        chroot_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
      chroot_as_root rm -rf "$target"
      mkdir -p "$(dirname "$root")"
      chroot_as_root debootstrap --variant=minbase "$suite" "$target" "$(chroot_mirror)" >"$root.debootstrap.log" 2>&1 ||
        { tail -20 "$root.debootstrap.log" >&2; return 1; }
      chroot_as_root touch "$target/.onshi-debootstrap"
    fi
  else
    echo "==> updating the packages of $root"
  fi
  # Trust the same extra certificate authorities as the host, or cargo cannot reach the crate registry.
  chroot_as_root cp /etc/resolv.conf "$target/etc/resolv.conf"
  chroot_as_root bash -c 'cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" 2>/dev/null || true' _ "$target"
  # The registry here serves a stored copy of the archive, whose Release file may be past its
  # Valid-Until date; the signatures are still checked.
  echo 'Acquire::Check-Valid-Until "false";' | chroot_as_root tee "$target/etc/apt/apt.conf.d/99onshi" >/dev/null
  chroot_exec "$target" "
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C
    apt-get update -qq || true  # an expired Release file is reported, and the lists still used
    apt-get install -y -qq --no-install-recommends $* >/var/log/onshi-apt.log 2>&1 ||
      { tail -30 /var/log/onshi-apt.log >&2; exit 1; }
    update-ca-certificates >/dev/null 2>&1 || true
    apt-get clean
    $verify"
  echo "$version" | chroot_as_root tee "$target/.onshi-packages" >/dev/null
  if [[ $target != "$root" ]]; then
    chroot_as_root mv "$target" "$root"
  fi
}

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
    # shared/ beside the clone (public test files some tests read), at /shared inside, read-only.
    if [[ -d $src/../shared ]]; then
      mkdir -p "$root/shared"
      mount --bind "$src/../shared" "$root/shared"
      mount -o remount,bind,ro "$root/shared"
    fi
    exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
      TERM="${TERM:-dumb}" CI="${CI:-}" LANG=C.UTF-8 bash -euo pipefail -c "cd /src; $1"
  ' onshi-chroot "$root" "$ONSHI_ROOT" "$@"
}

chroot_trust_host_cas() {
  # The host's whole bundle of trusted certificate authorities, copied in on every use (not only when the
  # chroot is made): this workplace adds its own authority, which can change from one machine to the
  # next, and without it cargo inside cannot reach the crate registry ("self-signed certificate in
  # certificate chain"). ca-certificates inside would rebuild its bundle from its own list and drop it.
  local root=$1 bundle=/etc/ssl/certs/ca-certificates.crt
  [[ -s $bundle ]] || { echo "The host has no $bundle: install ca-certificates." >&2; return 1; }
  chroot_as_root mkdir -p "$root/etc/ssl/certs"
  if ! cmp -s "$bundle" "$root/etc/ssl/certs/ca-certificates.crt"; then
    chroot_as_root cp "$bundle" "$root/etc/ssl/certs/ca-certificates.crt" ||
      { echo "Could not copy the host's certificate authorities into $root." >&2; return 1; }
  fi
}

chroot_make() {
  local root=$1 suite=$2 version=$3 verify=$4
  shift 4
  local stamp="$root/.onshi-packages" target="$root"
  if [[ -f $stamp && $(cat "$stamp") == "$version" ]]; then
    chroot_trust_host_cas "$root"
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
  chroot_as_root cp /etc/resolv.conf "$target/etc/resolv.conf"
  # The registry here serves a stored copy of the archive, whose Release file may be past its
  # Valid-Until date; the signatures are still checked.
  echo 'Acquire::Check-Valid-Until "false";' | chroot_as_root tee "$target/etc/apt/apt.conf.d/99onshi" >/dev/null
  chroot_exec "$target" "
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C
    # A run stopped while dpkg worked (npm test ended early) left it half done: finish that first.
    dpkg --configure -a >/var/log/onshi-dpkg-configure.log 2>&1 || true
    apt-get update -qq >/var/log/onshi-apt-update.log 2>&1 ||
      { tail -20 /var/log/onshi-apt-update.log >&2; echo 'apt-get update failed in the chroot (above)' >&2; exit 1; }
    apt-get install -y -qq --no-install-recommends $* >/var/log/onshi-apt.log 2>&1 ||
      { tail -30 /var/log/onshi-apt.log >&2; exit 1; }
    apt-get clean
    $verify"
  chroot_trust_host_cas "$target"
  echo "$version" | chroot_as_root tee "$target/.onshi-packages" >/dev/null
  if [[ $target != "$root" ]]; then
    chroot_as_root mv "$target" "$root"
  fi
}

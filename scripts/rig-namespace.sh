#!/usr/bin/env bash
# Runs a command where the test rig may start its own pcscd without touching the PC's real one:
# a private mount namespace (a tmpfs over /run/pcscd, where pcscd keeps its socket), a private
# network namespace (vpcd's ports, and an adapter of its own), and a private PID namespace with its own
# /proc, so that every pcscd and virtual card started inside ends when the command does.
#   scripts/rig-namespace.sh COMMAND [ARGS...]
set -euo pipefail
if [[ "${ONSHI_RIG_NAMESPACE:-}" == 1 ]]; then
  exec "$@"
fi
sudo_if_needed=()
[[ $(id -u) -eq 0 ]] || sudo_if_needed=(sudo --preserve-env)
exec "${sudo_if_needed[@]}" unshare --mount --net --pid --fork --kill-child --propagation private -- \
  bash -c '
    set -euo pipefail
    mkdir -p /run/pcscd
    mount -t tmpfs -o mode=0755 onshi-rig /run/pcscd
    # A /proc that shows the namespace'"'"'s own PIDs: what the tests and the benchmark start, by the PIDs
    # they were given, and nothing of the machine'"'"'s.
    mount -t proc proc /proc
    ip link set lo up
    # The terminal around the reader, as 始業点検 expects it: a network adapter that is up with a global IPv6
    # prefix (a veth pair: the "dummy" driver is not in every kernel; 2001:db8::/32 is the documentation
    # prefix), and Japan time (a POSIX zone, which needs no tzdata in the chroots).
    ip link add onshi0 type veth peer name onshi1
    ip link set onshi0 up
    ip link set onshi1 up
    ip addr add 2001:db8:8:30::10/64 dev onshi0 nodad
    export TZ=JST-9
    # vpcd listens on 35963 and up; keep ephemeral ports (WebDriver, the app) clear of them.
    echo "40000 60999" > /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
    export ONSHI_RIG_NAMESPACE=1
    exec "$@"
  ' rig-namespace "$@"

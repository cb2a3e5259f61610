#!/usr/bin/env bash
# The chroots npm test needs, made ahead in the background. Making one is mostly downloading and unpacking
# packages, so on a new machine it runs beside the Linux compile (which uses both cores) instead of after
# it; a phase that uses a chroot waits for it first. Sourced by scripts/test.sh (needs ONSHI_ROOT):
#   chroots_start [--no-windows]   starts making them; logs in ~/.cache/onshi-assistant/chroot-*.log
#   chroots_wait deb|windows       waits for one; on failure prints its log and returns non-zero
#   chroots_ui_built               says the UI is built (the Windows job's builds wait for it)
#   chroots_stop                   ends any still being made (npm test stopped early)
#   deb_test_chroot                makes (or checks) the .deb's clean Debian 12 (install-test.sh uses it)
# chroot_make is idempotent: a chroot already there costs a stamp check.

source "$ONSHI_ROOT/scripts/lib/chroot.sh"

DEB_TEST_CHROOT="$HOME/.cache/onshi-assistant/linux/bookworm"
declare -gA _chroots_pids=()

# A bare Debian 12 with only what the .deb's test needs (a display and a way to find a window): the app's
# own dependencies must come from the package's Depends.
deb_test_chroot() { chroot_make "$DEB_TEST_CHROOT" bookworm 1 true xvfb xauth xdotool x11-utils ca-certificates; }

_chroots_log() { echo "$HOME/.cache/onshi-assistant/chroot-$1.log"; }

_chroots_make() {
  local which=$1 make
  case $which in
    deb) make='source "$ONSHI_ROOT/scripts/lib/test-chroots.sh"; deb_test_chroot' ;;
    windows) make='source "$ONSHI_ROOT/scripts/lib/test-chroots.sh"; source "$ONSHI_ROOT/scripts/windows/env.sh"; win_setup; windows_prebuild' ;;
  esac
  mkdir -p "$HOME/.cache/onshi-assistant"
  # A session of its own, so that chroots_stop can end debootstrap and apt with it.
  setsid -w bash -c "set -euo pipefail; $make" >"$(_chroots_log "$which")" 2>&1 </dev/null &
  _chroots_pids[$which]=$!
}

# The Windows builds (the release build, clippy, the tests' build), started once the chroot is
# made, at the lowest priority: they use what the Linux phases leave idle (the tests, the monitoring
# engines and the app end to end mostly wait), and the Windows phase, which waits for this job, finds
# them done or finishes them at full speed. Its session is its own (setsid), and where the kernel
# groups a session's processes for the scheduler (autogroup) that group is lowered too, or it would take
# an equal share beside the Linux phases. A failure here is not reported: the Windows phase builds
# again and says why.
windows_prebuild() {
  echo 19 >/proc/self/autogroup 2>/dev/null || true
  renice -n 19 $$ >/dev/null 2>&1 || true
  # The app embeds the UI: wait until npm test has built it (a few seconds after the start).
  local waited=0
  until [[ -e $(_chroots_ui_built) ]]; do
    sleep 1
    ((++waited < 600)) || { echo "windows prebuild: the UI was never built; left to the Windows phase"; return 0; }
  done
  echo "==> windows prebuild, at the lowest priority"
  win_run "$WIN_RELEASE_BUILD --quiet && $WIN_CLIPPY && $WIN_TESTS --no-run --quiet" ||
    echo "windows prebuild failed; the Windows phase builds again and says why"
}

# Touched by npm test once the UI is built (windows_prebuild waits for it).
_chroots_ui_built() { echo "$HOME/.cache/onshi-assistant/ui-built"; }
chroots_ui_built() { touch "$(_chroots_ui_built)"; }

chroots_start() {
  rm -f "$(_chroots_ui_built)"
  # Without a terminal, sudo cannot ask for a password: then each chroot is made in its own phase.
  if [[ $(id -u) -ne 0 ]] && ! sudo -n true 2>/dev/null; then
    echo "(the test chroots are made in their phases: sudo needs a password)"
    return 0
  fi
  _chroots_make deb
  [[ ${1:-} == --no-windows ]] || _chroots_make windows
}

chroots_wait() {
  local which=$1 pid status=0
  pid=${_chroots_pids[$which]:-}
  [[ -n $pid ]] || return 0
  unset "_chroots_pids[$which]"
  wait "$pid" || status=$?
  if ((status)); then
    echo "Making the $which chroot failed (exit $status); the end of its log, $(_chroots_log "$which"):" >&2
    tail -40 "$(_chroots_log "$which")" >&2
  fi
  return "$status"
}

chroots_stop() {
  local pid
  for pid in "${_chroots_pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  _chroots_pids=()
}

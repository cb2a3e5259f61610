#!/usr/bin/env bash
# npm run bench: benchmarks on the rig, written to BENCHMARKS.md (see crates/onshi-bench).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/setup.sh" --test
cd "$ONSHI_ROOT"
npm run --silent build:ui
home_page=$(mktemp -d)
trap 'rm -rf "$home_page"' EXIT

# Our home screen as static HTML, saved from the running app (debug build, as the e2e tests run it), for
# the bare app to show beside ours.
cargo build --quiet -p onshi-assistant -p onshi-rig
if [[ "${1:-}" != --wine-only ]]; then
  ONSHI_BENCH_HOME_PAGE="$home_page" scripts/rig-namespace.sh tests/e2e/run.sh --spec tests/bench/save-home.e2e.js >/dev/null
fi

# The resident app on Windows, under Wine: the Windows release build (cached) and the rig's control program.
bash "$here/windows/build.sh" >/dev/null
source "$here/windows/env.sh"
win_as_root mkdir -p "$WIN_CHROOT/root/linux-tests-lib"
win_as_root cp "${CARGO_TARGET_DIR:-target}/debug/onshi-rig" "$WIN_CHROOT/root/linux-tests-lib/onshi-rig"
wine_line=$(win_run "scripts/windows/bench-resident.sh $WIN_TARGET_DIR/$WIN_TARGET/release/onshi-assistant.exe /root/linux-tests-lib/onshi-rig" | grep '^wine-memory ')
# onshi.exe check against its floor built for Windows (crates/onshi-core/examples/check_floor.rs), under Wine.
win_run "cargo build --release --quiet -p onshi-core --example check_floor"
check_line=$(win_run "scripts/windows/bench-check.sh $WIN_TARGET_DIR/$WIN_TARGET/release/onshi.exe $WIN_TARGET_DIR/$WIN_TARGET/release/examples/check_floor.exe /root/linux-tests-lib/onshi-rig 15" | grep '^check=')
wine_version=$(win_run 'dpkg-query -W -f="\${Version}" wine')
export ONSHI_BENCH_WINE="$wine_line $check_line wine=$wine_version" ONSHI_BENCH_HOME_PAGE="$home_page"

# `npm run bench -- --wine-only`: the Windows section alone, measured again and put in place of the last one.
if [[ "${1:-}" == --wine-only ]]; then
  cargo build --release --quiet -p onshi-bench
  sed -i '/^## Resident on Windows, measured under Wine/,$d' BENCHMARKS.md
  "$CARGO_TARGET_DIR/release/onshi-bench" --wine-section "$ONSHI_BENCH_WINE" >> BENCHMARKS.md
  exit 0
fi

# One invocation: the app and the bare reference share one tauri build with the same features.
cargo build --release --quiet -p onshi-bench -p onshi-cli -p onshi-assistant -p onshi-bare-app
cargo build --release --quiet -p onshi-core --example check_floor # the floor of `onshi check`
# The apps need a display and a session bus: a private Xvfb and dbus-run-session, inside the rig.
scripts/rig-namespace.sh bash -c '
  set -euo pipefail
  home=$(mktemp -d); trap "rm -rf $home; kill \$(jobs -p) 2>/dev/null || true" EXIT
  Xvfb -displayfd 3 -screen 0 1280x1000x24 -nolisten tcp 3>"$home/display" >/dev/null 2>&1 &
  for _ in $(seq 100); do [[ -s $home/display ]] && break; sleep 0.1; done
  export DISPLAY=":$(tr -d "[:space:]" < "$home/display")"
  dbus-run-session -- "$CARGO_TARGET_DIR/release/onshi-bench" BENCHMARKS.md "$@"' bench "$@"

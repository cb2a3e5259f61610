#!/usr/bin/env bash
# npm run bench: benchmarks on the rig, written to BENCHMARKS.md (see crates/onshi-bench).
set -euo pipefail
source "$(dirname "$0")/setup.sh" --test
cd "$ONSHI_ROOT"
npm run --silent build:ui
# One invocation: the app and the bare reference share one tauri build with the same features.
cargo build --release --quiet -p onshi-bench -p onshi-cli -p onshi-assistant -p onshi-bare-app
# The apps need a display and a session bus: a private Xvfb and dbus-run-session, inside the rig.
scripts/rig-namespace.sh bash -c '
  set -euo pipefail
  home=$(mktemp -d); trap "rm -rf $home; kill \$(jobs -p) 2>/dev/null || true" EXIT
  Xvfb -displayfd 3 -screen 0 1280x1000x24 -nolisten tcp 3>"$home/display" >/dev/null 2>&1 &
  for _ in $(seq 100); do [[ -s $home/display ]] && break; sleep 0.1; done
  export DISPLAY=":$(tr -d "[:space:]" < "$home/display")"
  dbus-run-session -- "$CARGO_TARGET_DIR/release/onshi-bench" BENCHMARKS.md "$@"' bench "$@"

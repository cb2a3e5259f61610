#!/usr/bin/env bash
# Runs the end-to-end tests: Xvfb, a private app-data folder, then WebdriverIO. Must run inside
# scripts/rig-namespace.sh, where the specs start and stop the rig's pcscd themselves.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ "${ONSHI_RIG_NAMESPACE:-}" == 1 ]] || { echo "run me through scripts/rig-namespace.sh" >&2; exit 2; }
target="${CARGO_TARGET_DIR:-target}"
export ONSHI_APP="$target/debug/onshi-assistant"
export ONSHI_RIG="$target/debug/onshi-rig"
home=$(mktemp -d)
trap 'rm -rf "$home"; kill $(jobs -p) 2>/dev/null || true' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
# The app's home (the login-start entry goes to its ~/.config/autostart); wdio.conf.js hands it to the app.
export ONSHI_APP_HOME="$home/home" ONSHI_DESK_READY="$home/desk-ready"
mkdir -p "$ONSHI_APP_HOME"
export ONSHI_APP_DATA="$XDG_DATA_HOME/jp.onshi-assistant.app"
# Native dialogs cannot be driven over WebDriver: the app reads the "chosen" path from here instead.
export ONSHI_TEST_PICKS="$home/picks" ONSHI_FIXTURES="$home/fixtures"
mkdir -p "$ONSHI_TEST_PICKS"
"$target/debug/onshi-fixtures" "$ONSHI_FIXTURES"
mkdir -p tests/e2e/out
# Xvfb picks a free display itself and tells us which (a stale lock from an earlier run cannot trip it).
Xvfb -displayfd 3 -screen 0 1280x1600x24 -nolisten tcp 3>"$home/display" >/dev/null 2>&1 &
for _ in $(seq 100); do [[ -s "$home/display" ]] && break; sleep 0.1; done
[[ -s "$home/display" ]] || { echo "Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$(tr -d '[:space:]' < "$home/display")"
# A private session bus, with the desktop's notification and tray services on it (session.sh).
exec dbus-run-session -- tests/e2e/session.sh "$@"

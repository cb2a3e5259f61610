#!/usr/bin/env bash
# Inside the test's own session D-Bus (run.sh starts it with dbus-run-session): the desktop around the
# app (desktop_bus.py: a notification server that records, a tray watcher), then WebdriverIO.
set -euo pipefail
/usr/bin/python3 "$(dirname "$0")/desktop_bus.py" > "$ONSHI_DESK_READY" &
for _ in $(seq 100); do [[ -s "$ONSHI_DESK_READY" ]] && break; sleep 0.1; done
[[ -s "$ONSHI_DESK_READY" ]] || { echo "the test desktop's D-Bus services did not start" >&2; exit 1; }
npx wdio run tests/e2e/wdio.conf.js "$@"

#!/usr/bin/env bash
# npm test: installs what is missing, then every check: format, lints, unit tests, the rig's integration
# tests, onshi check inside the monitoring engines (Zabbix, NRPE, promtool), the generated TypeScript
# bindings, the UI's tests, the real app end to end under Xvfb, the .deb installed into a clean chroot, and
# the Windows build under Wine (scripts/windows/test.sh).
set -euo pipefail
source "$(dirname "$0")/lib/phases.sh" "npm test"
phase "set-up: Debian and npm packages, tauri-driver"
source "$(dirname "$0")/setup.sh" --test
cd "$ONSHI_ROOT"
export ONSHI_ROOT
# The chroots of the last two phases are made now, in the background, while Linux compiles.
source scripts/lib/test-chroots.sh
at_exit chroots_stop
if [[ "${ONSHI_SKIP_WINDOWS:-}" == 1 ]]; then chroots_start --no-windows; else chroots_start; fi

phase "format"
cargo fmt --all --check

phase "UI build (the app embeds it)"
npm run --silent build:ui
export ONSHI_UI_BUILT=1
chroots_ui_built

phase "clippy, in the build the tests and the app use"
# Clippy lints the workspace's crates while they are built (clippy-driver in rustc's place for workspace
# members only, which is how `cargo clippy` runs it), so the dependencies are compiled once for the lints,
# the tests and the app; `cargo clippy` compiles them a second time in check mode (~8 minutes on a new
# machine). CLIPPY_ARGS is how cargo-clippy hands its arguments to clippy-driver. clippy-driver turns off
# MIR optimisations, which the dev profile does not miss; the release builds below (.deb, Windows) do not
# use it.
clippy_driver="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver || true)"
[[ -x $clippy_driver ]] || { echo "clippy-driver is missing: rustup component add clippy" >&2; exit 1; }
export RUSTC_WORKSPACE_WRAPPER="$clippy_driver" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo build --workspace --all-targets --quiet

phase "Rust tests (unit, and integration against a private pcscd with virtual readers)"
# The CLI's `only_windows::` tests need onshi.exe under Wine (npm run test:windows runs them): left out
# here, libtest reports them as filtered out rather than passed.
scripts/rig-namespace.sh cargo test --workspace -- --skip only_windows

phase "monitoring engines on loopback: Zabbix agent and server, NRPE, promtool (scripts/monitoring/test.sh)"
# onshi check inside the engines vendors run, from Debian's packages: the agent's UserParameter polled by
# zabbix_get, the template imported into a real Zabbix server that shows the expired certificate's problem and
# its recovery, check_nrpe through NRPE, and the Prometheus format through promtool (about 1 minute warm).
bash scripts/monitoring/setup.sh
cargo build --quiet -p onshi-cli -p onshi-rig
scripts/rig-namespace.sh scripts/monitoring/test.sh agents
scripts/rig-namespace.sh scripts/monitoring/test.sh server

phase "TypeScript bindings and JSON Schemas match the Rust types"
if [[ -n "$(git status --porcelain -- ui/src/lib/bindings docs/schema)" ]]; then
  git status --porcelain -- ui/src/lib/bindings docs/schema
  echo "The generated bindings or schemas differ from the committed ones: commit ui/src/lib/bindings and docs/schema." >&2
  exit 1
fi

phase "UI unit tests"
npm run --silent test:ui

phase "UI types: every screen against the generated bindings (svelte-check)"
npm run --silent check:ui

phase "end to end: the real app under Xvfb"
cargo build --quiet -p onshi-assistant -p onshi-rig
scripts/rig-namespace.sh tests/e2e/run.sh

phase "Linux installer: the .deb made offline, lintian, installed into a clean Debian 12 chroot"
chroots_wait deb
env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS bash scripts/build.sh
scripts/linux/install-test.sh "dist/linux/onshi-assistant_$(node -p 'require("./package.json").version')_amd64.deb"

phase "Windows: the cross-built Windows build under Wine (npm run test:windows)"
if [[ "${ONSHI_SKIP_WINDOWS:-}" == 1 ]]; then
  echo "skipped: ONSHI_SKIP_WINDOWS=1 (CI never sets it)"
else
  chroots_wait windows # with the Windows builds made in the background meanwhile (test-chroots.sh)
  bash scripts/windows/test.sh
fi

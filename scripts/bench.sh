#!/usr/bin/env bash
# npm run bench: benchmarks on the rig, written to BENCHMARKS.md (see crates/onshi-bench).
set -euo pipefail
source "$(dirname "$0")/setup.sh" --test
cd "$ONSHI_ROOT"
cargo build --release --quiet -p onshi-bench -p onshi-cli
scripts/rig-namespace.sh "$CARGO_TARGET_DIR/release/onshi-bench" BENCHMARKS.md "$@"

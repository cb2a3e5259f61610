#!/usr/bin/env bash
# npm run build: the installers for this OS (Linux: .deb and AppImage; Windows: .msi and NSIS .exe).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ONSHI_ROOT"
npx tauri build "$@"
echo "Installers: $CARGO_TARGET_DIR/release/bundle/"

#!/usr/bin/env bash
# npm start: installs what is missing, builds, and opens the app. With no card reader attached it offers
# virtual readers (the test rig), so a newcomer sees the app at work.
set -euo pipefail
source "$(dirname "$0")/setup.sh" --test
cd "$ONSHI_ROOT"
echo "==> build"
npm run --silent build:ui
cargo build --quiet -p onshi-assistant -p onshi-cli -p onshi-rig
bin="$CARGO_TARGET_DIR/debug"

if "$bin/onshi" readers --json 2>/dev/null | grep -q '"name"'; then
  exec "$bin/onshi-assistant"
fi

answer=y
if [[ -t 0 ]]; then
  read -r -p "カードリーダーが見つかりません。仮想カードリーダーで試しますか? / No card reader found. Try with virtual readers? [Y/n] " answer || true
fi
if [[ "${answer:-y}" =~ ^[Nn] ]]; then
  exec "$bin/onshi-assistant"
fi
echo "==> 仮想カードリーダーで起動します (RC-S300 にマイナンバーカードを置いた状態) / starting with virtual readers"
exec "$ONSHI_ROOT/scripts/rig-namespace.sh" bash -c '
  "$1/onshi-rig" --insert "RC-S300=my-number" >/dev/null &
  rig=$!
  "$1/onshi-assistant"
  kill $rig 2>/dev/null || true
' start "$bin"

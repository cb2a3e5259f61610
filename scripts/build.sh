#!/usr/bin/env bash
# npm run build: the Linux installer, made offline: dist/linux/onshi-assistant_VERSION_amd64.deb
# (packaging/linux/build-deb.sh), with the app and `onshi`. For Windows: npm run build:windows.
#   npm run build -- --bundles appimage   also the AppImage (Tauri's bundler downloads its tools)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$ONSHI_ROOT"

bundles=deb
while (($#)); do
  case $1 in
    --bundles) bundles=${2:?--bundles takes a list: deb,appimage}; shift 2 ;;
    --bundles=*) bundles=${1#--bundles=}; shift ;;
    *) echo "unknown option: $1 (only --bundles deb,appimage)" >&2; exit 2 ;;
  esac
done

echo "==> release build"
# npm test builds the UI once, before everything it builds embeds it (ONSHI_UI_BUILT=1): built again, its
# files would be newer than what an earlier build embedded and cargo would compile the app once more.
[[ ${ONSHI_UI_BUILT:-} == 1 ]] || npm run --silent build:ui
cargo build --release --quiet -p onshi-assistant -p onshi-cli
version=$(node -p 'require("./package.json").version')
made=()
for bundle in ${bundles//,/ }; do
  case $bundle in
    deb)
      echo "==> .deb"
      made+=("$(packaging/linux/build-deb.sh "$version" "$CARGO_TARGET_DIR/release" "$ONSHI_ROOT/dist/linux")")
      ;;
    appimage)
      echo "==> AppImage: Tauri's bundler downloads AppRun and linuxdeploy from the internet now;"
      echo "    without internet access this step fails (the .deb needs nothing from outside)."
      npx tauri build --bundles appimage
      made+=("$CARGO_TARGET_DIR"/release/bundle/appimage/*.AppImage)
      ;;
    *) echo "unknown bundle: $bundle (deb or appimage)" >&2; exit 2 ;;
  esac
done
echo "Linux: "
printf '  %s\n' "${made[@]}"

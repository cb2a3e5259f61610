#!/usr/bin/env bash
# Runs a Windows program with the project's Wine and prefix (the chroot of scripts/windows/env.sh):
#   scripts/wine.sh dist/windows/onshi.exe mpki --json
#   scripts/wine.sh reg add 'HKCU\Software\Example' /v Name /d Value /f
# Paths are those of this repository (it is mounted at /src inside); the exit code is the program's.
set -euo pipefail
(($#)) || { echo "usage: scripts/wine.sh PROGRAM [ARGS...]" >&2; exit 2; }
source "$(dirname "$0")/windows/env.sh"
if [[ ! -f $WIN_CHROOT/.onshi-packages ]]; then
  echo "The Windows toolchain is not set up yet: run npm run build:windows (or npm run test:windows) once." >&2
  exit 2
fi
here=/src
case "$PWD/" in "$ONSHI_ROOT"/*) here="/src/${PWD#"$ONSHI_ROOT"}" ;; esac
# wineserver writes the registry to the prefix's files only when it exits: wait for it, or a value that
# `reg add` reported as added may be gone at the next call.
win_run "cd $(printf '%q' "$here") && status=0 && { wine $(printf '%q ' "$@") || status=\$?; } && wineserver -w && exit \$status"

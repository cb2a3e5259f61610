#!/usr/bin/env bash
# Runs inside the Windows chroot (scripts/windows/test.sh): onshi-assistant.exe on a PC without WebView2
# (Wine has none) must say so in a Japanese message box and end with exit code 3, not crash or vanish.
# The box is found on a virtual display, photographed, and closed with Enter, as a person would.
set -euo pipefail
exe=${1:?usage: webview2-test.sh PATH-TO-onshi-assistant.exe}
shots=/root/screens
mkdir -p "$shots"

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/tmp/xvfb.log 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

wine "$exe" >/tmp/app.out 2>/tmp/app.err &
app=$!
window=
for _ in $(seq 120); do
  window=$(xdotool search --name 'オン資アシスタント' 2>/dev/null | head -n 1) || true
  [[ -n $window ]] && break
  if ! kill -0 $app 2>/dev/null; then break; fi
  sleep 0.5
done
if [[ -z $window ]]; then
  echo "FAIL: no message box appeared (app exited: $(kill -0 $app 2>/dev/null && echo no || echo yes))" >&2
  cat /tmp/app.err >&2
  exit 1
fi
sleep 1 # let it paint
import -window root "$shots/windows-no-webview2.png"
xdotool windowactivate --sync "$window" key Return 2>/dev/null || xdotool key Return
status=0
for _ in $(seq 60); do kill -0 $app 2>/dev/null || break; sleep 0.5; done
wait $app || status=$?

fail=0
[[ $status == 3 ]] || { echo "FAIL: exit code $status, expected 3" >&2; fail=1; }
grep -q "「Microsoft Edge WebView2 ランタイム」が見つかりません" /tmp/app.err ||
  { echo "FAIL: stderr does not name WebView2 in Japanese:" >&2; cat /tmp/app.err >&2; fail=1; }
grep -q "導入業者" /tmp/app.err || { echo "FAIL: no advice on what to do" >&2; fail=1; }
((fail == 0)) && echo "ok: a PC without WebView2 gets a Japanese message box (screenshot $shots/windows-no-webview2.png) and exit 3"
exit $fail

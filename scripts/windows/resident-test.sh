#!/usr/bin/env bash
# Runs inside the Windows chroot (scripts/windows/test.sh): the resident app, onshi-assistant.exe, on
# Windows as Wine runs it — without WebView2 (Wine has none), as on a Windows 10 Enterprise LTSC terminal.
#   resident-test.sh PATH-TO-onshi-assistant.exe PATH-TO-onshi-rig
# (It also builds tests/windows/taskbar-created.c, which plays Explorer restarting.)
# Only the window needs WebView2: the login start must run in the tray, keep the history and reach staff
# through the tray's balloon when a reader is gone for 30 s (WinRT toasts are absent under Wine, and the
# app is not installed here, so its AppUserModelID is not registered); a second start must hand over to
# the running app, which says why its window cannot open and keeps going; `--quit` must end it.
# It also writes to the Windows event log (the Application log) when the overall level or an area's changes:
# here the source is not registered (as in a per-user install) and ReportEvent must be called all the same.
# Evidence: Wine's own trace of Shell_NotifyIcon (WINEDEBUG=+systray) and of RegisterEventSource/ReportEvent
# (+eventlog and advapi32's fixme lines, read by eventlog-trace.pl: source, id, type, the Japanese text), the
# message box on a virtual display (photographed), the app's history and status files under %APPDATA%.
set -euo pipefail
exe=${1:?usage: resident-test.sh PATH-TO-onshi-assistant.exe PATH-TO-onshi-rig}
rig=${2:?usage: resident-test.sh PATH-TO-onshi-assistant.exe PATH-TO-onshi-rig}
export ONSHI_RESIDENT_EXE=$exe ONSHI_RIG_BIN=$rig
exec /src/scripts/rig-namespace.sh bash -c '
set -uo pipefail
exe=$ONSHI_RESIDENT_EXE
shots=/root/screens
mkdir -p "$shots"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1" >&2; fail=1; fi; }

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/tmp/xvfb.log 2>&1 &
xvfb=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# Wine and its services first, with their output away from the app (as rig-tests.sh does).
wineserver -p
wine cmd /c exit >/dev/null 2>&1 </dev/null
data="$(winepath -u "$(wine cmd /c echo %APPDATA% | tr -d "\r")")/jp.onshi-assistant.app"
rm -rf "$data"

# The rig: one smartphone-ready reader on the private pcscd that Wine'"'"'s winscard reaches.
coproc RIG { "$ONSHI_RIG_BIN" --readers "SONY FeliCa Port/PaSoRi 4.0" --control; }
read -r ready <&"${RIG[0]}"
check "the rig is up" "[[ \$ready == ready ]]"
rig() { echo "$1" >&"${RIG[1]}"; read -r answer <&"${RIG[0]}"; [[ $answer == ok* ]] || echo "rig: $1 -> $answer" >&2; }

cleanup() { kill $xvfb 2>/dev/null; kill "$RIG_PID" 2>/dev/null; wineserver -k 2>/dev/null; }
trap cleanup EXIT

# 1. The login start: into the tray, no window, no WebView2 asked for.
WINEDEBUG=-all,+systray,+eventlog,fixme+advapi wine "$exe" --autostart >/tmp/app.out 2>/tmp/app.err &
app=$!
# shell32 traces each call as "Shell_NotifyIconW dwMessage = N": 0 is NIM_ADD, 1 NIM_MODIFY, 2 NIM_DELETE.
adds() { grep -c "Shell_NotifyIconW dwMessage = 0," "$1" || true; }
for _ in $(seq 120); do grep -q "Shell_NotifyIconW dwMessage = 0," /tmp/app.err && break; sleep 0.5; done
check "the login start puts an icon in the notification area (Shell_NotifyIcon NIM_ADD in Wine'"'"'s trace)" \
  "[[ \$(adds /tmp/app.err) -ge 1 ]]"
sleep 3
check "the login start keeps running without WebView2" "kill -0 $app"
check "the login start shows no message box" "! xdotool search --name \"^オン資アシスタント\$\" >/dev/null 2>&1"
check "the history notes the watch started" "cat \"$data\"/history/*.jsonl 2>/dev/null | grep -q watch-started"
check "the history notes the reader" "cat \"$data\"/history/*.jsonl 2>/dev/null | grep -q reader-added"
# The event log: what ReportEvent was given (source, id, type, message), from the trace of Wine.
events() { perl /src/scripts/windows/eventlog-trace.pl /tmp/app.err; }
for _ in $(seq 20); do events | grep -q . && break; sleep 0.5; done
echo "    event log so far:"; events | sed "s/^/      /"
# Where things stand at the start: the level of the whole (100 nothing to act on, 101 amber, 102 red) with the
# lines of the tray, the readers first (one reader fit for smartphones).
check "the start writes the whole state to the event log under the source OnshiAssistant (id 100-102, its type, the Japanese lines)" \
  "events | grep -qP \"^OnshiAssistant\t(100\tinformation\tオン資アシスタント：対応が必要な項目はありません|101\twarning\tオン資アシスタント：注意が必要な項目があります|102\terror\tオン資アシスタント：異常があります) / 汎用カードリーダー：接続中1台（スマートフォン対応1台）\""
started_events=$(events | wc -l)

# Explorer restarted (or up only now, after a login start that came first): Windows broadcasts
# TaskbarCreated, and the app must add its icon again.
x86_64-w64-mingw32-gcc -O2 -o /tmp/taskbar-created.exe /src/tests/windows/taskbar-created.c
before=$(adds /tmp/app.err)
WINEDEBUG=-all wine /tmp/taskbar-created.exe
for _ in $(seq 20); do [[ $(adds /tmp/app.err) -gt $before ]] && break; sleep 0.5; done
check "after TaskbarCreated (Explorer restarted) the icon is added again" "[[ \$(adds /tmp/app.err) -gt $before ]]"
icons_after_restart=$(adds /tmp/app.err)

# 2. The reader unplugged for over 30 s: a notice, as the tray'"'"'s balloon (no toast under Wine).
rig "readers none"
for _ in $(seq 90); do grep -q "notice shown as a balloon\|the notice could not be shown" /tmp/app.err && break; sleep 1; done
# The line is written only once Shell_NotifyIcon (traced just before it) accepted the balloon.
check "a reader gone for 30 s is told as the tray balloon, accepted by Wine'"'"'s notification area" \
  "grep -q \"notice shown as a balloon (IdNotRegistered): 汎用カードリーダー（スマートフォン用）が外れています\" /tmp/app.err"
sleep 1
import -window root "$shots/windows-balloon.png" 2>/dev/null || true
# The rig takes readers away by restarting its pcscd, as Windows stops its Smart Card service with the
# last reader: either way the history has the drop.
check "the history notes the reader gone" "cat \"$data\"/history/*.jsonl | grep -qE \"reader-removed|service-lost\""
# The event log heard it at once (it follows the tray, not the notice and its 30 s): the readers area turned
# amber (111, warning) or red (112, error: the service gone with the last reader), with the words of the tray.
new_events() { events | tail -n +$((started_events + 1)); }
echo "    event log since the reader went:"; new_events | sed "s/^/      /"
check "a reader gone writes the readers entry to the event log: OnshiAssistant, 111 warning or 112 error, the Japanese line" \
  "new_events | grep -qP \"^OnshiAssistant\t(111\twarning\t汎用カードリーダー（スマートフォン用）が接続されていません / （オン資アシスタント：カードリーダー・注意）|112\terror\t汎用カードリーダー（スマートフォン用）が見つかりません / （オン資アシスタント：カードリーダー・異常）) /  / \""
check "the status keeps the fallback for the support report" "grep -q id-not-registered \"$data/status.json\" && grep -q \"\\\"balloon_failed\\\": *false\" \"$data/status.json\""

# 3. A second start hands over: the running app is asked for its window, says why it cannot open it,
#    and keeps going; the second process ends.
WINEDEBUG=-all,+systray wine "$exe" >/tmp/second.out 2>/tmp/second.err &
second=$!
for _ in $(seq 60); do kill -0 $second 2>/dev/null || break; sleep 0.5; done
check "the second start ends" "! kill -0 $second 2>/dev/null"
window=
for _ in $(seq 60); do window=$(xdotool search --name "^オン資アシスタント\$" 2>/dev/null | head -n 1) || true; [[ -n $window ]] && break; sleep 0.5; done
check "the running app says why its window cannot open (a message box)" "[[ -n \"$window\" ]]"
if [[ -n $window ]]; then
  sleep 1
  import -window root "$shots/windows-no-webview2.png"
  xdotool windowactivate --sync "$window" key Return 2>/dev/null || xdotool key Return
fi
check "the message names WebView2 and says the tray keeps watching" \
  "grep -q \"「Microsoft Edge WebView2 ランタイム」が見つからない\" /tmp/app.err && grep -q \"見守りと\" /tmp/app.err"
sleep 2
check "the app still runs after the message" "kill -0 $app"
check "one icon in the notification area: the app added it once (and once after the restart), the second start none" \
  "[[ \$(adds /tmp/app.err) == $icons_after_restart && $icons_after_restart == 2 && \$(adds /tmp/second.err) == 0 ]]"

# 4. 「終了」 from a script: --quit ends the running app, which notes the end of the watch.
WINEDEBUG=-all wine "$exe" --quit >/dev/null 2>&1
for _ in $(seq 60); do kill -0 $app 2>/dev/null || break; sleep 0.5; done
check "--quit ends the running app" "! kill -0 $app 2>/dev/null"
check "the history notes the watch stopped" "cat \"$data\"/history/*.jsonl | grep -q watch-stopped"

if ((fail)); then echo "--- the app'"'"'s stderr (last 40 lines):" >&2; tail -n 40 /tmp/app.err >&2; fi
exit $fail'

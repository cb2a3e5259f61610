#!/usr/bin/env bash
# Runs inside the Windows chroot for npm run bench (scripts/bench.sh): onshi-assistant.exe resident under
# Wine as after a login start (tray, reader watch on the rig's PaSoRi, no window, no WebView2), and beside
# it, started at the same moment, Wine's own notepad.exe: the floor any program pays under Wine. Both
# measured 10 s after the app's icon is up: private memory from the Wine process's smaps_rollup, the working
# set from tests/windows/private-bytes.c (GetProcessMemoryInfo).
#   bench-resident.sh PATH-TO-onshi-assistant.exe PATH-TO-onshi-rig
# Prints one line: "wine-memory ours=PRIVATE,WORKING-SET,WRITTEN notepad=PRIVATE,WORKING-SET,WRITTEN
# ours-parts=PARTS notepad-parts=PARTS" (bytes; WRITTEN: the private pages the process wrote, Private_Dirty,
# without the pages read from its own files). PARTS, where the private pages lie, from /proc/PID/smaps:
# IMAGE-READ,IMAGE-WRITTEN,FILES-READ,FILES-WRITTEN,ANONYMOUS,THREADS: the program's own file, every other
# file it maps (Wine's DLLs and Linux libraries), memory backed by no file (heaps, thread stacks, Wine's
# per-thread memory: all written), and the number of threads alive.
set -euo pipefail
export ONSHI_RESIDENT_EXE=${1:?usage: bench-resident.sh EXE RIG} ONSHI_RIG_BIN=${2:?usage: bench-resident.sh EXE RIG}
exec /src/scripts/rig-namespace.sh bash -c '
set -euo pipefail
exe=$ONSHI_RESIDENT_EXE
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/tmp/xvfb-bench.log 2>&1 &
xvfb=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
wineserver -p
wine cmd /c exit >/dev/null 2>&1 </dev/null
coproc RIG { "$ONSHI_RIG_BIN" --readers "SONY FeliCa Port/PaSoRi 4.0" --control; }
read -r ready <&"${RIG[0]}"
[[ $ready == ready ]] || { echo "the rig did not start" >&2; exit 1; }
trap "kill $xvfb \$RIG_PID 2>/dev/null; wineserver -k 2>/dev/null" EXIT
x86_64-w64-mingw32-gcc -O2 -o /tmp/private-bytes.exe /src/tests/windows/private-bytes.c -lpsapi
WINEDEBUG=-all,+systray wine "$exe" --autostart >/dev/null 2>/tmp/bench-app.err &
for _ in $(seq 120); do grep -q "Shell_NotifyIconW dwMessage = 0," /tmp/bench-app.err && break; sleep 0.5; done
grep -q "Shell_NotifyIconW dwMessage = 0," /tmp/bench-app.err || { echo "the app put no icon in the tray" >&2; exit 1; }
WINEDEBUG=-all wine notepad >/dev/null 2>&1 &
sleep 10
# Wine answers GetProcessMemoryInfo for another process with its address-space reservation as the private
# bytes (128 TiB), so those are read on the Linux side instead: the pages only the Wine process running the
# program holds (Private_Clean + Private_Dirty in /proc/PID/smaps_rollup). The working set is as Wine answers.
private_kib() {
  # (No procps in the chroot.) Both the `wine` launcher and the Windows process itself carry the program
  # in their command line; the Windows process is the one holding the memory: the largest. Prints
  # "PRIVATE WRITTEN" in KiB: Private_Clean + Private_Dirty, and Private_Dirty alone.
  local proc kib written most=0 most_written=0
  for proc in /proc/[0-9]*; do
    if tr "\0" " " <"$proc/cmdline" 2>/dev/null | grep -qF -- "$1"; then
      kib=$(awk "/^Private_(Clean|Dirty):/ { sum += \$2 } END { print sum + 0 }" "$proc/smaps_rollup" 2>/dev/null || echo 0)
      written=$(awk "/^Private_Dirty:/ { sum += \$2 } END { print sum + 0 }" "$proc/smaps_rollup" 2>/dev/null || echo 0)
      (( kib > most )) && most=$kib && most_written=$written
    fi
  done
  echo "$most $most_written"
}
parts() {
  # The same process (the largest of those carrying $1), its private pages by what backs them.
  local proc kib most=0 best=
  for proc in /proc/[0-9]*; do
    if tr "\0" " " <"$proc/cmdline" 2>/dev/null | grep -qF -- "$1"; then
      kib=$(awk "/^Private_(Clean|Dirty):/ { sum += \$2 } END { print sum + 0 }" "$proc/smaps_rollup" 2>/dev/null || echo 0)
      (( kib > most )) && most=$kib && best=$proc
    fi
  done
  [[ -n $best ]] || { echo "0,0,0,0,0,0"; return; }
  awk -v image="$2" -v threads="$(ls "$best/task" | wc -l)" "
    /^[0-9a-f]+-[0-9a-f]+ / { path = (NF >= 6) ? \$6 : \"\"; kind = (path ~ (\"/\" image \"\$\")) ? 0 : (path ~ /^\\//) ? 1 : 2 }
    /^Private_Clean:/ { clean[kind] += \$2 }
    /^Private_Dirty:/ { dirty[kind] += \$2 }
    END { printf \"%d,%d,%d,%d,%d,%d\", clean[0] * 1024, dirty[0] * 1024, clean[1] * 1024, dirty[1] * 1024, (clean[2] + dirty[2]) * 1024, threads }
  " "$best/smaps"
}
measure() {
  local working private written
  working=$(WINEDEBUG=-all wine /tmp/private-bytes.exe "$1" | tr -d "\r" | cut -d " " -f 2)
  read -r private written < <(private_kib "$2")
  echo "$(( private * 1024 )),$working,$(( written * 1024 ))"
}
ours=$(measure onshi-assistant.exe "onshi-assistant.exe --autostart")
notepad=$(measure notepad.exe "notepad")
ours_parts=$(parts "onshi-assistant.exe --autostart" onshi-assistant.exe)
notepad_parts=$(parts "notepad" notepad.exe)
echo "wine-memory ours=$ours notepad=$notepad ours-parts=$ours_parts notepad-parts=$notepad_parts"
WINEDEBUG=-all wine "$exe" --quit >/dev/null 2>&1 || true
'

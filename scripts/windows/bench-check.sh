#!/usr/bin/env bash
# Runs inside the Windows chroot for npm run bench (scripts/bench.sh): `onshi.exe check` against its floor
# under Wine, as crates/onshi-bench measures them on Linux. The floor is crates/onshi-core/examples/
# check_floor.rs built for Windows (it only lists the PC/SC readers and reads the certificate's dates).
# Both run on the rig's readers (Wine's winscard forwards to the rig's pcscd) with the Wine prefix set up
# as the usual terminal (terminal-fixture.sh), the same certificate, one warm-up each, then ROUNDS runs
# each, alternating, every run a fresh `wine` start with the Wine server already up.
#   bench-check.sh PATH-TO-onshi.exe PATH-TO-check_floor.exe PATH-TO-onshi-rig ROUNDS
# Prints one line: "check=OURS,FLOOR,ROUNDS" (medians of the wall time, in microseconds).
set -euo pipefail
usage="usage: bench-check.sh ONSHI_EXE FLOOR_EXE RIG ROUNDS"
export ONSHI_BENCH_EXE=${1:?$usage} ONSHI_BENCH_FLOOR=${2:?$usage} ONSHI_RIG_BIN=${3:?$usage} ONSHI_BENCH_ROUNDS=${4:?$usage}
exec /src/scripts/rig-namespace.sh bash -c '
set -euo pipefail
wineserver -p
wine cmd /c exit >/dev/null 2>&1 </dev/null
coproc RIG { "$ONSHI_RIG_BIN" --control; }
read -r ready <&"${RIG[0]}"
[[ $ready == ready ]] || { echo "the rig did not start" >&2; exit 1; }
work=$(mktemp -d)
trap "kill \$RIG_PID 2>/dev/null; wineserver -k 2>/dev/null; rm -rf $work" EXIT
/src/scripts/windows/terminal-fixture.sh >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/terminal.pem" -days 400 \
  -subj "/CN=onshi bench" 2>/dev/null
cert=$(winepath -w "$work/terminal.pem" 2>/dev/null)
# One run: its wall time in microseconds in $took; a run that failed ends the measurement, saying which.
run_us() {
  local most=$1 started status=0; shift
  started=$(date +%s%N)
  WINEDEBUG=-all wine "$@" >/dev/null 2>"$work/stderr" </dev/null || status=$?
  if ((status > most)); then
    echo "$* ended with $status:" >&2; cat "$work/stderr" >&2; exit 1
  fi
  took=$((($(date +%s%N) - started) / 1000))
}
median() { sort -n | sed -n "$((ONSHI_BENCH_ROUNDS / 2 + 1))p"; }
# `onshi check` exits 0 to 3 by its verdict; the floor exits 0.
run_us 3 "$ONSHI_BENCH_EXE" check --json --cert "$cert"
run_us 0 "$ONSHI_BENCH_FLOOR" "$cert"
ours=() floor=()
for _ in $(seq "$ONSHI_BENCH_ROUNDS"); do
  run_us 3 "$ONSHI_BENCH_EXE" check --json --cert "$cert"; ours+=("$took")
  run_us 0 "$ONSHI_BENCH_FLOOR" "$cert"; floor+=("$took")
done
echo "check=$(printf "%s\n" "${ours[@]}" | median),$(printf "%s\n" "${floor[@]}" | median),$ONSHI_BENCH_ROUNDS"
'

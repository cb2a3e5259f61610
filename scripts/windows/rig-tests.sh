#!/usr/bin/env bash
# Runs inside the Windows chroot (scripts/windows/test.sh): the CLI's integration tests, built for Linux
# and copied to /root/linux-tests, against the Windows onshi.exe under Wine, on the rig's private pcscd.
#   rig-tests.sh PATH-TO-onshi.exe
# Each test runs in a process of its own: sid's pcsc-lite client library, once its daemon has been
# restarted, answers every later call of that process with "unsupported feature" (the rig restarts
# pcscd between tests; Debian 12's does not do this).
# Only a test that ran and passed counts as passed. A test's name says where it applies
# (crates/onshi-cli/tests/tests.rs): an `only_linux::` test proves the Linux build only and is listed as
# skipped without running; a test that printed `skipped: …` (a `needs_shared::` test without
# ../shared/testdata) and an #[ignore]d one are counted as skipped too.
set -euo pipefail
export ONSHI_TEST_WINDOWS_EXE=${1:?usage: rig-tests.sh PATH-TO-onshi.exe}
# The rig's own reader driver, copied beside the tests by scripts/windows/test.sh.
export ONSHI_RIG_IFD=/root/linux-tests-lib/libonshi_rig_ifd.so
exec /src/scripts/rig-namespace.sh bash -c '
  set -uo pipefail
  # Start Wine and its background services once, with their output away from the tests: a service
  # started by the first onshi.exe would inherit its pipes, and the test would wait for them forever.
  wineserver -p
  wine cmd /c exit >/dev/null 2>&1 </dev/null
  # The terminal around the reader as the usual set-up has it (the terminal tests break it and mend it).
  /src/scripts/windows/terminal-fixture.sh
  passed=0 failed=0 skipped=0 failures=()
  for program in /root/linux-tests/*; do
    ignored=$("$program" --list --format terse --ignored | sed -n "s/: test\$//p")
    # The names carry their module, the file they come from: "usb_view::only_linux::…".
    for name in $("$program" --list --format terse | sed -n "s/: test\$//p"); do
      if [[ $name == *only_linux::* ]]; then
        echo "test $name ... skipped (Linux build only)"; skipped=$((skipped + 1))
      elif grep -qxF -- "$name" <<<"$ignored"; then
        echo "test $name ... ignored"; skipped=$((skipped + 1))
      elif output=$("$program" --exact "$name" --nocapture 2>&1); then
        if said=$(grep -m 1 -o "skipped: $name .*" <<<"$output"); then
          echo "test $name ... skipped: ${said#"skipped: $name "}"; skipped=$((skipped + 1))
        else
          echo "test $name ... ok"; passed=$((passed + 1))
        fi
      else
        echo "test $name ... FAILED"; echo "$output" | tail -n 25
        failed=$((failed + 1)); failures+=("$name")
      fi
    done
  done
  wineserver -k
  echo
  ((failed == 0)) || printf "failed: %s\n" "${failures[@]}"
  echo "windows: $passed passed, $failed failed, $skipped skipped"
  ((failed == 0))'

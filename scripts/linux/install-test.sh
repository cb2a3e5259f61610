#!/usr/bin/env bash
# The .deb as an IT vendor would try it (part of npm test): lintian reports no error, and on a clean
# Debian 12 (a chroot under ~/.cache/onshi-assistant, never this machine) `apt install ./the.deb` pulls
# what it depends on, `onshi --version` answers from /usr/bin, and `onshi-assistant` opens its window
# under Xvfb; then it is purged again.
#   scripts/linux/install-test.sh dist/linux/onshi-assistant_VERSION_amd64.deb
set -euo pipefail
deb=${1:?usage: install-test.sh PATH-TO-.deb}
ONSHI_ROOT="${ONSHI_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
source "$ONSHI_ROOT/scripts/lib/test-chroots.sh"
root="$DEB_TEST_CHROOT"
fail=0

command -v lintian >/dev/null || chroot_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lintian >/dev/null
echo "lintian:"
lintian --fail-on error --tag-display-limit 0 "$deb" | sed 's/^/  /' || { echo "FAIL: lintian found errors" >&2; fail=1; }

deb_test_chroot
rel="${deb#"$ONSHI_ROOT"/}"
[[ $rel != /* ]] || { echo "the .deb must be inside the repository: $deb" >&2; exit 2; }
chroot_exec "$root" "
  export DEBIAN_FRONTEND=noninteractive
  fail=0
  check() { if eval \"\$2\"; then echo \"ok: \$1\"; else echo \"FAIL: \$1\" >&2; fail=1; fi; }
  apt-get install -y -qq ./$rel >/tmp/apt.log 2>&1 || { tail -20 /tmp/apt.log >&2; exit 1; }
  check 'installed with its dependencies (pcscd among them)' 'dpkg-query -W -f=\"\\\${Status}\" onshi-assistant pcscd | grep -q \"install ok installed.*install ok installed\"'
  check 'onshi in /usr/bin answers --version' '/usr/bin/onshi --version | grep -q \"^onshi \"'
  check 'desktop entry jp.onshi-assistant.app.desktop named オン資アシスタント' 'grep -q \"^Name=オン資アシスタント\" /usr/share/applications/jp.onshi-assistant.app.desktop'
  Xvfb :77 -screen 0 1280x900x24 -nolisten tcp >/tmp/xvfb.log 2>&1 & xvfb=\$!
  for _ in \$(seq 50); do DISPLAY=:77 xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  DISPLAY=:77 /usr/bin/onshi-assistant >/tmp/app.log 2>&1 & app=\$!
  window=
  for _ in \$(seq 60); do
    window=\$(DISPLAY=:77 xdotool search --name 'オン資アシスタント' 2>/dev/null | head -n 1) || true
    [[ -n \$window ]] && break
    sleep 0.5
  done
  check 'the installed app opens its window' '[[ -n \$window ]]'
  [[ -n \$window ]] || tail -5 /tmp/app.log >&2
  kill \$app \$xvfb 2>/dev/null || true
  apt-get purge -y -qq onshi-assistant >/dev/null
  check 'purged again' '! dpkg-query -W -f=\"\\\${Status}\" onshi-assistant 2>/dev/null | grep -q \"install ok\"'
  exit \$fail" || fail=1
exit $fail

#!/usr/bin/env bash
# npm run test:windows (and part of npm test): the Windows build, made on this Linux machine and proven
# under Wine.
#   1. the release build of onshi.exe and onshi-assistant.exe, and the installer (scripts/windows/build.sh);
#   2. clippy for the Windows target, warnings as errors;
#   3. onshi-core's and the CLI's own tests, built for Windows and run under Wine (cargo's runner);
#   4. the CLI's rig tests against onshi.exe: the test programs, pcscd and the virtual cards are Linux
#      programs in the chroot, and Wine's winscard forwards onshi.exe's PC/SC calls to that pcscd; with
#      them, the Windows adapters against Wine's real registry and certificate store;
#   5. the resident onshi-assistant.exe where WebView2 is missing (Wine has none): the login start in
#      the tray, a reader gone for 30 s told as the tray's balloon, a second start handed over with the
#      Japanese message on why the window cannot open, --quit (scripts/windows/resident-test.sh);
#   6. the installer run silently, its files checked, and its uninstaller;
#   7. the installer made again with a throwaway test certificate (a PFX file, then a SoftHSM token), its four
#      programs' Authenticode signatures and time stamps verified, and the signed installer installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib/phases.sh" "Windows (npm run test:windows)"
step() { phase "Windows: $*"; }

step "the toolchain chroot, the release build and the installer (build.sh)"
bash "$here/build.sh" # sources setup.sh and env.sh itself; leaves the release build and dist/windows
source "$here/../setup.sh"
source "$here/env.sh"
cd "$ONSHI_ROOT"
release="$WIN_TARGET_DIR/$WIN_TARGET/release"
echo "$(win_run 'echo "Debian sid: rustc $(dpkg-query -W -f="\${Version}" rustc), wine $(dpkg-query -W -f="\${Version}" wine)"')"

step "clippy for x86_64-pc-windows-gnu"
win_run "nice -n 10 $WIN_CLIPPY"

step "onshi-core and CLI tests, built for Windows, under Wine"
win_run "nice -n 10 $WIN_TESTS"

step "the rig tests against onshi.exe (Linux rig, Windows build)"
# The CLI's integration tests (one program, crates/onshi-cli/tests/tests.rs) are built for Linux here and
# told to test onshi.exe instead.
# Beside them, the rig's own reader driver (crates/onshi-rig-ifd, a cdylib pcscd loads) as "lib:PATH".
built=$(cargo test -p onshi-cli --tests --no-run --message-format=json 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const l of s.split("\n")){if(!l)continue;const m=JSON.parse(l);if(m.reason!=="compiler-artifact")continue;if(m.executable&&m.target.kind.includes("test"))console.log(m.executable);else if(m.target.kind.includes("cdylib"))for(const f of m.filenames)if(f.endsWith(".so"))console.log("lib:"+f)}})')
tests=$(grep -v '^lib:' <<<"$built" || true)
driver=$(sed -n 's/^lib:\(.*onshi_rig_ifd.*\.so\)$/\1/p' <<<"$built" | head -n 1)
[[ -n $tests ]] || { echo "no CLI test programs were built" >&2; exit 1; }
[[ -n $driver ]] || { echo "the rig's driver (onshi-rig-ifd) was not built" >&2; exit 1; }
win_as_root rm -rf "$WIN_CHROOT/root/linux-tests" "$WIN_CHROOT/root/linux-tests-lib"
win_as_root mkdir -p "$WIN_CHROOT/root/linux-tests" "$WIN_CHROOT/root/linux-tests-lib"
for test in $tests; do win_as_root cp "$test" "$WIN_CHROOT/root/linux-tests/"; done
win_as_root cp "$driver" "$WIN_CHROOT/root/linux-tests-lib/libonshi_rig_ifd.so"
win_run "scripts/windows/rig-tests.sh $release/onshi.exe"

step "the resident app without WebView2: login start in the tray, a reader gone, a second start, --quit"
# The rig's control program, built for Linux like the tests above, drives the private pcscd inside.
cargo build --quiet -p onshi-rig
win_as_root cp "${CARGO_TARGET_DIR:-target}/debug/onshi-rig" "$WIN_CHROOT/root/linux-tests-lib/onshi-rig"
win_run "scripts/windows/resident-test.sh $release/onshi-assistant.exe /root/linux-tests-lib/onshi-rig"
echo "    (screenshot: $WIN_CHROOT/root/screens/windows-no-webview2.png)"

step "the installer: silent install, files, uninstall"
version=$(node -p 'require("./package.json").version')
win_run "scripts/windows/installer-test.sh dist/windows/onshi-assistant_${version}_x64-setup.exe $version"

step "the signed installer, offline: a test CA, a local RFC 3161 server, osslsigncode verify, SoftHSM"
# Last: it makes the installer again, signed, in dist/windows/ (scripts/windows/sign-test.sh).
bash "$here/sign-test.sh"

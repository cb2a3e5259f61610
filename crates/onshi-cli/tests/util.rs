//! What the CLI's tests share: the `onshi` under test and how its output is read, which build a test is
//! proving (tests.rs: `only_linux`, `only_windows`), and where the repository's and shared/'s files are
//! (`needs_shared`).

use onshi_rig::under_test::{self, testing_windows};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The `onshi` under test, to be given arguments: the Linux build cargo made for these tests, or
/// `onshi.exe` under Wine when ONSHI_TEST_WINDOWS_EXE names it (onshi_rig::under_test).
pub fn onshi_command() -> Command {
    under_test::onshi(env!("CARGO_BIN_EXE_onshi"))
}

/// `onshi ARGS` with nothing on its standard input, and what it did.
pub fn onshi(args: &[&str]) -> Output {
    under_test::run(env!("CARGO_BIN_EXE_onshi"), args)
}

/// `onshi ARGS` with `input` on its standard input, then the end of it, as a script pipes a password in.
pub fn onshi_fed(args: &[&str], input: &[u8]) -> Output {
    fed(onshi_command().args(args), input)
}

/// Runs `command` with `input` on its standard input, then closes it; returns what it did.
pub fn fed(command: &mut Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("onshi runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Standard output as the one JSON document `--json` promises; fails the test, showing both outputs,
/// when it is not.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not one JSON document on stdout ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The run, and its standard output read as JSON (see [`json`]).
pub fn with_json(output: Output) -> (Output, Value) {
    let doc = json(&output);
    (output, doc)
}

/// Standard output as JSON, or Null when it is none: only for tests that judge a run by what it must
/// not say (backup_public_files: a file OpenSSL refuses is never called usable) or by its exit code
/// first (a run spawned and waited for).
pub fn json_or_null(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or(Value::Null)
}

/// The first line of every test in an `only_linux` module: it proves the Linux build only (Wine has no
/// USB devices for umockdev, and shares one certificate store among the Windows tests), so
/// scripts/windows/rig-tests.sh lists it as skipped instead of running it. Run against onshi.exe by
/// hand, it fails here saying so, rather than pass having proved nothing.
pub fn assert_testing_linux_build() {
    assert!(
        !testing_windows(),
        "this test proves the Linux build only; unset ONSHI_TEST_WINDOWS_EXE (rig-tests.sh skips only_linux tests)"
    );
}

/// The first line of every test in an `only_windows` module: it needs onshi.exe under Wine (Wine's
/// registry, its certificate store, a Windows edition). `npm run test:windows` runs it; the Linux run
/// leaves it out with `-- --skip only_windows` (libtest: "filtered out"). Run against the Linux build by
/// hand, it fails here saying so.
pub fn assert_testing_windows_build() {
    assert!(
        testing_windows(),
        "this test needs the Windows build under Wine (ONSHI_TEST_WINDOWS_EXE): run it through \
         npm run test:windows, or leave it out with `cargo test -- --skip only_windows`"
    );
}

/// The repository the tests were built from; inside the Windows chroot, where scripts/windows/test.sh
/// copies the tests built on the host, the same sources at /src.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("/src"))
}

/// A folder of shared/testdata, for a test in a `needs_shared` module: public test files kept beside the
/// clone (`../shared`, as CI lays it out; /shared inside the Windows chroot, scripts/lib/chroot.sh),
/// never copied into the repository. When it is absent, the test fails here under CI=true; elsewhere
/// this prints `skipped: TEST needs ../shared/testdata/FOLDER (absent)` where a passing run shows it,
/// and answers None for the test to return.
pub fn shared_testdata(folder: &str) -> Option<PathBuf> {
    let repository = repository();
    let beside = repository.parent().unwrap_or(&repository);
    let dir = beside.join("shared/testdata").join(folder);
    if dir.is_dir() {
        return Some(dir);
    }
    // libtest names each test's thread after the test.
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "{test} needs ../shared/testdata/{folder} beside the clone ({} is absent), which CI provides",
        dir.display()
    );
    // Straight to the process's stderr: libtest keeps what eprintln! writes to itself for a test that
    // passes, and this line is the only sign that the test proved nothing.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test} needs ../shared/testdata/{folder} (absent)"
    );
    None
}

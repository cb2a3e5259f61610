//! Which `onshi` the CLI tests run. By default the Linux build that cargo made for the test; when
//! `ONSHI_TEST_WINDOWS_EXE` names the Windows build (`npm run test:windows` sets it), that `onshi.exe`
//! under Wine instead, so one set of tests proves both builds against the same rig. Wine's winscard
//! forwards to the rig's pcscd, so the Windows build sees the same virtual readers and cards.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The variable that names the Windows `onshi.exe` to test.
pub const WINDOWS_EXE: &str = "ONSHI_TEST_WINDOWS_EXE";

/// The Windows build under test, if any.
pub fn windows_exe() -> Option<PathBuf> {
    std::env::var_os(WINDOWS_EXE)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// Whether the tests are proving the Windows build.
pub fn testing_windows() -> bool {
    windows_exe().is_some()
}

/// A command that runs the `onshi` under test; `linux_build` is the test's `env!("CARGO_BIN_EXE_onshi")`.
pub fn onshi(linux_build: &str) -> Command {
    match windows_exe() {
        Some(exe) => {
            let mut command = Command::new("wine");
            command.arg(exe);
            command
        }
        None => Command::new(linux_build),
    }
}

/// Runs the `onshi` under test with `args` and returns what it did.
pub fn run(linux_build: &str, args: &[&str]) -> Output {
    onshi(linux_build).args(args).output().expect("onshi runs")
}

/// A path that the `onshi` under test printed, as this (Linux) test can open it: the Windows build joins
/// with `\\` and may name Wine's `Z:` drive, which is `/`.
pub fn host_path(printed: &str) -> PathBuf {
    if !testing_windows() {
        return PathBuf::from(printed);
    }
    let unix = printed.replace('\\', "/");
    PathBuf::from(
        unix.strip_prefix("Z:")
            .or(unix.strip_prefix("z:"))
            .unwrap_or(&unix),
    )
}

/// Runs a Windows program (`reg`, …) under the same Wine and prefix as the build under test.
pub fn wine<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::new("wine")
        .args(args)
        .output()
        .expect("wine runs (the Windows tests run inside the project's Wine chroot)")
}

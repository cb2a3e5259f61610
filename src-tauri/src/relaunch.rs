//! Starts the resident app afresh once its window has been closed for a while (onshi-core's resident and
//! relaunch say when and why). The hand-over, so that staff are never left without a tray:
//! 1. this process lets go of the single-instance name and hides its tray icon, then starts the copy
//!    straight into the tray, with a pipe on the copy's standard output;
//! 2. the copy takes the name, builds its tray and writes `tray-up` on that pipe (`tell_predecessor`);
//! 3. on that word this process ends. Without it within `TRAY_UP_TIMEOUT` (the copy died, or hangs), the
//!    copy is ended instead, this process shows its tray again and stays, and starts afresh no more (its
//!    single-instance name is gone, so a later start may open a second app, which says so on stderr).
//!
//! Linux only: WebKitGTK keeps its memory for the life of the process, while WebView2's processes end
//! with the window on Windows, where a start afresh would only cost a moment without the tray. The hand-
//! over is not a drop-out: the predecessor writes no WatchStopped and the copy writes Relaunched, so the
//! history's timeline runs on across it.

use onshi_core::app::relaunch;
use onshi_core::app::screen::Screen;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use tauri::AppHandle;

/// For the tests and the benchmark: the wait in seconds instead of a minute.
const SETTLE_ENV: &str = "ONSHI_RELAUNCH_AFTER_SECS";
/// How long the predecessor waits for the copy's tray.
const TRAY_UP_TIMEOUT: Duration = Duration::from_secs(20);
/// What the copy writes once its tray is up.
const TRAY_UP: &str = "tray-up";
/// For the test of a copy that never comes up: the copy ends before its tray is built.
const FAIL_ENV: &str = "ONSHI_TEST_RELAUNCH_COPY_FAILS";

/// Whether and after how long a quiet this process starts afresh (onshi-core's resident decides when):
/// on Linux only, a minute (or `ONSHI_RELAUNCH_AFTER_SECS` for the tests and the benchmark).
pub fn settle() -> Option<Duration> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    Some(
        std::env::var(SETTLE_ENV)
            .ok()
            .and_then(|secs| secs.parse().ok())
            .map_or(relaunch::SETTLE, Duration::from_secs),
    )
}

/// Hands over to a fresh copy that opens on `landing` (see the module's steps): this process ends, or, if
/// the copy's tray does not come up, it shows its own tray again and Err says why.
pub fn hand_over(app: &AppHandle, landing: Option<Screen>) -> Result<(), String> {
    tauri_plugin_single_instance::destroy(app);
    crate::tray::set_visible(app, false);
    let started = crate::login_start::program().and_then(|exe| {
        Command::new(exe)
            .args(relaunch::args(landing))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
    });
    let up = match started {
        Ok(mut copy) => {
            let word = copy.stdout.take().map(wait_for_word);
            match word.and_then(|rx| rx.recv_timeout(TRAY_UP_TIMEOUT).ok()) {
                Some(()) => Ok(()),
                None => {
                    let _ = copy.kill();
                    let _ = copy.wait();
                    Err("its tray did not come up".to_owned())
                }
            }
        }
        Err(error) => Err(error.to_string()),
    };
    match up {
        Ok(()) => app.exit(0),
        Err(_) => crate::tray::set_visible(app, true),
    }
    up
}

/// Reads the copy's standard output on a thread of its own; sends once it said `tray-up`.
fn wait_for_word(out: std::process::ChildStdout) -> mpsc::Receiver<()> {
    let (said, heard) = mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(out).lines() {
            match line {
                Ok(line) if line.trim() == TRAY_UP => {
                    let _ = said.send(());
                    return;
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    });
    heard
}

/// In the copy, once its tray is up: tells the predecessor (on standard output, a pipe it reads), then
/// points standard output at /dev/null, so that nothing later writes into a pipe whose reader is gone.
pub fn tell_predecessor() {
    if std::env::var_os(FAIL_ENV).is_some() {
        eprintln!("{FAIL_ENV}: the copy ends before telling its predecessor");
        std::process::exit(1);
    }
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{TRAY_UP}");
    let _ = out.flush();
    #[cfg(target_os = "linux")]
    if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
        use std::os::fd::AsRawFd;
        // SAFETY: both descriptors are open; dup2 replaces fd 1 atomically.
        unsafe {
            libc::dup2(null.as_raw_fd(), 1);
        }
    }
}

//! Starts the resident app afresh once its window has been closed for a while (onshi-core's relaunch says
//! when and why). The hand-over, so that staff are never left without a tray:
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

use crate::resident::Landing;
use onshi_core::relaunch::{self, Next, Quiet};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager};

/// For the tests and the benchmark: the wait in seconds instead of a minute.
const SETTLE_ENV: &str = "ONSHI_RELAUNCH_AFTER_SECS";
/// How long the predecessor waits for the copy's tray.
const TRAY_UP_TIMEOUT: Duration = Duration::from_secs(20);
/// What the copy writes once its tray is up.
const TRAY_UP: &str = "tray-up";
/// For the test of a copy that never comes up: the copy ends before its tray is built.
const FAIL_ENV: &str = "ONSHI_TEST_RELAUNCH_COPY_FAILS";

pub struct Relaunch {
    /// Set as this process hands over to its copy (its exit is then no end of the watch).
    handing_over: std::sync::atomic::AtomicBool,
    quiet: Mutex<Quiet>,
    /// Wakes the thread that waits for the quiet (made when the first window closes).
    wake: Mutex<Option<mpsc::Sender<()>>>,
}

pub fn manage(app: &tauri::App) {
    app.manage(Relaunch {
        handing_over: std::sync::atomic::AtomicBool::new(false),
        quiet: Mutex::new(Quiet::default()),
        wake: Mutex::new(None),
    });
}

pub fn window_opened(app: &AppHandle) {
    update(app, |quiet| quiet.window_opened());
}

pub fn window_closed(app: &AppHandle) {
    update(app, |quiet| quiet.window_closed(Instant::now()));
}

pub fn noticed(app: &AppHandle) {
    update(app, |quiet| quiet.noticed(Instant::now()));
}

/// Whether this process is ending to hand over to its fresh copy.
pub fn handing_over(app: &AppHandle) -> bool {
    app.try_state::<Relaunch>()
        .is_some_and(|r| r.handing_over.load(std::sync::atomic::Ordering::SeqCst))
}

fn update(app: &AppHandle, change: impl FnOnce(&mut Quiet)) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Some(relaunch) = app.try_state::<Relaunch>() else {
        return;
    };
    change(&mut relaunch.quiet.lock().unwrap_or_else(|e| e.into_inner()));
    let mut wake = relaunch.wake.lock().unwrap_or_else(|e| e.into_inner());
    if wake.as_ref().is_some_and(|tx| tx.send(()).is_ok()) {
        return;
    }
    let (tx, rx) = mpsc::channel();
    *wake = Some(tx);
    let app = app.clone();
    let _ = std::thread::Builder::new()
        .name("onshi-relaunch".into())
        .spawn(move || wait_for_quiet(&app, &rx));
}

fn settle() -> Duration {
    std::env::var(SETTLE_ENV)
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map_or(relaunch::SETTLE, Duration::from_secs)
}

/// Sleeps until the app may start afresh, woken by every change; then hands over.
fn wait_for_quiet(app: &AppHandle, woken: &mpsc::Receiver<()>) {
    let settle = settle();
    loop {
        let pending = crate::keeper::pending(app);
        let relaunch = app.state::<Relaunch>();
        let next = relaunch
            .quiet
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .next(pending, Instant::now(), settle);
        let woke = match next {
            Next::Never => woken
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
            Next::At(when) => woken.recv_timeout(when.saturating_duration_since(Instant::now())),
            // A window is being made: wait for its close.
            Next::Now if !app.webview_windows().is_empty() => {
                window_opened(app);
                Ok(())
            }
            // Ending, or staying for good: the copy could not come up, and the single-instance name is
            // gone, so this process does not try again.
            Next::Now => {
                hand_over(app);
                return;
            }
        };
        if let Err(mpsc::RecvTimeoutError::Disconnected) = woke {
            return;
        }
    }
}

/// Hands over to a fresh copy (see the module's steps): this process ends, or, if the copy's tray does
/// not come up, stays with its own tray shown again.
fn hand_over(app: &AppHandle) {
    let landing = app.state::<Landing>().peek();
    let relaunch = app.state::<Relaunch>();
    // No notice from this process from here: the copy takes over the watch.
    relaunch
        .handing_over
        .store(true, std::sync::atomic::Ordering::SeqCst);
    tauri_plugin_single_instance::destroy(app);
    crate::resident::set_tray_visible(app, false);
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
        Err(why) => {
            eprintln!("the app could not start afresh ({why}); it stays as it is");
            relaunch
                .handing_over
                .store(false, std::sync::atomic::Ordering::SeqCst);
            crate::resident::set_tray_visible(app, true);
        }
    }
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

//! Starts the resident app afresh once its window has been closed for a while (onshi-core's relaunch says
//! when and why): the copy starts straight into the tray and waits, reading its standard input, until this
//! process has ended, so that one app only ever holds the tray and the single-instance name.
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
/// A predecessor that has not ended by then is stuck; the copy goes on (and, finding it, hands over).
const PREDECESSOR_TIMEOUT: Duration = Duration::from_secs(20);

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
            Next::Now if hand_over(app) => return,
            Next::Now => {
                // The copy could not start: stay as we are, and try again after another wait.
                window_closed(app);
                Ok(())
            }
        };
        if let Err(mpsc::RecvTimeoutError::Disconnected) = woke {
            return;
        }
    }
}

/// Starts the copy (which waits for this process to end) and ends this one; false if it could not start.
fn hand_over(app: &AppHandle) -> bool {
    let landing = app.state::<Landing>().peek();
    let started = crate::login_start::program().and_then(|exe| {
        Command::new(exe)
            .args(relaunch::args(landing))
            .stdin(Stdio::piped())
            .spawn()
    });
    match started {
        Ok(mut copy) => {
            // The write end stays open until this process ends: the copy's end of file is the signal.
            std::mem::forget(copy.stdin.take());
            app.state::<Relaunch>()
                .handing_over
                .store(true, std::sync::atomic::Ordering::SeqCst);
            app.exit(0);
            true
        }
        Err(error) => {
            eprintln!("the app could not start afresh: {error}");
            false
        }
    }
}

/// In the copy: waits until the predecessor has ended (its end of our standard input closes).
pub fn wait_for_predecessor() {
    let (done, ended) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = done.send(());
    });
    let _ = ended.recv_timeout(PREDECESSOR_TIMEOUT);
}

//! Watches over the PC while the app runs, window or not: the readers (from the watch), the certificate in
//! use (re-read every 10 minutes and whenever one is opened) and the backup after a renewal. It keeps the
//! tray's state current and shows the notifications onshi-core's alerts decide, each at most once a day.

use crate::app_status::AppStatus;
use crate::readers_watch::ReadersState;
use crate::resident::{self, Landing};
use crate::settings;
use onshi_core::alerts::{self, Alert, ReaderWatch};
use onshi_core::cert::{in_use, CertInfo};
use onshi_core::health;
use onshi_core::readers::advice::Os;
use onshi_core::time::now_jst;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Manager};

const CERTIFICATE_EVERY: Duration = Duration::from_secs(600);
/// A little past a notice's deadline, so that it is due when the keeper wakes.
const AFTER_DEADLINE: Duration = Duration::from_millis(200);

pub struct Keeper {
    readers: Mutex<ReaderWatch>,
    certificate: Mutex<Option<CertInfo>>,
    /// Wakes the keeper when the readers change (a new deadline may start).
    nudge: Mutex<mpsc::Sender<()>>,
}

pub fn start(app: &AppHandle) {
    let known = app
        .state::<AppStatus>()
        .read(|status| status.smartphone_reader_seen);
    let (nudge, woken) = mpsc::channel();
    app.manage(Keeper {
        readers: Mutex::new(ReaderWatch::new(Os::current(), known, Instant::now())),
        certificate: Mutex::new(None),
        nudge: Mutex::new(nudge),
    });
    // The watch's first events may have come before the keeper was there: take in the readers as they are.
    readers_changed(app);
    let app = app.clone();
    std::thread::Builder::new()
        .name("onshi-keeper".into())
        .spawn(move || {
            // Asleep until a notice may fall due, the certificate's next look, or a change of readers:
            // an idle PC costs no wake-ups beyond the watch's own.
            let mut next_certificate_look = Instant::now();
            loop {
                if Instant::now() >= next_certificate_look {
                    next_certificate_look = Instant::now() + CERTIFICATE_EVERY;
                    look_at_certificate(&app);
                }
                let keeper = app.state::<Keeper>();
                let (due, deadline) = {
                    let mut watch = keeper.readers.lock().unwrap_or_else(|e| e.into_inner());
                    (watch.due(Instant::now()), watch.next_deadline())
                };
                for alert in due {
                    notify(&app, &alert);
                }
                let wake = deadline.map_or(next_certificate_look, |d| {
                    next_certificate_look.min(d + AFTER_DEADLINE)
                });
                match woken.recv_timeout(wake.saturating_duration_since(Instant::now())) {
                    Ok(()) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .expect("the keeper thread starts");
}

/// The readers changed (called from the watch's thread).
pub fn readers_changed(app: &AppHandle) {
    let Some(keeper) = app.try_state::<Keeper>() else {
        return;
    };
    let report = app.state::<ReadersState>().current();
    let (back, known) = {
        let mut watch = keeper.readers.lock().unwrap_or_else(|e| e.into_inner());
        (
            watch.observe(&report, Instant::now()),
            watch.knows_a_smartphone_reader(),
        )
    };
    let status = app.state::<AppStatus>();
    if known && !status.read(|s| s.smartphone_reader_seen) {
        status.update(|s| s.smartphone_reader_seen = true);
    }
    if let Some(alert) = back {
        notify(app, &alert);
    }
    let _ = keeper
        .nudge
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send(());
    refresh_tray(app);
}

/// Reads the certificate in use again, notes a renewal, and says what is due about it.
pub fn look_at_certificate(app: &AppHandle) {
    let status = app.state::<AppStatus>();
    let today = now_jst().date_naive();
    let found = find_certificate(app);
    if let Some(info) = &found {
        let today_text = onshi_core::cert::expiry::date_text(today);
        status.update(|s| s.see_certificate(&info.serial, &info.not_after, &today_text));
        if let Some(alert) = alerts::certificate(info) {
            notify(app, &alert);
        }
    }
    if let Some(alert) = status.read(alerts::backup_missing) {
        notify(app, &alert);
    }
    if let Some(keeper) = app.try_state::<Keeper>() {
        *keeper.certificate.lock().unwrap_or_else(|e| e.into_inner()) = found;
    }
    refresh_tray(app);
}

/// The certificate the PC uses, read now: the store's (the staff's choice among several), else the file
/// last opened on 「電子証明書」.
pub fn find_certificate(app: &AppHandle) -> Option<CertInfo> {
    let today = now_jst().date_naive();
    let file = app
        .state::<AppStatus>()
        .read(|s| s.certificate_file.clone());
    let chosen = crate::settings::load(app)
        .ok()
        .and_then(|s| s.terminal_certificate);
    in_use::find(file.as_ref(), chosen.as_deref(), today).and_then(|found| found.certificate.ok())
}

/// The certificate in use as last read (for the UI when its window is made again).
pub fn certificate(app: &AppHandle) -> Option<CertInfo> {
    app.try_state::<Keeper>()?
        .certificate
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
}

/// When the reader watch's next "gone" notice may fall due, if one is pending.
pub fn pending(app: &AppHandle) -> Option<Instant> {
    app.try_state::<Keeper>()?
        .readers
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .next_deadline()
}

/// The tray shows the worst of the readers, the certificate and, when it needs attention, the OS.
pub fn refresh_tray(app: &AppHandle) {
    if app.try_state::<Keeper>().is_none() {
        return;
    }
    let readers = app.state::<ReadersState>();
    let (report, usb) = (readers.current(), readers.usb());
    let certificate = certificate(app);
    let os = onshi_core::os_support::this_pc(now_jst().date_naive());
    let health =
        health::assess(&report, &usb.findings, certificate.as_ref(), Os::current()).with_os(&os);
    resident::show_health(app, &health);
}

/// Shows `alert` unless its cause already spoke today; the next window opens on its screen.
pub fn notify(app: &AppHandle, alert: &Alert) {
    // Handing over to a fresh copy (relaunch.rs): the copy speaks from now on.
    if crate::relaunch::handing_over(app) {
        return;
    }
    let today = now_jst().date_naive();
    let admitted = app.state::<AppStatus>().update(|status| {
        alerts::forget_old(&mut status.notified, today);
        alert.admit(&mut status.notified, today)
    });
    if !admitted {
        return;
    }
    app.state::<Landing>().set(alert.screen);
    let language = settings::language(app);
    show(app, alert.title.get(language), alert.body.get(language));
}

/// A desktop notification (notice.rs: a toast or the tray's balloon on Windows, org.freedesktop.Notifications
/// on Linux).
pub fn show(app: &AppHandle, title: &str, body: &str) {
    crate::notice::show(app, title, body);
}

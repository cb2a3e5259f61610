//! Keeps the readers' state in the app and pushes every change to the UI as the `readers-changed` event,
//! so the UI never polls the hardware.

use crate::history_log::HistoryLog;
use onshi_core::history::HistoryEvent;
use onshi_core::readers::{self, ReadersReport, Watcher};
use std::sync::Mutex;
use tauri::{App, Emitter, Manager};

/// The event the UI listens to; its payload is the whole `ReadersReport`.
pub const READERS_CHANGED: &str = "readers-changed";

/// The latest report, and the watcher that keeps it current (stopped when the app drops its state).
pub struct ReadersState {
    pub report: Mutex<ReadersReport>,
    watcher: Mutex<Option<Watcher>>,
}

impl ReadersState {
    pub fn current(&self) -> ReadersReport {
        self.report
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Starts the watch; every event also goes to the history and the keeper (tray, notifications).
pub fn start(app: &App) {
    // A first look, so the window opens on the truth rather than on "nothing yet".
    let first = readers::list().unwrap_or_else(|_| ReadersReport::unavailable());
    app.manage(ReadersState {
        report: Mutex::new(first),
        watcher: Mutex::new(None),
    });
    let handle = app.handle().clone();
    let watcher = Watcher::start(move |event| {
        let state = handle.state::<ReadersState>();
        let report = {
            let mut report = state.report.lock().unwrap_or_else(|e| e.into_inner());
            report.apply(&event);
            report.clone()
        };
        handle
            .state::<HistoryLog>()
            .record(&HistoryEvent::from_watch(&event));
        let _ = handle.emit(READERS_CHANGED, report);
        crate::keeper::readers_changed(&handle);
    });
    *app.state::<ReadersState>()
        .watcher
        .lock()
        .unwrap_or_else(|e| e.into_inner()) = Some(watcher);
}

//! Keeps the readers' state in the app and pushes every change to the UI as the `readers-changed` event,
//! so the UI never polls the hardware. Beside it, the USB view (readers plugged in that PC/SC does not
//! present): looked at again when PC/SC changes and when the OS reports a USB device arriving or
//! leaving (nusb's hot-plug watch), never in a loop; each change goes out as `usb-changed`.

use crate::history_log::HistoryLog;
use crate::resident::ResidentExt;
use onshi_core::app::history::HistoryEvent;
use onshi_core::app::resident::Event;
use onshi_core::lock::LockExt;
use onshi_core::readers::{self, ReadersReport, UsbView, WatchEventKind, Watcher};
use std::sync::Mutex;
use tauri::{App, AppHandle, Emitter, Manager};

/// The event the UI listens to; its payload is the whole `ReadersReport`.
pub const READERS_CHANGED: &str = "readers-changed";
/// The USB view changed; its payload is the whole `UsbView`.
pub const USB_CHANGED: &str = "usb-changed";

/// The latest report, and the watcher that keeps it current (stopped when the app drops its state).
pub struct ReadersState {
    pub report: Mutex<ReadersReport>,
    pub usb: Mutex<UsbView>,
    watcher: Mutex<Option<Watcher>>,
}

impl ReadersState {
    pub fn current(&self) -> ReadersReport {
        self.report.lock_or_recover().clone()
    }

    pub fn usb(&self) -> UsbView {
        self.usb.lock_or_recover().clone()
    }
}

/// Looks at USB again beside the current report; tells the UI and the resident when anything changed.
fn look_at_usb(app: &AppHandle) {
    let state = app.state::<ReadersState>();
    let view = readers::look_at_usb(&state.current());
    let before = {
        let mut usb = state.usb.lock_or_recover();
        std::mem::replace(&mut *usb, view.clone())
    };
    if before != view {
        let at = onshi_core::time::rfc3339_jst(onshi_core::time::now_jst());
        for event in HistoryEvent::usb_only_changes(&at, &before.findings, &view.findings) {
            app.state::<HistoryLog>().record(&event);
        }
        let _ = app.emit(USB_CHANGED, &view);
        app.resident().send(Event::UsbChanged(view));
    }
}

/// Follows the OS's USB arrivals and departures for the life of the app (a thread that sleeps in the
/// OS's notification; where there is none, PC/SC changes alone bring the USB view up to date).
fn watch_usb(app: AppHandle) {
    let watch = match nusb::watch_devices() {
        Ok(watch) => watch,
        Err(error) => {
            eprintln!("USB hot-plug watch unavailable: {error}");
            return;
        }
    };
    std::thread::Builder::new()
        .name("usb-hotplug".into())
        .spawn(move || {
            for _event in futures_lite::stream::block_on(watch) {
                look_at_usb(&app);
            }
        })
        .map(|_| ())
        .unwrap_or_else(|error| eprintln!("USB hot-plug watch not started: {error}"));
}

/// Starts the watch; every event also goes to the history and the resident (tray, notifications).
pub fn start(app: &App) {
    // A first look, so the window opens on the truth rather than on "nothing yet".
    let first = readers::list().unwrap_or_else(|_| ReadersReport::unavailable());
    let usb = readers::look_at_usb(&first);
    let at = onshi_core::time::rfc3339_jst(onshi_core::time::now_jst());
    for event in HistoryEvent::usb_only_changes(&at, &[], &usb.findings) {
        app.state::<HistoryLog>().record(&event);
    }
    // The resident takes them in first, then every change in order.
    app.resident().send(Event::ReadersChanged(first.clone()));
    app.resident().send(Event::UsbChanged(usb.clone()));
    app.manage(ReadersState {
        report: Mutex::new(first),
        usb: Mutex::new(usb),
        watcher: Mutex::new(None),
    });
    watch_usb(app.handle().clone());
    let handle = app.handle().clone();
    let watcher = Watcher::start(move |event| {
        let state = handle.state::<ReadersState>();
        let report = {
            let mut report = state.report.lock_or_recover();
            report.apply(&event);
            report.clone()
        };
        if let Some(kept) = HistoryEvent::from_watch(&event) {
            handle.state::<HistoryLog>().record(&kept);
        }
        let _ = handle.emit(READERS_CHANGED, &report);
        handle.resident().send(Event::ReadersChanged(report));
        // A card placed or taken away changes nothing on USB: only readers and the service do.
        if !matches!(
            event.event,
            WatchEventKind::CardInserted | WatchEventKind::CardRemoved
        ) {
            look_at_usb(&handle);
        }
    });
    *app.state::<ReadersState>().watcher.lock_or_recover() = Some(watcher);
}

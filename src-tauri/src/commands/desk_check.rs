//! 「始業点検」: every check at once, as onshi-core joins them (desk_check.rs); the run is kept in the
//! history as its level only, for the support report's "last check".

use crate::history_log::HistoryLog;
use crate::readers_watch::ReadersState;
use onshi_core::desk_check::{self, DeskCheck};
use onshi_core::history::{HistoryEvent, HistoryEventKind};
use onshi_core::readers::advice::Os;
use onshi_core::time::{now_jst, rfc3339_jst};
use tauri::{AppHandle, Manager};

#[tauri::command]
pub fn desk_check(app: AppHandle) -> DeskCheck {
    let readers = app.state::<ReadersState>();
    // A fresh look at USB, so that the result is of this moment, not of the last change.
    let report = readers.current();
    let usb = onshi_core::readers::look_at_usb(&report);
    let now = now_jst();
    // The certificate read afresh too: the store's, else the file last opened on 「電子証明書」.
    let certificate = crate::keeper::find_certificate(&app);
    let os_support = onshi_core::os_support::this_pc(now.date_naive());
    // The MPKI client where installed apps can be read (Windows), against the latest version entered.
    let latest = crate::settings::load(&app)
        .ok()
        .and_then(|s| s.mpki_latest_known);
    let mpki = onshi_core::platform::installed_apps()
        .version_of(onshi_core::mpki::DISPLAY_NAME)
        .ok()
        .map(|installed| onshi_core::mpki::status(installed, latest));
    let checked = desk_check::run(
        &report,
        &usb,
        certificate.as_ref(),
        mpki.as_ref(),
        &os_support,
        Os::current(),
        rfc3339_jst(now),
    );
    let mut event = HistoryEvent::at(checked.at.clone(), HistoryEventKind::DeskCheck);
    event.outcome = Some(
        serde_json::to_value(checked.level)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
    );
    app.state::<HistoryLog>().record(&event);
    checked
}

//! 「始業点検」: every check at once, as onshi-core joins them (desk_check.rs); the run is kept in the
//! history as its level only, for the support report's "last check". A card or phone already on a
//! reader is read-tested as on 「診断」 (allow-listed commands only, recorded the same way).

use super::error::{off_runtime, CommandError};
use crate::history_log::HistoryLog;
use crate::readers_watch::ReadersState;
use onshi_core::card::{ProbeError, ProbeReport};
use onshi_core::desk_check::{self, DeskCheck, Headline, Seen};
use onshi_core::history::{HistoryEvent, HistoryEventKind};
use onshi_core::readers::advice::Os;
use onshi_core::readers::ReadersReport;
use onshi_core::time::{now_jst, rfc3339_jst};
use std::time::Duration;
use tauri::{AppHandle, Manager};

/// The card is on the reader already: this only covers pcscd's and the card's own start-up.
const CARD_ALREADY_THERE: Duration = Duration::from_secs(3);

#[tauri::command]
pub async fn desk_check(app: AppHandle) -> Result<DeskCheck, CommandError> {
    // Off the main thread: the read test and the store take a moment, and the window must not freeze.
    off_runtime(move || check(&app)).await
}

fn check(app: &AppHandle) -> DeskCheck {
    let readers = app.state::<ReadersState>();
    let report = readers.current();
    let tested = desk_check::reader_to_test(&report).map(|reader| {
        let outcome = onshi_core::card::wait_and_probe(
            Some(reader),
            CARD_ALREADY_THERE,
            &onshi_core::card::Cancel::default(),
        );
        super::card::remember(
            reader,
            &outcome,
            &app.state::<crate::app_status::AppStatus>(),
            &app.state::<HistoryLog>(),
        );
        (reader.to_owned(), outcome)
    });
    let checked = look(app, &report, tested.as_ref());
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

/// The home screen's first line: the 始業点検's verdict without its read test (nothing is sent to a card,
/// nothing recorded), so that it can be asked whenever the home screen shows or the readers change.
#[tauri::command]
pub async fn desk_summary(app: AppHandle) -> Result<Headline, CommandError> {
    off_runtime(move || {
        let report = app.state::<ReadersState>().current();
        desk_check::headline(&look(&app, &report, None))
    })
    .await
}

/// Every check but the read test, joined by onshi-core.
fn look(
    app: &AppHandle,
    report: &ReadersReport,
    tested: Option<&(String, Result<ProbeReport, ProbeError>)>,
) -> DeskCheck {
    // A fresh look at USB, so that the result is of this moment, not of the last change.
    let usb = onshi_core::readers::look_at_usb(report);
    let now = now_jst();
    // The certificate read afresh too: the store's, else the file last opened on 「電子証明書」.
    let certificate = crate::certificate_in_use::find(app);
    let os_support = onshi_core::os_support::this_pc(now.date_naive());
    // The MPKI client where installed apps can be read (Windows), against the latest version entered.
    let latest = crate::settings::load(app)
        .ok()
        .and_then(|s| s.mpki_latest_known);
    let mpki = onshi_core::platform::installed_apps()
        .version_of(onshi_core::mpki::DISPLAY_NAME)
        .ok()
        .map(|installed| onshi_core::mpki::status(installed, latest));
    desk_check::run(
        Seen {
            readers: report,
            usb: &usb,
            certificate: certificate.as_ref(),
            mpki: mpki.as_ref(),
            os_support: &os_support,
            os: Os::current(),
            read_test: tested.map(|(reader, outcome)| (reader.as_str(), outcome)),
        },
        rfc3339_jst(now),
    )
}

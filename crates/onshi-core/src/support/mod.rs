//! The support report: what the PC sees, in plain words for the help desk or the IT vendor, made from the
//! gathered facts (crate::facts: the app's saved state, read only, and a live look at the PC). Never in
//! it: a password, a card's UID, anything read from a card beyond its kind, the user's home folder
//! (written `~`). The data is here; `summary.rs` and `text.rs` word it, `words.rs` holds the small words.

mod call_text;
mod summary;
#[cfg(test)]
mod tests;
mod text;
mod words;

pub use text::to_text;

use crate::app::history::{day_counts, DayCounts, HistoryEventKind, HistoryOutcome};
use crate::app::status::{BackupCheck, ReadTestOutcome};
use crate::app_data::without_home;
use crate::cert::in_use::Source;
use crate::cert::CertStatus;
use crate::facts::{Facts, HISTORY_DAYS};
use crate::mpki::{self, MpkiStatus};
use crate::readers::findings::Finding;
use crate::readers::usb::UsbReader;
use crate::readers::ServiceState;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReportReader {
    pub name: String,
    pub model: Option<String>,
    pub label: Option<crate::text::Text>,
    pub smartphone_ready: bool,
    /// The slot's role in its device (a SAM slot's ever-present module is not reported as a card).
    pub slot: Option<crate::readers::catalog::Slot>,
    /// "1台目 / 2台目" among identical devices, or null.
    pub number: Option<u32>,
    /// The kind of card on it now (never its ATR or UID).
    pub card: Option<crate::card::CardKind>,
    pub last_read_test: Option<ReadTestOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReportCertificate {
    pub source: Source,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub serial: Option<String>,
    pub not_after: Option<String>,
    pub status: Option<CertStatus>,
    pub days_left: Option<i64>,
    /// Why it could not be read (a moved or damaged file).
    pub error: Option<String>,
}

/// `onshi report --json`, and the app's 「サポート用レポート」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct SupportReport {
    pub generated_at: String,
    pub app_version: String,
    pub os: String,
    /// The OS's last day of updates and its verdict (crate::os_support).
    pub os_support: crate::os_support::OsSupport,
    pub service: ServiceState,
    pub readers: Vec<ReportReader>,
    /// The readers on USB (ids and the device's own names, never a serial number), and what joining
    /// them with PC/SC found: a reader plugged in but not presented, or not a listed model.
    pub usb: Vec<UsbReader>,
    pub findings: Vec<Finding>,
    /// Each reader's driver now, its version and date (readers::driver), and the changes the 始業点検
    /// of the last days saw ("driver changed on …"), oldest first.
    pub drivers: crate::terminal::seen::Probe<Vec<crate::readers::driver::ReaderDriver>>,
    pub driver_changes: Vec<ReportDriverChange>,
    pub certificate: Option<ReportCertificate>,
    pub mpki: MpkiStatus,
    pub backup_check: Option<BackupCheck>,
    /// Windows: the last notice shown as the tray's balloon because a toast could not be (crate::app::notice_route).
    pub notice_fallback: Option<crate::app::notice_route::NoticeFallback>,
    /// Guide id → the step reached.
    pub guide_progress: BTreeMap<String, String>,
    /// The last 7 days, oldest first, in counts.
    pub history: Vec<DayCounts>,
    /// The last 始業点検 in the history: when, and its level.
    pub last_desk_check: Option<LastDeskCheck>,
    /// The terminal around the reader: each area's most pressing finding, and what the probes saw
    /// (credentials by name, the レセコン's files by count and age: never a secret or a patient's data).
    pub terminal: Vec<crate::check::CheckArea>,
    pub terminal_seen: crate::terminal::TerminalSeen,
    /// Why the site's own usual set-up could not be used, when it could not.
    pub usual_error: Option<String>,
    /// Whom staff call, as the IT vendor entered it.
    pub contacts: crate::app::contacts::Contacts,
    /// What staff last answered to the questions they check by eye (the face reader's screen, the
    /// terminal's screen, the line's lamps), and when.
    pub eye_answers: BTreeMap<crate::app::status::EyeQuestionId, crate::app::status::EyeAnswer>,
    /// The code and message the face-recognition reader or the terminal showed, as staff typed it: the
    /// first thing a help desk asks for. None when nothing was typed.
    pub shown_on_screen: Option<String>,
}

/// A reader's driver seen changed by a 始業点検 (a `driver-changed` event of the history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReportDriverChange {
    pub at: String,
    /// The device's name as the OS shows it.
    pub reader: Option<String>,
    pub model: Option<String>,
    pub change: crate::readers::driver::DriverChange,
}

/// When the last 始業点検 ran and how it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct LastDeskCheck {
    pub at: String,
    pub level: crate::verdict::Level,
}

/// The most of what staff typed from a screen that the report carries.
pub const SHOWN_MAX_CHARS: usize = 500;

impl SupportReport {
    /// Adds the code and message staff read off the face reader's or the terminal's screen (trimmed,
    /// at most [`SHOWN_MAX_CHARS`] characters; nothing when blank).
    pub fn with_shown_on_screen(mut self, typed: Option<&str>) -> SupportReport {
        self.shown_on_screen = typed
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(|text| text.chars().take(SHOWN_MAX_CHARS).collect());
        self
    }
}

/// Puts the report together from the facts.
pub fn build(facts: Facts, app_version: &str) -> SupportReport {
    let terminal = crate::check::terminal_areas(&facts);
    let usual_error = facts.usual_error.as_ref().map(ToString::to_string);
    let Facts {
        now,
        settings,
        status,
        readers,
        usb,
        certificate,
        os_support,
        mpki,
        history,
        terminal: terminal_seen,
        contacts,
        ..
    } = facts;
    let readers_out = readers
        .readers
        .iter()
        .map(|reader| ReportReader {
            name: reader.name.clone(),
            model: reader.model.clone(),
            label: reader.label.clone(),
            smartphone_ready: reader.smartphone_ready,
            slot: reader.slot,
            number: reader.number,
            card: reader
                .card
                .as_ref()
                .filter(|_| !reader.is_sam())
                .map(|card| card.kind),
            last_read_test: status.read_tests.get(&reader.name).cloned(),
        })
        .collect();
    let certificate = certificate.map(|found| match found.certificate {
        Ok(info) => ReportCertificate {
            source: found.source,
            subject: Some(info.subject),
            issuer: Some(info.issuer),
            serial: Some(info.serial),
            not_after: Some(info.not_after),
            status: Some(info.expiry.status),
            days_left: Some(info.expiry.days_left),
            error: None,
        },
        Err(error) => ReportCertificate {
            source: found.source,
            subject: None,
            issuer: None,
            serial: None,
            not_after: None,
            status: None,
            days_left: None,
            error: Some(without_home(&error)),
        },
    });
    let last_desk_check = history
        .iter()
        .rev()
        .filter(|e| e.event == HistoryEventKind::DeskCheck)
        .find_map(|e| match e.outcome {
            Some(HistoryOutcome::DeskCheck(level)) => Some(LastDeskCheck {
                at: e.at.clone(),
                level,
            }),
            _ => None,
        });
    let driver_changes = history
        .iter()
        .filter(|e| e.event == HistoryEventKind::DriverChanged)
        .filter_map(|e| {
            Some(ReportDriverChange {
                at: e.at.clone(),
                reader: e.reader.clone(),
                model: e.model.clone(),
                change: e.driver.clone()?,
            })
        })
        .collect();
    SupportReport {
        generated_at: crate::time::rfc3339_jst(now),
        app_version: app_version.to_owned(),
        os: os_support.description.clone(),
        os_support,
        service: readers.service,
        readers: readers_out,
        usb: usb.usb,
        findings: usb.findings,
        drivers: usb.drivers,
        driver_changes,
        certificate,
        // Where installed apps cannot be read, the report still says what the staff entered.
        mpki: mpki.unwrap_or_else(|| mpki::status(None, settings.mpki_latest_known.clone())),
        backup_check: status.backup_check.clone(),
        notice_fallback: status.notice_fallback.clone(),
        guide_progress: settings
            .guide_progress
            .iter()
            .filter_map(|(guide, steps)| Some((guide.clone(), steps.last()?.clone())))
            .collect(),
        history: day_counts(&history, now.date_naive(), HISTORY_DAYS),
        last_desk_check,
        terminal,
        terminal_seen,
        usual_error,
        contacts,
        eye_answers: status.eye_answers.clone(),
        shown_on_screen: None,
    }
}

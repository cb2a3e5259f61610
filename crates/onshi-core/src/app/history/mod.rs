//! The connection history: reader, card and service events with their times, one JSON line each, one
//! file per day (Japan time) in the app's data folder, kept for 30 days. Never a UID or anything read
//! from a card: a card is only its kind, a read test only its outcome.

mod driver;
mod store;
mod timeline;

pub use driver::{driver_changes, driver_line};
pub use store::{History, Loaded, KEEP_DAYS};
pub use timeline::{
    day_counts, timelines, usb_dropout_hint, DayCounts, DayTimeline, Lane, Span, REPEATED_DROPOUTS,
};

use crate::card::CardKind;
use crate::readers::atr;
use crate::readers::{catalog, WatchEvent, WatchEventKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum HistoryEventKind {
    /// The app (and its watch) started: what it knew before is unknown from here.
    WatchStarted,
    /// The app was closed with 「終了」 or the PC shut down.
    WatchStopped,
    ReaderAdded,
    ReaderRemoved,
    CardInserted,
    CardRemoved,
    ServiceLost,
    ServiceBack,
    ReadTest,
    /// A reader is on USB but the smart-card service does not present it (`reader` is its USB id).
    UsbOnlyBegan,
    /// That reader is presented now, or was unplugged.
    UsbOnlyEnded,
    /// A 始業点検 ran: `outcome` is its level (`ok`, `warn`, `error`), never more.
    DeskCheck,
    /// Staff answered a question they check by eye: `outcome` is the question and the answer.
    EyeCheck,
    /// The app started afresh to give back the memory its window's web view kept (Linux, relaunch.rs):
    /// the watch went on, so the timeline does not break here. (Histories written before this kind
    /// existed have a WatchStopped and WatchStarted pair instead, and still read.)
    Relaunched,
    /// A 始業点検 saw a reader's driver at another version or date than the last one did (`driver`
    /// holds both; `reader` is the device's name: readers::driver).
    DriverChanged,
}

/// One event as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEvent {
    /// RFC 3339, Japan time.
    pub at: String,
    pub event: HistoryEventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader: Option<String>,
    /// The catalog id of the reader's model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardKind>,
    /// A read test's outcome (`my-number-card`, `no-card`, …) or a 始業点検's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<HistoryOutcome>,
    /// A driver change's before and after (kind `driver-changed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<crate::readers::driver::DriverChange>,
}

/// How a read test or a 始業点検 in the history came out, stored as the bare code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum HistoryOutcome {
    ReadTest(crate::app::status::ReadTestCode),
    /// A 始業点検's level (`ok`, `warn`, `error`), never more.
    DeskCheck(crate::verdict::Level),
    /// What staff answered to a question they check by eye.
    Eyes(EyeOutcome),
}

/// A question checked by eye and its answer, as one code (`face-reader-normal`, `router-lamps-not-normal` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum EyeOutcome {
    FaceReaderNormal,
    FaceReaderNotNormal,
    TerminalScreenNormal,
    TerminalScreenNotNormal,
    RouterLampsNormal,
    RouterLampsNotNormal,
}

impl EyeOutcome {
    pub fn of(question: crate::app::status::EyeQuestionId, normal: bool) -> EyeOutcome {
        use crate::app::status::EyeQuestionId::*;
        match (question, normal) {
            (FaceReader, true) => EyeOutcome::FaceReaderNormal,
            (FaceReader, false) => EyeOutcome::FaceReaderNotNormal,
            (TerminalScreen, true) => EyeOutcome::TerminalScreenNormal,
            (TerminalScreen, false) => EyeOutcome::TerminalScreenNotNormal,
            (RouterLamps, true) => EyeOutcome::RouterLampsNormal,
            (RouterLamps, false) => EyeOutcome::RouterLampsNotNormal,
        }
    }
}

impl HistoryEvent {
    /// The watcher's event as history keeps it: the card's kind instead of its ATR. None for the card
    /// of a SAM slot coming or going: that module is part of the reader, not a card someone placed.
    pub fn from_watch(event: &WatchEvent) -> Option<HistoryEvent> {
        let card_event = matches!(
            event.event,
            WatchEventKind::CardInserted | WatchEventKind::CardRemoved
        );
        if card_event
            && event
                .reader
                .as_deref()
                .is_some_and(|name| crate::readers::ReaderInfo::new(name).is_sam())
        {
            return None;
        }
        let kind = match event.event {
            WatchEventKind::ReaderAdded => HistoryEventKind::ReaderAdded,
            WatchEventKind::ReaderRemoved => HistoryEventKind::ReaderRemoved,
            WatchEventKind::CardInserted => HistoryEventKind::CardInserted,
            WatchEventKind::CardRemoved => HistoryEventKind::CardRemoved,
            WatchEventKind::ServiceLost => HistoryEventKind::ServiceLost,
            WatchEventKind::ServiceBack => HistoryEventKind::ServiceBack,
        };
        let card = event
            .atr
            .as_deref()
            .and_then(atr::from_hex)
            .map(|bytes| atr::classify(&bytes));
        Some(HistoryEvent {
            at: event.at.clone(),
            event: kind,
            reader: event.reader.clone(),
            model: event
                .reader
                .as_deref()
                .and_then(catalog::recognise)
                .map(|model| model.id.clone()),
            card,
            outcome: None,
            driver: None,
        })
    }

    /// The episodes of "on USB, not on PC/SC" that began or ended between two USB views: the findings
    /// of kind `usb-only` by USB id, compared.
    pub fn usb_only_changes(
        at: &str,
        before: &[crate::readers::findings::Finding],
        after: &[crate::readers::findings::Finding],
    ) -> Vec<HistoryEvent> {
        use crate::readers::findings::{Finding, FindingKind};
        let stuck = |findings: &[Finding]| -> Vec<(String, Option<String>)> {
            findings
                .iter()
                .filter(|f| f.kind == FindingKind::UsbOnly)
                .filter_map(|f| {
                    let id = f.usb_id.clone()?;
                    let model = id
                        .split_once(':')
                        .and_then(|(v, p)| {
                            Some((
                                u16::from_str_radix(v, 16).ok()?,
                                u16::from_str_radix(p, 16).ok()?,
                            ))
                        })
                        .and_then(|(v, p)| catalog::by_usb_id(v, p))
                        .map(|(model, _)| model.id.clone());
                    Some((id, model))
                })
                .collect()
        };
        let (was, now) = (stuck(before), stuck(after));
        let event = |kind, (id, model): &(String, Option<String>)| HistoryEvent {
            reader: Some(id.clone()),
            model: model.clone(),
            ..HistoryEvent::at(at.to_owned(), kind)
        };
        now.iter()
            .filter(|entry| !was.contains(entry))
            .map(|entry| event(HistoryEventKind::UsbOnlyBegan, entry))
            .chain(
                was.iter()
                    .filter(|entry| !now.contains(entry))
                    .map(|entry| event(HistoryEventKind::UsbOnlyEnded, entry)),
            )
            .collect()
    }

    /// A plain event at `at` with no reader.
    pub fn at(at: String, event: HistoryEventKind) -> HistoryEvent {
        HistoryEvent {
            at,
            event,
            reader: None,
            model: None,
            card: None,
            outcome: None,
            driver: None,
        }
    }

    /// The day (YYYY-MM-DD, Japan time) the event belongs to.
    pub fn day(&self) -> &str {
        crate::time::day_of(&self.at).unwrap_or_default()
    }

    /// Minutes since midnight, Japan time.
    pub fn minute_of_day(&self) -> u16 {
        let number = |range: std::ops::Range<usize>| {
            self.at
                .get(range)
                .and_then(|text| text.parse::<u16>().ok())
                .unwrap_or(0)
        };
        number(11..13) * 60 + number(14..16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Os;
    use crate::readers::findings::{reconcile, Facts};
    use crate::readers::usb::UsbReader;
    use crate::readers::ServiceState;

    fn stuck(ids: &[&str]) -> Vec<crate::readers::findings::Finding> {
        let usb: Vec<UsbReader> = ids
            .iter()
            .map(|id| UsbReader {
                id: (*id).into(),
                manufacturer: None,
                product: None,
                model: None,
                problem_code: None,
                keyboard_mode: false,
            })
            .collect();
        reconcile(&Facts {
            os: Os::Windows,
            service: ServiceState::Running,
            readers: &[],
            usb: &usb,
            smart_card_service: None,
            libccid: None,
        })
    }

    #[test]
    fn usb_only_episodes_begin_and_end_once_each() {
        let at = "2026-11-30T08:12:00.000+09:00";
        assert_eq!(HistoryEvent::usb_only_changes(at, &[], &[]), []);
        let began = HistoryEvent::usb_only_changes(at, &[], &stuck(&["054C:0DC9"]));
        assert_eq!(began.len(), 1);
        assert_eq!(began[0].event, HistoryEventKind::UsbOnlyBegan);
        assert_eq!(began[0].reader.as_deref(), Some("054C:0DC9"));
        assert_eq!(began[0].model.as_deref(), Some("sony-rc-s300"));
        let same = stuck(&["054C:0DC9"]);
        assert_eq!(HistoryEvent::usb_only_changes(at, &same, &same), []);
        let ended = HistoryEvent::usb_only_changes(at, &same, &[]);
        assert_eq!(ended[0].event, HistoryEventKind::UsbOnlyEnded);
        let line = serde_json::to_string(&ended[0]).unwrap();
        assert!(line.contains("\"event\":\"usb-only-ended\""), "{line}");
    }
}

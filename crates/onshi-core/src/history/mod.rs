//! The connection history: reader, card and service events with their times, one JSON line each, one
//! file per day (Japan time) in the app's data folder, kept for 30 days. Never a UID or anything read
//! from a card: a card is only its kind, a read test only its outcome.

mod store;
mod timeline;

pub use store::{History, Loaded, KEEP_DAYS};
pub use timeline::{
    day_counts, timelines, usb_dropout_hint, DayCounts, DayTimeline, Lane, Span, REPEATED_DROPOUTS,
};

use crate::card::{atr, CardKind};
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
    /// A read test's outcome (`my-number-card`, `no-card`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

impl HistoryEvent {
    /// The watcher's event as history keeps it: the card's kind instead of its ATR.
    pub fn from_watch(event: &WatchEvent) -> HistoryEvent {
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
        HistoryEvent {
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
        }
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
        }
    }

    /// The day (YYYY-MM-DD, Japan time) the event belongs to.
    pub fn day(&self) -> &str {
        self.at.get(..10).unwrap_or_default()
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

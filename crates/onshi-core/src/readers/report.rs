//! The state of the readers as the UI and the CLI show it, and how each watch event changes it.

use super::catalog;
use super::watch::{WatchEvent, WatchEventKind};
use crate::card::{atr, CardKind};
use serde::Serialize;
use ts_rs::TS;

/// Whether the smart-card service (pcscd, Windows' SCardSvr) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum ServiceState {
    Running,
    Unavailable,
}

/// A card on a reader, as far as its ATR tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CardInfo {
    /// Uppercase hex, no spaces.
    pub atr: String,
    pub kind: CardKind,
}

impl CardInfo {
    pub fn from_atr(bytes: &[u8]) -> CardInfo {
        CardInfo {
            atr: atr::to_hex(bytes),
            kind: atr::classify(bytes),
        }
    }

    fn from_hex(hex: &str) -> CardInfo {
        CardInfo::from_atr(&atr::from_hex(hex).unwrap_or_default())
    }
}

/// One connected reader. The field names up to `card` are the CLI's contract (design/CLI.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReaderInfo {
    /// Exactly as the OS reports it; the reader's identity.
    pub name: String,
    /// The catalog id of the model, or null when we do not know it.
    pub model: Option<String>,
    /// The model's name for people (Japanese), or null.
    pub label: Option<String>,
    /// Fit for the smartphone マイナ保険証.
    pub smartphone_ready: bool,
    pub card: Option<CardInfo>,
    pub label_en: Option<String>,
    /// What to do instead, when the model is known not to fit.
    pub advice_ja: Option<String>,
    pub advice_en: Option<String>,
}

impl ReaderInfo {
    /// A reader by its OS name, recognised against the catalog, with no card.
    pub fn new(name: &str) -> ReaderInfo {
        let model = catalog::recognise(name);
        ReaderInfo {
            name: name.to_owned(),
            model: model.map(|m| m.id.clone()),
            label: model.map(|m| m.label_ja.clone()),
            smartphone_ready: model.is_some_and(|m| m.smartphone_ready),
            card: None,
            label_en: model.map(|m| m.label_en.clone()),
            advice_ja: model.and_then(|m| m.advice_ja.clone()),
            advice_en: model.and_then(|m| m.advice_en.clone()),
        }
    }
}

/// Every reader and the service, in one document (`onshi readers --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReadersReport {
    pub service: ServiceState,
    pub readers: Vec<ReaderInfo>,
}

impl ReadersReport {
    pub fn unavailable() -> ReadersReport {
        ReadersReport {
            service: ServiceState::Unavailable,
            readers: Vec::new(),
        }
    }

    /// Whether at least one connected reader suits the smartphone マイナ保険証.
    pub fn has_smartphone_ready_reader(&self) -> bool {
        self.readers.iter().any(|reader| reader.smartphone_ready)
    }

    /// Brings the report up to date with one event of the watcher. A lost service takes every reader
    /// with it: the watcher reports them again, one by one, when the service is back.
    pub fn apply(&mut self, event: &WatchEvent) {
        let reader = event.reader.as_deref().unwrap_or_default();
        match event.event {
            WatchEventKind::ServiceLost => *self = ReadersReport::unavailable(),
            WatchEventKind::ServiceBack => self.service = ServiceState::Running,
            WatchEventKind::ReaderAdded => {
                self.service = ServiceState::Running;
                if !self.readers.iter().any(|r| r.name == reader) {
                    self.readers.push(ReaderInfo::new(reader));
                    self.readers.sort_by(|a, b| a.name.cmp(&b.name));
                }
            }
            WatchEventKind::ReaderRemoved => self.readers.retain(|r| r.name != reader),
            WatchEventKind::CardInserted => {
                if let Some(found) = self.readers.iter_mut().find(|r| r.name == reader) {
                    found.card = Some(CardInfo::from_hex(event.atr.as_deref().unwrap_or_default()));
                }
            }
            WatchEventKind::CardRemoved => {
                if let Some(found) = self.readers.iter_mut().find(|r| r.name == reader) {
                    found.card = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: WatchEventKind, reader: Option<&str>, atr: Option<&str>) -> WatchEvent {
        WatchEvent {
            at: "2026-11-27T12:00:00.000+09:00".into(),
            event: kind,
            reader: reader.map(str::to_owned),
            atr: atr.map(str::to_owned),
        }
    }

    #[test]
    fn events_build_the_report_a_user_sees() {
        let mut report = ReadersReport::unavailable();
        let pasori = "SONY FeliCa Port/PaSoRi 4.0 0";
        report.apply(&event(WatchEventKind::ReaderAdded, Some(pasori), None));
        assert_eq!(report.service, ServiceState::Running);
        assert!(report.has_smartphone_ready_reader());

        report.apply(&event(
            WatchEventKind::CardInserted,
            Some(pasori),
            Some("3B888001000005E0B381A1007F"),
        ));
        let card = report.readers[0].card.as_ref().unwrap();
        assert_eq!(card.kind, CardKind::TypeB);

        report.apply(&event(WatchEventKind::CardRemoved, Some(pasori), None));
        assert_eq!(report.readers[0].card, None);

        report.apply(&event(WatchEventKind::ServiceLost, None, None));
        assert_eq!(report, ReadersReport::unavailable());
    }

    #[test]
    fn a_reader_is_listed_once_and_removed_by_name() {
        let mut report = ReadersReport::unavailable();
        for _ in 0..2 {
            report.apply(&event(WatchEventKind::ReaderAdded, Some("B reader"), None));
        }
        report.apply(&event(WatchEventKind::ReaderAdded, Some("A reader"), None));
        let names: Vec<_> = report.readers.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["A reader", "B reader"]);
        report.apply(&event(
            WatchEventKind::ReaderRemoved,
            Some("A reader"),
            None,
        ));
        assert_eq!(report.readers.len(), 1);
        assert!(!report.has_smartphone_ready_reader());
    }
}

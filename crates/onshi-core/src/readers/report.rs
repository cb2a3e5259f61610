//! The state of the readers as the UI and the CLI show it, and how each watch event changes it.

use super::atr::{self, CardKind};
use super::catalog::{self, Slot};
use super::device;
use super::watch::{WatchEvent, WatchEventKind};
use crate::text::Text;
use serde::Serialize;
use ts_rs::TS;

/// Whether the smart-card service (pcscd, Windows' SCardSvr) answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
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

/// One connected reader. The field names up to `card` are the CLI's contract (docs/CLI.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReaderInfo {
    /// Exactly as the OS reports it; the reader's identity.
    pub name: String,
    /// The catalog id of the model, or null when we do not know it.
    pub model: Option<String>,
    /// The model's name for people, or null.
    pub label: Option<Text>,
    /// Fit for the smartphone マイナ保険証.
    pub smartphone_ready: bool,
    pub card: Option<CardInfo>,
    /// What to do instead, when the model is known not to fit.
    pub advice: Option<Text>,
    /// The device this reader is a slot of (the same for every slot of one device; see
    /// `readers::device`).
    pub device: String,
    /// The slot's role in its device, or null when neither the name nor the catalog says.
    pub slot: Option<Slot>,
    /// The role rests on a slot order no public source settles (catalog `slots_unconfirmed`).
    pub slot_unconfirmed: bool,
    /// "1台目 / 2台目": the device's number among connected devices of the same kind, or null when it
    /// is the only one.
    pub number: Option<u32>,
}

impl ReaderInfo {
    /// A reader by its OS name, recognised against the catalog, with no card. A SAM slot or a contact
    /// slot is never smartphone-ready, whatever its device.
    pub fn new(name: &str) -> ReaderInfo {
        let model = catalog::recognise(name);
        let place = device::place(name);
        let (slot, slot_unconfirmed) = device::slot_of(&place, model);
        let slot_can_read_a_phone = !matches!(slot, Some(Slot::Sam | Slot::Contact));
        ReaderInfo {
            name: name.to_owned(),
            model: model.map(|m| m.id.clone()),
            label: model.map(|m| m.label()),
            smartphone_ready: model.is_some_and(|m| m.smartphone_ready) && slot_can_read_a_phone,
            card: None,
            advice: model.and_then(|m| m.advice()),
            device: place.device,
            slot,
            slot_unconfirmed,
            number: None,
        }
    }

    /// A SAM slot: a module built into the device, whose card is always there and never a patient's.
    /// It is never offered for the read test and its card never counts as placed.
    pub fn is_sam(&self) -> bool {
        self.slot == Some(Slot::Sam)
    }
}

/// One reader device as staff see it: its slots (PC/SC readers) under one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReaderDevice {
    /// The device's key (`ReaderInfo::device` of each of its slots).
    pub device: String,
    pub model: Option<String>,
    pub label: Option<Text>,
    /// "1台目 / 2台目", or null when it is the only device of its kind.
    pub number: Option<u32>,
    /// The device's verdict for the smartphone マイナ保険証: its contactless slot's.
    pub smartphone_ready: bool,
    /// The PC/SC names of its slots, in slot order (each is in `ReadersReport::readers`).
    pub slots: Vec<String>,
}

/// Every reader and the service, in one document (`onshi readers --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReadersReport {
    pub service: ServiceState,
    /// Every PC/SC reader (slot), by name.
    pub readers: Vec<ReaderInfo>,
    /// The same readers grouped into devices, one per row on screen.
    pub devices: Vec<ReaderDevice>,
}

impl ReadersReport {
    pub fn unavailable() -> ReadersReport {
        ReadersReport {
            service: ServiceState::Unavailable,
            readers: Vec::new(),
            devices: Vec::new(),
        }
    }

    /// A report of these readers (sorted by name), grouped into devices.
    pub fn of(service: ServiceState, mut readers: Vec<ReaderInfo>) -> ReadersReport {
        readers.sort_by(|a, b| a.name.cmp(&b.name));
        let mut report = ReadersReport {
            service,
            readers,
            devices: Vec::new(),
        };
        report.group();
        report
    }

    /// Groups the readers into devices and numbers devices of the same kind (after any change).
    fn group(&mut self) {
        let mut devices: Vec<ReaderDevice> = Vec::new();
        for reader in &self.readers {
            match devices.iter_mut().find(|d| d.device == reader.device) {
                Some(device) => {
                    device.slots.push(reader.name.clone());
                    device.smartphone_ready |= reader.smartphone_ready;
                }
                None => devices.push(ReaderDevice {
                    device: reader.device.clone(),
                    model: reader.model.clone(),
                    label: reader.label.clone(),
                    number: None,
                    smartphone_ready: reader.smartphone_ready,
                    slots: vec![reader.name.clone()],
                }),
            }
        }
        let kinds: Vec<(String, String)> = devices
            .iter()
            .map(|d| {
                let model = d.model.as_deref().and_then(catalog::by_id);
                (d.device.clone(), device::kind_of(&d.device, model))
            })
            .collect();
        for (device, number) in devices.iter_mut().zip(device::numbers(&kinds)) {
            device.number = number;
        }
        for reader in &mut self.readers {
            reader.number = devices
                .iter()
                .find(|d| d.device == reader.device)
                .and_then(|d| d.number);
        }
        self.devices = devices;
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
                    self.group();
                }
            }
            WatchEventKind::ReaderRemoved => {
                self.readers.retain(|r| r.name != reader);
                self.group();
            }
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
impl ReadersReport {
    /// For tests: the service running with these readers (OS names), grouped as the app groups them.
    pub(crate) fn running(names: &[&str]) -> ReadersReport {
        ReadersReport::of(
            ServiceState::Running,
            names.iter().map(|n| ReaderInfo::new(n)).collect(),
        )
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
    fn slots_of_one_device_are_one_row_and_its_sam_is_marked() {
        let mut report = ReadersReport::unavailable();
        for name in [
            "ACS ACR1251 Dual Reader 00 00",
            "ACS ACR1251 Dual Reader 00 01",
            "SONY FeliCa Port/PaSoRi 4.0 0",
            "SONY FeliCa Port/PaSoRi 4.0 1",
        ] {
            report.apply(&event(WatchEventKind::ReaderAdded, Some(name), None));
        }
        assert_eq!(report.devices.len(), 3);
        let dual = &report.devices[0];
        assert_eq!(dual.device, "ACS ACR1251 Dual Reader 00");
        assert_eq!(dual.slots.len(), 2);
        let sam = report
            .readers
            .iter()
            .find(|r| r.name.ends_with("00 01"))
            .unwrap();
        assert!(sam.is_sam() && sam.slot_unconfirmed && !sam.smartphone_ready);
        let numbers: Vec<_> = report.devices.iter().map(|d| d.number).collect();
        assert_eq!(numbers, [None, Some(1), Some(2)]);
        assert!(report.devices[1].smartphone_ready);

        report.apply(&event(
            WatchEventKind::ReaderRemoved,
            Some("SONY FeliCa Port/PaSoRi 4.0 0"),
            None,
        ));
        assert_eq!(report.devices[1].number, None, "alone again: no number");
        assert_eq!(report.readers.iter().filter_map(|r| r.number).count(), 0);
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

//! The readers' notices over time: the smartphone-ready reader gone for more than 30 s and back, the
//! smart-card service lost for more than 30 s. Each smartphone-ready device is followed on its own.

use super::{Alert, Repeat, GRACE};
use crate::app::screen::Screen;
use crate::platform::Os;
use crate::readers::{ReadersReport, ServiceState};
use crate::text::Text;
use std::collections::BTreeMap;
use std::time::Instant;

/// Follows the readers over time for the two "gone for more than 30 s" notices. Each smartphone-ready
/// device is followed on its own: with two PaSoRi, the one that drops out is named ("… (2台目)").
#[derive(Debug)]
pub struct ReaderWatch {
    os: Os,
    /// A smartphone-ready reader has been on this PC (remembered across starts).
    known: bool,
    /// The smartphone-ready devices at the last look, by device key.
    present: BTreeMap<String, Named>,
    /// Devices gone and not back, by device key; [`NONE_SINCE_START`] while none was seen since the
    /// start on a PC that had one before.
    gone: BTreeMap<String, Gone>,
    service_lost_since: Option<Instant>,
    service_told: bool,
}

/// The key of "no smartphone-ready reader since the start" (a login with the PaSoRi knocked out).
const NONE_SINCE_START: &str = "";

/// A device as a notice names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    /// Its label with "(2台目)" when numbered; None for "the smartphone-ready reader" in general.
    label: Option<Text>,
    number: Option<u32>,
    model: Option<String>,
}

#[derive(Debug)]
struct Gone {
    device: Named,
    since: Instant,
    told: bool,
}

impl ReaderWatch {
    pub fn new(os: Os, smartphone_reader_known: bool, started: Instant) -> ReaderWatch {
        let unnamed = Named {
            label: None,
            number: None,
            model: None,
        };
        ReaderWatch {
            os,
            known: smartphone_reader_known,
            present: BTreeMap::new(),
            // Missing from the start counts from the start (a login with the PaSoRi knocked out).
            gone: BTreeMap::from([(
                NONE_SINCE_START.to_owned(),
                Gone {
                    device: unnamed,
                    since: started,
                    told: false,
                },
            )]),
            service_lost_since: None,
            service_told: false,
        }
    }

    /// Whether a smartphone-ready reader has ever been seen (for the status file).
    pub fn knows_a_smartphone_reader(&self) -> bool {
        self.known
    }

    /// Takes in the readers as they are at `now`; returns the "back" notice when one is due.
    pub fn observe(&mut self, report: &ReadersReport, now: Instant) -> Option<Alert> {
        let ready: BTreeMap<String, Named> = report
            .devices
            .iter()
            .filter(|device| device.smartphone_ready)
            .map(|device| {
                let label = device
                    .label
                    .clone()
                    .unwrap_or_else(|| Text::new(&device.device, &device.device));
                let label = match device.number {
                    Some(n) => Text::new(
                        format!("{}（{n}台目）", label.ja),
                        format!("{} (#{n})", label.en),
                    ),
                    None => label,
                };
                let named = Named {
                    label: Some(label),
                    number: device.number,
                    model: device.model.clone(),
                };
                (device.device.clone(), named)
            })
            .collect();
        let mut back = None;
        if !ready.is_empty() {
            self.known = true;
        }
        for (key, named) in &ready {
            // The same device back, or a newly plugged one of the same model (the OS may give it
            // another index).
            let newly = !self.present.contains_key(key);
            let returned: Vec<String> = self
                .gone
                .iter()
                .filter(|(gone_key, gone)| {
                    *gone_key == key
                        || gone_key.as_str() == NONE_SINCE_START
                        || (newly
                            && gone.device.model.is_some()
                            && gone.device.model == named.model)
                })
                .map(|(gone_key, _)| gone_key.clone())
                .collect();
            for gone_key in returned {
                if let Some(gone) = self.gone.remove(&gone_key) {
                    if gone.told {
                        back = Some(back_alert(named));
                    }
                }
            }
        }
        for (key, named) in &self.present {
            if !ready.contains_key(key) {
                self.gone.entry(key.clone()).or_insert(Gone {
                    device: named.clone(),
                    since: now,
                    told: false,
                });
            }
        }
        self.present = ready;
        if report.service == ServiceState::Unavailable {
            self.service_lost_since.get_or_insert(now);
        } else {
            self.service_lost_since = None;
            self.service_told = false;
        }
        back
    }

    /// When a "gone" notice would next fall due, if one is pending: the resident wakes then.
    pub fn next_deadline(&self) -> Option<Instant> {
        let readers = self
            .gone
            .values()
            .filter(|gone| self.known && !gone.told)
            .map(|gone| gone.since + GRACE);
        let service = self
            .service_lost_since
            .filter(|_| self.os != Os::Windows && !self.service_told)
            .map(|since| since + GRACE);
        readers.chain(service).min()
    }

    /// The "gone" notices whose 30 s have passed at `now`.
    pub fn due(&mut self, now: Instant) -> Vec<Alert> {
        let mut due = Vec::new();
        let past_grace = |since: Instant| now.duration_since(since) > GRACE;
        if self.known {
            for gone in self.gone.values_mut() {
                if !gone.told && past_grace(gone.since) {
                    gone.told = true;
                    due.push(gone_alert(&gone.device));
                }
            }
        }
        if self.os != Os::Windows
            && !self.service_told
            && self.service_lost_since.is_some_and(past_grace)
        {
            self.service_told = true;
            due.push(Alert {
                key: "service-lost".into(),
                repeat: Repeat::OncePerDay,
                screen: Screen::Readers,
                title: Text::new(
                    "スマートカードサービスが止まっています",
                    "The smart-card service has stopped",
                ),
                body: Text::new(
                    crate::readers::advice::service_unavailable(self.os).ja,
                    crate::readers::advice::service_unavailable(self.os).en,
                ),
            });
        }
        due
    }
}

/// The words for a device in a notice: (Japanese, English).
fn label_of(device: &Named) -> (&str, &str) {
    match &device.label {
        Some(label) => (&label.ja, &label.en),
        None => (
            "汎用カードリーダー（スマートフォン用）",
            "The smartphone-ready card reader",
        ),
    }
}

/// "reader-gone", or "reader-gone-2" for 2台目, so that each device is told once a day.
fn numbered_key(base: &str, device: &Named) -> String {
    match device.number {
        Some(n) => format!("{base}-{n}"),
        None => base.to_owned(),
    }
}

fn gone_alert(device: &Named) -> Alert {
    let (ja, en) = label_of(device);
    Alert {
        key: numbered_key("reader-gone", device),
        repeat: Repeat::OncePerDay,
        screen: Screen::Readers,
        title: Text::new(
            "汎用カードリーダー（スマートフォン用）が外れています",
            "The smartphone-ready card reader is disconnected",
        ),
        body: Text::new(
            format!("{ja}が30秒以上見つかりません。スマートフォンのマイナ保険証を受け付けられません。USBケーブルを差し直してください。"),
            format!("{en} has not been found for over 30 seconds; smartphone My Number insurance cards cannot be received. Plug its USB cable in again."),
        ),
    }
}

fn back_alert(device: &Named) -> Alert {
    let (ja, en) = label_of(device);
    Alert {
        key: numbered_key("reader-back", device),
        repeat: Repeat::OncePerDay,
        screen: Screen::Readers,
        title: Text::new(
            "汎用カードリーダー（スマートフォン用）がつながりました",
            "The smartphone-ready card reader is back",
        ),
        body: Text::new(
            format!("{ja}をふたたび認識しました。"),
            format!("{en} is connected again."),
        ),
    }
}

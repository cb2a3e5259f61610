//! The history drawn as days: for each day, one lane per reader device (its slots together, two
//! identical devices told apart as "1台目 / 2台目") with the stretches it was connected and
//! the moments it dropped out, the stretches the smart-card service was down, and counts for the support
//! report. After [`REPEATED_DROPOUTS`] drop-outs of one reader in a day, a hint names the likely causes.

use super::{HistoryEvent, HistoryEventKind};
use crate::platform::Os;
use crate::readers::advice::Advice;
use crate::readers::{catalog, device};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use ts_rs::TS;

/// Drop-outs of one reader in one day from which the USB hint is shown.
pub const REPEATED_DROPOUTS: usize = 3;
const DAY_END: u16 = 24 * 60;

/// From minute `from` to minute `to` of the day (Japan time), `to` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Span {
    pub from: u16,
    pub to: u16,
}

/// One reader device's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Lane {
    /// The device's key (`readers::device`), its PC/SC name without the slot.
    pub device: String,
    /// "1台目 / 2台目" among the day's devices of the same kind, or null when it was the only one.
    pub number: Option<u32>,
    pub model: Option<String>,
    pub label: Option<crate::text::Text>,
    pub smartphone_ready: bool,
    /// The stretches the reader was connected.
    pub connected: Vec<Span>,
    /// Minutes at which it was unplugged, dropped off the USB bus, or went with the service.
    pub dropouts: Vec<u16>,
    /// It dropped out [`REPEATED_DROPOUTS`] times or more that day: the USB hint is about this reader.
    pub keeps_dropping_out: bool,
}

/// One day of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayTimeline {
    /// YYYY-MM-DD.
    pub date: String,
    /// The minute the day is drawn up to: now for today, the end of the day before.
    pub until: u16,
    pub lanes: Vec<Lane>,
    pub service_down: Vec<Span>,
    /// Some reader dropped out [`REPEATED_DROPOUTS`] times or more: show the USB hint.
    pub repeated_dropouts: bool,
}

/// One day in counts, for the support report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct DayCounts {
    pub date: String,
    pub reader_dropouts: u32,
    pub readers_connected: u32,
    pub cards_placed: u32,
    pub read_tests: u32,
    pub service_lost: u32,
}

/// The device a PC/SC reader name belongs to.
fn device_of(reader: &str) -> String {
    device::place(reader).device
}

fn lane_for(device: &str) -> Lane {
    let model = catalog::recognise(device);
    Lane {
        device: device.to_owned(),
        number: None,
        model: model.map(|m| m.id.clone()),
        label: model.map(|m| m.label()),
        smartphone_ready: model.is_some_and(|m| m.smartphone_ready),
        connected: Vec::new(),
        dropouts: Vec::new(),
        keeps_dropping_out: false,
    }
}

/// The `days` days up to `today` (oldest first), drawn from `events` (oldest first); today is drawn up
/// to `now_minute`. What was connected at the end of a day carries into the next.
pub fn timelines(
    events: &[HistoryEvent],
    today: NaiveDate,
    days: i64,
    now_minute: u16,
) -> Vec<DayTimeline> {
    // Each connected device: since when, and which of its slots are there.
    let mut connected_since: BTreeMap<String, (u16, BTreeSet<String>)> = BTreeMap::new();
    let mut service_down_since: Option<u16> = None;
    let mut out = Vec::new();
    for back in (0..days.max(1)).rev() {
        let date = crate::cert::expiry::date_text(today - Duration::days(back));
        let until = if back == 0 {
            now_minute.min(DAY_END)
        } else {
            DAY_END
        };
        let mut lanes: BTreeMap<String, Lane> = BTreeMap::new();
        let mut service_down = Vec::new();
        for device in connected_since.keys() {
            lanes.insert(device.clone(), lane_for(device));
        }
        connected_since
            .values_mut()
            .for_each(|(since, _)| *since = 0);
        service_down_since = service_down_since.map(|_| 0);

        let close_all = |connected_since: &mut BTreeMap<String, (u16, BTreeSet<String>)>,
                         lanes: &mut BTreeMap<String, Lane>,
                         at: u16| {
            for (device, (since, _)) in std::mem::take(connected_since) {
                if let Some(lane) = lanes.get_mut(&device) {
                    lane.connected.push(Span {
                        from: since,
                        to: at,
                    });
                }
            }
        };
        for event in events.iter().filter(|e| e.day() == date) {
            let at = event.minute_of_day();
            let reader = event.reader.as_deref().unwrap_or_default();
            let device = device_of(reader);
            match event.event {
                HistoryEventKind::WatchStarted | HistoryEventKind::WatchStopped => {
                    close_all(&mut connected_since, &mut lanes, at);
                    if let Some(since) = service_down_since.take() {
                        service_down.push(Span {
                            from: since,
                            to: at,
                        });
                    }
                }
                HistoryEventKind::ReaderAdded => {
                    lanes
                        .entry(device.clone())
                        .or_insert_with(|| lane_for(&device));
                    connected_since
                        .entry(device.clone())
                        .or_insert((at, BTreeSet::new()))
                        .1
                        .insert(reader.to_owned());
                    if let Some(since) = service_down_since.take() {
                        service_down.push(Span {
                            from: since,
                            to: at,
                        });
                    }
                }
                HistoryEventKind::ReaderRemoved => {
                    // The device is gone when its last slot is.
                    let last_slot_gone =
                        connected_since.get_mut(&device).is_some_and(|(_, slots)| {
                            slots.remove(reader);
                            slots.is_empty()
                        });
                    if let Some((since, _)) = last_slot_gone
                        .then(|| connected_since.remove(&device))
                        .flatten()
                    {
                        let lane = lanes
                            .entry(device.clone())
                            .or_insert_with(|| lane_for(&device));
                        lane.connected.push(Span {
                            from: since,
                            to: at,
                        });
                        lane.dropouts.push(at);
                    }
                }
                HistoryEventKind::ServiceLost => {
                    // Every reader goes with the service; on Windows this is how unplugging the last
                    // reader looks (the service stops with it), so each counts as a drop-out.
                    for device in connected_since.keys() {
                        if let Some(lane) = lanes.get_mut(device) {
                            lane.dropouts.push(at);
                        }
                    }
                    close_all(&mut connected_since, &mut lanes, at);
                    service_down_since.get_or_insert(at);
                }
                HistoryEventKind::ServiceBack => {
                    if let Some(since) = service_down_since.take() {
                        service_down.push(Span {
                            from: since,
                            to: at,
                        });
                    }
                }
                // Kept in the history (and the report's counts) but not drawn on a device's lane:
                // the lanes are PC/SC devices, and a reader seen on USB only has no PC/SC name.
                HistoryEventKind::CardInserted
                | HistoryEventKind::CardRemoved
                | HistoryEventKind::ReadTest
                | HistoryEventKind::UsbOnlyBegan
                | HistoryEventKind::UsbOnlyEnded
                | HistoryEventKind::DeskCheck
                | HistoryEventKind::EyeCheck
                // A start afresh: the watch went on (relaunch.rs), so nothing closes.
                | HistoryEventKind::Relaunched
                | HistoryEventKind::DriverChanged => {}
            }
        }
        // What is still connected is drawn to the end of the drawing and carries into tomorrow.
        for (device, (since, _)) in &connected_since {
            if let Some(lane) = lanes.get_mut(device) {
                lane.connected.push(Span {
                    from: *since,
                    to: until,
                });
            }
        }
        if let Some(since) = service_down_since {
            service_down.push(Span {
                from: since,
                to: until,
            });
        }
        let mut lanes: Vec<Lane> = lanes.into_values().collect();
        let kinds: Vec<(String, String)> = lanes
            .iter()
            .map(|lane| {
                let model = lane.model.as_deref().and_then(catalog::by_id);
                (lane.device.clone(), device::kind_of(&lane.device, model))
            })
            .collect();
        for (lane, number) in lanes.iter_mut().zip(device::numbers(&kinds)) {
            lane.number = number;
        }
        for lane in &mut lanes {
            lane.keeps_dropping_out = lane.dropouts.len() >= REPEATED_DROPOUTS;
        }
        let repeated_dropouts = lanes.iter().any(|lane| lane.keeps_dropping_out);
        out.push(DayTimeline {
            date,
            until,
            lanes,
            service_down,
            repeated_dropouts,
        });
    }
    out
}

/// Each day's events in counts (oldest first), for the support report.
pub fn day_counts(events: &[HistoryEvent], today: NaiveDate, days: i64) -> Vec<DayCounts> {
    let drawn = timelines(events, today, days, DAY_END);
    drawn
        .iter()
        .map(|day| {
            let count = |kind: HistoryEventKind| {
                events
                    .iter()
                    .filter(|e| e.day() == day.date && e.event == kind)
                    .count() as u32
            };
            DayCounts {
                date: day.date.clone(),
                reader_dropouts: day.lanes.iter().map(|l| l.dropouts.len() as u32).sum(),
                readers_connected: day.lanes.len() as u32,
                cards_placed: count(HistoryEventKind::CardInserted),
                read_tests: count(HistoryEventKind::ReadTest),
                service_lost: count(HistoryEventKind::ServiceLost),
            }
        })
        .collect()
}

/// What to check when a reader keeps dropping out, most likely cause first.
pub const fn usb_dropout_hint(os: Os) -> Advice {
    match os {
        Os::Windows => Advice {
            ja: "カードリーダーが何度も外れています。次の順にご確認ください。① USBケーブルとUSBハブ：ケーブルを奥まで差し直し、ハブを使っている場合はPC本体のUSBポートに直接つないでください。② USBポート：PCの別のUSBポート（できれば背面）に差し替えてください。③ WindowsのUSB省電力：「コントロール パネル」→「ハードウェアとサウンド」→「電源オプション」→ 使用中のプランの「プラン設定の変更」→「詳細な電源設定の変更」→「USB 設定」→「USB のセレクティブ サスペンドの設定」を「無効」にして「OK」を押してください。",
            en: "The card reader keeps dropping out. Check, in this order: 1. The USB cable and hub: push the cable fully in; if a hub is used, plug the reader straight into the PC. 2. The USB port: move it to another port of the PC (a rear one if possible). 3. Windows' USB power saving: Control Panel → Hardware and Sound → Power Options → \"Change plan settings\" of the plan in use → \"Change advanced power settings\" → \"USB settings\" → set \"USB selective suspend setting\" to \"Disabled\" and press \"OK\".",
        },
        Os::Linux | Os::Other => Advice {
            ja: "カードリーダーが何度も外れています。次の順にご確認ください。① USBケーブルとUSBハブ：ケーブルを奥まで差し直し、ハブを使っている場合はPC本体のUSBポートに直接つないでください。② USBポート：PCの別のUSBポートに差し替えてください。③ USBの省電力（オートサスペンド）：管理者に、このカードリーダーのUSBオートサスペンドを止めるよう依頼してください。",
            en: "The card reader keeps dropping out. Check, in this order: 1. The USB cable and hub: push the cable fully in; if a hub is used, plug the reader straight into the PC. 2. The USB port: move it to another port of the PC. 3. USB power saving (autosuspend): ask an administrator to turn off USB autosuspend for this reader.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASORI: &str = "SONY FeliCa Port/PaSoRi 4.0 00 00";
    const FUJITSU: &str = "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 00 00";

    fn event(day: &str, time: &str, kind: HistoryEventKind, reader: Option<&str>) -> HistoryEvent {
        let mut event = HistoryEvent::at(format!("{day}T{time}:00.000+09:00"), kind);
        event.reader = reader.map(str::to_owned);
        event
    }

    fn date(text: &str) -> NaiveDate {
        crate::time::parse_date(text).unwrap()
    }

    #[test]
    fn a_start_afresh_keeps_the_line_unbroken_and_older_files_still_read() {
        use HistoryEventKind::*;
        let pasori = |events: &[HistoryEvent]| {
            let days = timelines(events, date("2026-11-29"), 1, 12 * 60);
            days[0]
                .lanes
                .iter()
                .find(|l| l.device == device_of(PASORI))
                .unwrap()
                .clone()
        };
        // Today: the copy notes Relaunched and finds the reader still there.
        let relaunched = [
            event("2026-11-29", "08:00", WatchStarted, None),
            event("2026-11-29", "08:00", ReaderAdded, Some(PASORI)),
            event("2026-11-29", "09:30", Relaunched, None),
            event("2026-11-29", "09:30", ReaderAdded, Some(PASORI)),
        ];
        let lane = pasori(&relaunched);
        assert_eq!(lane.connected, [Span { from: 480, to: 720 }]);
        assert!(lane.dropouts.is_empty(), "a start afresh is no drop-out");
        // Lines written before Relaunched existed: a stop and a start, read as they always were.
        let older = [
            event("2026-11-29", "08:00", WatchStarted, None),
            event("2026-11-29", "08:00", ReaderAdded, Some(PASORI)),
            event("2026-11-29", "09:30", WatchStopped, None),
            event("2026-11-29", "09:30", WatchStarted, None),
            event("2026-11-29", "09:30", ReaderAdded, Some(PASORI)),
        ];
        let lane = pasori(&older);
        assert_eq!(
            lane.connected,
            [Span { from: 480, to: 570 }, Span { from: 570, to: 720 }]
        );
    }

    #[test]
    fn an_unplugged_reader_shows_a_gap_and_a_dropout_in_its_own_lane() {
        use HistoryEventKind::*;
        let events = [
            event("2026-11-29", "08:00", WatchStarted, None),
            event("2026-11-29", "08:00", ReaderAdded, Some(PASORI)),
            event("2026-11-29", "08:00", ReaderAdded, Some(FUJITSU)),
            event("2026-11-29", "10:15", ReaderRemoved, Some(PASORI)),
            event("2026-11-29", "12:00", ReaderAdded, Some(PASORI)),
        ];
        let days = timelines(&events, date("2026-11-29"), 1, 13 * 60);
        let day = &days[0];
        assert_eq!(day.until, 780);
        let pasori = day
            .lanes
            .iter()
            .find(|l| l.device == device_of(PASORI))
            .unwrap();
        assert!(pasori.smartphone_ready);
        assert_eq!(
            pasori.connected,
            [Span { from: 480, to: 615 }, Span { from: 720, to: 780 }]
        );
        assert_eq!(pasori.dropouts, [615]);
        let other = day
            .lanes
            .iter()
            .find(|l| l.device == device_of(FUJITSU))
            .unwrap();
        assert_eq!(other.connected, [Span { from: 480, to: 780 }]);
        assert!(other.dropouts.is_empty());
        assert!(!day.repeated_dropouts);
    }

    #[test]
    fn a_device_is_one_lane_for_all_its_slots_and_two_alike_are_numbered() {
        use HistoryEventKind::*;
        const DUAL: &str = "ACS ACR1251 Dual Reader";
        const PASORI_1: &str = "SONY FeliCa Port/PaSoRi 4.0 0";
        const PASORI_2: &str = "SONY FeliCa Port/PaSoRi 4.0 1";
        let events = [
            event(
                "2026-11-29",
                "08:00",
                ReaderAdded,
                Some(&format!("{DUAL} 00 00")),
            ),
            event(
                "2026-11-29",
                "08:00",
                ReaderAdded,
                Some(&format!("{DUAL} 00 01")),
            ),
            event("2026-11-29", "08:00", ReaderAdded, Some(PASORI_1)),
            event("2026-11-29", "08:00", ReaderAdded, Some(PASORI_2)),
            // One slot going is not the device going; the last one is.
            event(
                "2026-11-29",
                "09:00",
                ReaderRemoved,
                Some(&format!("{DUAL} 00 01")),
            ),
            event(
                "2026-11-29",
                "10:00",
                ReaderRemoved,
                Some(&format!("{DUAL} 00 00")),
            ),
        ];
        let day = &timelines(&events, date("2026-11-29"), 1, 11 * 60)[0];
        assert_eq!(day.lanes.len(), 3);
        let dual = day
            .lanes
            .iter()
            .find(|l| l.device == format!("{DUAL} 00"))
            .unwrap();
        assert_eq!(dual.connected, [Span { from: 480, to: 600 }]);
        assert_eq!(dual.dropouts, [600]);
        assert_eq!(dual.number, None);
        let numbers: Vec<_> = day
            .lanes
            .iter()
            .filter(|l| l.model.as_deref() == Some("sony-rc-s300"))
            .map(|l| (l.device.as_str(), l.number))
            .collect();
        assert_eq!(numbers, [(PASORI_1, Some(1)), (PASORI_2, Some(2))]);
    }

    #[test]
    fn a_reader_left_in_overnight_carries_into_the_next_day_and_a_restart_is_no_dropout() {
        use HistoryEventKind::*;
        let events = [
            event("2026-11-28", "17:00", ReaderAdded, Some(PASORI)),
            event("2026-11-29", "09:00", WatchStarted, None),
            event("2026-11-29", "09:00", ReaderAdded, Some(PASORI)),
        ];
        let days = timelines(&events, date("2026-11-29"), 2, 600);
        assert_eq!(
            days[0].lanes[0].connected,
            [Span {
                from: 1020,
                to: 1440
            }]
        );
        assert_eq!(
            days[1].lanes[0].connected,
            [Span { from: 0, to: 540 }, Span { from: 540, to: 600 }]
        );
        assert!(days[1].lanes[0].dropouts.is_empty());
    }

    #[test]
    fn repeated_dropouts_ask_for_the_hint_and_a_lost_service_takes_the_readers_with_it() {
        use HistoryEventKind::*;
        let mut events = vec![event("2026-11-29", "08:00", ReaderAdded, Some(PASORI))];
        for hour in ["09", "10", "11"] {
            events.push(event(
                "2026-11-29",
                &format!("{hour}:00"),
                ReaderRemoved,
                Some(PASORI),
            ));
            events.push(event(
                "2026-11-29",
                &format!("{hour}:01"),
                ReaderAdded,
                Some(PASORI),
            ));
        }
        events.push(event("2026-11-29", "12:00", ServiceLost, None));
        events.push(event("2026-11-29", "12:30", ReaderAdded, Some(PASORI)));
        events.push(event("2026-11-29", "12:31", CardInserted, Some(PASORI)));
        let days = timelines(&events, date("2026-11-29"), 1, 13 * 60);
        assert!(days[0].repeated_dropouts);
        assert!(
            days[0].lanes[0].keeps_dropping_out,
            "the hint names this reader"
        );
        assert_eq!(days[0].lanes[0].dropouts, [540, 600, 660, 720]);
        assert_eq!(days[0].service_down, [Span { from: 720, to: 750 }]);
        let counts = day_counts(&events, date("2026-11-29"), 1);
        assert_eq!(counts[0].reader_dropouts, 4);
        assert_eq!(counts[0].service_lost, 1);
        assert_eq!(counts[0].cards_placed, 1);
    }

    #[test]
    fn the_windows_hint_names_the_exact_setting() {
        assert!(usb_dropout_hint(Os::Windows)
            .ja
            .contains("「USB のセレクティブ サスペンドの設定」を「無効」"));
        assert!(!usb_dropout_hint(Os::Windows).ja.contains("systemctl"));
    }
}

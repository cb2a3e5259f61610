//! The reader functions against a real pcscd with virtual readers (run inside scripts/rig-namespace.sh).

use onshi_core::card::CardKind;
use onshi_core::readers::{self, ServiceState, WatchEvent, WatchEventKind, Watcher};
use onshi_rig::{Profile, Rig};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PASORI: &str = "SONY FeliCa Port/PaSoRi 4.0";

fn start(readers: &[&str]) -> Rig {
    Rig::start(readers).unwrap_or_else(|error| panic!("the rig did not start: {error}"))
}

/// Waits for the first event that `wanted` accepts, failing after `patience`.
fn wait_for(
    events: &Receiver<WatchEvent>,
    patience: Duration,
    wanted: impl Fn(&WatchEvent) -> bool,
) -> WatchEvent {
    let deadline = Instant::now() + patience;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(event) if wanted(&event) => return event,
            Ok(_) => continue,
            Err(_) => panic!("no matching event within {patience:?}"),
        }
    }
}

fn watch() -> (Watcher, Receiver<WatchEvent>) {
    let (sender, events) = mpsc::channel();
    let watcher = Watcher::start(move |event| {
        let _ = sender.send(event);
    });
    (watcher, events)
}

#[test]
fn the_snapshot_lists_each_slot_with_its_model_and_card() {
    let rig = start(&[PASORI, "Circle USBNFC4"]);
    let _card = rig.insert("USBNFC4", Profile::MyNumber).unwrap();
    // pcscd polls vpcd every 0.4 s: give it a moment to see the card.
    let deadline = Instant::now() + Duration::from_secs(3);
    let report = loop {
        let report = readers::list().unwrap();
        if report.readers.iter().any(|r| r.card.is_some()) || Instant::now() > deadline {
            break report;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(report.service, ServiceState::Running);
    let names: Vec<&str> = report.readers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Circle USBNFC4 00 00",
            "Circle USBNFC4 00 01",
            "SONY FeliCa Port/PaSoRi 4.0 00 00",
            "SONY FeliCa Port/PaSoRi 4.0 00 01"
        ]
    );
    assert!(report.readers.iter().all(|r| r.smartphone_ready));
    let card = report.readers[0]
        .card
        .as_ref()
        .expect("the card on the USB-NFC4 is seen");
    assert_eq!(card.kind, CardKind::TypeB);
    assert!(report.readers[1..].iter().all(|r| r.card.is_none()));
}

#[test]
fn the_snapshot_says_when_the_service_is_down() {
    let mut rig = start(&[PASORI]);
    rig.stop_service();
    assert_eq!(readers::list().unwrap().service, ServiceState::Unavailable);
}

#[test]
fn the_watcher_sees_readers_then_a_card_placed_and_removed() {
    let rig = start(&[PASORI]);
    let (watcher, events) = watch();
    let slot = format!("{PASORI} 00 00");
    wait_for(&events, Duration::from_secs(3), |e| {
        e.event == WatchEventKind::ReaderAdded && e.reader.as_deref() == Some(&slot)
    });

    let card = rig.insert(PASORI, Profile::Felica).unwrap();
    let inserted = wait_for(&events, Duration::from_secs(3), |e| {
        e.event == WatchEventKind::CardInserted
    });
    assert_eq!(inserted.reader.as_deref(), Some(slot.as_str()));
    // The FeliCa pseudo-ATR: PC/SC RID, standard byte 11.
    assert!(inserted
        .atr
        .as_deref()
        .unwrap()
        .starts_with("3B8F8001804F0CA00000030611"));

    card.remove();
    let removed = wait_for(&events, Duration::from_secs(3), |e| {
        e.event != WatchEventKind::ReaderAdded
    });
    assert_eq!(removed.event, WatchEventKind::CardRemoved);
    assert_eq!(removed.reader.as_deref(), Some(slot.as_str()));
    watcher.stop();
}

#[test]
fn the_watcher_survives_a_pcscd_restart_with_other_readers() {
    let mut rig = start(&[PASORI]);
    let (watcher, events) = watch();
    wait_for(&events, Duration::from_secs(3), |e| {
        e.event == WatchEventKind::ReaderAdded
    });

    rig.kill_service();
    wait_for(&events, Duration::from_secs(5), |e| {
        e.event == WatchEventKind::ServiceLost
    });
    rig.restart(&["Circle CIR315 CL"]).unwrap();
    let started = Instant::now();
    wait_for(&events, Duration::from_secs(3), |e| {
        e.event == WatchEventKind::ServiceBack
    });
    let added = wait_for(&events, Duration::from_secs(3), |e| {
        e.event == WatchEventKind::ReaderAdded
    });
    assert!(added.reader.unwrap().starts_with("Circle CIR315 CL"));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "readers back after {:?}",
        started.elapsed()
    );
    watcher.stop();
}

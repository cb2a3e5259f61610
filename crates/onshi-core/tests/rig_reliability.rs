//! The watcher under stress on a real pcscd: many placements at once on every slot, and reader sets that
//! change under it. What a user would notice: a card reported twice, a removal missed, a stale list.

use onshi_core::readers::{self, ReadersReport, WatchEvent, WatchEventKind, Watcher};
use onshi_rig::{Profile, Rig, DEFAULT_READERS};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A watcher whose events are kept in order, and the report they build.
struct Recorder {
    events: Arc<Mutex<Vec<WatchEvent>>>,
    report: Arc<Mutex<ReadersReport>>,
    watcher: Watcher,
}

impl Recorder {
    fn start() -> Recorder {
        let events = Arc::new(Mutex::new(Vec::new()));
        let report = Arc::new(Mutex::new(ReadersReport::unavailable()));
        let (e, r) = (Arc::clone(&events), Arc::clone(&report));
        let watcher = Watcher::start(move |event| {
            r.lock().unwrap().apply(&event);
            e.lock().unwrap().push(event);
        });
        Recorder {
            events,
            report,
            watcher,
        }
    }

    /// Waits until the report built from events equals a fresh snapshot from pcscd.
    fn wait_until_true(&self, patience: Duration) {
        let deadline = Instant::now() + patience;
        loop {
            let truth = readers::list().unwrap();
            let seen = self.report.lock().unwrap().clone();
            if seen == truth {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the watched report\n{seen:#?}\nis not the truth\n{truth:#?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn two_hundred_placements_are_each_reported_exactly_once() {
    const CYCLES: usize = 20; // on each of 10 slots: 200 placements and 200 removals
    let rig = Rig::start(DEFAULT_READERS).unwrap();
    let recorder = Recorder::start();
    recorder.wait_until_true(Duration::from_secs(3));
    std::thread::scope(|scope| {
        for reader in DEFAULT_READERS {
            for slot in 0..2 {
                let rig = &rig;
                scope.spawn(move || {
                    for _ in 0..CYCLES {
                        let card = rig.insert_at(reader, slot, Profile::MyNumber).unwrap();
                        rig.take_away_from(reader, slot, card).unwrap();
                    }
                });
            }
        }
    });
    recorder.wait_until_true(Duration::from_secs(3));
    let events = recorder.events.lock().unwrap().clone();
    recorder.watcher.stop();

    let mut per_slot: BTreeMap<String, Vec<WatchEventKind>> = BTreeMap::new();
    for event in events.iter().filter(|e| {
        matches!(
            e.event,
            WatchEventKind::CardInserted | WatchEventKind::CardRemoved
        )
    }) {
        per_slot
            .entry(event.reader.clone().unwrap())
            .or_default()
            .push(event.event);
    }
    assert_eq!(per_slot.len(), 10, "every slot saw cards");
    for (slot, kinds) in per_slot {
        let expected: Vec<WatchEventKind> =
            [WatchEventKind::CardInserted, WatchEventKind::CardRemoved]
                .into_iter()
                .cycle()
                .take(2 * CYCLES)
                .collect();
        assert_eq!(
            kinds, expected,
            "{slot}: each placement and removal once, in order"
        );
    }
    assert!(
        !events
            .iter()
            .any(|e| e.event == WatchEventKind::ServiceLost),
        "no spurious service loss"
    );
}

#[test]
fn readers_appearing_and_vanishing_keep_the_list_true() {
    let mut rig = Rig::start(&["Circle USBNFC4"]).unwrap();
    let recorder = Recorder::start();
    recorder.wait_until_true(Duration::from_secs(3));

    rig.restart(&["SONY FeliCa Port/PaSoRi 4.0", "Circle CIR315 CL"])
        .unwrap();
    recorder.wait_until_true(Duration::from_secs(3));
    let card = rig.insert("CIR315", Profile::Android).unwrap();
    recorder.wait_until_true(Duration::from_secs(3));

    drop(card);
    rig.restart(&["SONY FeliCa RC-S300/P (0303109)"]).unwrap();
    recorder.wait_until_true(Duration::from_secs(3));
    let report = recorder.report.lock().unwrap().clone();
    assert!(
        report
            .readers
            .iter()
            .all(|r| r.name.starts_with("SONY FeliCa RC-S300/P")),
        "{report:?}"
    );
    assert!(report.readers.iter().all(|r| r.card.is_none()));

    rig.restart(&[]).unwrap();
    recorder.wait_until_true(Duration::from_secs(3));
    recorder.watcher.stop();
}

#[test]
fn stopping_the_watcher_is_prompt_even_while_it_waits() {
    let _rig = Rig::start(&["Circle USBNFC4"]).unwrap();
    let recorder = Recorder::start();
    recorder.wait_until_true(Duration::from_secs(3));
    let started = Instant::now();
    recorder.watcher.stop();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "stop took {:?}",
        started.elapsed()
    );
}

//! 始業点検 area by area: each area is shown as soon as the probes it looks at have answered, so that a
//! slow probe (a phone that stalls in the read test, Task Scheduler over COM) holds up only its own
//! area. The areas are judged by the same [`run`](super::run) as the whole check, on the facts gathered
//! so far; an area that looks at a probe still under way is shown as waiting, never judged.

use super::{run, AreaResult, DeskCheck, EyeQuestion};
use crate::card::{ProbeError, ProbeReport};
use crate::facts::{Awaited, CertificateChoice, Facts, Gathering, Remembered};
use crate::readers::ReadersReport;
use crate::verdict::Area;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use ts_rs::TS;

/// One area of a 始業点検 under way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AreaStep {
    pub area: Area,
    /// None while a probe the area looks at has not answered.
    pub result: Option<AreaResult>,
}

/// A 始業点検 under way: its areas in the order of the finished check, and the eye questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeskCheckStep {
    pub areas: Vec<AreaStep>,
    pub eyes: Vec<EyeQuestion>,
}

/// The read test of the card or phone on a reader: the reader's PC/SC name and the outcome.
pub type ReadTestRun = (String, Result<ProbeReport, ProbeError>);

/// Runs the 始業点検 with `readers` (the caller's PC/SC picture) and, when a card lies on a reader,
/// `read_test` on a thread of its own, beside the other probes; `shown` is handed the check under way
/// before the first probe answers and after each answer. Returns the finished check and its facts.
pub fn run_in_steps(
    remembered: Remembered,
    readers: ReadersReport,
    read_test: Option<impl FnOnce() -> ReadTestRun + Send>,
    now: DateTime<FixedOffset>,
    mut shown: impl FnMut(DeskCheckStep),
) -> (DeskCheck, Facts) {
    std::thread::scope(|scope| {
        let test = read_test.map(|test| scope.spawn(test));
        let testing = test.is_some();
        let facts = crate::facts::gather_in_steps(
            remembered,
            move || readers,
            CertificateChoice::InUse,
            now,
            |gathering| shown(step(gathering, testing)),
        );
        let tested = test.map(|test| {
            test.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        let checked = run(
            &facts,
            tested
                .as_ref()
                .map(|(reader, outcome)| (reader.as_str(), outcome)),
        );
        (checked, facts)
    })
}

/// The check as far as `gathering` goes; `testing`: the read test has not answered yet.
fn step(gathering: &Gathering, testing: bool) -> DeskCheckStep {
    let waiting = gathering.waiting();
    let judged = run(&gathering.so_far(), None);
    let areas = judged
        .areas
        .into_iter()
        .map(|result| AreaStep {
            area: result.area,
            result: (!waits(result.area, &waiting, testing)).then_some(result),
        })
        .collect();
    DeskCheckStep {
        areas,
        eyes: judged.eyes,
    }
}

/// Whether `area` looks at a probe that has not answered (`testing`: the read test).
fn waits(area: Area, waiting: &[Awaited], testing: bool) -> bool {
    let on = |probe| waiting.contains(&probe);
    match area {
        Area::Readers => on(Awaited::Readers) || on(Awaited::Usb),
        Area::ReadTest => testing,
        Area::Mpki => on(Awaited::InstalledApps),
        Area::Software | Area::Link | Area::SignIn | Area::Line | Area::Clock => {
            on(Awaited::Terminal)
        }
        Area::Eyes | Area::Certificate | Area::Os => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    const READER: &str = "Virtual PCD 00 00";

    /// A read test that ends only once the screen has shown every other area (a phone that stalls):
    /// the check shows them without waiting on it, and each area shown early is the one the finished
    /// check gives.
    #[test]
    fn every_other_area_is_shown_while_the_read_test_is_under_way() {
        let (others_shown, released) = mpsc::channel::<()>();
        let read_test = move || {
            // Released: the card was taken off; never released: the reader went (the test then fails).
            let outcome = match released.recv_timeout(Duration::from_secs(20)) {
                Ok(()) => Err(ProbeError::CardRemoved),
                Err(_) => Err(ProbeError::ReaderGone),
            };
            (READER.to_owned(), outcome)
        };
        let mut steps = Vec::new();
        let (checked, _) = run_in_steps(
            Remembered::default(),
            ReadersReport::unavailable(),
            Some(read_test),
            crate::time::now_jst(),
            |step| {
                if waiting(&step) == [Area::ReadTest] {
                    let _ = others_shown.send(());
                }
                steps.push(step);
            },
        );

        let read_test = area(&checked, Area::ReadTest);
        assert!(
            read_test
                .found
                .ja
                .contains("読み取りの途中でカードが離れました"),
            "the read test ended before every other area was shown: {:?}",
            read_test.found
        );
        // Before any probe answered: what is read at once is judged, the rest waits.
        let first = &steps[0];
        for shown in [Area::Certificate, Area::Eyes, Area::Os] {
            assert!(!waiting(first).contains(&shown), "{shown:?} waited");
        }
        for waits in [Area::Readers, Area::ReadTest, Area::Line, Area::Clock] {
            assert!(waiting(first).contains(&waits), "{waits:?} was judged");
        }
        // Every area shown early is the finished check's, and in its place.
        for step in &steps {
            for shown in step.areas.iter().filter_map(|a| a.result.as_ref()) {
                assert_eq!(
                    shown,
                    area(&checked, shown.area),
                    "{:?} changed",
                    shown.area
                );
            }
        }
        let last = steps.last().expect("at least one step");
        let in_order = |areas: &mut dyn Iterator<Item = Area>| areas.collect::<Vec<_>>();
        assert_eq!(
            in_order(&mut last.areas.iter().map(|a| a.area)),
            in_order(&mut checked.areas.iter().map(|a| a.area))
        );
        assert_eq!(waiting(last), [Area::ReadTest]);
    }

    fn waiting(step: &DeskCheckStep) -> Vec<Area> {
        step.areas
            .iter()
            .filter(|a| a.result.is_none())
            .map(|a| a.area)
            .collect()
    }

    fn area(check: &DeskCheck, area: Area) -> &AreaResult {
        check
            .areas
            .iter()
            .find(|a| a.area == area)
            .expect("every area is in the check")
    }
}

//! Bad mornings, replayed: each scenario of `terminal/replay.json` is what the probes saw on a terminal
//! (recorded as JSON, with the site's own usual set-up where it had one) and what 始業点検 must answer —
//! the level, each area's code, the first step and whom to call, and words that must be among an area's
//! other findings. They run through the same path as the app's 始業点検 (`desk_check::run` over `Facts`),
//! on Linux and, built for Windows, under Wine.

use crate::desk_check::{self, Contact, DeskCheck};
use crate::facts::Facts;
use crate::readers::{ReaderInfo, ReadersReport, ServiceState};
use crate::terminal::{TerminalSeen, UsualSetup};
use crate::verdict::{Area, Level, VerdictCode};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Scenario {
    name: String,
    story: String,
    seen: TerminalSeen,
    /// The site's `usual-setup.toml`, when it had one.
    site: Option<String>,
    expect: Expected,
}

#[derive(Deserialize)]
struct Expected {
    level: Level,
    areas: BTreeMap<Area, VerdictCode>,
    first_step: Option<String>,
    call: Option<Contact>,
    #[serde(default)]
    also: BTreeMap<Area, Vec<String>>,
}

const TERMINAL_AREAS: [Area; 5] = [
    Area::Software,
    Area::Link,
    Area::SignIn,
    Area::Line,
    Area::Clock,
];

fn scenarios() -> Vec<Scenario> {
    serde_json::from_str(include_str!("terminal/replay.json")).expect("replay.json reads")
}

/// The desk of a scenario: a ready reader, a valid certificate and a supported Windows, so that only
/// the terminal around the reader differs.
fn desk_of(scenario: &Scenario) -> DeskCheck {
    let mut facts = Facts::with_readers(ReadersReport::of(
        ServiceState::Running,
        vec![ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 0")],
    ));
    let der = crate::cert::read_certificate(include_bytes!("cert/testdata/store-terminal-new.pem"))
        .unwrap();
    let today = crate::time::parse_date("2027-06-01").unwrap();
    facts.certificate = Some(crate::cert::in_use::InUse {
        source: crate::cert::in_use::Source::File("~/terminal.cer".into()),
        certificate: Ok(crate::cert::inspect(&der, today).unwrap()),
    });
    facts.terminal = scenario.seen.clone();
    facts.usual = match &scenario.site {
        Some(site) => UsualSetup::with_site(site).unwrap(),
        None => UsualSetup::shipped().clone(),
    };
    desk_check::run(&facts, None)
}

#[test]
fn there_are_at_least_fifty_bad_mornings_and_every_terminal_code_is_reached() {
    let scenarios = scenarios();
    assert!(scenarios.len() >= 50, "{} scenarios", scenarios.len());
    let mut reached = std::collections::BTreeSet::new();
    for scenario in &scenarios {
        for area in desk_of(scenario).areas {
            reached.insert(serde_json::to_string(&area.verdict.code).unwrap());
            for note in area.also {
                reached.insert(serde_json::to_string(&note.verdict.code).unwrap());
            }
        }
    }
    // Every code of the terminal's areas, as the VerdictCode list names them (by their prefix).
    let every = include_str!("verdict.rs");
    let terminal_codes: Vec<String> = every
        .lines()
        .map(str::trim)
        .filter(|l| {
            ["Software", "Link", "SignIn", "Line", "Clock"]
                .iter()
                .any(|p| l.starts_with(p) && l.ends_with(',') && l.len() > p.len() + 1)
        })
        .map(|l| l.trim_end_matches(',').to_owned())
        .collect();
    assert!(terminal_codes.len() >= 25, "{terminal_codes:?}");
    for code in terminal_codes {
        let kebab: String = code
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let dash = (i > 0 && c.is_uppercase()).then_some('-');
                dash.into_iter().chain(c.to_lowercase())
            })
            .collect();
        assert!(
            reached.contains(&format!("\"{kebab}\"")),
            "no scenario reaches {kebab}"
        );
    }
}

#[test]
fn every_bad_morning_gets_its_answer() {
    for scenario in scenarios() {
        let name = &scenario.name;
        let desk = desk_of(&scenario);
        let terminal: Vec<_> = desk
            .areas
            .iter()
            .filter(|a| TERMINAL_AREAS.contains(&a.area))
            .cloned()
            .collect();
        assert_eq!(terminal.len(), 5, "{name}: every area answers");
        let level = terminal.iter().map(|a| a.verdict.level).max().unwrap();
        assert_eq!(
            level, scenario.expect.level,
            "{name} ({}): {terminal:#?}",
            scenario.story
        );
        for area in &terminal {
            assert_eq!(
                Some(&area.verdict.code),
                scenario.expect.areas.get(&area.area),
                "{name}: {:?} found {}",
                area.area,
                area.found.ja
            );
            // Amber and red name a first step and whom to call; neutral and green never do.
            let pressing = area.verdict.level >= Level::Warn;
            assert_eq!(
                area.try_first.is_some(),
                pressing,
                "{name}: {:?}",
                area.area
            );
            assert_eq!(area.call.is_some(), pressing, "{name}: {:?}", area.area);
        }
        for (area, words) in &scenario.expect.also {
            let found = terminal.iter().find(|a| a.area == *area).unwrap();
            for word in words {
                assert!(
                    found.also.iter().any(|n| n.found.ja.contains(word)),
                    "{name}: {area:?} also says {word:?}: {:?}",
                    found.also
                );
            }
        }
        // The line that speaks for the terminal: the headline's choice among these areas.
        let speaking = desk_check::summarise(&desk.at, &terminal, None);
        match (&scenario.expect.first_step, speaking.code) {
            (Some(step), Some(code)) => {
                let area = terminal.iter().find(|a| a.verdict.code == code).unwrap();
                let first = area.try_first.as_ref().unwrap();
                assert!(first.ja.contains(step.as_str()), "{name}: {}", first.ja);
                assert_eq!(area.call, scenario.expect.call, "{name}");
            }
            (None, None) => {}
            (expected, spoke) => {
                panic!("{name}: expected a first step {expected:?}, the desk spoke {spoke:?}")
            }
        }
    }
}

/// The power plan's USB selective suspend is said beside the readers' drop-outs of the last days, as a
/// neutral hint that never turns the readers' area amber; with no drop-out it is not said at all.
#[test]
fn usb_selective_suspend_is_a_hint_beside_the_drop_outs() {
    use crate::app::history::{HistoryEvent, HistoryEventKind};
    let scenario = &scenarios()[0];
    let mut facts = Facts::with_readers(ReadersReport::of(
        ServiceState::Running,
        vec![ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 0")],
    ));
    facts.terminal = scenario.seen.clone();
    facts.usb.usb_selective_suspend = Some(true);
    let quiet = desk_check::run(&facts, None);
    assert!(quiet.areas[0].also.is_empty(), "{:?}", quiet.areas[0]);
    let dropped = |at: &str| HistoryEvent {
        at: at.into(),
        event: HistoryEventKind::ReaderRemoved,
        reader: Some("SONY FeliCa Port/PaSoRi 4.0 0".into()),
        model: None,
        card: None,
        outcome: None,
        driver: None,
    };
    facts.history = vec![
        dropped("2026-12-03T10:02:00+09:00"),
        dropped("2026-12-05T15:40:00+09:00"),
    ];
    let desk = desk_check::run(&facts, None);
    let readers = &desk.areas[0];
    assert_eq!(readers.area, Area::Readers);
    assert_eq!(
        readers.verdict, quiet.areas[0].verdict,
        "never amber by itself"
    );
    let hint = &readers.also[0];
    assert_eq!(hint.verdict.code, VerdictCode::UsbSelectiveSuspendOn);
    assert_eq!(hint.verdict.level, Level::Info);
    assert!(hint.found.ja.contains("2回"), "{}", hint.found.ja);
    // Off, or not read: nothing said.
    facts.usb.usb_selective_suspend = Some(false);
    assert!(desk_check::run(&facts, None).areas[0].also.is_empty());
}

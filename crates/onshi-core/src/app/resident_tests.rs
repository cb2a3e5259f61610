//! The resident app's decisions over made-up time: each test plays what staff would live through.

use super::*;
use crate::app::alerts::GRACE;

const PASORI: &str = "SONY FeliCa Port/PaSoRi 4.0 00 00";
const SETTLE: Duration = Duration::from_secs(60);

struct Desk {
    resident: Resident,
    status: Status,
    start: Instant,
    today: NaiveDate,
}

impl Desk {
    fn new(os: Os, settle: Option<Duration>) -> Desk {
        let start = Instant::now();
        let today = crate::time::parse_date("2026-12-01").unwrap();
        let resident = Resident::new(
            Start {
                os,
                language: Language::Ja,
                smartphone_reader_known: false,
                landing: None,
                settle,
            },
            Clock { now: start, today },
        );
        Desk {
            resident,
            status: Status::default(),
            start,
            today,
        }
    }

    fn at(&self, secs: f64) -> Clock {
        Clock {
            now: self.start + Duration::from_secs_f64(secs),
            today: self.today,
        }
    }

    fn feed(&mut self, secs: f64, event: Event) -> Vec<Effect> {
        let clock = self.at(secs);
        self.resident.handle(event, clock, &mut self.status)
    }

    fn wakes_after(&self) -> f64 {
        self.resident
            .next_wake(self.start)
            .duration_since(self.start)
            .as_secs_f64()
    }
}

fn readers(names: &[&str]) -> ReadersReport {
    ReadersReport::running(names)
}

fn notices(effects: &[Effect]) -> Vec<&str> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Notify { title, .. } => Some(title.as_str()),
            _ => None,
        })
        .collect()
}

fn trays(effects: &[Effect]) -> Vec<&Health> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::ShowTray { health, .. } => Some(health),
            _ => None,
        })
        .collect()
}

fn certificate_with(days_left: i64) -> CertInfo {
    let der =
        crate::cert::read_certificate(include_bytes!("../cert/testdata/name-utf8.pem")).unwrap();
    let not_after = crate::time::parse_date("2026-12-29").unwrap();
    crate::cert::inspect(&der, not_after - chrono::Duration::days(days_left)).unwrap()
}

#[test]
fn the_tray_waits_for_the_readers_and_is_redrawn_only_when_its_state_changes() {
    let mut desk = Desk::new(Os::Windows, None);
    let first = desk.feed(0.0, Event::Tick);
    assert!(
        trays(&first).is_empty(),
        "no 'no reader' before the watch spoke"
    );
    assert!(first.contains(&Effect::LookAtCertificate));

    let shown = desk.feed(0.1, Event::ReadersChanged(readers(&[PASORI])));
    assert_eq!(trays(&shown).len(), 1);
    let again = desk.feed(0.2, Event::ReadersChanged(readers(&[PASORI])));
    assert!(trays(&again).is_empty(), "the same state is not redrawn");

    let english = desk.feed(0.3, Event::LanguageChanged(Language::En));
    assert!(matches!(
        english.as_slice(),
        [Effect::ShowTray {
            language: Language::En,
            ..
        }]
    ));
}

#[test]
fn the_certificate_is_read_at_start_every_ten_minutes_and_when_one_was_opened() {
    let mut desk = Desk::new(Os::Windows, None);
    assert!(desk
        .feed(0.0, Event::Tick)
        .contains(&Effect::LookAtCertificate));
    assert!(!desk
        .feed(1.0, Event::Tick)
        .contains(&Effect::LookAtCertificate));
    assert_eq!(desk.wakes_after(), CERTIFICATE_EVERY.as_secs_f64());
    let later = CERTIFICATE_EVERY.as_secs_f64();
    assert!(desk
        .feed(later, Event::Tick)
        .contains(&Effect::LookAtCertificate));
    let opened = desk.feed(later + 5.0, Event::CertificateMayHaveChanged);
    assert!(opened.contains(&Effect::LookAtCertificate));
}

#[test]
fn a_certificate_near_its_end_is_told_once_a_day_in_the_ui_language_and_lands_on_its_screen() {
    let mut desk = Desk::new(Os::Windows, None);
    desk.feed(0.0, Event::LanguageChanged(Language::En));
    let told = desk.feed(1.0, Event::CertificateRead(Some(certificate_with(5))));
    let titles = notices(&told);
    assert_eq!(titles.len(), 1, "{told:?}");
    assert!(titles[0].contains("5 days"), "{}", titles[0]);
    assert_eq!(
        desk.status
            .certificate_seen
            .as_ref()
            .map(|seen| seen.not_after.as_str()),
        Some("2026-12-29")
    );
    let same_day = desk.feed(600.0, Event::CertificateRead(Some(certificate_with(5))));
    assert!(notices(&same_day).is_empty(), "once a day");
    assert_eq!(
        desk.feed(601.0, Event::WindowAsked),
        vec![Effect::MakeWindow]
    );
    assert_eq!(
        desk.resident.take_landing(),
        Some(Screen::Cert),
        "the new window opens there"
    );
    assert_eq!(desk.resident.take_landing(), None, "once");
}

#[test]
fn a_smartphone_reader_gone_for_thirty_seconds_wakes_the_app_and_is_told_once() {
    let mut desk = Desk::new(Os::Windows, None);
    desk.feed(0.0, Event::ReadersChanged(readers(&[PASORI])));
    assert!(
        desk.status.smartphone_reader_seen,
        "remembered for the next start"
    );
    desk.feed(10.0, Event::ReadersChanged(readers(&[])));
    let wake = desk.wakes_after();
    assert!(
        wake > 10.0 + GRACE.as_secs_f64() && wake < 41.0,
        "wakes just past the 30 s: {wake}"
    );
    assert!(notices(&desk.feed(35.0, Event::Tick)).is_empty());
    let gone = desk.feed(wake, Event::Tick);
    assert_eq!(notices(&gone).len(), 1, "{gone:?}");
    assert!(notices(&desk.feed(wake + 1.0, Event::Tick)).is_empty());
    assert_eq!(
        desk.feed(50.0, Event::WindowAsked),
        vec![Effect::MakeWindow]
    );
    assert_eq!(desk.resident.take_landing(), Some(Screen::Readers));
    // With the window open, the reader comes back: a click on that notice turns the window to its screen.
    let back = desk.feed(100.0, Event::ReadersChanged(readers(&[PASORI])));
    assert_eq!(notices(&back).len(), 1);
    assert_eq!(
        desk.feed(101.0, Event::WindowAsked),
        vec![Effect::OpenWindow {
            screen: Some(Screen::Readers)
        }]
    );
    assert_eq!(
        desk.feed(102.0, Event::WindowAsked),
        vec![Effect::OpenWindow { screen: None }],
        "a landing is used once"
    );
}

#[test]
fn the_first_close_says_the_app_stays_in_the_tray_and_only_once() {
    let mut desk = Desk::new(Os::Windows, None);
    desk.feed(0.0, Event::WindowAsked);
    let first = desk.feed(5.0, Event::WindowClosing { told_before: false });
    assert_eq!(notices(&first).len(), 1);
    assert!(first.contains(&Effect::RememberStillRunningTold));
    let later = desk.feed(9.0, Event::WindowClosing { told_before: true });
    assert!(notices(&later).is_empty());
}

#[test]
fn on_linux_the_app_starts_afresh_a_quiet_minute_after_its_window_closed() {
    let mut desk = Desk::new(Os::Other, Some(SETTLE));
    desk.feed(0.0, Event::ReadersChanged(readers(&[])));
    desk.feed(0.0, Event::Tick);
    assert!(!desk.feed(1.0, Event::WindowAsked).iter().any(is_afresh));
    assert!(
        !desk.feed(3000.0, Event::Tick).iter().any(is_afresh),
        "never while the window is open"
    );
    desk.feed(3010.0, Event::WindowClosed);
    assert_eq!(desk.wakes_after(), 3070.0);
    assert!(!desk.feed(3069.0, Event::Tick).iter().any(is_afresh));
    let afresh = desk.feed(3070.0, Event::Tick);
    assert!(afresh.iter().any(is_afresh), "{afresh:?}");
    assert!(desk.resident.handing_over());

    // While the copy comes up, this process tells nothing and draws nothing.
    let renewed = desk.feed(3071.0, Event::CertificateRead(Some(certificate_with(5))));
    assert!(notices(&renewed).is_empty() && trays(&renewed).is_empty());
}

#[test]
fn a_notice_on_screen_and_a_pending_one_put_the_start_afresh_off() {
    let mut desk = Desk::new(Os::Other, Some(SETTLE));
    desk.feed(0.0, Event::ReadersChanged(readers(&[PASORI])));
    desk.feed(0.0, Event::WindowAsked);
    desk.feed(5.0, Event::WindowClosed);
    // The reader is pulled 10 s later: its notice is pending until 45 s, then the quiet runs a minute.
    desk.feed(15.0, Event::ReadersChanged(readers(&[])));
    let wake = desk.wakes_after();
    assert!(wake < 46.0, "the notice's deadline first: {wake}");
    let gone = desk.feed(wake, Event::Tick);
    assert_eq!(notices(&gone).len(), 1);
    assert!(!gone.iter().any(is_afresh));
    assert!((desk.wakes_after() - (wake + 60.0)).abs() < 0.01);
    let afresh = desk.feed(wake + 60.0, Event::Tick);
    assert_eq!(
        afresh.iter().find(|e| is_afresh(e)),
        Some(&Effect::StartAfresh {
            landing: Some(Screen::Readers)
        }),
        "the copy opens where the notice pointed"
    );
}

#[test]
fn a_failed_hand_over_shows_the_tray_again_and_is_not_tried_again() {
    let mut desk = Desk::new(Os::Other, Some(SETTLE));
    desk.feed(0.0, Event::ReadersChanged(readers(&[])));
    desk.feed(0.0, Event::WindowAsked);
    desk.feed(1.0, Event::WindowClosed);
    assert!(desk.feed(61.0, Event::Tick).iter().any(is_afresh));
    let failed = desk.feed(85.0, Event::HandOverFailed);
    assert_eq!(trays(&failed).len(), 1, "the tray is drawn again");
    assert!(!desk.resident.handing_over());
    desk.feed(90.0, Event::WindowAsked);
    desk.feed(91.0, Event::WindowClosed);
    assert!(!desk.feed(500.0, Event::Tick).iter().any(is_afresh));
    assert_eq!(desk.wakes_after(), CERTIFICATE_EVERY.as_secs_f64());
}

#[test]
fn on_windows_the_app_never_starts_afresh() {
    let mut desk = Desk::new(Os::Windows, None);
    desk.feed(0.0, Event::WindowAsked);
    desk.feed(1.0, Event::WindowClosed);
    assert!(!desk.feed(3600.0, Event::Tick).iter().any(is_afresh));
}

fn events(effects: &[Effect]) -> Vec<(u16, crate::app::event_log::EntryType)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::WriteEvent(entry) => Some((entry.id, entry.kind)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_event_log_follows_the_tray_at_once_and_only_on_a_change_of_level() {
    use crate::app::event_log::EntryType::*;
    let mut desk = Desk::new(Os::Windows, None);
    assert!(
        events(&desk.feed(0.0, Event::Tick)).is_empty(),
        "nothing before the readers are known"
    );
    let ready = desk.feed(0.1, Event::ReadersChanged(readers(&[PASORI])));
    assert_eq!(
        events(&ready),
        [(100, Information)],
        "where things stand at the start"
    );
    assert!(events(&desk.feed(0.2, Event::LanguageChanged(Language::En))).is_empty());
    // The reader gone: amber at once, as the tray (the notice waits its 30 s; the log does not).
    let gone = desk.feed(10.0, Event::ReadersChanged(readers(&[])));
    assert_eq!(events(&gone), [(101, Warning), (111, Warning)], "{gone:?}");
    let Some(Effect::WriteEvent(area)) = gone.iter().rfind(|e| matches!(e, Effect::WriteEvent(_)))
    else {
        unreachable!()
    };
    assert!(area
        .message
        .starts_with("汎用カードリーダー（スマートフォン用）が接続されていません\r\n"));
    assert!(
        events(&desk.feed(45.0, Event::Tick)).is_empty(),
        "the notice's wake writes nothing more"
    );
    let expired = desk.feed(46.0, Event::CertificateRead(Some(certificate_with(-1))));
    assert_eq!(events(&expired), [(102, Error), (122, Error)]);
    let back = desk.feed(50.0, Event::ReadersChanged(readers(&[PASORI])));
    assert_eq!(events(&back), [(110, Information)], "the whole stays red");
}

fn is_afresh(effect: &Effect) -> bool {
    matches!(effect, Effect::StartAfresh { .. })
}

#[test]
fn a_no_to_an_eye_question_turns_the_tray_amber_for_that_day_only() {
    use crate::app::status::{EyeAnswer, EyeQuestionId};
    use crate::verdict::Level;
    let mut desk = Desk::new(Os::Windows, None);
    let shown = desk.feed(0.0, Event::ReadersChanged(readers(&[PASORI])));
    assert_eq!(trays(&shown)[0].level, Level::Ok);
    let answer = |day: &str, normal| EyeAnswer {
        at: format!("{day}T08:31:00+09:00"),
        normal,
    };
    // Yesterday's 「いいえ」 says nothing about today.
    desk.status
        .eye_answers
        .insert(EyeQuestionId::FaceReader, answer("2026-11-30", false));
    assert!(
        trays(&desk.feed(1.0, Event::EyesAnswered)).is_empty(),
        "nothing changed today"
    );
    desk.status
        .eye_answers
        .insert(EyeQuestionId::FaceReader, answer("2026-12-01", false));
    let amber = desk.feed(2.0, Event::EyesAnswered);
    let tray = trays(&amber)[0];
    assert_eq!(tray.level, Level::Warn);
    assert!(
        tray.lines
            .iter()
            .any(|line| line.ja.contains("いつもと違う")),
        "{:?}",
        tray.lines
    );
    desk.status
        .eye_answers
        .insert(EyeQuestionId::FaceReader, answer("2026-12-01", true));
    assert_eq!(
        trays(&desk.feed(3.0, Event::EyesAnswered))[0].level,
        Level::Ok
    );
}

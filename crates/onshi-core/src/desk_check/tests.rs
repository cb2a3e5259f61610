//! 始業点検's joining, guidance, headline and memory.

use super::*;
use crate::cert::in_use::{InUse, Source};
use crate::cert::CertInfo;
use crate::readers::{ReaderInfo, ServiceState};

/// The facts with a healthy certificate in use.
fn with_certificate(mut facts: Facts) -> Facts {
    facts.certificate = Some(InUse {
        source: Source::File("~/terminal.cer".into()),
        certificate: Ok(healthy_certificate()),
    });
    facts
}

/// Every code that can be amber or red somewhere.
const NOT_GREEN: [VerdictCode; 43] = [
    VerdictCode::ReadersUsbOnlyBesideReady,
    VerdictCode::BackupNotUsable,
    VerdictCode::BackupUsableWithNotes,
    VerdictCode::SoftwareTaskMissing,
    VerdictCode::SoftwareTaskPasswordRefused,
    VerdictCode::SoftwareTaskNotStarted,
    VerdictCode::SoftwareRootCaMissing,
    VerdictCode::LinkShareMissing,
    VerdictCode::LinkOutputShared,
    VerdictCode::LinkEveryoneFullControl,
    VerdictCode::LinkFirewallSharingOff,
    VerdictCode::SignInPasswordExpiring,
    VerdictCode::SignInPasswordExpired,
    VerdictCode::EyeFaceReaderNotNormal,
    VerdictCode::EyeTerminalScreenError,
    VerdictCode::EyeRouterLampsUnusual,
    VerdictCode::SoftwarePartMissing,
    VerdictCode::SoftwareExtensionsMissing,
    VerdictCode::SoftwareCredentialMissing,
    VerdictCode::LinkFolderMissing,
    VerdictCode::LinkRequestsWaiting,
    VerdictCode::LinkResultsPiling,
    VerdictCode::SignInNotAutomatic,
    VerdictCode::LineNoAdapterUp,
    VerdictCode::LinePrefixChanged,
    VerdictCode::LineDnsOld,
    VerdictCode::LineProxyOff,
    VerdictCode::ClockWrongZone,
    VerdictCode::ClockWentBack,
    VerdictCode::CardJpkiSilent,
    VerdictCode::CardTestFailed,
    VerdictCode::MpkiNotInstalled,
    VerdictCode::MpkiOutdated,
    VerdictCode::ReadersServiceStopped,
    VerdictCode::ReadersServiceUnavailable,
    VerdictCode::ReadersUsbOnly,
    VerdictCode::ReadersNone,
    VerdictCode::ReadersNotReady,
    VerdictCode::CertificateRenewalWindow,
    VerdictCode::CertificateExpired,
    VerdictCode::CertificateNotYetValid,
    VerdictCode::OsSupportEndingSoon,
    VerdictCode::OsSupportEnded,
];

/// Every verdict code, as the published schema lists them (so a new code cannot escape the tests below).
fn every_code() -> Vec<VerdictCode> {
    fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    match (key.as_str(), inner) {
                        ("const", serde_json::Value::String(code)) => out.push(code.clone()),
                        ("enum", serde_json::Value::Array(codes)) => {
                            out.extend(codes.iter().filter_map(|c| c.as_str().map(str::to_owned)))
                        }
                        _ => strings(inner, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
            _ => {}
        }
    }
    let schema = serde_json::to_value(schemars::schema_for!(VerdictCode)).unwrap();
    let mut names = Vec::new();
    strings(&schema, &mut names);
    names
        .into_iter()
        .map(|name| serde_json::from_value(serde_json::Value::String(name)).unwrap())
        .collect()
}

fn facts_for_tests() -> Facts {
    Facts::with_readers(ReadersReport::of(ServiceState::Running, Vec::new()))
}

fn area_with(area: Area, level: Level, code: VerdictCode) -> AreaResult {
    result(
        area,
        Verdict { level, code },
        Text::new(format!("{code:?}"), format!("{code:?}")),
        &facts_for_tests(),
    )
}

fn check_of(at: &str, areas: Vec<AreaResult>) -> DeskCheck {
    DeskCheck {
        summary: summarise(at, &areas, None),
        eyes: Vec::new(),
        at: at.into(),
        level: areas.iter().map(|a| a.verdict.level).max().unwrap(),
        areas,
    }
}

const MORNING: &str = "2026-12-07T08:31:05+09:00";

#[test]
fn amber_means_act_every_code_that_can_need_action_has_a_rule_and_no_unknown_has_one() {
    let all = every_code();
    assert!(all.len() > 50, "the schema lists every code: {}", all.len());
    for code in all {
        let rules: Vec<_> = guidance().iter().filter(|r| r.code == code).collect();
        if code.is_not_known() {
            assert!(
                rules.is_empty(),
                "{code:?} is not known: nothing to act on, no rule"
            );
        } else if NOT_GREEN.contains(&code) {
            assert_eq!(rules.len(), 1, "{code:?}: one rule");
            let rule = rules[0];
            assert!(!rule.try_ja.is_empty() && !rule.try_en.is_empty() && !rule.source.is_empty());
            let item = rule.item.as_bytes();
            assert!(
                item.len() == 4 && item[0].is_ascii_uppercase() && item[1] == b'-',
                "{code:?}: an item staff can quote, like R-04: {}",
                rule.item
            );
        } else {
            assert!(rules.is_empty(), "{code:?} is never amber or red: no rule");
        }
    }
    let mut items: Vec<_> = guidance().iter().map(|r| r.item.as_str()).collect();
    items.sort_unstable();
    let count = items.len();
    items.dedup();
    assert_eq!(items.len(), count, "every item number names one situation");
}

#[test]
fn the_unknowns_are_neutral_where_they_are_made() {
    assert_eq!(crate::cert::verdict(None).level, Level::Info);
    let mpki = crate::mpki::status(Some("2.0.9".into()), None);
    assert_eq!(
        (mpki.verdict.level, mpki.verdict.code),
        (Level::Info, VerdictCode::MpkiLatestUnknown)
    );
    let checked = run(&facts_for_tests(), None);
    for area in &checked.areas {
        if area.verdict.code.is_not_known() {
            assert_eq!(area.verdict.level, Level::Info, "{area:?}");
            assert_eq!((&area.call, &area.item), (&None, &None), "{area:?}");
        }
    }
}

#[test]
fn before_todays_check_home_says_so_and_after_it_when_it_ran() {
    let ok = |area, code| area_with(area, Level::Ok, code);
    let fine = check_of(
        MORNING,
        vec![
            ok(Area::Readers, VerdictCode::ReadersReady),
            ok(Area::Certificate, VerdictCode::CertificateValid),
        ],
    );
    let line = headline(&fine, Some("2026-12-06T08:30:00+09:00"));
    assert_eq!(
        (line.level, line.next),
        (Level::Info, Some(NextAction::DeskCheck))
    );
    assert!(
        line.text.ja.starts_with("本日の始業点検はまだです"),
        "{}",
        line.text.ja
    );
    assert_eq!(line.checked_today, None);
    let line = headline(&fine, None);
    assert_eq!(line.level, Level::Info, "never run: not green either");

    let line = headline(&fine, Some("2026-12-07T08:31:05+09:00"));
    assert_eq!((line.level, line.next, line.code), (Level::Ok, None, None));
    assert!(
        line.text
            .ja
            .starts_with("受付できます。本日08:31の始業点検"),
        "{}",
        line.text.ja
    );
    assert_eq!(line.checked_today.as_deref(), Some("08:31"));
    assert!(line.unseen.ja.contains("顔認証付きカードリーダー"));
}

#[test]
fn the_line_starts_with_what_it_means_at_the_desk() {
    let warn = |area, code| area_with(area, Level::Warn, code);
    // Renewal due and no phone reader: the desk loses smartphones, which speaks first.
    let two = check_of(
        MORNING,
        vec![
            warn(Area::Readers, VerdictCode::ReadersNone),
            warn(Area::Certificate, VerdictCode::CertificateRenewalWindow),
        ],
    );
    let line = headline(&two, None);
    assert_eq!(line.code, Some(VerdictCode::ReadersNone));
    assert_eq!(line.consequence, Consequence::NoSmartphone);
    assert!(line
        .text
        .ja
        .starts_with("スマートフォンのマイナ保険証は受け付けられません："));
    assert!(line
        .text
        .ja
        .ends_with("（マイナンバーカードは顔認証付きカードリーダーで受け付けられます）"));
    assert_eq!(line.others, 1, "「ほかに1件」");
    assert_eq!(line.item.as_deref(), Some("R-04"));

    let renewal = check_of(
        MORNING,
        vec![warn(
            Area::Certificate,
            VerdictCode::CertificateRenewalWindow,
        )],
    );
    let line = headline(&renewal, Some(MORNING));
    assert!(line
        .text
        .ja
        .starts_with("受付できます。対応が必要なことがあります："));
    assert_eq!(line.next, Some(NextAction::RenewalGuide));

    let expired = check_of(
        MORNING,
        vec![
            warn(Area::Readers, VerdictCode::ReadersNone),
            area_with(
                Area::Certificate,
                Level::Error,
                VerdictCode::CertificateExpired,
            ),
        ],
    );
    let line = headline(&expired, Some(MORNING));
    assert_eq!(
        (line.level, line.consequence),
        (Level::Error, Consequence::NoOnlineCheck)
    );
    assert!(line.text.ja.starts_with("オンライン資格確認ができません："));
    let call = line.call.unwrap().ja;
    assert!(
        call.contains("0800-080-4583") && call.contains("祝日を除く"),
        "{call}"
    );
}

#[test]
fn a_red_line_names_the_vendor_with_the_number_they_entered() {
    let mut facts = facts_for_tests();
    let unknown = run(&facts, None);
    let readers = &unknown.areas[0];
    assert_eq!(readers.verdict.code, VerdictCode::ReadersNone);
    assert!(readers
        .call_line
        .as_ref()
        .unwrap()
        .ja
        .contains("「設定」の「連絡先」"));
    facts.contacts.it_vendor = crate::app::contacts::Party {
        name: "〇〇メディカル".into(),
        phone: "03-1234-5678".into(),
    };
    let known = run(&facts, None);
    assert_eq!(
        known.areas[0].call_line.as_ref().unwrap().ja,
        "ITベンダー：〇〇メディカル（03-1234-5678）"
    );
}

#[test]
fn a_missing_reader_is_plugged_in_again_before_any_setup_guide() {
    let mut facts = facts_for_tests();
    let first = run(&facts, None);
    assert_eq!(
        first.areas[0].next,
        Some(NextAction::SmartphoneGuide),
        "never had a phone reader: the guide that sets one up"
    );
    facts.status.smartphone_reader_seen = true;
    let later = run(&facts, None);
    assert_eq!(later.areas[0].next, Some(NextAction::ReaderCheck));
    assert!(later.areas[0]
        .try_first
        .as_ref()
        .unwrap()
        .ja
        .contains("差し直して"));
}

fn healthy_certificate() -> CertInfo {
    let der =
        crate::cert::read_certificate(include_bytes!("../cert/testdata/store-terminal-new.pem"))
            .unwrap();
    crate::cert::inspect(&der, crate::time::parse_date("2027-06-01").unwrap()).unwrap()
}

#[test]
fn a_desk_without_a_reader_is_amber_with_the_first_step_and_the_vendor() {
    let empty = ReadersReport::of(ServiceState::Running, Vec::new());
    let checked = run(&Facts::with_readers(empty), None);
    assert_eq!(checked.level, Level::Warn);
    let readers = &checked.areas[0];
    assert_eq!(readers.verdict.code, VerdictCode::ReadersNone);
    assert!(readers.try_first.as_ref().unwrap().ja.contains("USB"));
    assert_eq!(readers.call, Some(Contact::ItVendor));

    let ready = ReadersReport::of(
        ServiceState::Running,
        vec![ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 0")],
    );
    let checked = run(&with_certificate(Facts::with_readers(ready.clone())), None);
    assert_eq!(checked.level, Level::Ok, "{checked:?}");
    assert!(checked
        .areas
        .iter()
        .all(|a| a.try_first.is_none() && a.call.is_none()));
    let read_test = &checked.areas[1];
    assert_eq!(
        (
            read_test.area,
            read_test.verdict.level,
            read_test.verdict.code
        ),
        (Area::ReadTest, Level::Info, VerdictCode::ReadTestNotRun),
        "no card on a reader: the read test says it was not done"
    );
    assert!(read_test.found.ja.contains("職員のマイナンバーカード"));
    assert_eq!(read_test.next, Some(NextAction::ReaderCheck));
    let unseen = run(&Facts::with_readers(ready), None);
    assert_eq!(
        unseen.areas[3].verdict,
        Verdict::of(Level::Info, VerdictCode::CertificateUnknown),
        "a certificate not looked at yet is said, neutral: nothing to act on"
    );
    assert_eq!(unseen.level, Level::Ok);
}

#[test]
fn a_foreign_card_is_neutral_and_only_a_silent_my_number_card_points_to_the_municipality() {
    let reader = "SONY FeliCa Port/PaSoRi 4.0 0";
    let ready = ReadersReport::of(ServiceState::Running, vec![ReaderInfo::new(reader)]);
    let facts = with_certificate(Facts::with_readers(ready));
    let answered_as = |holder: Holder, kind| -> Result<ProbeReport, ProbeError> {
        Ok(ProbeReport {
            reader: reader.into(),
            atr: String::new(),
            kind,
            jpki: holder != Holder::NotMyNumberCard,
            holder,
            apdus_sent: Vec::new(),
        })
    };
    let answered = |holder| answered_as(holder, crate::card::CardKind::TypeB);
    let check = |outcome: &Result<ProbeReport, ProbeError>| run(&facts, Some((reader, outcome)));
    let area = |checked: &DeskCheck| {
        checked
            .areas
            .iter()
            .find(|a| a.area == Area::ReadTest)
            .cloned()
            .expect("the read test is an area")
    };

    let phone = check(&answered(Holder::SmartphoneAndroid));
    assert_eq!(phone.level, Level::Ok);
    assert_eq!(area(&phone).verdict.code, VerdictCode::CardMyNumber);
    assert!(area(&phone).found.ja.contains("PaSoRi"), "{phone:?}");
    assert!(area(&phone).found.ja.contains("Android"));

    // A transit card left on the reader: nothing to act on, nobody to call, and no word of municipalities.
    let transit = check(&answered_as(
        Holder::NotMyNumberCard,
        crate::card::CardKind::Felica,
    ));
    assert_eq!(transit.level, Level::Ok);
    let said = area(&transit);
    assert_eq!(
        (said.verdict.level, said.verdict.code),
        (Level::Info, VerdictCode::CardNotMyNumber)
    );
    assert_eq!((said.call, said.try_first.clone()), (None, None));
    assert!(said.found.ja.contains("取り除いて"), "{}", said.found.ja);
    assert!(!said.found.ja.contains("市区町村"));

    let silent = check(&answered(Holder::NotMyNumberCard));
    assert_eq!(silent.level, Level::Warn);
    assert_eq!(area(&silent).verdict.code, VerdictCode::CardJpkiSilent);
    assert_eq!(area(&silent).call, Some(Contact::Municipality));
    assert!(area(&silent).try_first.unwrap().ja.contains("市区町村"));

    let moved = check(&Err(ProbeError::CardRemoved));
    assert_eq!(area(&moved).verdict.code, VerdictCode::CardTestFailed);
    assert!(area(&moved).found.ja.contains("離れました"));
    assert_eq!(area(&moved).call, Some(Contact::ReaderMaker));
}

#[test]
fn a_new_prefix_is_told_once_then_remembered() {
    use crate::terminal::seen::RememberedPrefix;
    let mut status = crate::app::status::Status {
        line_prefix: Some(RememberedPrefix {
            prefix: "2001:db8:99:1::/64".into(),
            since: "2026-12-01T08:30:00+09:00".into(),
        }),
        ..Default::default()
    };
    let ready = ReadersReport::of(ServiceState::Running, Vec::new());
    let mut facts = Facts::with_readers(ready);
    facts.terminal.line.remembered_prefix = status.line_prefix.clone();
    let first = run(&facts, None);
    let line = |check: &DeskCheck| {
        check
            .areas
            .iter()
            .find(|a| a.area == Area::Line)
            .unwrap()
            .verdict
            .code
    };
    assert_eq!(line(&first), VerdictCode::LinePrefixChanged);
    remember(&first, &facts, &mut status);
    let kept = status.line_prefix.clone().unwrap();
    assert_eq!(kept.prefix, "2404:1a8:f583:d00::/64");
    assert_eq!(kept.since, first.at);
    facts.terminal.line.remembered_prefix = Some(kept);
    assert_eq!(line(&run(&facts, None)), VerdictCode::LineOk, "told once");
    assert_eq!(
        status.last_desk_check_at.as_deref(),
        Some(first.at.as_str())
    );
}

#[test]
fn the_certificate_screen_says_what_an_expired_certificate_means_and_whom_to_call() {
    let contacts = crate::app::contacts::Contacts::default();
    let expired = crate::verdict::Verdict::of(Level::Error, VerdictCode::CertificateExpired);
    let said = advice(&expired, &contacts).expect("red: someone to call");
    assert_eq!(said.consequence, Consequence::NoOnlineCheck);
    assert_eq!(said.consequence_text.ja, "オンライン資格確認ができません");
    assert_eq!(said.item, "C-02");
    assert!(
        said.call_line.ja.contains("0800-080-4583"),
        "{:?}",
        said.call_line
    );
    let window = crate::verdict::Verdict::of(Level::Warn, VerdictCode::CertificateRenewalWindow);
    assert_eq!(
        advice(&window, &contacts).unwrap().consequence,
        Consequence::Act
    );
    let fine = crate::verdict::Verdict::of(Level::Ok, VerdictCode::CertificateValid);
    assert_eq!(
        advice(&fine, &contacts),
        None,
        "nothing to act on: nobody to call"
    );
    let unknown = crate::verdict::Verdict::of(Level::Info, VerdictCode::CertificateUnknown);
    assert_eq!(advice(&unknown, &contacts), None);
}

#[test]
fn a_no_for_the_face_reader_puts_the_makers_first_restart_before_the_general_steps() {
    use crate::app::status::{EyeAnswer, EyeQuestionId};
    let mut facts = facts_for_tests();
    let today = crate::time::day_of(&crate::time::rfc3339_jst(facts.now))
        .unwrap()
        .to_owned();
    facts.status.eye_answers.insert(
        EyeQuestionId::FaceReader,
        EyeAnswer {
            at: format!("{today}T08:30:00+09:00"),
            normal: false,
        },
    );
    let eyes = |facts: &Facts| {
        run(facts, None)
            .areas
            .into_iter()
            .find(|a| a.area == Area::Eyes)
            .unwrap()
    };
    let general = eyes(&facts);
    assert_eq!(general.verdict.code, VerdictCode::EyeFaceReaderNotNormal);
    let general_steps = general.try_first.unwrap().ja;
    assert!(
        general_steps.starts_with("表示されたコードとメッセージ"),
        "{general_steps}"
    );

    facts.contacts.face_reader = "almex".into();
    let almex = eyes(&facts).try_first.unwrap().ja;
    assert!(almex.starts_with("アルメックス（マイナタッチ）製の顔認証付きカードリーダーです。まず、資格確認端末の画面にある管理アプリを終了"), "{almex}");
    assert!(
        almex.ends_with(&general_steps),
        "the general steps follow: {almex}"
    );

    // No source names Hi-CARA's restart: the general steps only.
    facts.contacts.face_reader = "canon-mj".into();
    assert_eq!(eyes(&facts).try_first.unwrap().ja, general_steps);
}

/// A Windows Update replaced a reader's driver between two mornings: the first 始業点検 only remembers it
/// (kept in status.json), the second returns one `driver-changed` event for the app to record, then the
/// new release is what the next one compares with.
#[test]
fn a_changed_reader_driver_is_told_once_between_two_checks() {
    use crate::app::history::HistoryEventKind;
    use crate::readers::driver::ReaderDriver;
    use crate::terminal::seen::Probe;
    let driver = |version: &str, date: &str| ReaderDriver {
        device: "Microsoft Usbccid Smartcard Reader (WUDF)".into(),
        usb_id: Some("054C:0DC9".into()),
        model: Some("sony-rc-s300".into()),
        provider: Some("Microsoft".into()),
        version: Some(version.into()),
        date: Some(date.into()),
    };
    let mut status = crate::app::status::Status::default();
    let mut facts = Facts::with_readers(ReadersReport::of(ServiceState::Running, Vec::new()));
    facts.usb.drivers = Probe::Seen(vec![driver("10.0.19041.1", "2006-06-21")]);
    let first = run(&facts, None);
    assert_eq!(remember(&first, &facts, &mut status), []);
    // Kept across a restart of the app (status.json).
    let saved = serde_json::to_string(&status).unwrap();
    let mut status: crate::app::status::Status = serde_json::from_str(&saved).unwrap();
    assert_eq!(status.reader_drivers.len(), 1);
    facts.usb.drivers = Probe::Seen(vec![driver("10.0.26100.1", "2024-04-01")]);
    let second = run(&facts, None);
    let told = remember(&second, &facts, &mut status);
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].event, HistoryEventKind::DriverChanged);
    assert_eq!(told[0].at, second.at);
    let words = crate::app::history::driver_line(&told[0]).unwrap();
    assert!(
        words
            .ja
            .contains("10.0.19041.1（2006年6月21日） → 10.0.26100.1（2024年4月1日）"),
        "{}",
        words.ja
    );
    assert_eq!(remember(&second, &facts, &mut status), [], "told once");
    // A status.json from before drivers were remembered still reads.
    let old: crate::app::status::Status = serde_json::from_str(r#"{"line_prefix": null}"#).unwrap();
    assert!(old.reader_drivers.is_empty());
}

#[test]
fn an_eye_answer_judges_the_eyes_again_and_nothing_else() {
    use crate::app::status::{EyeAnswer, EyeQuestionId};
    let facts = with_certificate(facts_for_tests());
    let mut check = run(&facts, None);
    let before = check.clone();
    let today = crate::time::day_of(&check.at).unwrap().to_owned();
    let mut answers = std::collections::BTreeMap::new();
    answers.insert(
        EyeQuestionId::TerminalScreen,
        EyeAnswer {
            at: format!("{today}T08:40:00+09:00"),
            normal: false,
        },
    );
    assert!(answer_eyes(
        &mut check,
        &facts,
        &answers,
        &format!("{today}T08:40:00+09:00")
    ));
    let eyes = check.areas.iter().find(|a| a.area == Area::Eyes).unwrap();
    assert_eq!(eyes.verdict.code, VerdictCode::EyeTerminalScreenError);
    assert_eq!(eyes.item.as_deref(), Some("E-02"));
    assert!(check.level >= Level::Warn);
    assert_eq!(check.at, before.at, "the same check, not a new one");
    for (now, then) in check.areas.iter().zip(&before.areas) {
        if now.area != Area::Eyes {
            assert_eq!(now, then, "only the eyes are judged again");
        }
    }
    assert_eq!(
        check
            .eyes
            .iter()
            .find(|q| q.id == EyeQuestionId::TerminalScreen)
            .unwrap()
            .answer,
        Some(false)
    );
}

#[test]
fn an_eye_answer_after_midnight_leaves_yesterdays_check_to_a_new_one() {
    use crate::app::status::{EyeAnswer, EyeQuestionId};
    let facts = with_certificate(facts_for_tests());
    let mut check = run(&facts, None);
    let shown = check.clone();
    let day =
        chrono::NaiveDate::parse_from_str(crate::time::day_of(&check.at).unwrap(), "%Y-%m-%d")
            .unwrap();
    let next_morning = format!("{}T00:10:00+09:00", day.succ_opt().unwrap());
    let mut answers = std::collections::BTreeMap::new();
    answers.insert(
        EyeQuestionId::TerminalScreen,
        EyeAnswer {
            at: next_morning.clone(),
            normal: false,
        },
    );
    assert!(
        !answer_eyes(&mut check, &facts, &answers, &next_morning),
        "a check of the day before is not judged with today's answer"
    );
    assert_eq!(check, shown, "and is left as it was");
}

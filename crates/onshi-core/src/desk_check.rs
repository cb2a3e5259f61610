//! 始業点検: every check the app can run, joined into one result before the first patient: the overall
//! level, then per area what was found, what to try first and whom to call (`desk_guidance.toml`). The
//! read test is one of the areas only when a card or phone lay on a reader (the app runs it, allow-listed
//! commands only, and hands its outcome in). The verdicts are crate::verdict's; this only joins them and
//! adds the guidance.

use crate::app::health;
use crate::card::{Holder, ProbeError, ProbeReport};
use crate::facts::Facts;
use crate::readers::ReadersReport;
use crate::terminal::Judged;
use crate::text::Text;
use crate::verdict::{Area, Level, Verdict, VerdictCode};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// Whom staff call when the first step does not help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Contact {
    /// The IT vendor that set up the terminal.
    ItVendor,
    /// The card reader's maker.
    ReaderMaker,
    /// The 医療機関等向け総合ポータルサイト's help desk, 0800-080-4583.
    PortalHelpDesk,
    /// The patient's 市区町村 (the patient's own card).
    Municipality,
}

/// One area's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AreaResult {
    pub area: Area,
    pub verdict: Verdict,
    /// What was found, in the tray's words.
    pub found: Text,
    /// For an amber or red verdict: the first thing to try, and whom to call if it does not help.
    pub try_first: Option<Text>,
    pub call: Option<Contact>,
    /// The area's other findings, less pressing than the one that gives its verdict (a neutral one: a
    /// time server other than the usual set-up's).
    pub also: Vec<Judged>,
}

/// The whole 始業点検.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeskCheck {
    /// When it ran (RFC 3339, Japan time).
    pub at: String,
    /// The worst area's level.
    pub level: Level,
    pub areas: Vec<AreaResult>,
}

/// One rule of `desk_guidance.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Guidance {
    pub code: VerdictCode,
    pub try_ja: String,
    pub try_en: String,
    pub call: Contact,
    pub source: String,
}

#[derive(Deserialize)]
struct GuidanceFile {
    rule: Vec<Guidance>,
}

/// The rules shipped with the app.
pub fn guidance() -> &'static [Guidance] {
    static RULES: OnceLock<Vec<Guidance>> = OnceLock::new();
    RULES.get_or_init(|| {
        toml::from_str::<GuidanceFile>(include_str!("desk_guidance.toml"))
            .expect("the embedded desk_guidance.toml is valid")
            .rule
    })
}

fn result(area: Area, verdict: Verdict, found: Text) -> AreaResult {
    let rule = guidance().iter().find(|rule| rule.code == verdict.code);
    // Only amber and red call for action; a neutral finding is said, with nobody to call.
    let needed = verdict.level >= Level::Warn;
    AreaResult {
        area,
        verdict,
        found,
        also: Vec::new(),
        try_first: rule
            .filter(|_| needed)
            .map(|rule| Text::new(rule.try_ja.clone(), rule.try_en.clone())),
        call: rule.filter(|_| needed).map(|rule| rule.call),
    }
}

/// The read test of the card or phone that lay on a reader when the check ran: the reader's PC/SC name
/// and the outcome.
pub type ReadTest<'a> = (&'a str, &'a Result<ProbeReport, ProbeError>);

/// Runs the 始業点検 over the gathered facts; `read_test` is None when nothing lay on a reader (the test
/// is then not part of the check).
pub fn run(facts: &Facts, read_test: Option<ReadTest>) -> DeskCheck {
    let report = &facts.readers;
    let usb = &facts.usb;
    let os = facts.os;
    let os_support = &facts.os_support;
    let certificate = facts.certificate_info();
    let (_, readers_found) = health::readers(report, &usb.findings, os);
    let cert_found = match certificate {
        Some(info) => health::certificate(info).1,
        None => Text::new(
            "電子証明書：まだ確認していません。「電子証明書」で電子証明書を選んでください",
            "Certificate: not checked yet. Choose it under \"Certificate\"",
        ),
    };
    let mut areas = vec![
        result(
            Area::Readers,
            report.verdict(&usb.findings, os),
            readers_found,
        ),
        result(
            Area::Certificate,
            // Not looked at yet turns nothing amber in the tray, but a 始業点検 that could not see the
            // certificate is not "all fine".
            match certificate {
                Some(_) => crate::cert::verdict(certificate),
                None => Verdict {
                    level: Level::Warn,
                    code: VerdictCode::CertificateUnknown,
                },
            },
            cert_found,
        ),
    ];
    // Beside the readers' drop-outs of the last days, a hint on the power plan (never amber by itself).
    let drop_outs = facts
        .history
        .iter()
        .filter(|e| e.event == crate::app::history::HistoryEventKind::ReaderRemoved)
        .count();
    let power = crate::readers::power::hint(
        usb.usb_selective_suspend,
        drop_outs,
        crate::facts::HISTORY_DAYS,
    );
    areas[0].also.extend(power);
    // The read test belongs with the readers: the desk's devices first.
    if let Some((reader, outcome)) = read_test {
        areas.insert(
            1,
            result(
                Area::ReadTest,
                crate::card::read_test_verdict(outcome),
                read_test_line(reader, outcome),
            ),
        );
    }
    // Only where the installed apps can be read (Windows).
    if let Some(mpki) = &facts.mpki {
        let version = mpki.version.as_deref().unwrap_or("-");
        let found = match mpki.verdict.code {
            VerdictCode::MpkiNotInstalled => Text::new(
                "MPKIクライアント：インストールされていません",
                "MPKI client: not installed",
            ),
            VerdictCode::MpkiUpToDate => Text::new(
                format!("MPKIクライアント：{version}（最新）"),
                format!("MPKI client: {version} (the latest)"),
            ),
            VerdictCode::MpkiOutdated => Text::new(
                format!(
                    "MPKIクライアント：{version}（最新は{}）",
                    mpki.latest_known.as_deref().unwrap_or("-")
                ),
                format!(
                    "MPKI client: {version} (the latest is {})",
                    mpki.latest_known.as_deref().unwrap_or("-")
                ),
            ),
            _ => Text::new(
                format!("MPKIクライアント：{version}（最新バージョンと未比較）"),
                format!("MPKI client: {version} (not compared with the latest yet)"),
            ),
        };
        areas.push(result(Area::Mpki, mpki.verdict, found));
    }
    // The terminal around the reader, each area's most pressing finding first; a site file that could
    // not be used is said under the first of them.
    let mut site_note = facts.usual_error.as_ref().map(|error| Judged {
        verdict: Verdict::of(Level::Info, VerdictCode::UsualSetupUnreadable),
        found: Text::new(
            format!("この医療機関の設定ファイルを使えませんでした。出荷時の通常の設定と比べています（{error}）"),
            format!("This site's set-up file could not be used; the shipped usual set-up was ({error})"),
        ),
    });
    for (area, mut found) in crate::terminal::judge(&facts.terminal, &facts.usual) {
        let first = found.remove(0);
        let mut judged = result(area, first.verdict, first.found);
        judged.also = found;
        judged.also.extend(site_note.take());
        areas.push(judged);
    }
    areas.push(result(
        Area::Os,
        os_support.verdict,
        crate::os_support::line(os_support),
    ));
    DeskCheck {
        at: crate::time::rfc3339_jst(facts.now),
        level: areas
            .iter()
            .map(|a| a.verdict.level)
            .max()
            .unwrap_or(Level::Ok),
        areas,
    }
}

/// What the app keeps of a 始業点検 for the next one (in `status.json`): when it ran, to notice the clock
/// going back, and, when the line was fine, its global IPv6 prefix (kept with the day it was first seen),
/// to notice a new one.
pub fn remember(check: &DeskCheck, facts: &Facts, status: &mut crate::app::status::Status) {
    status.last_desk_check_at = Some(check.at.clone());
    // The line is remembered when it was looked at and fine, or when this check has just told its new
    // prefix: told once, the new prefix is the one the next check compares with (回線認証 cannot be seen
    // from the PC, so the warning would otherwise stay for ever).
    let line_told = check.areas.iter().any(|a| {
        a.area == Area::Line
            && (a.verdict.level == Level::Ok || a.verdict.code == VerdictCode::LinePrefixChanged)
    });
    let now = crate::terminal::prefixes(&facts.terminal.line);
    let Some(first) = now.first().filter(|_| line_told) else {
        return;
    };
    let kept = status
        .line_prefix
        .as_ref()
        .is_some_and(|remembered| now.contains(&remembered.prefix));
    if !kept {
        status.line_prefix = Some(crate::terminal::seen::RememberedPrefix {
            prefix: first.clone(),
            since: check.at.clone(),
        });
    }
}

/// The home screen's first line: whether the desk is ready, from the 始業点検's own verdict, and the one
/// thing to do next. The worst area speaks (readers first among equals, as the areas are ordered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Headline {
    pub level: Level,
    /// The verdict code of the area that speaks; None when all is well.
    pub code: Option<VerdictCode>,
    pub text: Text,
    /// Where the button next to the line leads; None when nothing needs doing.
    pub next: Option<NextAction>,
}

/// A screen or guide that deals with a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum NextAction {
    /// 「カードリーダー診断」.
    ReaderCheck,
    /// The guide that connects a reader fit for phones.
    SmartphoneGuide,
    /// 「電子証明書」.
    CertificateScreen,
    /// The guide that renews the certificate with the MPKI client.
    RenewalGuide,
    /// 「始業点検」, whose line says what to try and whom to call.
    DeskCheck,
}

/// The headline of `check` (see [`Headline`]).
pub fn headline(check: &DeskCheck) -> Headline {
    let worst = check
        .areas
        .iter()
        .filter(|area| area.verdict.level >= Level::Warn)
        .max_by_key(|area| (area.verdict.level, std::cmp::Reverse(area.area as u8)));
    let Some(area) = worst else {
        return Headline {
            level: Level::Ok,
            code: None,
            text: Text::new(
                "受付の準備ができています。始業点検で問題は見つかりませんでした。",
                "The desk is ready: the start-of-day check found nothing to fix.",
            ),
            next: None,
        };
    };
    use VerdictCode::*;
    let next = match area.verdict.code {
        ReadersNone | ReadersNotReady => NextAction::SmartphoneGuide,
        ReadersServiceStopped | ReadersServiceUnavailable | ReadersUsbOnly => {
            NextAction::ReaderCheck
        }
        CardNotMyNumber | CardTestFailed => NextAction::ReaderCheck,
        CertificateRenewalWindow => NextAction::RenewalGuide,
        CertificateExpired | CertificateNotYetValid | CertificateUnknown => {
            NextAction::CertificateScreen
        }
        MpkiOutdated | MpkiNotInstalled | MpkiLatestUnknown => NextAction::CertificateScreen,
        _ => NextAction::DeskCheck,
    };
    Headline {
        level: area.verdict.level,
        code: Some(area.verdict.code),
        text: area.found.clone(),
        next: Some(next),
    }
}

/// The reader whose card the 始業点検 tests: the first with a card or phone on it, a contactless slot
/// before a contact one; never a SAM slot (its module is always there and is no patient's card).
pub fn reader_to_test(report: &ReadersReport) -> Option<&str> {
    use crate::readers::catalog::Slot;
    let with_card = || {
        report
            .readers
            .iter()
            .filter(|r| r.card.is_some() && r.slot != Some(Slot::Sam))
    };
    with_card()
        .find(|r| r.slot == Some(Slot::Contactless))
        .or_else(|| with_card().next())
        .map(|r| r.name.as_str())
}

/// The read test's line: the reader by its catalog name, and who answered or why the test stopped.
fn read_test_line(reader: &str, outcome: &Result<ProbeReport, ProbeError>) -> Text {
    let model = crate::readers::catalog::recognise(reader);
    let (on_ja, on_en) = match model {
        Some(model) => (model.label_ja.as_str(), model.label_en.as_str()),
        None => (reader, reader),
    };
    let (ja, en) = match outcome {
        Ok(report) => match report.holder {
            Holder::MyNumberCard => (
                "マイナンバーカードが応答しました",
                "a My Number card answered",
            ),
            Holder::SmartphoneAndroid => (
                "スマートフォン（Android）のマイナンバーカード機能が応答しました",
                "a smartphone (Android) answered as a My Number card",
            ),
            Holder::SmartphoneIphone => (
                "スマートフォン（iPhone）のマイナンバーカード機能が応答しました",
                "a smartphone (iPhone) answered as a My Number card",
            ),
            Holder::JpkiUnknown => (
                "マイナンバーカードの機能が応答しました",
                "the My Number card application answered",
            ),
            Holder::NotMyNumberCard => (
                "カードは応答しましたが、マイナンバーカードではありません",
                "a card answered, but it is not a My Number card",
            ),
        },
        Err(ProbeError::CardRemoved) => (
            "読み取りの途中でカードが離れました",
            "the card left the reader during the test",
        ),
        Err(ProbeError::ReaderGone | ProbeError::NoSuchReader(_)) => (
            "読み取りの途中でカードリーダーが外れました",
            "the reader was disconnected during the test",
        ),
        Err(ProbeError::CardReset) => (
            "カードがリセットされました（一時的なものです）",
            "the card was reset (a passing fault)",
        ),
        Err(ProbeError::ReaderLink) => (
            "カードではなく、カードリーダーかそのUSB接続で失敗しました",
            "the reader or its USB link failed, not the card",
        ),
        Err(ProbeError::NoCard | ProbeError::CardSilent) => {
            ("カードが応答しませんでした", "the card did not answer")
        }
        Err(_) => (
            "読み取りテストを完了できませんでした",
            "the read test could not finish",
        ),
    };
    Text::new(
        format!("{on_ja}に置かれたカード：{ja}"),
        format!("The card on the {on_en}: {en}"),
    )
}

#[cfg(test)]
mod tests {
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
    const NOT_GREEN: [VerdictCode; 29] = [
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
        VerdictCode::CardNotMyNumber,
        VerdictCode::CardTestFailed,
        VerdictCode::MpkiNotInstalled,
        VerdictCode::MpkiOutdated,
        VerdictCode::MpkiLatestUnknown,
        VerdictCode::CertificateUnknown,
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

    fn area_with(area: Area, level: Level, code: VerdictCode) -> AreaResult {
        result(
            area,
            Verdict { level, code },
            Text::new(format!("{code:?}"), format!("{code:?}")),
        )
    }

    #[test]
    fn the_headline_speaks_for_the_worst_area_and_leads_to_what_fixes_it() {
        let ok = |area, code| area_with(area, Level::Ok, code);
        let all_well = DeskCheck {
            at: String::new(),
            level: Level::Ok,
            areas: vec![
                ok(Area::Readers, VerdictCode::ReadersReady),
                ok(Area::Certificate, VerdictCode::CertificateValid),
            ],
        };
        let line = headline(&all_well);
        assert_eq!((line.level, line.next, line.code), (Level::Ok, None, None));
        assert!(line.text.ja.contains("準備ができています"));

        // An unfit reader and a certificate not yet looked at: both amber, the readers speak first.
        let unfit = DeskCheck {
            at: String::new(),
            level: Level::Warn,
            areas: vec![
                area_with(Area::Readers, Level::Warn, VerdictCode::ReadersNotReady),
                area_with(
                    Area::Certificate,
                    Level::Warn,
                    VerdictCode::CertificateUnknown,
                ),
            ],
        };
        let line = headline(&unfit);
        assert_eq!(line.code, Some(VerdictCode::ReadersNotReady));
        assert_eq!(line.next, Some(NextAction::SmartphoneGuide));

        // Red wins over amber, whatever the order.
        let service_down = DeskCheck {
            at: String::new(),
            level: Level::Error,
            areas: vec![
                area_with(
                    Area::Certificate,
                    Level::Warn,
                    VerdictCode::CertificateRenewalWindow,
                ),
                area_with(
                    Area::Readers,
                    Level::Error,
                    VerdictCode::ReadersServiceUnavailable,
                ),
            ],
        };
        let line = headline(&service_down);
        assert_eq!(line.level, Level::Error);
        assert_eq!(line.next, Some(NextAction::ReaderCheck));

        let renewal = DeskCheck {
            at: String::new(),
            level: Level::Warn,
            areas: vec![area_with(
                Area::Certificate,
                Level::Warn,
                VerdictCode::CertificateRenewalWindow,
            )],
        };
        assert_eq!(headline(&renewal).next, Some(NextAction::RenewalGuide));
    }

    #[test]
    fn every_amber_and_red_code_says_what_to_try_and_whom_to_call() {
        for code in NOT_GREEN {
            let rules: Vec<_> = guidance().iter().filter(|r| r.code == code).collect();
            assert_eq!(rules.len(), 1, "{code:?}: one rule");
            assert!(!rules[0].try_ja.is_empty() && !rules[0].try_en.is_empty());
            assert!(!rules[0].source.is_empty());
        }
    }

    fn healthy_certificate() -> CertInfo {
        let der =
            crate::cert::read_certificate(include_bytes!("cert/testdata/store-terminal-new.pem"))
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
        assert!(
            checked.areas.iter().all(|a| a.area != Area::ReadTest),
            "no card on a reader: no read test in the check"
        );
        let unseen = run(&Facts::with_readers(ready), None);
        assert_eq!(
            unseen.areas[1].verdict.code,
            VerdictCode::CertificateUnknown
        );
        assert_eq!(
            unseen.level,
            Level::Warn,
            "a check that could not see the certificate is not all fine"
        );
    }

    #[test]
    fn a_card_on_the_reader_adds_the_read_test_and_a_foreign_card_points_to_the_municipality() {
        let reader = "SONY FeliCa Port/PaSoRi 4.0 0";
        let ready = ReadersReport::of(ServiceState::Running, vec![ReaderInfo::new(reader)]);
        let facts = with_certificate(Facts::with_readers(ready));
        let answered = |holder: Holder| -> Result<ProbeReport, ProbeError> {
            Ok(ProbeReport {
                reader: reader.into(),
                atr: String::new(),
                kind: crate::card::CardKind::TypeB,
                jpki: holder != Holder::NotMyNumberCard,
                holder,
                apdus_sent: Vec::new(),
            })
        };
        let check =
            |outcome: &Result<ProbeReport, ProbeError>| run(&facts, Some((reader, outcome)));
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

        let foreign = check(&answered(Holder::NotMyNumberCard));
        assert_eq!(foreign.level, Level::Warn);
        assert_eq!(area(&foreign).verdict.code, VerdictCode::CardNotMyNumber);
        assert_eq!(area(&foreign).call, Some(Contact::Municipality));
        assert!(area(&foreign).try_first.unwrap().ja.contains("市区町村"));

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
}

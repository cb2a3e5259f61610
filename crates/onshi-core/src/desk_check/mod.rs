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
use serde::Serialize;
use ts_rs::TS;

mod eyes;
mod guidance;
mod headline;
mod steps;
pub use eyes::{judged_today as eyes_judged_today, EyeQuestion};
pub use guidance::{advice, call_line, guidance, rule, Advice, Consequence, Contact, Guidance};
pub use headline::{headline, summarise, Headline, NextAction};
pub use steps::{run_in_steps, AreaStep, DeskCheckStep, ReadTestRun};

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
    /// Whom to call, in words with the number the IT vendor entered (app/contacts.rs).
    pub call_line: Option<Text>,
    /// The number staff quote on the phone (「項目 R-04」).
    pub item: Option<String>,
    /// The screen or guide that deals with it.
    pub next: Option<NextAction>,
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
    /// Its first line: what it means at the desk, as home says it right after this check.
    pub summary: Headline,
    /// What staff check by eye, with today's answers (the `eyes` area's verdict comes from them).
    pub eyes: Vec<EyeQuestion>,
}

fn result(area: Area, verdict: Verdict, found: Text, facts: &Facts) -> AreaResult {
    // Only amber and red call for action; a neutral finding is said, with nobody to call.
    let rule = rule(verdict.code).filter(|_| verdict.level >= Level::Warn);
    AreaResult {
        area,
        verdict,
        found,
        also: Vec::new(),
        try_first: rule.map(|rule| Text::new(rule.try_ja.clone(), rule.try_en.clone())),
        call: rule.map(|rule| rule.call),
        call_line: rule.map(|rule| call_line(rule.call, &facts.contacts)),
        item: rule.map(|rule| rule.item.clone()),
        next: (verdict.level >= Level::Warn || verdict.code == VerdictCode::ReadTestNotRun)
            .then(|| headline::next_action(verdict.code, facts)),
    }
}

/// A face reader answered 「いいえ」: the first restart the sources name for the maker chosen in 「連絡先」
/// comes before the general steps.
fn with_face_reader_restart(mut area: AreaResult, facts: &Facts) -> AreaResult {
    if area.verdict.code != VerdictCode::EyeFaceReaderNotNormal {
        return area;
    }
    if let (Some(first), Some(then)) = (
        crate::app::face_readers::first_restart(&facts.contacts.face_reader),
        &area.try_first,
    ) {
        area.try_first = Some(Text::new(
            format!("{}それでも直らない場合は、{}", first.ja, then.ja),
            format!("{} If that does not help: {}", first.en, then.en),
        ));
    }
    area
}

/// The read test of the card or phone that lay on a reader when the check ran: the reader's PC/SC name
/// and the outcome.
pub type ReadTest<'a> = (&'a str, &'a Result<ProbeReport, ProbeError>);

/// Runs the 始業点検 over the gathered facts; `read_test` is None when nothing lay on a reader (the area
/// then says so, and how to test with a staff member's card).
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
    let at = crate::time::rfc3339_jst(facts.now);
    let today = crate::time::day_of(&at).unwrap_or_default();
    let (eyes, eye_verdict, eye_line) = eyes::look(&facts.status.eye_answers, today);
    let mut areas = vec![
        result(
            Area::Readers,
            report.verdict(&usb.findings, os),
            readers_found,
            facts,
        ),
        // The read test belongs with the readers: the desk's devices first.
        match read_test {
            Some((reader, outcome)) => result(
                Area::ReadTest,
                crate::card::read_test_verdict(outcome),
                read_test_line(reader, outcome),
                facts,
            ),
            None => result(
                Area::ReadTest,
                Verdict::of(Level::Info, VerdictCode::ReadTestNotRun),
                Text::new(
                    "読み取りテスト：カードが置かれていなかったため、行っていません。職員のマイナンバーカードでお試しいただけます",
                    "Read test: not done, as no card lay on a reader. You can try it with a staff member's My Number card",
                ),
                facts,
            ),
        },
        // What the app cannot see, as staff answered today.
        with_face_reader_restart(result(Area::Eyes, eye_verdict, eye_line, facts), facts),
        // Not looked at yet is neutral: nothing to act on, and the line says where to choose it.
        result(
            Area::Certificate,
            crate::cert::verdict(certificate),
            cert_found,
            facts,
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
        areas.push(result(Area::Mpki, mpki.verdict, found, facts));
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
        let mut judged = result(area, first.verdict, first.found, facts);
        judged.also = found;
        judged.also.extend(site_note.take());
        areas.push(judged);
    }
    areas.push(result(
        Area::Os,
        os_support.verdict,
        crate::os_support::line(os_support),
        facts,
    ));
    DeskCheck::of(at, areas, eyes)
}

impl DeskCheck {
    /// The check of these areas: its level is the worst area's, its first line what home says.
    fn of(at: String, areas: Vec<AreaResult>, eyes: Vec<EyeQuestion>) -> DeskCheck {
        DeskCheck {
            summary: headline::summarise(&at, &areas, Some(&at)),
            level: areas
                .iter()
                .map(|a| a.verdict.level)
                .max()
                .unwrap_or(Level::Ok),
            eyes,
            at,
            areas,
        }
    }
}

/// Staff answered an eye question, at `answered_at`, on a 始業点検 already shown: only the eyes area is
/// judged again from `answers` (nothing else is looked at, no card is read again), and the check's level
/// and first line follow it. False, the check untouched, when the answer was given on another day than
/// the check ran (a window left open past midnight): today's answer belongs to a check of today, which
/// the caller runs.
pub fn answer_eyes(
    check: &mut DeskCheck,
    facts: &Facts,
    answers: &std::collections::BTreeMap<
        crate::app::status::EyeQuestionId,
        crate::app::status::EyeAnswer,
    >,
    answered_at: &str,
) -> bool {
    let today = crate::time::day_of(&check.at)
        .unwrap_or_default()
        .to_owned();
    if crate::time::day_of(answered_at) != Some(today.as_str()) {
        return false;
    }
    let (eyes, verdict, line) = eyes::look(answers, &today);
    let mut areas = std::mem::take(&mut check.areas);
    if let Some(area) = areas.iter_mut().find(|a| a.area == Area::Eyes) {
        *area = with_face_reader_restart(result(Area::Eyes, verdict, line, facts), facts);
    }
    *check = DeskCheck::of(std::mem::take(&mut check.at), areas, eyes);
    true
}

/// What the app keeps of a 始業点検 for the next one (in `status.json`): when it ran, to notice the clock
/// going back, and, when the line was fine, its global IPv6 prefix (kept with the day it was first seen),
/// to notice a new one; each reader's driver, to tell in the history one that changed (the events
/// returned, for the caller to record).
pub fn remember(
    check: &DeskCheck,
    facts: &Facts,
    status: &mut crate::app::status::Status,
) -> Vec<crate::app::history::HistoryEvent> {
    status.last_desk_check_at = Some(check.at.clone());
    let (driver_events, drivers) =
        crate::app::history::driver_changes(&status.reader_drivers, &facts.usb.drivers, &check.at);
    status.reader_drivers = drivers;
    remember_line(check, facts, status);
    driver_events
}

/// The line's global IPv6 prefix, kept as [`remember`] says.
fn remember_line(check: &DeskCheck, facts: &Facts, status: &mut crate::app::status::Status) {
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
            Holder::NotMyNumberCard if report.kind == crate::card::CardKind::TypeB => (
                "カードは応答しましたが、マイナンバーカードの機能は応答しませんでした",
                "a card answered, but not the My Number card's function",
            ),
            Holder::NotMyNumberCard => (
                "マイナンバーカードではないカード（交通系ICカードや診察券など）です。取り除いてください。読み取りテストには職員のマイナンバーカードをお使いください",
                "a card that is not a My Number card (a transit card, a patient card …): please remove it, and test with a staff member's My Number card",
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
mod tests;

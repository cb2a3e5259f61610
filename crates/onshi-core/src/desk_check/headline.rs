//! The home screen's first line, answering the 8:30 question "can we take patients today, and if not,
//! whom do I call?": what the most serious finding means at the desk first, then the finding, the one
//! next step, whom to call with their number, and whether today's 始業点検 has run.

use super::guidance::{rule, Consequence};
use super::{AreaResult, DeskCheck};
use crate::facts::Facts;
use crate::text::Text;
use crate::verdict::{Level, VerdictCode};
use serde::Serialize;
use ts_rs::TS;

/// The home screen's first line (see the module).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Headline {
    pub level: Level,
    pub consequence: Consequence,
    /// The verdict code of the area that speaks; None when nothing needs doing.
    pub code: Option<VerdictCode>,
    /// What it means at the desk, then what was found, as one sentence.
    pub text: Text,
    /// The same in two parts for a screen: what it means at the desk (bold), then what was found.
    pub title: Text,
    pub detail: Option<Text>,
    /// Where the button next to the line leads; None when nothing needs doing.
    pub next: Option<NextAction>,
    /// The number staff quote on the phone (「項目 R-04」), for an amber or red line.
    pub item: Option<String>,
    /// Whom to call if the next step does not help, with their number when the vendor entered it.
    pub call: Option<Text>,
    /// How many other areas need doing something (「ほかにN件」).
    pub others: usize,
    /// When today's 始業点検 ran (HH:MM, Japan time); None when it has not run today.
    pub checked_today: Option<String>,
    /// What the app cannot see and staff check by eye, said every time.
    pub unseen: Text,
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

/// Where staff go for `code`. A reader that is missing is first plugged in again and looked at with
/// 「カードリーダー診断」; the guide that sets one up only when no reader fit for phones was ever seen here.
pub(super) fn next_action(code: VerdictCode, facts: &Facts) -> NextAction {
    use VerdictCode::*;
    match code {
        ReadersNone | ReadersNotReady if !facts.status.smartphone_reader_seen => {
            NextAction::SmartphoneGuide
        }
        ReadersNone
        | ReadersNotReady
        | ReadersServiceStopped
        | ReadersServiceUnavailable
        | ReadersUsbOnly
        | ReadersUsbOnlyBesideReady => NextAction::ReaderCheck,
        CardJpkiSilent | CardTestFailed | CardNotMyNumber | ReadTestNotRun => {
            NextAction::ReaderCheck
        }
        CertificateRenewalWindow => NextAction::RenewalGuide,
        CertificateExpired | CertificateNotYetValid | CertificateUnknown => {
            NextAction::CertificateScreen
        }
        MpkiOutdated | MpkiNotInstalled | MpkiLatestUnknown => NextAction::CertificateScreen,
        _ => NextAction::DeskCheck,
    }
}

/// The line staff read first, from a 始業点検 of this moment and when the last one ran (`status.json`).
pub fn headline(check: &DeskCheck, last_run: Option<&str>) -> Headline {
    summarise(&check.at, &check.areas, last_run)
}

/// The headline of the areas found `at`.
pub fn summarise(at: &str, areas: &[AreaResult], last_run: Option<&str>) -> Headline {
    let today = crate::time::day_of(at);
    let checked_today = last_run
        .filter(|run| today.is_some() && crate::time::day_of(run) == today)
        .and_then(|at| at.get(11..16))
        .map(str::to_owned);
    let unseen = Text::new(
        "顔認証付きカードリーダーと回線はこのアプリからは見えません。画面とランプを目でご確認ください。",
        "This app cannot see the face-recognition reader or the line: check their screen and lamps by eye.",
    );
    let acting: Vec<_> = areas
        .iter()
        .filter(|area| area.verdict.level >= Level::Warn)
        .collect();
    let desk = |code| rule(code).map(|r| r.desk).unwrap_or_default();
    let Some(area) = acting.iter().max_by_key(|area| {
        (
            desk(area.verdict.code),
            area.verdict.level,
            std::cmp::Reverse(area.area as u8),
        )
    }) else {
        let (level, text, next) = match &checked_today {
            Some(at) => (
                Level::Ok,
                Text::new(
                    format!("受付できます。本日{at}の始業点検で、対応が必要なことは見つかりませんでした。"),
                    format!("You can take patients: today's morning check at {at} found nothing to act on."),
                ),
                None,
            ),
            None => (
                Level::Info,
                Text::new(
                    "本日の始業点検はまだです。受付を始める前に「始業点検」を押してください。",
                    "Today's morning check has not run yet: press \"Morning check\" before the first patient.",
                ),
                Some(NextAction::DeskCheck),
            ),
        };
        return Headline {
            level,
            consequence: Consequence::CanReceive,
            code: None,
            title: text.clone(),
            detail: None,
            text,
            next,
            item: None,
            call: None,
            others: 0,
            checked_today,
            unseen,
        };
    };
    let consequence = desk(area.verdict.code);
    let found = &area.found;
    let title = consequence.title();
    let detail = match consequence {
        Consequence::NoSmartphone => Text::new(
            format!(
                "{}（マイナンバーカードは顔認証付きカードリーダーで受け付けられます）",
                found.ja
            ),
            format!(
                "{} (My Number cards still work on the face-recognition reader)",
                found.en
            ),
        ),
        _ => found.clone(),
    };
    let text = Text::new(
        format!("{}：{}", title.ja, detail.ja),
        format!("{}: {}", title.en, detail.en),
    );
    Headline {
        level: area.verdict.level,
        consequence,
        code: Some(area.verdict.code),
        text,
        title,
        detail: Some(detail),
        next: area.next,
        item: area.item.clone(),
        call: area.call_line.clone(),
        others: acting.len() - 1,
        checked_today,
        unseen,
    }
}

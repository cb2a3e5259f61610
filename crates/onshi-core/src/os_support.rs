//! The operating system's own deadline: which Windows edition, version and build this PC runs, and the
//! last day Microsoft updates it, from the dated table `os_support.toml` (each date with its source). A
//! terminal on an ended edition is amber; an LTSC terminal is not told it has ended while its own, longer
//! date has not passed. Elsewhere (Linux) the distribution and version are said, with no verdict of ours.

use crate::platform::WindowsIdentity;
use crate::text::Text;
use crate::verdict::{Level, Verdict, VerdictCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// From this many days before the end, the verdict is amber ("ending soon").
pub const ENDING_SOON_DAYS: i64 = 90;

/// One row of the table.
#[derive(Debug, Clone, Deserialize)]
pub struct Edition {
    pub name: String,
    pub build: u32,
    pub editions: Vec<String>,
    /// YYYY-MM-DD, the last day of updates.
    pub ends: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
struct Table {
    edition: Vec<Edition>,
}

/// The table shipped with the app.
pub fn editions() -> &'static [Edition] {
    static TABLE: OnceLock<Vec<Edition>> = OnceLock::new();
    TABLE.get_or_init(|| crate::embedded::data!(Table, "os_support").edition)
}

/// The OS and its deadline, as the report, `onshi check` and the tray show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct OsSupport {
    /// "Windows 11 Pro 24H2 (build 26100)", or the Linux distribution and version.
    pub description: String,
    /// The table's name for the edition, when it lists it.
    pub edition: Option<String>,
    /// The last day of updates (YYYY-MM-DD) and the days to it (negative once passed).
    pub ends: Option<String>,
    pub days_left: Option<i64>,
    /// Where the date is published (the table's source key).
    pub source: Option<String>,
    pub verdict: Verdict,
}

/// The OS in one line for people: the tray's, the report's and `onshi check`'s words.
pub fn line(os: &OsSupport) -> Text {
    let name = &os.description;
    let ends_iso = os.ends.as_deref().unwrap_or("-");
    let ends_ja = crate::time::date_text_ja(ends_iso);
    let ends = crate::time::date_text_en(ends_iso);
    match os.verdict.code {
        VerdictCode::OsSupportEnded => Text::new(
            format!("Windows: {name}のサポートは{ends_ja}に終了しています。Windows Updateで新しいバージョンに更新するか、ITベンダーにご相談ください"),
            format!("Windows: support for {name} ended on {ends}. Update to a newer version with Windows Update, or ask your IT vendor"),
        ),
        VerdictCode::OsSupportEndingSoon => Text::new(
            format!("Windows: {name}のサポートは{ends_ja}に終了します。それまでに新しいバージョンへ更新してください"),
            format!("Windows: support for {name} ends on {ends}. Update to a newer version before then"),
        ),
        VerdictCode::OsSupported => Text::new(
            format!("Windows: {name}（サポート期限{ends_ja}）"),
            format!("Windows: {name} (supported until {ends})"),
        ),
        VerdictCode::OsUnknown => Text::new(
            format!("Windows: {name}（サポート期限は登録されていません）"),
            format!("Windows: {name} (its end of support is not in our table)"),
        ),
        _ => Text::new(format!("OS: {name}"), format!("OS: {name}")),
    }
}

/// The Windows edition's deadline as of `today`.
pub fn windows(identity: &WindowsIdentity, today: NaiveDate) -> OsSupport {
    let description = crate::platform::windows_name(
        &identity.product,
        &identity.display_version,
        &identity.build.to_string(),
    );
    let row = editions().iter().find(|row| {
        row.build == identity.build && row.editions.iter().any(|e| e == &identity.edition_id)
    });
    let Some(row) = row else {
        return OsSupport::without_deadline(description, VerdictCode::OsUnknown);
    };
    let ends = crate::time::parse_date(&row.ends).expect("dates in os_support.toml are valid");
    let days_left = (ends - today).num_days();
    let verdict = match days_left {
        d if d < 0 => Verdict::of(Level::Warn, VerdictCode::OsSupportEnded),
        d if d <= ENDING_SOON_DAYS => Verdict::of(Level::Warn, VerdictCode::OsSupportEndingSoon),
        _ => Verdict::of(Level::Ok, VerdictCode::OsSupported),
    };
    OsSupport {
        description,
        edition: Some(row.name.clone()),
        ends: Some(row.ends.clone()),
        days_left: Some(days_left),
        source: Some(row.source.clone()),
        verdict,
    }
}

/// This PC's OS as of `today`. What the OS says of itself is read once per process: a feature update
/// needs a restart, and the tray asks at every change of the readers.
pub fn this_pc(today: NaiveDate) -> OsSupport {
    static IDENTITY: OnceLock<Option<WindowsIdentity>> = OnceLock::new();
    static DESCRIPTION: OnceLock<String> = OnceLock::new();
    match IDENTITY.get_or_init(crate::platform::windows_identity) {
        Some(identity) => windows(identity, today),
        None => OsSupport::without_deadline(
            DESCRIPTION
                .get_or_init(crate::platform::os_description)
                .clone(),
            VerdictCode::OsNotWindows,
        ),
    }
}

impl OsSupport {
    /// An OS with no date of ours: not Windows, or an edition the table does not list (both green).
    fn without_deadline(description: String, code: VerdictCode) -> OsSupport {
        OsSupport {
            description,
            edition: None,
            ends: None,
            days_left: None,
            source: None,
            verdict: Verdict::of(Level::Info, code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's JSON of os_support.toml reads as the TOML it came from.
    #[test]
    fn the_embedded_os_support_is_the_toml() {
        crate::embedded::same_as_toml!(Table, "os_support", include_str!("os_support.toml"));
    }

    fn pc(product: &str, edition: &str, build: u32, display: &str) -> WindowsIdentity {
        WindowsIdentity {
            product: product.into(),
            edition_id: edition.into(),
            build,
            display_version: display.into(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        crate::time::parse_date(text).unwrap()
    }

    #[test]
    fn editions_of_the_desk_get_their_own_dates() {
        let today = day("2026-12-01");
        let ten_pro = windows(&pc("Windows 10 Pro", "Professional", 19045, "22H2"), today);
        assert_eq!(ten_pro.verdict.code, VerdictCode::OsSupportEnded);
        assert_eq!(ten_pro.verdict.level, Level::Warn);
        assert_eq!(ten_pro.ends.as_deref(), Some("2025-10-14"));

        let ltsc = windows(
            &pc("Windows 10 Enterprise LTSC 2019", "EnterpriseS", 17763, ""),
            today,
        );
        assert_eq!(
            ltsc.verdict.code,
            VerdictCode::OsSupported,
            "an LTSC terminal is not told it ended"
        );
        assert_eq!(ltsc.ends.as_deref(), Some("2029-01-09"));

        let eleven_24h2 = windows(&pc("Windows 10 Pro", "Professional", 26100, "24H2"), today);
        assert_eq!(eleven_24h2.verdict.code, VerdictCode::OsSupportEnded);
        assert!(eleven_24h2.description.starts_with("Windows 11 Pro 24H2"));

        let eleven_25h2 = windows(&pc("Windows 10 Pro", "Professional", 26200, "25H2"), today);
        assert_eq!(eleven_25h2.verdict.code, VerdictCode::OsSupported);
        let near = windows(
            &pc("Windows 10 Pro", "Professional", 26200, "25H2"),
            day("2027-08-01"),
        );
        assert_eq!(near.verdict.code, VerdictCode::OsSupportEndingSoon);

        let unknown = windows(&pc("Windows 10 Pro", "Professional", 99999, ""), today);
        assert_eq!(unknown.verdict.code, VerdictCode::OsUnknown);
    }

    #[test]
    fn every_date_is_a_patch_tuesday_with_a_known_source() {
        use chrono::Datelike;
        let sources = [
            "win10-home-pro",
            "win10-ent-edu",
            "win10-ltsc",
            "win11-home-pro",
            "win11-ent-edu",
        ];
        for row in editions() {
            let ends = day(&row.ends);
            assert_eq!(ends.weekday(), chrono::Weekday::Tue, "{}", row.name);
            assert!(
                (8..=14).contains(&ends.day()),
                "{} is the second Tuesday",
                row.name
            );
            assert!(sources.contains(&row.source.as_str()), "{}", row.name);
        }
    }
}

//! The MPKI client ("Cybertrust Managed PKI Client"): is the installed version the latest? The latest is
//! what the user read on the portal's 「アプリケーションバージョン情報」; the installed one comes from the OS
//! (platform::InstalledApps), which only Windows can answer.

use crate::verdict::{Level, Verdict, VerdictCode};
use serde::Serialize;
use std::cmp::Ordering;
use ts_rs::TS;

/// The name the client is listed under in the Windows app list (its DisplayName may add words).
pub const DISPLAY_NAME: &str = "Cybertrust Managed PKI Client";

/// `onshi mpki --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct MpkiStatus {
    pub installed: bool,
    pub version: Option<String>,
    pub latest_known: Option<String>,
    /// None when either version is unknown.
    pub up_to_date: Option<bool>,
    /// The verdict (crate::verdict): not installed is red, outdated or not compared yet amber.
    pub verdict: Verdict,
}

/// Compares dotted versions number by number ("2.0.10" is newer than "2.0.9"); parts that are not
/// numbers compare as text. Missing parts count as 0 ("2.1" equals "2.1.0").
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let parts = |v: &str| {
        v.trim()
            .trim_start_matches(['v', 'V'])
            .split(['.', '-', ' '])
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let (a, b) = (parts(a), parts(b));
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).map_or("0", String::as_str),
            b.get(i).map_or("0", String::as_str),
        );
        let order = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    Ordering::Equal
}

/// The MPKI client's verdict from whether it is installed and whether it is the latest known version.
fn verdict(installed: bool, up_to_date: Option<bool>) -> Verdict {
    use VerdictCode::*;
    match (installed, up_to_date) {
        (false, _) => Verdict::of(Level::Error, MpkiNotInstalled),
        (true, Some(true)) => Verdict::of(Level::Ok, MpkiUpToDate),
        (true, Some(false)) => Verdict::of(Level::Warn, MpkiOutdated),
        (true, None) => Verdict::of(Level::Info, MpkiLatestUnknown),
    }
}

pub fn status(installed_version: Option<String>, latest_known: Option<String>) -> MpkiStatus {
    let up_to_date = match (&installed_version, &latest_known) {
        (Some(installed), Some(latest)) => {
            Some(compare_versions(installed, latest) != Ordering::Less)
        }
        _ => None,
    };
    MpkiStatus {
        installed: installed_version.is_some(),
        verdict: verdict(installed_version.is_some(), up_to_date),
        version: installed_version,
        latest_known,
        up_to_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_by_number_not_by_text() {
        assert_eq!(compare_versions("2.0.10", "2.0.9"), Ordering::Greater);
        assert_eq!(compare_versions("2.1", "2.1.0"), Ordering::Equal);
        assert_eq!(compare_versions("v3.0.0", "2.9.99"), Ordering::Greater);
        assert_eq!(compare_versions("1.4.0.12", "1.4.1"), Ordering::Less);
    }

    #[test]
    fn up_to_date_only_when_both_versions_are_known() {
        assert_eq!(
            status(Some("2.0.10".into()), Some("2.0.9".into())).up_to_date,
            Some(true)
        );
        assert_eq!(
            status(Some("2.0.8".into()), Some("2.0.9".into())).up_to_date,
            Some(false)
        );
        assert_eq!(
            status(None, Some("2.0.9".into())),
            MpkiStatus {
                installed: false,
                version: None,
                latest_known: Some("2.0.9".into()),
                up_to_date: None,
                verdict: crate::verdict::Verdict {
                    level: crate::verdict::Level::Error,
                    code: crate::verdict::VerdictCode::MpkiNotInstalled,
                },
            }
        );
        assert_eq!(status(Some("2.0.9".into()), None).up_to_date, None);
    }
}

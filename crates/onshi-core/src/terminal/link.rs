//! レセコンとの連携: the exchange folder (`C:\OQS` and its sub-folders), requests waiting for a result and
//! results waiting to be collected, by count and age only: the files hold patients' data and are never
//! opened.

use super::seen::{FileCount, LinkSeen, Probe};
use super::usual::UsualSetup;
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

pub fn judge(seen: &LinkSeen, usual: &UsualSetup) -> Vec<Judged> {
    let usual = &usual.link;
    let missing = match &seen.missing_folders {
        Probe::Seen(missing) => missing,
        other => {
            return vec![Judged::not_looked_at(
                other,
                LinkNotOnThisOs,
                "レセコンとの連携",
                "Link with the receipt computer",
            )]
        }
    };
    let mut found = Vec::new();
    if !missing.is_empty() {
        let names: Vec<String> = missing
            .iter()
            .map(|f| format!("{}\\{f}", usual.root))
            .collect();
        found.push(Judged::new(
            Level::Warn,
            LinkFolderMissing,
            format!(
                "レセコンとの連携：フォルダー（{}）がありません",
                names.join("、")
            ),
            format!(
                "Link with the receipt computer: the folder {} is missing",
                names.join(", ")
            ),
        ));
    }
    if let Probe::Seen(requests) = &seen.requests {
        if let Some(oldest) = requests
            .oldest_minutes
            .filter(|m| *m > usual.request_stale_minutes)
        {
            found.push(Judged::new(
                Level::Warn,
                LinkRequestsWaiting,
                format!("レセコンとの連携：結果の返らない要求が{}件あります（最も古いもので{oldest}分前）", requests.count),
                format!("Link with the receipt computer: {} requests have had no result (the oldest {oldest} minutes ago)", requests.count),
            ));
        }
    }
    if let Probe::Seen(results) = &seen.results {
        if results.count > usual.results_pile {
            found.push(Judged::new(
                Level::Warn,
                LinkResultsPiling,
                format!(
                    "レセコンとの連携：受け取られていない結果が{}件たまっています",
                    results.count
                ),
                format!(
                    "Link with the receipt computer: {} results wait to be collected",
                    results.count
                ),
            ));
        }
    }
    found.extend(super::shares::judge(seen, usual));
    super::fine_unless_pressing(found, || {
        let waiting = seen.requests.seen().map_or(0, |r| r.count);
        Judged::new(
            Level::Ok,
            LinkOk,
            format!("レセコンとの連携：{}にフォルダーがそろっています（処理待ちの要求{waiting}件）", usual.root),
            format!("Link with the receipt computer: the folders are in {} ({waiting} requests waiting)", usual.root),
        )
    })
}

/// The files in `folder`, counted and dated by their last write, never opened.
// Used by the Windows probes; tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn count_files(folder: &std::path::Path) -> Probe<FileCount> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Probe::Seen(FileCount {
                count: 0,
                oldest_minutes: None,
            })
        }
        Err(error) => return Probe::Unreadable(error.to_string()),
    };
    let now = std::time::SystemTime::now();
    let mut count = 0u32;
    let mut oldest: Option<i64> = None;
    for entry in entries.flatten() {
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        count += 1;
        let age = metadata
            .modified()
            .ok()
            .and_then(|written| now.duration_since(written).ok())
            .map_or(0, |age| (age.as_secs() / 60) as i64);
        oldest = Some(oldest.map_or(age, |o| o.max(age)));
    }
    Probe::Seen(FileCount {
        count,
        oldest_minutes: oldest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_counted_and_dated_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("OQSsiquc01req_20261207083000.xml");
        std::fs::write(&old, "患者さんの内容").unwrap();
        std::fs::write(dir.path().join("new.xml"), "").unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        let counted = count_files(dir.path());
        assert_eq!(
            counted,
            Probe::Seen(FileCount {
                count: 2,
                oldest_minutes: Some(60)
            })
        );
        let missing = count_files(&dir.path().join("Req"));
        assert_eq!(missing.seen().map(|c| c.count), Some(0));
    }
}

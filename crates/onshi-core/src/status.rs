//! What the app has seen and done, kept in `status.json` beside the settings: the certificate file last
//! chosen (its path, never a password), the certificate's expiry as last seen (to notice a renewal), the
//! last backup check, each reader's last read test, and which notifications went out on which day.
//! Only the app writes it; `onshi report` reads it.

use crate::card::{CardKind, Holder};
use crate::settings::move_aside_if_damaged;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A read test's outcome: its kind and time only, nothing read from the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReadTestOutcome {
    /// RFC 3339, Japan time.
    pub at: String,
    /// `my-number-card`, `smartphone-android`, …, or an error code such as `no-card`.
    pub outcome: String,
    pub card: Option<CardKind>,
}

impl ReadTestOutcome {
    pub fn answered(at: String, holder: Holder, card: CardKind) -> ReadTestOutcome {
        let outcome = serde_json::to_value(holder)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        ReadTestOutcome {
            at,
            outcome,
            card: Some(card),
        }
    }
}

/// The last backup check: when, and its verdict (`ok`, or the error's code such as `wrong-password`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct BackupCheck {
    pub at: String,
    pub verdict: String,
    /// The expiry (YYYY-MM-DD) of the certificate inside, when the backup opened.
    pub not_after: Option<String>,
}

/// The certificate as last seen, to notice a renewal (a later expiry than before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateSeen {
    pub serial: String,
    pub not_after: String,
    /// The day a later expiry than the one before was first seen (YYYY-MM-DD).
    pub renewed_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Status {
    pub certificate_file: Option<PathBuf>,
    pub certificate_seen: Option<CertificateSeen>,
    pub backup_check: Option<BackupCheck>,
    /// Reader name → its last read test.
    pub read_tests: BTreeMap<String, ReadTestOutcome>,
    /// A smartphone-ready reader has been seen on this PC (so its absence at login is worth a word).
    pub smartphone_reader_seen: bool,
    /// Notification cause → the last day (YYYY-MM-DD) it was shown.
    pub notified: BTreeMap<String, String>,
    /// Windows: the last notice that went to the tray's balloon instead of a toast.
    pub notice_fallback: Option<crate::notice_route::NoticeFallback>,
}

impl Status {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(crate::app_data::STATUS_FILE)
    }

    /// Reads the status for the app: a damaged file is moved aside (and named in the answer), a missing
    /// one is a first start.
    pub fn load(data_dir: &Path) -> io::Result<(Status, Option<PathBuf>)> {
        let path = Status::path(data_dir);
        let moved = move_aside_if_damaged(&path)?;
        Ok((Status::read_only(data_dir), moved))
    }

    /// Reads the status without touching anything (for `onshi report`); anything unreadable is empty.
    pub fn read_only(data_dir: &Path) -> Status {
        std::fs::read(Status::path(data_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, data_dir: &Path) -> io::Result<()> {
        crate::app_data::write_json_atomically(&Status::path(data_dir), self)
    }

    /// Records the certificate now in use; returns true when this is a renewal (a later expiry than the
    /// one seen before), which starts the wait for a fresh backup.
    pub fn see_certificate(&mut self, serial: &str, not_after: &str, today: &str) -> bool {
        let renewed =
            matches!(&self.certificate_seen, Some(seen) if not_after > seen.not_after.as_str());
        let renewed_on = if renewed {
            Some(today.to_owned())
        } else {
            self.certificate_seen
                .as_ref()
                .filter(|seen| seen.not_after.as_str() == not_after)
                .and_then(|seen| seen.renewed_on.clone())
        };
        self.certificate_seen = Some(CertificateSeen {
            serial: serial.to_owned(),
            not_after: not_after.to_owned(),
            renewed_on,
        });
        renewed
    }

    /// The certificate was renewed and no backup has opened since (by date, Japan time).
    pub fn backup_missing_since_renewal(&self) -> Option<&CertificateSeen> {
        let seen = self.certificate_seen.as_ref()?;
        let renewed_on = seen.renewed_on.as_deref()?;
        let backed_up = self.backup_check.as_ref().is_some_and(|check| {
            check.verdict == "ok"
                && (check.not_after.as_deref() == Some(seen.not_after.as_str())
                    || check.at.get(..10).is_some_and(|day| day >= renewed_on))
        });
        (!backed_up).then_some(seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_expiry_is_a_renewal_and_waits_for_a_backup() {
        let mut status = Status::default();
        assert!(!status.see_certificate("01", "2027-03-31", "2026-11-01"));
        assert_eq!(status.backup_missing_since_renewal(), None);
        assert!(status.see_certificate("02", "2030-02-28", "2026-12-01"));
        assert!(
            !status.see_certificate("02", "2030-02-28", "2026-12-02"),
            "seen again: not a new renewal"
        );
        let waiting = status
            .backup_missing_since_renewal()
            .expect("no backup yet");
        assert_eq!(waiting.renewed_on.as_deref(), Some("2026-12-01"));

        status.backup_check = Some(BackupCheck {
            at: "2026-12-03T10:00:00.000+09:00".into(),
            verdict: "wrong-password".into(),
            not_after: None,
        });
        assert!(
            status.backup_missing_since_renewal().is_some(),
            "a failed check is no backup"
        );
        status.backup_check = Some(BackupCheck {
            at: "2026-12-03T10:05:00.000+09:00".into(),
            verdict: "ok".into(),
            not_after: Some("2030-02-28".into()),
        });
        assert_eq!(status.backup_missing_since_renewal(), None);
    }

    #[test]
    fn a_damaged_status_is_moved_aside_and_the_rest_starts_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Status::path(dir.path()), b"{\"read_tests\": {").unwrap();
        let (status, moved) = Status::load(dir.path()).unwrap();
        assert_eq!(status, Status::default());
        assert!(moved.unwrap().exists());
        status.save(dir.path()).unwrap();
        assert_eq!(Status::load(dir.path()).unwrap(), (Status::default(), None));
    }
}

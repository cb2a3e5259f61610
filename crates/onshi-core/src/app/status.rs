//! What the app has seen and done, kept in `status.json` beside the settings: the certificate file last
//! chosen (its path, never a password), the certificate's expiry as last seen (to notice a renewal), the
//! last backup check, each reader's last read test, and which notifications went out on which day.
//! Only the app writes it; `onshi report` reads it.

use crate::app::settings::move_aside_if_damaged;
use crate::card::{CardKind, Holder, ProbeError, ProbeReport};
use crate::cert::{BackupError, BackupReport};
use crate::error_code::{Coded, ErrorCode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// How a read test ended: who answered (`my-number-card`, `smartphone-android`, …), or why it stopped
/// (an error code such as `no-card`). Stored and sent as the bare code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(untagged)]
#[ts(export)]
pub enum ReadTestCode {
    Answered(Holder),
    Stopped(ErrorCode),
}

/// A read test's outcome: its kind and time only, nothing read from the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReadTestOutcome {
    /// RFC 3339, Japan time.
    pub at: String,
    pub outcome: ReadTestCode,
    pub card: Option<CardKind>,
}

impl ReadTestOutcome {
    pub fn answered(at: String, holder: Holder, card: CardKind) -> ReadTestOutcome {
        ReadTestOutcome {
            at,
            outcome: ReadTestCode::Answered(holder),
            card: Some(card),
        }
    }

    /// What is kept of a read test that ended at `at`.
    pub fn of(at: String, outcome: &Result<ProbeReport, ProbeError>) -> ReadTestOutcome {
        match outcome {
            Ok(report) => ReadTestOutcome::answered(at, report.holder, report.kind),
            Err(error) => ReadTestOutcome {
                at,
                outcome: ReadTestCode::Stopped(error.code()),
                card: None,
            },
        }
    }
}

/// A backup that opened, usable for this PC or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum BackupOpened {
    /// It restores this PC (cert::BackupReport's `usable`).
    Ok,
    Unusable,
}

/// How a backup check ended: it opened (`ok`, `unusable`), or the error's code (`wrong-password` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(untagged)]
#[ts(export)]
pub enum BackupCheckCode {
    Opened(BackupOpened),
    Failed(ErrorCode),
}

/// The last backup check: when, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct BackupCheck {
    pub at: String,
    pub verdict: BackupCheckCode,
    /// The expiry (YYYY-MM-DD) of the certificate inside, when the backup opened.
    pub not_after: Option<String>,
}

impl BackupCheck {
    /// What is kept of a backup check that ended at `at`: the verdict and the date, nothing else.
    pub fn of(at: String, outcome: &Result<BackupReport, BackupError>) -> BackupCheck {
        BackupCheck {
            at,
            verdict: match outcome {
                Ok(report) if report.usable => BackupCheckCode::Opened(BackupOpened::Ok),
                Ok(_) => BackupCheckCode::Opened(BackupOpened::Unusable),
                Err(error) => BackupCheckCode::Failed(error.code()),
            },
            not_after: outcome
                .as_ref()
                .ok()
                .and_then(|report| report.certificate.as_ref())
                .map(|certificate| certificate.not_after.clone()),
        }
    }
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
    pub notice_fallback: Option<crate::app::notice_route::NoticeFallback>,
    /// The global IPv6 prefix at the last 始業点検 whose line was fine, and since when (crate::terminal).
    pub line_prefix: Option<crate::terminal::seen::RememberedPrefix>,
    /// When the last 始業点検 ran (RFC 3339), to notice the clock going back.
    pub last_desk_check_at: Option<String>,
    /// What staff last answered to each question they check by eye (desk_check/eyes.rs), and when.
    pub eye_answers: BTreeMap<EyeQuestionId, EyeAnswer>,
    /// Each reader's driver as the last 始業点検 saw it (readers::driver), to tell a changed one.
    pub reader_drivers: Vec<crate::readers::driver::RememberedDriver>,
}

/// A question staff answer by looking (the questions themselves: desk_check/eye_checks.toml).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum EyeQuestionId {
    /// The face-recognition reader shows its usual waiting screen.
    FaceReader,
    /// The terminal's screen shows no error.
    TerminalScreen,
    /// The line equipment's lamps are lit as usual.
    RouterLamps,
}

/// One answer to a question staff check by eye.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct EyeAnswer {
    /// RFC 3339, Japan time.
    pub at: String,
    /// 「はい」: as usual.
    pub normal: bool,
}

impl Status {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(crate::app_data::STATUS_FILE)
    }

    /// Reads the status for the app: a damaged file is moved aside (and named in the answer), a missing
    /// one is a first start.
    pub fn load(data_dir: &Path) -> io::Result<(Status, Option<PathBuf>)> {
        let path = Status::path(data_dir);
        let mut moved = move_aside_if_damaged(&path)?;
        // A JSON object this version cannot read (a code written by a newer version, a value edited by
        // hand) is kept aside too, never overwritten by the empty status the app starts from.
        if moved.is_none() {
            if let Ok(bytes) = std::fs::read(&path) {
                if serde_json::from_slice::<Status>(&bytes).is_err() {
                    moved = Some(crate::app::settings::move_aside(&path)?);
                }
            }
        }
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
            check.verdict == BackupCheckCode::Opened(BackupOpened::Ok)
                && (check.not_after.as_deref() == Some(seen.not_after.as_str())
                    || crate::time::day_of(&check.at).is_some_and(|day| day >= renewed_on))
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
            verdict: BackupCheckCode::Failed(ErrorCode::WrongPassword),
            not_after: None,
        });
        assert!(
            status.backup_missing_since_renewal().is_some(),
            "a failed check is no backup"
        );
        status.backup_check = Some(BackupCheck {
            at: "2026-12-03T10:05:00.000+09:00".into(),
            verdict: BackupCheckCode::Opened(BackupOpened::Ok),
            not_after: Some("2030-02-28".into()),
        });
        assert_eq!(status.backup_missing_since_renewal(), None);
    }

    #[test]
    fn a_status_with_a_code_this_version_does_not_know_is_kept_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let newer = r#"{"read_tests": {"PaSoRi": {"at": "2026-12-07T08:30:00+09:00", "outcome": "a-code-from-a-newer-version", "card": null}}}"#;
        std::fs::write(Status::path(dir.path()), newer).unwrap();
        let (status, moved) = Status::load(dir.path()).unwrap();
        assert_eq!(status, Status::default());
        let aside = moved.expect("kept aside");
        assert_eq!(std::fs::read_to_string(aside).unwrap(), newer);
        // What the previous version wrote still reads: a backup check and a read test by their codes.
        let older = r#"{"backup_check": {"at": "2026-12-03T10:00:00.000+09:00", "verdict": "wrong-password", "not_after": null},
            "read_tests": {"PaSoRi": {"at": "2026-12-03T10:00:00.000+09:00", "outcome": "smartphone-android", "card": "type-a"}}}"#;
        std::fs::write(Status::path(dir.path()), older).unwrap();
        let (status, moved) = Status::load(dir.path()).unwrap();
        assert_eq!(moved, None);
        assert_eq!(
            status.backup_check.unwrap().verdict,
            BackupCheckCode::Failed(ErrorCode::WrongPassword)
        );
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

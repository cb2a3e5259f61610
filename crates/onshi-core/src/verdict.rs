//! The shared vocabulary of verdicts: a level (green, amber, red) and a stable code per situation. Only
//! the types live here, so that every domain module can embed them; each rule lives beside the facts it
//! judges (`ReadersReport::verdict`, `cert::verdict`, `mpki::status`, `card::read_test_verdict`, the backup
//! check, `os_support`). The tray, the screens and the CLI only word the code; none of them decides a level.
//!
//! Codes are kebab-case and part of the CLI's contract (docs/CLI.md): add codes freely, never rename one.

use serde::Serialize;
use ts_rs::TS;

/// Green, amber, red, from best to worst (`max` is the worse).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename_all = "lowercase")]
pub enum Level {
    Ok,
    Warn,
    Error,
}

/// What was found, one code per situation staff meet.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum VerdictCode {
    /// Windows: the Smart Card service has stopped, which it does when the last reader is unplugged.
    ReadersServiceStopped,
    /// Elsewhere: the smart-card service (pcscd) does not answer.
    ReadersServiceUnavailable,
    /// A reader is plugged in on USB but not presented by the smart-card service.
    ReadersUsbOnly,
    /// No reader at all.
    ReadersNone,
    /// Readers, none fit for the smartphone マイナ保険証.
    ReadersNotReady,
    /// A reader fit for the smartphone マイナ保険証 is connected.
    ReadersReady,
    CertificateValid,
    /// 90 days or less left: renew now.
    CertificateRenewalWindow,
    /// Expired: a new issuance is needed.
    CertificateExpired,
    /// Not valid yet: the system cannot use it today (usually the PC's clock).
    CertificateNotYetValid,
    /// No certificate has been looked at yet.
    CertificateUnknown,
    /// The Windows edition is still updated by Microsoft.
    OsSupported,
    /// Its last day of updates is 90 days away or less.
    OsSupportEndingSoon,
    /// Microsoft no longer updates it.
    OsSupportEnded,
    /// An edition or build the table does not list.
    OsUnknown,
    /// Not Windows: the distribution is said, with no deadline of ours.
    OsNotWindows,
    /// The MPKI client is the latest version known.
    MpkiUpToDate,
    /// An older version than the latest known: update it before renewing.
    MpkiOutdated,
    /// The MPKI client is not installed: the certificate cannot be renewed on this PC.
    MpkiNotInstalled,
    /// Installed, but the latest version has not been entered to compare with.
    MpkiLatestUnknown,
    /// The card or phone on the reader answered as a My Number card (its JPKI application).
    CardMyNumber,
    /// A card answered, but not as a My Number card (another card, or the patient's card damaged).
    CardNotMyNumber,
    /// The read test could not finish (the card moved, the reader was pulled out, the card is silent).
    CardTestFailed,
    /// A backup that restores this PC as it is.
    BackupUsable,
    /// It restores, but has something worth fixing (no password).
    BackupUsableWithNotes,
    /// It cannot restore this PC (no key, expired, another certificate …).
    BackupNotUsable,
}

/// An area's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Verdict {
    pub level: Level,
    pub code: VerdictCode,
}

impl Verdict {
    pub(crate) const fn of(level: Level, code: VerdictCode) -> Verdict {
        Verdict { level, code }
    }
}

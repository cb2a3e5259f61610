//! Verdicts, computed once: for each area of the desk, a level (green, amber, red) and a stable code.
//! The tray (`health.rs`), the screens (through the IPC types) and the CLI only word the code; none of
//! them decides a level of its own.
//!
//! Codes are kebab-case and part of the CLI's contract (docs/CLI.md): add codes freely, never rename one.

use crate::cert::{CertInfo, CertStatus};
use crate::readers::advice::Os;
use crate::readers::findings::{Finding, FindingKind};
use crate::readers::{ReadersReport, ServiceState};
use serde::Serialize;
use ts_rs::TS;

/// Green, amber, red, from best to worst (`max` is the worse).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS, schemars::JsonSchema,
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

/// The readers' verdict from the PC/SC picture and the USB view's findings. A reader plugged in that the
/// service does not present is amber with its own code, never "no reader": the staff would unplug it.
pub fn readers(report: &ReadersReport, findings: &[Finding], os: Os) -> Verdict {
    use VerdictCode::*;
    let ready = report.devices.iter().any(|d| d.smartphone_ready);
    if !ready && findings.iter().any(|f| f.kind == FindingKind::UsbOnly) {
        return Verdict::of(Level::Warn, ReadersUsbOnly);
    }
    match () {
        _ if report.service == ServiceState::Unavailable => match os {
            Os::Windows => Verdict::of(Level::Error, ReadersServiceStopped),
            Os::Other => Verdict::of(Level::Error, ReadersServiceUnavailable),
        },
        _ if report.devices.is_empty() => Verdict::of(Level::Warn, ReadersNone),
        _ if !ready => Verdict::of(Level::Warn, ReadersNotReady),
        // Ready, but another reader is stuck on USB: amber all the same, so that it is looked at.
        _ if findings.iter().any(|f| f.kind == FindingKind::UsbOnly) => {
            Verdict::of(Level::Warn, ReadersUsbOnly)
        }
        _ => Verdict::of(Level::Ok, ReadersReady),
    }
}

/// The certificate's verdict, or "not looked at yet" (which alone turns nothing amber).
pub fn certificate(info: Option<&CertInfo>) -> Verdict {
    match info {
        Some(info) => certificate_status(info.expiry.status),
        None => Verdict::of(Level::Ok, VerdictCode::CertificateUnknown),
    }
}

/// A certificate status's verdict. Not yet valid is red like expired: the system cannot use it today.
pub fn certificate_status(status: CertStatus) -> Verdict {
    use VerdictCode::*;
    match status {
        CertStatus::Valid => Verdict::of(Level::Ok, CertificateValid),
        CertStatus::RenewalWindow => Verdict::of(Level::Warn, CertificateRenewalWindow),
        CertStatus::Expired => Verdict::of(Level::Error, CertificateExpired),
        CertStatus::NotYetValid => Verdict::of(Level::Error, CertificateNotYetValid),
    }
}

/// The MPKI client's verdict from whether it is installed and whether it is the latest known version.
pub fn mpki(installed: bool, up_to_date: Option<bool>) -> Verdict {
    use VerdictCode::*;
    match (installed, up_to_date) {
        (false, _) => Verdict::of(Level::Error, MpkiNotInstalled),
        (true, Some(true)) => Verdict::of(Level::Ok, MpkiUpToDate),
        (true, Some(false)) => Verdict::of(Level::Warn, MpkiOutdated),
        (true, None) => Verdict::of(Level::Warn, MpkiLatestUnknown),
    }
}

/// The read test's verdict: green when the JPKI application answered (a card or a phone), amber when a
/// card answered without it or the test could not finish. Never red: the desk itself may be fine.
pub fn read_test(outcome: &Result<crate::card::ProbeReport, crate::card::ProbeError>) -> Verdict {
    use crate::card::Holder;
    use VerdictCode::*;
    match outcome {
        Ok(report) if report.holder == Holder::NotMyNumberCard => {
            Verdict::of(Level::Warn, CardNotMyNumber)
        }
        Ok(_) => Verdict::of(Level::Ok, CardMyNumber),
        Err(_) => Verdict::of(Level::Warn, CardTestFailed),
    }
}

/// A backup's verdict: red when it cannot restore this PC, amber when it can but has no password, green
/// otherwise (bytes after its end, which OpenSSL ignores too, change nothing).
pub fn backup(report: &crate::cert::BackupReport) -> Verdict {
    use VerdictCode::*;
    match () {
        _ if !report.usable => Verdict::of(Level::Error, BackupNotUsable),
        _ if report.notes.iter().any(|n| n.code == "no-password") => {
            Verdict::of(Level::Warn, BackupUsableWithNotes)
        }
        _ => Verdict::of(Level::Ok, BackupUsable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(names: &[&str]) -> ReadersReport {
        ReadersReport::running(names)
    }

    #[test]
    fn every_reader_picture_has_its_code() {
        use VerdictCode::*;
        let os = Os::Other;
        let code = |r: &ReadersReport| readers(r, &[], os);
        assert_eq!(
            readers(&ReadersReport::unavailable(), &[], Os::Windows),
            Verdict::of(Level::Error, ReadersServiceStopped)
        );
        assert_eq!(
            code(&ReadersReport::unavailable()).code,
            ReadersServiceUnavailable
        );
        assert_eq!(code(&report(&[])), Verdict::of(Level::Warn, ReadersNone));
        assert_eq!(
            code(&report(&[
                "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 0"
            ])),
            Verdict::of(Level::Warn, ReadersNotReady)
        );
        assert_eq!(
            code(&report(&["SONY FeliCa Port/PaSoRi 4.0 0"])),
            Verdict::of(Level::Ok, ReadersReady)
        );
        // A SAM slot of a dual reader is no smartphone reader.
        assert_eq!(
            code(&report(&["ACS ACR1252 1S CL Reader SAM 0"])).code,
            ReadersNotReady
        );
    }

    #[test]
    fn not_yet_valid_is_red_everywhere() {
        let der =
            crate::cert::read_certificate(include_bytes!("cert/testdata/name-utf8.pem")).unwrap();
        let before = crate::time::parse_date("2000-01-01").unwrap();
        let info = crate::cert::inspect(&der, before).unwrap();
        assert_eq!(info.expiry.status, CertStatus::NotYetValid);
        let verdict = certificate(Some(&info));
        assert_eq!(verdict.level, Level::Error);
        // The tray takes its colour from here.
        let health = crate::health::assess(
            &report(&["SONY FeliCa Port/PaSoRi 4.0 0"]),
            &[],
            Some(&info),
            Os::Other,
        );
        assert_eq!(health.level, Level::Error);
    }
}

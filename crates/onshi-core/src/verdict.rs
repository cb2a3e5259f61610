//! The shared vocabulary of verdicts: a level (green, amber, red) and a stable code per situation. Only
//! the types live here, so that every domain module can embed them; each rule lives beside the facts it
//! judges (`ReadersReport::verdict`, `cert::verdict`, `mpki::status`, `card::read_test_verdict`, the backup
//! check, `os_support`). The tray, the screens and the CLI only word the code; none of them decides a level.
//!
//! Codes are kebab-case and part of the CLI's contract (docs/CLI.md): add codes freely, never rename one.

use serde::Serialize;
use ts_rs::TS;

/// Neutral, then green, amber, red, from least to most pressing (`max` is the worse). Neutral ("info")
/// is what was not looked at, cannot be seen here, or differs from the usual set-up without being known
/// wrong: it is said, never green and never amber (amber means "act").
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
    Info,
    Ok,
    Warn,
    Error,
}

/// An area of the desk.
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
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Area {
    Readers,
    Certificate,
    /// The MPKI client (Windows: installed, and the latest version known).
    Mpki,
    Os,
    /// The read test on the card or phone that lay on a reader when the check ran.
    ReadTest,
    /// The オン資 software around the reader (crate::terminal).
    Software,
    /// The exchange folder with the レセコン.
    Link,
    /// Automatic sign-in after a power cut.
    SignIn,
    /// The line, as configured.
    Line,
    /// The clock.
    Clock,
    /// What staff checked by eye: the face-recognition reader, the terminal's screen, the line's lamps.
    Eyes,
}

impl Area {
    /// The area's name for people, as the app's screens say it (Japanese, English).
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            Area::Readers => ("カードリーダー", "Card readers"),
            Area::Certificate => ("電子証明書", "Certificate"),
            Area::Mpki => ("MPKIクライアント", "MPKI client"),
            Area::Os => ("OSのサポート期限", "OS support"),
            Area::ReadTest => ("読み取りテスト", "Read test"),
            Area::Software => ("オン資のソフト", "Eligibility software"),
            Area::Link => ("レセコンとの連携", "Link with the receipt computer"),
            Area::SignIn => ("自動サインイン", "Automatic sign-in"),
            Area::Line => ("回線", "Line"),
            Area::Clock => ("時計", "Clock"),
            Area::Eyes => ("目で確認する項目", "Checked by eye"),
        }
    }
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
    /// A reader is plugged in on USB but not presented by the smart-card service, and no reader fit for
    /// the smartphone マイナ保険証 is ready.
    ReadersUsbOnly,
    /// A reader fit for the smartphone マイナ保険証 is ready, but another one is plugged in on USB and not
    /// presented by the service: phones can still be taken; the other reader is looked at.
    ReadersUsbOnlyBesideReady,
    /// No reader at all.
    ReadersNone,
    /// Readers, none fit for the smartphone マイナ保険証.
    ReadersNotReady,
    /// A reader fit for the smartphone マイナ保険証 is connected.
    ReadersReady,
    /// Beside the readers' drop-outs: USB selective suspend is on (a hint, never the cause, never amber).
    UsbSelectiveSuspendOn,
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
    /// Another kind of card answered (a transit card, a 診察券): not a test; neutral.
    CardNotMyNumber,
    /// A Type B card (what a My Number card is) answered without the My Number card's function: if it is
    /// a My Number card, its chip may be damaged.
    CardJpkiSilent,
    /// Nothing lay on a reader when the 始業点検 ran: no read test (neutral; staff can place a card).
    ReadTestNotRun,
    /// The read test could not finish (the card moved, the reader was pulled out, the card is silent).
    CardTestFailed,
    /// A backup that restores this PC as it is.
    BackupUsable,
    /// It restores, but has something worth fixing (no password).
    BackupUsableWithNotes,
    /// It cannot restore this PC (no key, expired, another certificate …).
    BackupNotUsable,

    // The terminal around the reader (crate::terminal). "Not on this OS" and "not visible" are neutral.
    /// The オン資 software's folders, Edge extensions and credentials are as usual.
    SoftwareOk,
    /// An install folder of the オン資 software is missing.
    SoftwarePartMissing,
    /// The face-recognition library's Edge extensions are missing.
    SoftwareExtensionsMissing,
    /// A credential the 連携アプリ signs in with is missing (checked as the user that holds them).
    SoftwareCredentialMissing,
    /// The credentials can only be seen by the user that holds them (OQSComApp): not looked at.
    SoftwareCredentialsNotVisible,
    /// No オン資 software on this OS (it is Windows-only): not looked at.
    SoftwareNotOnThisOs,
    /// A scheduled task that starts the 連携・配信アプリ is not registered.
    SoftwareTaskMissing,
    /// A task's stored password is refused (0x8007052E): the 連携・配信アプリ did not start.
    SoftwareTaskPasswordRefused,
    /// A task has not run since the PC started: the app it starts is not running.
    SoftwareTaskNotStarted,
    /// Task Scheduler did not say (all of it, or a task's last run or result): not looked at.
    SoftwareTasksUnreadable,
    /// The terminal certificate's root 「Online Billing NW Common Root CA」 is in no trusted root store.
    SoftwareRootCaMissing,
    /// The trusted root stores could not be read: not looked at.
    SoftwareRootCaUnreadable,
    /// The exchange folder is there and nothing waits too long in it.
    LinkOk,
    /// A folder of the exchange with the レセコン is missing.
    LinkFolderMissing,
    /// A request from the レセコン has had no result for longer than the usual bound.
    LinkRequestsWaiting,
    /// Results pile up: the レセコン is not collecting them.
    LinkResultsPiling,
    /// No exchange folder on this OS: not looked at.
    LinkNotOnThisOs,
    /// A usual share (OQS, REQ, RES, FACE) is missing: the レセコン cannot reach that folder.
    LinkShareMissing,
    /// A share named `output` exists (the 連携アプリ's work folder must not be shared).
    LinkOutputShared,
    /// Everyone has full control of an exchange folder.
    LinkEveryoneFullControl,
    /// The firewall's rule group 「ファイルとプリンターの共有」 is not enabled.
    LinkFirewallSharingOff,
    /// The shares, the folders' permissions or the firewall could not be read: not looked at.
    LinkSharesUnreadable,
    /// The terminal signs in by itself after a power cut.
    SignInAutomatic,
    /// It does not: after a power cut it stops at the sign-in screen.
    SignInNotAutomatic,
    /// It does, as another user than the usual set-up's.
    SignInOtherUser,
    /// Automatic sign-in is not a Windows setting here: not looked at.
    SignInNotOnThisOs,
    /// A terminal account's password expires within the usual warning days.
    SignInPasswordExpiring,
    /// A terminal account's password has expired (red for the account that signs in by itself).
    SignInPasswordExpired,
    /// A terminal account of the usual set-up is not on this PC.
    SignInAccountNotFound,
    /// The accounts could not be read: not looked at.
    SignInAccountsUnreadable,
    /// The screen saver locks the screen (a password prompt then is expected, not a fault).
    SignInScreenLockExpected,
    /// The adapters are up and the line's configuration is as usual.
    LineOk,
    /// No network adapter is up.
    LineNoAdapterUp,
    /// The global IPv6 prefix changed since the last good check: 回線認証 may be needed again.
    LinePrefixChanged,
    /// The DNS servers are the old set.
    LineDnsOld,
    /// The DNS servers are neither set the usual set-up knows (another kind of line, or a mistake).
    LineDnsUnusual,
    /// The proxy is off where the usual set-up has it on.
    LineProxyOff,
    /// The proxy differs from the usual set-up (another provider's, or a mistake).
    LineProxyUnusual,
    /// The adapters could not be read: not looked at.
    LineUnreadable,
    /// Japan time, a usual time server, and no step back.
    ClockOk,
    /// The PC's time zone is not Japan's.
    ClockWrongZone,
    /// The clock went back since the last check.
    ClockWentBack,
    /// The OS says the clock is not synchronised.
    ClockNotSynchronized,
    /// The time server differs from the usual set-up.
    ClockServerUnusual,
    /// The site's own usual set-up (usual-setup.toml) could not be used: the shipped one was.
    UsualSetupUnreadable,

    // What staff checked by eye (desk_check/eyes.rs).
    /// Staff looked today: the face reader, the terminal's screen and the line's lamps are as usual.
    EyesNormal,
    /// Not every question was answered today (neutral: the app cannot see these).
    EyesNotAnswered,
    /// Staff answered that the face-recognition reader does not show its usual screen.
    EyeFaceReaderNotNormal,
    /// Staff answered that the terminal's screen shows an error.
    EyeTerminalScreenError,
    /// Staff answered that the line's lamps are not as usual.
    EyeRouterLampsUnusual,
}

/// An area's verdict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS, schemars::JsonSchema,
)]
#[ts(export)]
pub struct Verdict {
    pub level: Level,
    pub code: VerdictCode,
}

impl Verdict {
    /// A verdict; a code that only says "not known" or "not looked at" is never amber or red (amber
    /// means "act"): debug builds and the tests stop on one.
    pub(crate) const fn of(level: Level, code: VerdictCode) -> Verdict {
        debug_assert!(!(code.is_not_known() && level as u8 >= Level::Warn as u8));
        Verdict { level, code }
    }
}

impl VerdictCode {
    /// The codes that say what was not known, not looked at, or is waiting for staff: neutral wherever
    /// they appear (tray, home, 始業点検, `onshi check`), never amber.
    pub const fn is_not_known(self) -> bool {
        use VerdictCode::*;
        matches!(
            self,
            CertificateUnknown
                | MpkiLatestUnknown
                | OsUnknown
                | OsNotWindows
                | CardNotMyNumber
                | ReadTestNotRun
                | SoftwareCredentialsNotVisible
                | SoftwareNotOnThisOs
                | LinkNotOnThisOs
                | SignInNotOnThisOs
                | LineUnreadable
                | UsualSetupUnreadable
                | SoftwareTasksUnreadable
                | SoftwareRootCaUnreadable
                | LinkSharesUnreadable
                | SignInAccountNotFound
                | SignInAccountsUnreadable
                | EyesNotAnswered
        )
    }
}

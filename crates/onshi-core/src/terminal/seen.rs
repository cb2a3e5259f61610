//! What the probes saw of the terminal around the reader, as plain data: each probe's answer is recorded
//! as it came (seen, unreadable with the OS's words, or "does not apply on this OS"), so that a bad morning
//! can be saved as JSON and replayed through the rules in a test (`tests/terminal_replay/`). Nothing here is
//! a secret or a patient's data: credentials by name only, the レセコン's files by count and age only.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One probe's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(tag = "state", content = "value", rename_all = "kebab-case")]
#[ts(export)]
pub enum Probe<T> {
    Seen(T),
    /// The OS refused or failed to answer: its words.
    Unreadable(String),
    /// Nothing of the kind on this OS (Linux has no Task Scheduler, no オン資 software).
    DoesNotApply,
}

impl<T> Probe<T> {
    pub fn seen(&self) -> Option<&T> {
        match self {
            Probe::Seen(value) => Some(value),
            _ => None,
        }
    }
}

impl SoftwareSeen {
    /// No オン資 software on this OS.
    pub fn does_not_apply() -> SoftwareSeen {
        SoftwareSeen {
            parts: Probe::DoesNotApply,
            extensions: Probe::DoesNotApply,
            credentials: Probe::DoesNotApply,
            tasks: Probe::DoesNotApply,
            root_ca: Probe::DoesNotApply,
        }
    }
}

impl LinkSeen {
    /// No exchange folder with the レセコン on this OS.
    pub fn does_not_apply() -> LinkSeen {
        LinkSeen {
            missing_folders: Probe::DoesNotApply,
            requests: Probe::DoesNotApply,
            results: Probe::DoesNotApply,
            shares: Probe::DoesNotApply,
            everyone_full_control: Probe::DoesNotApply,
            firewall_sharing: Probe::DoesNotApply,
        }
    }
}

impl SignInSeen {
    /// No Winlogon on this OS.
    pub fn does_not_apply() -> SignInSeen {
        SignInSeen {
            auto_sign_in: Probe::DoesNotApply,
            passwordless: Probe::DoesNotApply,
            screen_saver_lock: Probe::DoesNotApply,
            accounts: Probe::DoesNotApply,
        }
    }
}

/// Everything the probes saw, by area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct TerminalSeen {
    pub software: SoftwareSeen,
    pub link: LinkSeen,
    pub sign_in: SignInSeen,
    pub line: LineSeen,
    pub clock: ClockSeen,
}

impl TerminalSeen {
    /// Nothing looked at yet: what 始業点検 judges in its stead before the terminal's probe has answered
    /// (and shows nothing judged on it, facts::Gathering).
    pub(crate) fn nothing_yet() -> TerminalSeen {
        TerminalSeen {
            software: SoftwareSeen::does_not_apply(),
            link: LinkSeen::does_not_apply(),
            sign_in: SignInSeen::does_not_apply(),
            line: LineSeen {
                adapters: Probe::DoesNotApply,
                dns: Probe::DoesNotApply,
                proxy: Probe::DoesNotApply,
                remembered_prefix: None,
            },
            clock: ClockSeen {
                time_zone: Probe::DoesNotApply,
                utc_offset_minutes: 0,
                time_server: Probe::DoesNotApply,
                synchronized: Probe::DoesNotApply,
                now: String::new(),
                last_check: None,
            },
        }
    }
}

/// One of the オン資 software's install folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct InstalledPart {
    /// The usual set-up's name for it (「連携アプリケーション」 …).
    pub name: String,
    pub name_en: String,
    pub path: String,
    pub present: bool,
    /// Its `Version.info` as text (its format is unconfirmed, so it is shown, never parsed).
    pub version_info: Option<String>,
}

/// The オン資 software: 連携・配信アプリ, the face-recognition library and its Edge extensions, the
/// credentials the 連携アプリ signs in with (names only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct SoftwareSeen {
    pub parts: Probe<Vec<InstalledPart>>,
    /// The Edge extensions' file names (`*.crx`).
    pub extensions: Probe<Vec<String>>,
    /// The usual credentials' names found for the current user, with who that user is; Unreadable when
    /// the check does not run as the user that holds them.
    pub credentials: Probe<Credentials>,
    /// The usual scheduled tasks that start the 連携・配信アプリ, and how long the PC has been up.
    pub tasks: Probe<Tasks>,
    /// Where the terminal certificate's root was found by its CN (`current-user`, `local-machine`);
    /// empty when in neither.
    pub root_ca: Probe<Vec<String>>,
}

/// The usual scheduled tasks as Task Scheduler shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Tasks {
    /// Minutes since the PC started (GetTickCount64).
    pub up_minutes: i64,
    pub tasks: Vec<TaskSeen>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct TaskSeen {
    pub name: String,
    /// Registered in Task Scheduler's root folder.
    pub registered: bool,
    /// Its state (`ready`, `running`, `disabled`, `queued`, `unknown`), when registered.
    pub state: Option<String>,
    /// Minutes since it last started; None when it never ran.
    pub last_run_minutes: Probe<Option<i64>>,
    /// Its last result, the HRESULT as Windows keeps it (0: done; 0x8007052E: the stored password is
    /// refused).
    pub last_result: Probe<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Credentials {
    /// The user the check ran as.
    pub user: String,
    /// The names found (`OQS_LOGIN_KEY` …), never a secret.
    pub names: Vec<String>,
}

/// A folder's files counted and dated, never opened (they hold patients' data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct FileCount {
    pub count: u32,
    /// Minutes since the oldest file was last written; None when there is none.
    pub oldest_minutes: Option<i64>,
}

/// The link with the レセコン: the exchange folder and what waits in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct LinkSeen {
    /// The usual sub-folders (`Req`, `Res`, `Face`) that are missing.
    pub missing_folders: Probe<Vec<String>>,
    /// Requests from the レセコン still waiting in `Req`.
    pub requests: Probe<FileCount>,
    /// Results waiting in `Res` for the レセコン to collect.
    pub results: Probe<FileCount>,
    /// The PC's shared folders (NetShareEnum), with their paths when Windows gives them.
    pub shares: Probe<Vec<Share>>,
    /// The exchange folders whose permissions give Everyone full control.
    pub everyone_full_control: Probe<Vec<String>>,
    /// The firewall's rule group 「ファイルとプリンターの共有」 is enabled (INetFwPolicy2).
    pub firewall_sharing: Probe<bool>,
}

/// A shared folder: its share name and the folder it shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Share {
    pub name: String,
    /// None when Windows gave only the names (NetShareEnum level 2 needs an administrator).
    pub path: Option<String>,
}

/// Automatic sign-in after a power cut (Winlogon), and the screen saver's lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct SignInSeen {
    /// `AutoAdminLogon` is "1", and `DefaultUserName` (never `DefaultPassword`).
    pub auto_sign_in: Probe<AutoSignIn>,
    /// `DevicePasswordLessBuildVersion` (2 hides netplwiz's check box on LTSC 2021), when set.
    pub passwordless: Probe<Option<u32>>,
    /// The screen saver's timeout in seconds when it locks the screen, None when it does not.
    pub screen_saver_lock: Probe<Option<u32>>,
    /// The terminal's accounts (OQSComApp, ONSRenkei) and their passwords' ages, never a password.
    pub accounts: Probe<Vec<AccountSeen>>,
}

/// A local account as NetUserGetInfo (level 3) and NetUserModalsGet (level 0) show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct AccountSeen {
    pub name: String,
    /// The account exists on this PC.
    pub found: bool,
    /// 「パスワードを無期限にする」 (UF_DONT_EXPIRE_PASSWD).
    pub never_expires: bool,
    /// Windows' own flag that the password has expired.
    pub expired: bool,
    /// Days since the password was set.
    pub password_age_days: i64,
    /// The PC's maximum password age in days; None when passwords never expire on this PC.
    pub max_age_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct AutoSignIn {
    pub enabled: bool,
    pub user: Option<String>,
}

/// A network adapter as configured (never a connection made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Adapter {
    pub name: String,
    pub up: bool,
    pub ipv4: bool,
    /// The global IPv6 prefixes (the first 64 bits, `2001:db8:1:2::/64`).
    pub ipv6_prefixes: Vec<String>,
}

/// WinINet's proxy for the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Proxy {
    pub enabled: bool,
    pub server: Option<String>,
    /// `ProxyOverride`, split at `;`.
    pub bypass: Vec<String>,
}

/// The global IPv6 prefix remembered at the last good check, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct RememberedPrefix {
    pub prefix: String,
    /// RFC 3339, Japan time.
    pub since: String,
}

/// The line, as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct LineSeen {
    pub adapters: Probe<Vec<Adapter>>,
    /// The DNS servers configured on the adapters that are up (Windows).
    pub dns: Probe<Vec<String>>,
    pub proxy: Probe<Proxy>,
    /// What the app remembered at its last good check (none from the CLI, which remembers nothing).
    pub remembered_prefix: Option<RememberedPrefix>,
}

/// The clock and what sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ClockSeen {
    /// Windows' `TimeZoneKeyName` ("Tokyo Standard Time"), elsewhere the zone's name ("Asia/Tokyo").
    pub time_zone: Probe<String>,
    /// The offset from UTC in minutes now (540 in Japan).
    pub utc_offset_minutes: i32,
    /// Windows Time's `NtpServer` as configured (flags such as `,0x9` kept), elsewhere the time-sync
    /// service's servers.
    pub time_server: Probe<Vec<String>>,
    /// Whether the OS says the clock is synchronised (Linux: systemd's flag), when it says so.
    pub synchronized: Probe<bool>,
    /// This check's time and the last check's, RFC 3339 (the clock going back between them).
    pub now: String,
    pub last_check: Option<String>,
}

//! Which operating system this build runs on, and what Windows says of its own edition. Both sit at the
//! bottom of the crate: the readers' advice, the findings, the verdicts and the UI (through the generated
//! binding) take the one `Os` from here instead of each guessing it.

use serde::Serialize;
use ts_rs::TS;

/// The operating system whose words and causes apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Os {
    Windows,
    Linux,
    /// macOS and anything else: built, never a terminal.
    Other,
}

impl Os {
    /// The OS this build runs on.
    pub const fn current() -> Os {
        if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "linux") {
            Os::Linux
        } else {
            Os::Other
        }
    }
}

/// What Windows says of itself (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowsIdentity {
    /// `ProductName` ("Windows 10 Pro"; Windows 11 still says "Windows 10" here).
    pub product: String,
    /// `EditionID` ("Professional", "EnterpriseS" …).
    pub edition_id: String,
    /// `CurrentBuild` (19045, 26100 …).
    pub build: u32,
    /// `DisplayVersion` ("22H2"), empty on old builds.
    pub display_version: String,
}

//! What only the operating system knows: the installed MPKI client's version and the current user's
//! certificate store. Windows answers through tiny adapters over winreg and windows-sys (windows.rs);
//! elsewhere the answer is a plain "not available on this OS", and the file-based checks are used.

mod os;
#[cfg(windows)]
mod windows;

pub use os::{Os, WindowsIdentity};

/// Why the OS could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    #[error("not available on this operating system")]
    NotAvailable,
    #[error("the operating system refused: {0}")]
    Failed(String),
}

impl crate::error_code::Coded for PlatformError {
    fn code(&self) -> crate::error_code::ErrorCode {
        match self {
            PlatformError::NotAvailable => crate::error_code::ErrorCode::NotAvailable,
            PlatformError::Failed(_) => crate::error_code::ErrorCode::Failed,
        }
    }
}

/// The apps installed on this PC.
pub trait InstalledApps {
    /// The DisplayVersion of the first installed app whose DisplayName contains `name`, or None.
    fn version_of(&self, name: &str) -> Result<Option<String>, PlatformError>;
}

/// A certificate of the store, and whether Windows keeps a private key with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreEntry {
    pub der: Vec<u8>,
    /// The certificate has key provider information (CERT_KEY_PROV_INFO_PROP_ID): its private key was
    /// installed with it.
    pub has_private_key: bool,
}

/// The current user's personal certificate store.
pub trait CertificateStore {
    /// Every certificate in it.
    fn certificates(&self) -> Result<Vec<StoreEntry>, PlatformError>;
}

/// This OS's installed-apps list.
pub fn installed_apps() -> Box<dyn InstalledApps + Send + Sync> {
    #[cfg(windows)]
    return Box::new(windows::Registry);
    #[cfg(not(windows))]
    Box::new(Unavailable)
}

/// This OS's certificate store.
pub fn certificate_store() -> Box<dyn CertificateStore + Send + Sync> {
    #[cfg(windows)]
    return Box::new(windows::CurrentUserStore);
    #[cfg(not(windows))]
    Box::new(Unavailable)
}

/// The OS and its version in a line, for the support report.
pub fn os_description() -> String {
    #[cfg(windows)]
    return windows::os_description().unwrap_or_else(|| "Windows".to_owned());
    #[cfg(not(windows))]
    {
        let release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
        let name = release
            .lines()
            .find_map(|line| line.strip_prefix("PRETTY_NAME="))
            .map(|value| value.trim_matches('"').to_owned())
            .unwrap_or_else(|| std::env::consts::OS.to_owned());
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        format!("{name} (Linux {})", kernel.trim())
    }
}

/// What Windows says of its edition, version and build (registry); None elsewhere or when unreadable.
pub fn windows_identity() -> Option<WindowsIdentity> {
    #[cfg(windows)]
    return windows::identity();
    #[cfg(not(windows))]
    None
}

/// Text in this PC's legacy code page, as a console pipes it: on Windows the console's input code page
/// (CP932 on a Japanese PC), or the ANSI code page when there is no console; Windows itself decodes it
/// (MultiByteToWideChar, invalid bytes refused). None elsewhere, or when the bytes are not text in it.
pub fn decode_console_text(bytes: &[u8]) -> Option<String> {
    #[cfg(windows)]
    return windows::decode_console_text(bytes);
    #[cfg(not(windows))]
    {
        let _ = bytes;
        None
    }
}

/// How Windows' Smart Card service (SCardSvr) is set to start (the registry's `Start` value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum ServiceStart {
    /// 2: 「自動」 (Windows sets SCardSvr so, often with a trigger: 「自動 (トリガー開始)」).
    Automatic,
    /// 3: 「手動」, usually 「手動 (トリガー開始)」: started when a reader arrives.
    Manual,
    /// 4: 「無効」: never started, so no reader is ever presented (a policy or a tool set it).
    Disabled,
    /// The service is not installed (Wine has none).
    NotInstalled,
}

/// Windows' Smart Card service as the Service Control Manager and the registry report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SmartCardService {
    pub start: ServiceStart,
    /// Running now. Stopped with no reader attached is normal: it is trigger-started.
    pub running: bool,
    /// The Smart Card Device Enumeration Service (ScDeviceEnum) beside it, said as it is: an
    /// intermittently empty reader list has been asked about with it
    /// (https://github.com/LudovicRousseau/pyscard/issues/125), so a vendor looks at both.
    pub device_enumeration: ServiceSeen,
}

/// A Windows service's start type and whether it runs now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ServiceSeen {
    pub start: ServiceStart,
    pub running: bool,
}

/// The Smart Card service (Windows); None on other systems, where pcscd plays its part.
pub fn smart_card_service() -> Option<SmartCardService> {
    #[cfg(windows)]
    return Some(windows::smart_card_service());
    #[cfg(not(windows))]
    None
}

/// The Device Manager problem code (CM_PROB_*) of the device with this instance id, if it has one.
#[cfg(windows)]
pub fn device_problem_code(instance_id: &std::ffi::OsStr) -> Option<u32> {
    windows::device_problem_code(instance_id)
}

/// A device of the SmartCardReader setup class and its driver, as SetupAPI's device properties give them.
#[cfg(windows)]
#[derive(Debug, Clone)]
pub struct DeviceDriver {
    /// DEVPKEY_Device_FriendlyName, else DEVPKEY_Device_DeviceDesc.
    pub name: String,
    pub instance_id: String,
    pub provider: Option<String>,
    pub version: Option<String>,
    /// DEVPKEY_Device_DriverDate as a FILETIME's 100-ns ticks.
    pub date: Option<u64>,
}

/// The present devices of the SmartCardReader class with their drivers; the OS's words when SetupAPI
/// would not list them.
#[cfg(windows)]
pub fn reader_drivers() -> Result<Vec<DeviceDriver>, String> {
    windows::reader_drivers()
}

/// A NUL-terminated UTF-16LE string property (SetupAPI's DEVPROP_TYPE_STRING) as text; None when empty.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn utf16_text(bytes: &[u8]) -> Option<String> {
    let wide: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .take_while(|&unit| unit != 0)
        .collect();
    let text = String::from_utf16_lossy(&wide).trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// Windows' own words, corrected for Windows 11 (whose ProductName still says "Windows 10").
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) fn windows_name(product: &str, display_version: &str, build: &str) -> String {
    let eleven = build.parse::<u32>().is_ok_and(|b| b >= 22000);
    let product = if eleven {
        product.replace("Windows 10", "Windows 11")
    } else {
        product.to_owned()
    };
    let mut text = product;
    if !display_version.is_empty() {
        text = format!("{text} {display_version}");
    }
    if !build.is_empty() {
        text = format!("{text} (build {build})");
    }
    text
}

/// The answer of an OS without these sources.
#[cfg(not(windows))]
struct Unavailable;

#[cfg(not(windows))]
impl InstalledApps for Unavailable {
    fn version_of(&self, _name: &str) -> Result<Option<String>, PlatformError> {
        Err(PlatformError::NotAvailable)
    }
}

#[cfg(not(windows))]
impl CertificateStore for Unavailable {
    fn certificates(&self) -> Result<Vec<StoreEntry>, PlatformError> {
        Err(PlatformError::NotAvailable)
    }
}

/// Windows: whether the current user's registry has this key (HKCU\\`key`). Elsewhere: false (there is no
/// such thing).
pub fn user_key_exists(key: &str) -> bool {
    #[cfg(windows)]
    return windows::key_exists_for_user(key);
    #[cfg(not(windows))]
    {
        let _ = key;
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn string_properties_end_at_their_nul() {
        let bytes: Vec<u8> = "10.0.19041.1\0\0"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(super::utf16_text(&bytes).as_deref(), Some("10.0.19041.1"));
        assert_eq!(super::utf16_text(&[0, 0]), None);
    }

    #[test]
    fn windows_11_is_named_by_its_build() {
        assert_eq!(
            super::windows_name("Windows 10 Pro", "24H2", "26100"),
            "Windows 11 Pro 24H2 (build 26100)"
        );
        assert_eq!(
            super::windows_name("Windows 10 Pro", "22H2", "19045"),
            "Windows 10 Pro 22H2 (build 19045)"
        );
        assert!(!super::os_description().is_empty());
    }
}

//! What only the operating system knows: the installed MPKI client's version and the current user's
//! certificate store. Windows answers through tiny adapters over winreg and schannel (windows.rs);
//! elsewhere the answer is a plain "not available on this OS", and the file-based checks are used.

#[cfg(windows)]
mod windows;

/// Why the OS could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlatformError {
    #[error("not available on this operating system")]
    NotAvailable,
    #[error("the operating system refused: {0}")]
    Failed(String),
}

impl PlatformError {
    pub fn code(&self) -> &'static str {
        match self {
            PlatformError::NotAvailable => "not-available",
            PlatformError::Failed(_) => "failed",
        }
    }
}

/// The apps installed on this PC.
pub trait InstalledApps {
    /// The DisplayVersion of the first installed app whose DisplayName contains `name`, or None.
    fn version_of(&self, name: &str) -> Result<Option<String>, PlatformError>;
}

/// The current user's personal certificate store.
pub trait CertificateStore {
    /// Every certificate in it, DER-encoded.
    fn certificates(&self) -> Result<Vec<Vec<u8>>, PlatformError>;
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
    fn certificates(&self) -> Result<Vec<Vec<u8>>, PlatformError> {
        Err(PlatformError::NotAvailable)
    }
}

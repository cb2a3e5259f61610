//! Card readers: which are connected, which model each is, whether it suits the smartphone マイナ保険証,
//! and which card sits on it. `list` takes one snapshot; `watch` follows changes as they happen.

pub mod advice;
pub mod catalog;
mod report;
mod snapshot;
pub mod watch;

pub use report::{CardInfo, ReaderInfo, ReadersReport, ServiceState};
pub use snapshot::list;
pub use watch::{WatchEvent, WatchEventKind, Watcher};

/// Errors of the reader functions that a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum ReadersError {
    /// The smart-card service answered with something we did not expect.
    #[error("the smart-card service failed: {0}")]
    Service(String),
}

/// Whether a PC/SC error means the context is dead for good and a new one must be established.
pub(crate) fn is_dead_context(error: pcsc::Error) -> bool {
    matches!(
        error,
        pcsc::Error::NoService
            | pcsc::Error::ServiceStopped
            | pcsc::Error::CommError
            | pcsc::Error::InvalidHandle
    )
}

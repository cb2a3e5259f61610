//! Card readers: which are connected, which model each is, whether it suits the smartphone マイナ保険証,
//! and which card sits on it. `list` takes one snapshot; `watch` follows changes as they happen.

pub mod advice;
pub mod catalog;
pub mod device;
pub mod findings;
pub mod libccid;
mod report;
mod snapshot;
pub mod usb;
pub mod watch;

pub use report::{CardInfo, ReaderDevice, ReaderInfo, ReadersReport, ServiceState};
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

/// The USB view beside a PC/SC report: the readers on USB, the Smart Card service (Windows), and the
/// findings that join the two (`onshi readers --json`'s `usb`, `smart_card_service` and `findings`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UsbView {
    pub usb: Vec<usb::UsbReader>,
    /// Why the USB devices could not be listed, if they could not (the findings then come from PC/SC
    /// alone).
    pub usb_error: Option<String>,
    pub smart_card_service: Option<crate::platform::SmartCardService>,
    pub findings: Vec<findings::Finding>,
    /// The readers' verdict, from the PC/SC report and these findings together (crate::verdict).
    pub verdict: crate::verdict::Verdict,
}

/// Lists the USB readers and joins them with `report` (one pass; run it when USB or PC/SC changed or on
/// request, never in a loop).
pub fn look_at_usb(report: &ReadersReport) -> UsbView {
    let (usb, usb_error) = match usb::inventory() {
        Ok(usb) => (usb, None),
        Err(error) => (Vec::new(), Some(error.to_string())),
    };
    let smart_card_service = crate::platform::smart_card_service();
    let libccid = libccid::installed();
    let found = findings::reconcile(&findings::Facts {
        os: findings::Os::this(),
        service: report.service,
        readers: &report.readers,
        usb: &usb,
        smart_card_service,
        libccid: libccid.as_ref(),
    });
    let verdict = crate::verdict::readers(report, &found, advice::Os::current());
    UsbView {
        usb,
        usb_error,
        smart_card_service,
        findings: found,
        verdict,
    }
}

//! Card readers: which are connected, which model each is, whether it suits the smartphone マイナ保険証,
//! and which card sits on it. `list` takes one snapshot; `watch` follows changes as they happen.

pub mod advice;
pub mod atr;
pub mod catalog;
pub mod device;
pub mod driver;
pub mod findings;
pub mod libccid;
pub mod power;
mod report;
mod snapshot;
pub mod usb;
mod verdict;
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

/// `Context::get_status_change` for at most `timeout` in all, asked again when it meets pcsc-lite 2.5's
/// registration race (after 50 ms, at most [`RACE_RETRIES`] times in a row). pcsc-lite 2.5 (Debian sid)
/// registers a client that waits for changes before it sends the reader states; a change signalled in
/// between is read as the states' size and the call fails with 0x8010001F (seen on the rig: a card put on a
/// reader in that instant), or, a moment later, lands inside the names ("unknown reader", which callers
/// already ask again). Its clean-up reads the rest, so the connection stays usable. Debian 12's pcsc-lite
/// 1.9.9 sends the states first. Errors: those of `get_status_change`, the race's after the last try.
pub(crate) fn get_status_change(
    context: &pcsc::Context,
    timeout: std::time::Duration,
    states: &mut [pcsc::ReaderState],
) -> Result<(), pcsc::Error> {
    let end = std::time::Instant::now() + timeout;
    let mut races = 0;
    loop {
        let left = end.saturating_duration_since(std::time::Instant::now());
        match context.get_status_change(left, states) {
            Err(error) if is_registration_race(error) && races < RACE_RETRIES => {
                races += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            outcome => return outcome,
        }
    }
}

/// Whether a PC/SC error may be pcsc-lite 2.5's registration race ([`get_status_change`]). 0x8010001F is
/// pcsc-lite's SCARD_E_UNSUPPORTED_FEATURE and Windows's SCARD_E_UNEXPECTED (Wine's winscard passes
/// pcsc-lite's number through); on Windows it is a real error, hence the bound on asking again.
fn is_registration_race(error: pcsc::Error) -> bool {
    error as u32 == 0x8010_001F
}

/// How many times in a row a call that met [`is_registration_race`] is made again before its error counts.
const RACE_RETRIES: u8 = 3;

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
    /// Windows: USB selective suspend is on in the active power plan (mains power); None elsewhere or
    /// when it could not be read. A hint beside drop-outs only (`power::hint`).
    pub usb_selective_suspend: Option<bool>,
    /// Each reader's driver, its version and date (readers::driver: SetupAPI on Windows, libccid's
    /// version on Linux); remembered at each 始業点検 to tell a changed driver in the history.
    pub drivers: crate::terminal::seen::Probe<Vec<driver::ReaderDriver>>,
    pub findings: Vec<findings::Finding>,
    /// The readers' verdict, from the PC/SC report and these findings together (crate::verdict).
    pub verdict: crate::verdict::Verdict,
}

/// Lists the USB readers and joins them with `report` (one pass; run it when USB or PC/SC changed or on
/// request, never in a loop).
pub fn look_at_usb(report: &ReadersReport) -> UsbView {
    probe_usb().join(report)
}

/// What the USB view reads from the OS, before it is joined with a PC/SC report: none of it needs the
/// report, so a caller that also lists PC/SC (facts::gather) can read both at the same time.
#[derive(Debug)]
pub struct UsbProbe {
    usb: Result<Vec<usb::UsbReader>, String>,
    smart_card_service: Option<crate::platform::SmartCardService>,
    libccid: Option<std::sync::Arc<libccid::SupportedReaders>>,
    usb_selective_suspend: Option<bool>,
    drivers: crate::terminal::seen::Probe<Vec<driver::ReaderDriver>>,
}

/// Reads the USB devices, the Smart Card service, libccid's list, the power setting and the drivers.
pub fn probe_usb() -> UsbProbe {
    UsbProbe {
        usb: usb::inventory().map_err(|error| error.to_string()),
        smart_card_service: crate::platform::smart_card_service(),
        libccid: libccid::installed(),
        usb_selective_suspend: power::selective_suspend(),
        drivers: driver::read(),
    }
}

impl UsbProbe {
    /// Nothing read yet: what 始業点検 judges in its stead before the USB view has answered (and shows
    /// nothing judged on it, facts::Gathering).
    pub(crate) fn nothing() -> UsbProbe {
        UsbProbe {
            usb: Ok(Vec::new()),
            smart_card_service: None,
            libccid: None,
            usb_selective_suspend: None,
            drivers: crate::terminal::seen::Probe::DoesNotApply,
        }
    }

    /// The USB view: these readings joined with `report` into the findings and the readers' verdict.
    pub fn join(self, report: &ReadersReport) -> UsbView {
        let (usb, usb_error) = match self.usb {
            Ok(usb) => (usb, None),
            Err(error) => (Vec::new(), Some(error)),
        };
        let found = findings::reconcile(&findings::Facts {
            os: crate::platform::Os::current(),
            service: report.service,
            readers: &report.readers,
            usb: &usb,
            smart_card_service: self.smart_card_service,
            libccid: self.libccid.as_deref(),
        });
        let verdict = report.verdict(&found, crate::platform::Os::current());
        UsbView {
            usb,
            usb_error,
            smart_card_service: self.smart_card_service,
            usb_selective_suspend: self.usb_selective_suspend,
            drivers: self.drivers,
            findings: found,
            verdict,
        }
    }
}

#[cfg(test)]
mod registration_race_tests {
    use super::is_registration_race;

    /// pcsc-lite documents 0x8010001F as SCARD_E_UNSUPPORTED_FEATURE; Windows's winerror.h has the same
    /// number as SCARD_E_UNEXPECTED (and 0x80100022 as its SCARD_E_UNSUPPORTED_FEATURE).
    #[test]
    fn only_the_code_of_pcsc_lites_registration_race_is_asked_again() {
        #[cfg(not(windows))]
        assert!(is_registration_race(pcsc::Error::UnsupportedFeature));
        #[cfg(windows)]
        {
            assert!(is_registration_race(pcsc::Error::Unexpected));
            assert!(!is_registration_race(pcsc::Error::UnsupportedFeature));
        }
        for other in [
            pcsc::Error::Timeout,
            pcsc::Error::NoService,
            pcsc::Error::UnknownReader,
            pcsc::Error::UnknownError,
        ] {
            assert!(!is_registration_race(other), "{other:?}");
        }
    }
}

//! The readers' verdict, beside the facts it judges: the PC/SC picture and the USB view's findings.

use super::findings::{Finding, FindingKind};
use super::{ReadersReport, ServiceState};
use crate::platform::Os;
use crate::verdict::{Level, Verdict, VerdictCode};

impl ReadersReport {
    /// The readers' verdict. A reader plugged in that the service does not present is amber with its own
    /// code, never "no reader": the staff would unplug it.
    pub fn verdict(&self, findings: &[Finding], os: Os) -> Verdict {
        use VerdictCode::*;
        let ready = self.devices.iter().any(|d| d.smartphone_ready);
        let usb_only = findings.iter().any(|f| f.kind == FindingKind::UsbOnly);
        if !ready && usb_only {
            return Verdict::of(Level::Warn, ReadersUsbOnly);
        }
        match () {
            _ if self.service == ServiceState::Unavailable => match os {
                Os::Windows => Verdict::of(Level::Error, ReadersServiceStopped),
                Os::Linux | Os::Other => Verdict::of(Level::Error, ReadersServiceUnavailable),
            },
            _ if self.devices.is_empty() => Verdict::of(Level::Warn, ReadersNone),
            _ if !ready => Verdict::of(Level::Warn, ReadersNotReady),
            // Ready, but another reader is stuck on USB: amber all the same, so that it is looked at.
            _ if usb_only => Verdict::of(Level::Warn, ReadersUsbOnly),
            _ => Verdict::of(Level::Ok, ReadersReady),
        }
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
        let code = |r: &ReadersReport| r.verdict(&[], Os::Linux);
        assert_eq!(
            ReadersReport::unavailable().verdict(&[], Os::Windows),
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
}

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
            // Ready, but another reader is stuck on USB: amber all the same, so that it is looked at, with
            // its own code: phones can still be taken at the desk.
            _ if usb_only => Verdict::of(Level::Warn, ReadersUsbOnlyBesideReady),
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
        // A reader stuck on USB: "cannot take phones" only when no phone-fit reader is ready beside it.
        let stuck = [Finding {
            kind: FindingKind::UsbOnly,
            device: crate::text::Text::new("ソニーPaSoRi (RC-S380)", "Sony PaSoRi (RC-S380)"),
            usb_id: Some("054C:06C1".into()),
            problem_code: None,
            causes: Vec::new(),
        }];
        assert_eq!(
            report(&[]).verdict(&stuck, Os::Linux),
            Verdict::of(Level::Warn, ReadersUsbOnly)
        );
        assert_eq!(
            report(&["SONY FeliCa Port/PaSoRi 4.0 0"]).verdict(&stuck, Os::Linux),
            Verdict::of(Level::Warn, ReadersUsbOnlyBesideReady)
        );
        assert_eq!(
            crate::desk_check::rule(ReadersUsbOnlyBesideReady).map(|rule| rule.desk),
            Some(crate::desk_check::Consequence::Act),
            "phones can still be taken"
        );
        // A SAM slot of a dual reader is no smartphone reader.
        assert_eq!(
            code(&report(&["ACS ACR1252 1S CL Reader SAM 0"])).code,
            ReadersNotReady
        );
    }
}

//! The facts while they are gathered: what was read at once, and each probe's answer as it arrives.
//! 始業点検 judges them after every answer, and shows only the areas whose probes have all answered.

use super::Facts;
use crate::app::contacts::Contacts;
use crate::app::history::HistoryEvent;
use crate::app::settings::Settings;
use crate::app::status::Status;
use crate::cert::in_use::InUse;
use crate::mpki;
use crate::os_support::OsSupport;
use crate::platform::{Os, PlatformError};
use crate::readers::{ReadersReport, UsbProbe, UsbView};
use crate::terminal::usual::{SiteFileError, UsualSetup};
use crate::terminal::TerminalSeen;
use chrono::{DateTime, FixedOffset};

/// A probe the facts wait on (on Windows each on a thread of its own; see facts::gather_in_steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Awaited {
    /// The PC/SC listing.
    Readers,
    /// The USB view's readings (joined with the PC/SC listing once both are in).
    Usb,
    /// The terminal around the reader.
    Terminal,
    /// The installed apps (the MPKI client's version).
    InstalledApps,
}

/// One probe's answer.
pub(super) enum Answer {
    Readers(ReadersReport),
    Usb(UsbProbe),
    /// (Boxed: sent once, and far larger than the other answers.)
    Terminal(Box<(TerminalSeen, UsualSetup, Option<SiteFileError>)>),
    InstalledApps(Result<Option<String>, PlatformError>),
}

/// What is read on the gathering thread itself, at once: files of the app's own folder, the
/// certificate, the OS table.
#[derive(Clone)]
pub(super) struct AtOnce {
    pub certificate: Option<InUse>,
    pub history: Vec<HistoryEvent>,
    pub contacts: Contacts,
    pub os_support: OsSupport,
}

/// The facts gathered so far.
pub struct Gathering<'a> {
    now: DateTime<FixedOffset>,
    settings: &'a Settings,
    status: &'a Status,
    at_once: AtOnce,
    readers: Option<ReadersReport>,
    usb: Option<UsbProbe>,
    /// The USB view joined with the PC/SC listing, once both have answered.
    usb_view: Option<UsbView>,
    terminal: Option<(TerminalSeen, UsualSetup, Option<SiteFileError>)>,
    installed_mpki: Option<Result<Option<String>, PlatformError>>,
}

/// Every answer, once all are in.
pub(super) struct Answered {
    at_once: AtOnce,
    readers: ReadersReport,
    usb: UsbView,
    terminal: (TerminalSeen, UsualSetup, Option<SiteFileError>),
    installed_mpki: Result<Option<String>, PlatformError>,
}

impl<'a> Gathering<'a> {
    pub(super) fn new(
        now: DateTime<FixedOffset>,
        settings: &'a Settings,
        status: &'a Status,
        at_once: AtOnce,
    ) -> Gathering<'a> {
        Gathering {
            now,
            settings,
            status,
            at_once,
            readers: None,
            usb: None,
            usb_view: None,
            terminal: None,
            installed_mpki: None,
        }
    }

    pub(super) fn take(&mut self, answer: Answer) {
        match answer {
            Answer::Readers(readers) => self.readers = Some(readers),
            Answer::Usb(usb) => self.usb = Some(usb),
            Answer::Terminal(terminal) => self.terminal = Some(*terminal),
            Answer::InstalledApps(installed) => self.installed_mpki = Some(installed),
        }
        if let Some(readers) = &self.readers {
            if let Some(usb) = self.usb.take() {
                self.usb_view = Some(usb.join(readers));
            }
        }
    }

    /// The probes that have not answered yet.
    pub fn waiting(&self) -> Vec<Awaited> {
        [
            (Awaited::Readers, self.readers.is_none()),
            (Awaited::Usb, self.usb_view.is_none() && self.usb.is_none()),
            (Awaited::Terminal, self.terminal.is_none()),
            (Awaited::InstalledApps, self.installed_mpki.is_none()),
        ]
        .into_iter()
        .filter_map(|(probe, waiting)| waiting.then_some(probe))
        .collect()
    }

    /// The facts so far, each probe that has not answered taken as having found nothing: only what
    /// does not look at a [`waiting`](Self::waiting) probe may be judged on them.
    pub fn so_far(&self) -> Facts {
        let readers = self
            .readers
            .clone()
            .unwrap_or_else(ReadersReport::unavailable);
        let usb = self
            .usb_view
            .clone()
            .unwrap_or_else(|| UsbProbe::nothing().join(&readers));
        let (terminal, usual, usual_error) = self.terminal.clone().unwrap_or_else(|| {
            (
                TerminalSeen::nothing_yet(),
                UsualSetup::shipped().clone(),
                None,
            )
        });
        // Where the installed apps can be read (Windows), as if the MPKI client were not installed: its
        // area is then judged, in its place, and shown waiting.
        let installed = self.installed_mpki.clone().unwrap_or(match Os::current() {
            Os::Windows => Ok(None),
            _ => Err(PlatformError::NotAvailable),
        });
        Answered {
            at_once: self.at_once.clone(),
            readers,
            usb,
            terminal: (terminal, usual, usual_error),
            installed_mpki: installed,
        }
        .into_facts(self.now, self.settings.clone(), self.status.clone())
    }

    /// Every answer; only once every probe has answered.
    pub(super) fn answered(self) -> Answered {
        let waiting = self.waiting();
        let (Some(readers), Some(usb), Some(terminal), Some(installed_mpki)) = (
            self.readers,
            self.usb_view,
            self.terminal,
            self.installed_mpki,
        ) else {
            unreachable!("a probe ended without answering: {waiting:?}")
        };
        Answered {
            at_once: self.at_once,
            readers,
            usb,
            terminal,
            installed_mpki,
        }
    }
}

impl Answered {
    pub(super) fn into_facts(
        self,
        now: DateTime<FixedOffset>,
        settings: Settings,
        status: Status,
    ) -> Facts {
        let mpki = self
            .installed_mpki
            .ok()
            .map(|installed| mpki::status(installed, settings.mpki_latest_known.clone()));
        let (terminal, usual, usual_error) = self.terminal;
        Facts {
            now,
            usb: self.usb,
            readers: self.readers,
            certificate: self.at_once.certificate,
            os: Os::current(),
            os_support: self.at_once.os_support,
            mpki,
            history: self.at_once.history,
            terminal,
            usual,
            usual_error,
            contacts: self.at_once.contacts,
            settings,
            status,
        }
    }
}

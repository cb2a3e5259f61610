//! The resident app's decisions, in one place: what to notify, what the tray shows, when to look at the
//! certificate again, when to start afresh and where the next window lands. A plain state machine: the
//! app feeds it [`Event`]s with the time ([`Clock`]) and applies the [`Effect`]s it returns; between
//! events it sleeps until [`Resident::next_wake`]. Nothing here touches a window, a tray or a file, so
//! every decision is tested below with made-up time.
//!
//! The parts it drives have their own rules and tests: [`crate::app::alerts`] (which notice is due, once a
//! day), [`crate::app::health`] (the tray's level and lines), [`crate::app::relaunch`] (the quiet before a start
//! afresh).

use crate::app::alerts::{self, Alert, ReaderWatch};
use crate::app::event_log::{self, Logged};
use crate::app::health::{self, Health};
use crate::app::relaunch::{Next, Quiet};
use crate::app::screen::Screen;
use crate::app::status::Status;
use crate::cert::CertInfo;
use crate::platform::Os;
use crate::readers::findings::Finding;
use crate::readers::{ReadersReport, UsbView};
use crate::text::Language;
use chrono::NaiveDate;
use std::time::{Duration, Instant};

/// How often the certificate in use is read again without being asked (a renewal made in the MPKI
/// client shows within this).
pub const CERTIFICATE_EVERY: Duration = Duration::from_secs(600);
/// A little past a notice's deadline, so that it is due when the app wakes.
const AFTER_DEADLINE: Duration = Duration::from_millis(200);

/// The time, as the app reads it: `now` for intervals, `today` (Japan's calendar day) for the once-a-day
/// rule and the certificate's days.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: Instant,
    pub today: NaiveDate,
}

/// What happened.
#[derive(Debug, Clone)]
pub enum Event {
    /// Time passed (the app woke at [`Resident::next_wake`]); also the first event after the start.
    Tick,
    /// The PC/SC view changed (the whole report).
    ReadersChanged(ReadersReport),
    /// The USB view beside PC/SC changed.
    UsbChanged(UsbView),
    /// The certificate in use may have changed (one was opened or chosen on 「電子証明書」): look again.
    CertificateMayHaveChanged,
    /// The certificate in use, as just read (None: none found).
    CertificateRead(Option<CertInfo>),
    /// The terminal around the reader, as just looked at and judged (crate::terminal), with the
    /// certificate's look.
    TerminalJudged(Vec<(crate::verdict::Area, Vec<crate::terminal::Judged>)>),
    /// Someone asked for the window: the tray, a notice's click, a second start.
    WindowAsked,
    /// The window is being closed. `told_before`: the "still running" notice was shown once already
    /// (remembered in the settings).
    WindowClosing { told_before: bool },
    /// The window is gone (closed, or it could not be made).
    WindowClosed,
    /// Staff answered a question of 「目で確認する項目」 (kept in `status.eye_answers`): a 「いいえ」 turns
    /// the tray amber for the rest of the day.
    EyesAnswered,
    /// The UI language changed (the tray's words and the notices follow it).
    LanguageChanged(Language),
    /// The start afresh did not come through: this process stays, and does not try again.
    HandOverFailed,
}

/// What the app must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Put this state on the tray (icon colour, tooltip, menu lines) in `language`.
    ShowTray { health: Health, language: Language },
    /// Show a notice, already worded in the UI language.
    Notify { title: String, body: String },
    /// Bring the window that is there to the front, on `screen` when one is given.
    OpenWindow { screen: Option<Screen> },
    /// Make the window (there is none); it asks for its first screen with [`Resident::take_landing`].
    /// Send [`Event::WindowClosed`] if it cannot be made.
    MakeWindow,
    /// Read the certificate in use and send it back as [`Event::CertificateRead`].
    LookAtCertificate,
    /// Remember in the settings that the "still running" notice was shown.
    RememberStillRunningTold,
    /// Hand over to a fresh copy that opens on `landing`; send [`Event::HandOverFailed`] if it fails.
    StartAfresh { landing: Option<Screen> },
    /// Write this entry to the Windows event log (the Application log, source [`event_log::SOURCE`]);
    /// nothing elsewhere. Decided with the tray: when the overall level or an area's changes.
    WriteEvent(event_log::Entry),
}

/// The resident app's state.
#[derive(Debug)]
pub struct Resident {
    os: Os,
    language: Language,
    readers: ReaderWatch,
    report: Option<ReadersReport>,
    /// The USB findings beside PC/SC (readers plugged in that PC/SC does not present).
    findings: Vec<Finding>,
    certificate: Option<CertInfo>,
    /// The terminal's areas at the last look: what staff must act on turns the tray amber too.
    terminal: Vec<(crate::verdict::Area, Vec<crate::terminal::Judged>)>,
    next_certificate_look: Instant,
    /// A window exists or is being made.
    window: bool,
    /// The screen the next window shows first (the one the last notice was about).
    landing: Option<Screen>,
    quiet: Quiet,
    /// None: this process never starts afresh (Windows, or a start afresh that failed).
    settle: Option<Duration>,
    handing_over: bool,
    shown: Option<(Health, Language)>,
    /// What the event log was last told.
    logged: Logged,
}

/// How a [`Resident`] starts.
#[derive(Debug, Clone)]
pub struct Start {
    pub os: Os,
    pub language: Language,
    /// A smartphone-ready reader was on this PC before (`Status::smartphone_reader_seen`).
    pub smartphone_reader_known: bool,
    /// The screen a predecessor's notice left to land on (`--landing`).
    pub landing: Option<Screen>,
    /// Whether and after how long a quiet the app starts afresh: Some(relaunch::SETTLE) on Linux, where
    /// WebKitGTK keeps its memory for the life of the process; None on Windows.
    pub settle: Option<Duration>,
}

impl Resident {
    pub fn new(start: Start, clock: Clock) -> Resident {
        Resident {
            os: start.os,
            language: start.language,
            readers: ReaderWatch::new(start.os, start.smartphone_reader_known, clock.now),
            report: None,
            findings: Vec::new(),
            certificate: None,
            terminal: Vec::new(),
            next_certificate_look: clock.now,
            window: false,
            landing: start.landing,
            quiet: Quiet::default(),
            settle: start.settle,
            handing_over: false,
            shown: None,
            logged: Logged::default(),
        }
    }

    /// Takes in `event` at `clock`; `status` is the app's status file in memory (notices already shown,
    /// the certificate last seen), changed here and written by the app. Returns what to do, in order.
    pub fn handle(&mut self, event: Event, clock: Clock, status: &mut Status) -> Vec<Effect> {
        let mut effects = Vec::new();
        match event {
            Event::Tick | Event::EyesAnswered => {}
            Event::ReadersChanged(report) => {
                if let Some(back) = self.readers.observe(&report, clock.now) {
                    self.notify(&back, clock, status, &mut effects);
                }
                if self.readers.knows_a_smartphone_reader() {
                    status.smartphone_reader_seen = true;
                }
                self.report = Some(report);
            }
            Event::UsbChanged(view) => self.findings = view.findings,
            Event::TerminalJudged(areas) => self.terminal = areas,
            Event::CertificateMayHaveChanged => self.next_certificate_look = clock.now,
            Event::CertificateRead(found) => {
                if let Some(info) = &found {
                    let today = crate::cert::expiry::date_text(clock.today);
                    status.see_certificate(&info.serial, &info.not_after, &today);
                    if let Some(alert) = alerts::certificate(info) {
                        self.notify(&alert, clock, status, &mut effects);
                    }
                }
                if let Some(alert) = alerts::backup_missing(status) {
                    self.notify(&alert, clock, status, &mut effects);
                }
                self.certificate = found;
            }
            Event::WindowAsked => {
                // A window being made asks for its landing as its page loads (`take_landing`); one already
                // there is told the screen.
                effects.push(if self.window {
                    Effect::OpenWindow {
                        screen: self.landing.take(),
                    }
                } else {
                    Effect::MakeWindow
                });
                self.window = true;
                self.quiet.window_opened();
            }
            Event::WindowClosing { told_before } => {
                if !told_before && !self.handing_over {
                    let (title, body) = alerts::still_running();
                    self.quiet.noticed(clock.now);
                    effects.push(Effect::Notify {
                        title: title.get(self.language).to_owned(),
                        body: body.get(self.language).to_owned(),
                    });
                    effects.push(Effect::RememberStillRunningTold);
                }
            }
            Event::WindowClosed => {
                self.window = false;
                self.quiet.window_closed(clock.now);
            }
            Event::LanguageChanged(language) => self.language = language,
            Event::HandOverFailed => {
                self.handing_over = false;
                self.settle = None;
                // The predecessor hid its tray for the copy: show it again, whatever it showed.
                self.shown = None;
            }
        }
        self.time_passed(clock, status, &mut effects);
        self.refresh_tray(clock, status, &mut effects);
        effects
    }

    /// When the app must wake, seen at `now`, if no event comes first: the certificate's next look, a
    /// reader notice falling due, the end of the quiet before a start afresh.
    pub fn next_wake(&self, now: Instant) -> Instant {
        let mut wake = self.next_certificate_look;
        if let Some(deadline) = self.readers.next_deadline() {
            wake = wake.min(deadline + AFTER_DEADLINE);
        }
        match self.afresh(now) {
            Some(Next::At(when)) => wake.min(when),
            Some(Next::Now) => now,
            _ => wake,
        }
    }

    /// The certificate in use as last read.
    pub fn certificate(&self) -> Option<&CertInfo> {
        self.certificate.as_ref()
    }

    /// The screen the window should open on, once (asked by a window as it loads).
    pub fn take_landing(&mut self) -> Option<Screen> {
        self.landing.take()
    }

    /// Whether this process is ending to hand over to a fresh copy (its end is then no end of the watch).
    pub fn handing_over(&self) -> bool {
        self.handing_over
    }

    /// The language the tray and the notices speak.
    pub fn language(&self) -> Language {
        self.language
    }

    fn time_passed(&mut self, clock: Clock, status: &mut Status, effects: &mut Vec<Effect>) {
        if clock.now >= self.next_certificate_look {
            self.next_certificate_look = clock.now + CERTIFICATE_EVERY;
            effects.push(Effect::LookAtCertificate);
        }
        for alert in self.readers.due(clock.now) {
            self.notify(&alert, clock, status, effects);
        }
        if self.afresh(clock.now) == Some(Next::Now) {
            self.handing_over = true;
            effects.push(Effect::StartAfresh {
                landing: self.landing,
            });
        }
    }

    /// The start afresh's decision at `now`, where this process may start afresh at all.
    fn afresh(&self, now: Instant) -> Option<Next> {
        let settle = self.settle?;
        if self.handing_over || self.window {
            return None;
        }
        Some(self.quiet.next(self.readers.next_deadline(), now, settle))
    }

    /// Shows `alert` unless its cause already spoke today, or this process is handing over (the copy
    /// speaks from then on); the next window opens on its screen.
    fn notify(
        &mut self,
        alert: &Alert,
        clock: Clock,
        status: &mut Status,
        effects: &mut Vec<Effect>,
    ) {
        if self.handing_over {
            return;
        }
        alerts::forget_old(&mut status.notified, clock.today);
        if !alert.admit(&mut status.notified, clock.today) {
            return;
        }
        self.landing = Some(alert.screen);
        self.quiet.noticed(clock.now);
        effects.push(Effect::Notify {
            title: alert.title.get(self.language).to_owned(),
            body: alert.body.get(self.language).to_owned(),
        });
    }

    /// The tray shows the worst of the readers, the certificate and, when it needs attention, the OS;
    /// redrawn only when that or the language changed (a card placed at reception changes nothing).
    /// The event log follows it: an entry when the whole or an area changes its level.
    fn refresh_tray(&mut self, clock: Clock, status: &Status, effects: &mut Vec<Effect>) {
        let Some(report) = &self.report else {
            // Not before the readers are known: the tray would say "no reader" for a moment.
            return;
        };
        if self.handing_over {
            return;
        }
        let os = crate::os_support::this_pc(clock.today);
        let health = health::assess(report, &self.findings, self.certificate.as_ref(), self.os)
            .with_os(&os)
            .with_terminal(&self.terminal)
            .with_eyes(crate::desk_check::eyes_judged_today(
                &status.eye_answers,
                &crate::cert::expiry::date_text(clock.today),
            ));
        let entries = self.logged.changes(&health);
        let now = Some((health.clone(), self.language));
        if self.shown != now {
            self.shown = now;
            effects.push(Effect::ShowTray {
                health,
                language: self.language,
            });
        }
        effects.extend(entries.into_iter().map(Effect::WriteEvent));
    }
}

#[cfg(test)]
#[path = "resident_tests.rs"]
mod tests;

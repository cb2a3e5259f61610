//! When the resident app starts itself afresh. Closing the window destroys it and its web page, but
//! WebKitGTK keeps what it loaded for the first window (its network process, the libraries and the GL
//! driver) for the life of the process: about 25 MB that only a new process gives back. So once the window
//! has been closed for a while and nothing is waiting, the app starts a copy of itself straight into the
//! tray and ends; the copy is what an app started at login is, with the screen a notice left to land on.
//!
//! The wait keeps two things a person would notice: a window closed and opened again soon opens at once
//! (no new process to start), and a notice still on screen can still be clicked (its click goes to the
//! process that showed it).

use crate::app::screen::Screen;
use std::time::{Duration, Instant};

/// How long the window stays closed, and the last notice stays unclicked, before the app starts afresh.
pub const SETTLE: Duration = Duration::from_secs(60);
/// The argument the fresh copy starts with: into the tray, once its predecessor has ended.
pub const ARG: &str = "--relaunched";
/// The argument before the screen the next window opens on.
pub const LANDING_ARG: &str = "--landing";

/// What the decision needs: when the window closed (none while one is open, or none ever was) and when the
/// last notice was shown.
#[derive(Debug, Default)]
pub struct Quiet {
    window_closed_at: Option<Instant>,
    last_notice_at: Option<Instant>,
}

/// When to start afresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Now,
    /// Look again then (something may still change before it).
    At(Instant),
    /// Not while a window is open, nor when none was ever made: there is nothing to give back.
    Never,
}

impl Quiet {
    pub fn window_opened(&mut self) {
        self.window_closed_at = None;
    }

    pub fn window_closed(&mut self, now: Instant) {
        self.window_closed_at = Some(now);
    }

    pub fn noticed(&mut self, now: Instant) {
        self.last_notice_at = Some(now);
    }

    /// `pending` is when the reader watch's next "gone for 30 s" notice may fall due: the copy would start
    /// its 30 s again, so the app waits until that has been decided.
    pub fn next(&self, pending: Option<Instant>, now: Instant, settle: Duration) -> Next {
        let Some(closed) = self.window_closed_at else {
            return Next::Never;
        };
        let calm_from = [Some(closed), self.last_notice_at, pending]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(closed)
            + settle;
        if now >= calm_from {
            Next::Now
        } else {
            Next::At(calm_from)
        }
    }
}

/// The fresh copy's arguments.
pub fn args(landing: Option<Screen>) -> Vec<String> {
    let mut args = vec![ARG.to_owned()];
    if let Some(screen) = landing {
        args.extend([LANDING_ARG.to_owned(), screen.name().to_owned()]);
    }
    args
}

/// Whether this process is a fresh copy, from its arguments.
pub fn is_relaunched(args: &[String]) -> bool {
    args.iter().any(|arg| arg == ARG)
}

/// The screen the predecessor's last notice was about, from the arguments.
pub fn landing(args: &[String]) -> Option<Screen> {
    let at = args.iter().position(|arg| arg == LANDING_ARG)?;
    Screen::from_name(args.get(at + 1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = SETTLE;

    #[test]
    fn never_while_a_window_is_open_or_none_was_made() {
        let start = Instant::now();
        let mut quiet = Quiet::default();
        assert_eq!(quiet.next(None, start + 10 * S, S), Next::Never);
        quiet.window_closed(start);
        quiet.window_opened();
        assert_eq!(quiet.next(None, start + 10 * S, S), Next::Never);
    }

    #[test]
    fn a_minute_after_the_window_closed() {
        let start = Instant::now();
        let mut quiet = Quiet::default();
        quiet.window_closed(start);
        assert_eq!(quiet.next(None, start, S), Next::At(start + S));
        assert_eq!(quiet.next(None, start + S, S), Next::Now);
    }

    #[test]
    fn waits_for_a_notice_to_settle_and_a_pending_one_to_be_decided() {
        let start = Instant::now();
        let mut quiet = Quiet::default();
        quiet.window_closed(start);
        quiet.noticed(start + Duration::from_secs(50));
        assert_eq!(
            quiet.next(None, start + S, S),
            Next::At(start + Duration::from_secs(50) + S)
        );
        let pending = start + Duration::from_secs(200);
        assert_eq!(
            quiet.next(Some(pending), start + 2 * S, S),
            Next::At(pending + S)
        );
        assert_eq!(quiet.next(Some(pending), pending + S, S), Next::Now);
    }

    #[test]
    fn arguments_carry_the_landing_screen() {
        let args = args(Some(Screen::Readers));
        assert!(is_relaunched(&args));
        assert_eq!(landing(&args), Some(Screen::Readers));
        let plain = super::args(None);
        assert!(is_relaunched(&plain));
        assert_eq!(landing(&plain), None);
        assert!(!is_relaunched(&["--autostart".to_owned()]));
        assert_eq!(
            landing(&[LANDING_ARG.to_owned(), "nowhere".to_owned()]),
            None
        );
    }

    #[test]
    fn screen_names_are_the_ones_the_ui_knows() {
        for screen in [Screen::Home, Screen::Readers, Screen::Cert] {
            let serialised = serde_json::to_value(screen).unwrap();
            assert_eq!(serialised.as_str(), Some(screen.name()));
            assert_eq!(Screen::from_name(screen.name()), Some(screen));
        }
    }
}

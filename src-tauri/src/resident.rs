//! Runs the resident app: one thread feeds onshi-core's `Resident` state machine the app's events and
//! applies the effects it returns (tray, notices, window, the certificate's look, the start afresh, the
//! Windows event log's entries),
//! sleeping in between until the machine's next wake. The rest of the app reaches it through
//! [`ResidentExt`]: `app.resident().send(Event::…)`, the way Tauri's plugins are reached.
//!
//! The decisions are all in onshi-core (resident.rs, tested there with made-up time); this file only
//! carries events in and effects out.

use crate::app_status::AppStatus;
use onshi_core::app::resident::{Clock, Effect, Event, Resident, Start};
use onshi_core::app::screen::Screen;
use onshi_core::cert::CertInfo;
use onshi_core::lock::LockExt;
use onshi_core::time::now_jst;
use std::sync::{mpsc, Mutex};
use std::time::Instant;
use tauri::{AppHandle, Manager, Runtime, State};

/// The resident app's state in the app: the machine, and the way in for events.
pub struct ResidentState {
    machine: Mutex<Resident>,
    events: mpsc::Sender<Event>,
}

impl ResidentState {
    /// Hands `event` to the resident's thread (in order; never blocks).
    pub fn send(&self, event: Event) {
        // Only fails once the thread has ended with the app.
        let _ = self.events.send(event);
    }

    /// The certificate in use as last read.
    pub fn certificate(&self) -> Option<CertInfo> {
        self.machine().certificate().cloned()
    }

    /// The screen a new window opens on, once.
    pub fn take_landing(&self) -> Option<Screen> {
        self.machine().take_landing()
    }

    /// Whether this process is ending to hand over to its fresh copy.
    pub fn handing_over(&self) -> bool {
        self.machine().handing_over()
    }

    fn machine(&self) -> std::sync::MutexGuard<'_, Resident> {
        self.machine.lock_or_recover()
    }
}

/// `app.resident()` from anything that holds the app (`AppHandle`, `App`, a window).
pub trait ResidentExt<R: Runtime> {
    fn resident(&self) -> State<'_, ResidentState>;
}

impl<R: Runtime, M: Manager<R>> ResidentExt<R> for M {
    fn resident(&self) -> State<'_, ResidentState> {
        self.state::<ResidentState>()
    }
}

fn clock() -> Clock {
    Clock {
        now: Instant::now(),
        today: now_jst().date_naive(),
    }
}

/// Makes the machine and starts its thread. Events sent before the thread runs wait in the channel.
pub fn start(app: &AppHandle, landing: Option<Screen>) {
    let start = Start {
        os: onshi_core::platform::Os::current(),
        language: crate::settings::language(app),
        smartphone_reader_known: app
            .state::<AppStatus>()
            .read(|status| status.smartphone_reader_seen),
        landing,
        settle: crate::relaunch::settle(),
    };
    let (events, inbox) = mpsc::channel();
    app.manage(ResidentState {
        machine: Mutex::new(Resident::new(start, clock())),
        events,
    });
    let app = app.clone();
    std::thread::Builder::new()
        .name("onshi-resident".into())
        .spawn(move || run(&app, &inbox))
        .expect("the resident thread starts");
}

/// The loop: one event (or the wake-up's Tick) at a time, its effects applied in order.
fn run(app: &AppHandle, inbox: &mpsc::Receiver<Event>) {
    let mut event = Event::Tick;
    loop {
        let state = app.resident();
        let effects = {
            let mut machine = state.machine();
            app.state::<AppStatus>()
                .update_if_changed(|status| machine.handle(event, clock(), status))
        };
        for effect in effects {
            apply(app, effect);
        }
        let wake = state.machine().next_wake(Instant::now());
        event = match inbox.recv_timeout(wake.saturating_duration_since(Instant::now())) {
            Ok(next) => next,
            Err(mpsc::RecvTimeoutError::Timeout) => Event::Tick,
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
    }
}

fn apply(app: &AppHandle, effect: Effect) {
    match effect {
        Effect::ShowTray { health, language } => crate::tray::show_health(app, &health, language),
        Effect::Notify { title, body } => crate::notice::show(app, &title, &body, |app| {
            app.resident().send(Event::WindowAsked)
        }),
        Effect::OpenWindow { screen } => {
            // (Closed a moment ago, its close not yet taken in: made again.)
            if crate::window::bring_to_front(app, screen).is_err() {
                make_window(app);
            }
        }
        Effect::MakeWindow => make_window(app),
        Effect::LookAtCertificate => {
            let found = crate::certificate_in_use::find(app);
            app.resident().send(Event::CertificateRead(found));
            // The terminal around the reader at the same pace (every 10 minutes): configuration only,
            // a few registry values and folders, compared with the usual set-up of this site.
            app.resident()
                .send(Event::TerminalJudged(crate::terminal_look::judged(app)));
        }
        Effect::RememberStillRunningTold => {
            if let Ok(mut settings) = crate::settings::load(app) {
                settings.tray_notice_shown = true;
                if let Err(error) = crate::settings::save(app, &settings) {
                    eprintln!("settings: {error}");
                }
            }
        }
        Effect::WriteEvent(entry) => {
            if let Err(why) = crate::event_log::write(&entry) {
                eprintln!("event log {}: {why}", entry.id);
            }
        }
        Effect::StartAfresh { landing } => {
            if let Err(why) = crate::relaunch::hand_over(app, landing) {
                eprintln!("the app could not start afresh ({why}); it stays as it is");
                app.resident().send(Event::HandOverFailed);
            }
        }
    }
}

/// Makes the window off this thread (a message box without WebView2 waits for its OK, and the web view
/// may take a moment); tells the machine when none could be made.
fn make_window(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        if let Err(why) = crate::window::make(&app) {
            eprintln!("{why}");
            app.resident().send(Event::WindowClosed);
        }
    });
}

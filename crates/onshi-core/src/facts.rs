//! What this PC shows, gathered once per run: the one place that reads the app's memory (settings and
//! status), the readers with the USB view, the certificate in use, the OS and its deadline, the MPKI
//! client and the recent history. The support report, `onshi check`, 始業点検 and the home screen's first
//! line all judge the same `Facts`; a new fact is added here once and every one of them can see it.

use crate::app::contacts::Contacts;
use crate::app::history::{History, HistoryEvent};
use crate::app::settings::Settings;
use crate::app::status::Status;
use crate::cert::in_use::{self, InUse, Source};
use crate::mpki::{self, MpkiStatus};
use crate::os_support::OsSupport;
use crate::platform::Os;
use crate::readers::{ReadersReport, UsbView};
use crate::terminal::usual::{SiteFileError, UsualSetup};
use crate::terminal::TerminalSeen;
use chrono::{DateTime, FixedOffset};
use std::path::{Path, PathBuf};

mod gathering;
use gathering::{Answer, AtOnce};
pub use gathering::{Awaited, Gathering};

/// Days of history gathered (the support report sums them up).
pub const HISTORY_DAYS: i64 = 7;

/// What the app remembers, as the caller holds it: the CLI reads it from the data folder without
/// changing anything, the app hands in what it keeps in memory.
#[derive(Debug, Clone, Default)]
pub struct Remembered {
    pub settings: Settings,
    pub status: Status,
    /// The app's data folder, where the history lives; None when there is none (no home folder).
    pub data_dir: Option<PathBuf>,
}

impl Remembered {
    /// The app's settings and status as saved in `data_dir`, read only (a damaged file reads as empty).
    pub fn read_only(data_dir: Option<&Path>) -> Remembered {
        Remembered {
            settings: data_dir
                .map(crate::app::settings::read_saved)
                .unwrap_or_default(),
            status: data_dir.map(Status::read_only).unwrap_or_default(),
            data_dir: data_dir.map(Path::to_path_buf),
        }
    }
}

/// Which certificate to look at.
#[derive(Debug, Clone, Copy)]
pub enum CertificateChoice<'a> {
    /// The one the PC uses: the store's in-use certificate (the staff's choice among several, kept in
    /// the settings), else the file last opened in the app (kept in the status).
    InUse,
    /// A file named by the caller (`onshi check --cert FILE`).
    File(&'a Path),
}

/// Everything the judges look at, as of `now`.
#[derive(Debug, Clone)]
pub struct Facts {
    /// When the facts were gathered (Japan time).
    pub now: DateTime<FixedOffset>,
    pub settings: Settings,
    pub status: Status,
    pub readers: ReadersReport,
    /// A fresh look at USB joined with `readers`, so that the result is of this moment.
    pub usb: UsbView,
    /// The certificate looked at and where it came from; None when none was found.
    pub certificate: Option<InUse>,
    pub os: Os,
    /// The OS's edition and its last day of updates.
    pub os_support: OsSupport,
    /// The MPKI client against the latest version entered, where installed apps can be read (Windows);
    /// None elsewhere.
    pub mpki: Option<MpkiStatus>,
    /// The history of the last [`HISTORY_DAYS`] days, oldest first (empty without a data folder).
    pub history: Vec<HistoryEvent>,
    /// The terminal around the reader (crate::terminal), and the usual set-up it is compared with (the
    /// shipped values with the site's file over them; the file's error when it could not be used).
    pub terminal: TerminalSeen,
    pub usual: UsualSetup,
    pub usual_error: Option<SiteFileError>,
    /// Whom staff call, as the IT vendor entered it (empty when nothing was, or the file is unreadable:
    /// 「設定」 names a damaged file).
    pub contacts: Contacts,
}

/// Gathers the facts as of `now` (Japan time; the CLI's `--at` moves the day): `readers` gives the
/// caller's picture of PC/SC (the app hands in the one its watch keeps; the CLI takes a snapshot, which
/// waits on the smart-card service), everything else is read now.
pub fn gather(
    remembered: Remembered,
    readers: impl FnOnce() -> ReadersReport + Send,
    certificate: CertificateChoice,
    now: DateTime<FixedOffset>,
) -> Facts {
    gather_in_steps(remembered, readers, certificate, now, |_| {})
}

/// As [`gather`], handing `step` the facts gathered so far before the first probe answers and after
/// each answer (始業点検 fills in area by area: `Gathering::waiting` says which probes have not answered).
///
/// On Windows the probes that wait on the OS run at the same time, each on its own thread, because none
/// needs another's answer: the PC/SC listing (a round trip to SCardSvr), the USB view's readings
/// (SetupAPI, the services), the terminal around the reader (the registry, Task Scheduler and the shares
/// over COM) and the installed apps (the registry); the files of the app's own folder and the
/// certificate are read on this thread meanwhile. On Linux they run one after another on this thread,
/// which is faster there (see [`probe`]). The result is the same either way: only the USB view's
/// findings need the PC/SC picture, and they are made once both are in. A probe that panics panics
/// here, as it would have without the threads.
pub fn gather_in_steps(
    remembered: Remembered,
    readers: impl FnOnce() -> ReadersReport + Send,
    certificate: CertificateChoice,
    now: DateTime<FixedOffset>,
    mut step: impl FnMut(&Gathering),
) -> Facts {
    let Remembered {
        settings,
        status,
        data_dir,
    } = remembered;
    let today = now.date_naive();
    // The scope ends when every probe has answered; `status` and `data_dir` are only lent to them.
    let answered = std::thread::scope(|scope| {
        let (sender, answers) = std::sync::mpsc::channel();
        let probes = [
            probe(scope, &sender, move || Answer::Readers(readers())),
            probe(scope, &sender, || Answer::Usb(crate::readers::probe_usb())),
            probe(scope, &sender, || {
                Answer::Terminal(Box::new(look_at_terminal(&status, data_dir.as_deref())))
            }),
            probe(scope, &sender, || {
                Answer::InstalledApps(
                    crate::platform::installed_apps().version_of(mpki::DISPLAY_NAME),
                )
            }),
        ];
        // The answers end when the last probe has answered (or panicked).
        drop(sender);
        let at_once = AtOnce {
            certificate: match certificate {
                CertificateChoice::InUse => in_use::find(
                    status.certificate_file.as_ref(),
                    settings.terminal_certificate.as_deref(),
                    today,
                ),
                CertificateChoice::File(path) => Some(InUse {
                    source: Source::File(crate::app_data::without_home(&path.to_string_lossy())),
                    certificate: in_use::from_file(path, today),
                }),
            },
            history: data_dir
                .as_deref()
                .and_then(|dir| History::new(dir).load(today, HISTORY_DAYS, false).ok())
                .map(|loaded| loaded.events)
                .unwrap_or_default(),
            contacts: data_dir
                .as_deref()
                .and_then(|dir| Contacts::load(dir).ok())
                .unwrap_or_default(),
            os_support: crate::os_support::this_pc(today),
        };
        let mut gathering = Gathering::new(now, &settings, &status, at_once);
        step(&gathering);
        for answer in answers {
            gathering.take(answer);
            step(&gathering);
        }
        for probe in probes.into_iter().flatten() {
            probe
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        gathering.answered()
    });
    answered.into_facts(now, settings, status)
}

/// Starts a probe beside the others, its answer sent to `sender`: on Windows on a thread of its own,
/// since the registry, Task Scheduler and the shares over COM wait on the OS; elsewhere at once, on this
/// thread. On Linux the probes are bound by CPU (sysfs, a netlink dump, pcscd's answers on the same
/// machine) and a thread costs more than the overlap gains: with every probe on this thread `onshi
/// check` took 0.80–0.83× the wall time (0.93× the CPU) of the PC/SC listing on a thread of its own, on
/// the rig, 100 alternating runs each (BENCHMARKS.md, "`onshi check` against its floor").
fn probe<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    sender: &std::sync::mpsc::Sender<Answer>,
    run: impl FnOnce() -> Answer + Send + 'scope,
) -> Option<std::thread::ScopedJoinHandle<'scope, ()>> {
    // Sending only fails when the gathering stopped listening, which it does only after every answer.
    if cfg!(windows) {
        let sender = sender.clone();
        Some(scope.spawn(move || {
            let _ = sender.send(run());
        }))
    } else {
        let _ = sender.send(run());
        None
    }
}

/// The terminal around the reader now, with the site's usual set-up it is compared with (and why the
/// site's file could not be used), remembering what the last 始業点検 kept in `status`. Also what the
/// resident looks at every 10 minutes for the tray.
pub fn look_at_terminal(
    status: &Status,
    data_dir: Option<&Path>,
) -> (TerminalSeen, UsualSetup, Option<SiteFileError>) {
    let (usual, usual_error) = UsualSetup::for_site(data_dir);
    let memory = crate::terminal::Memory {
        prefix: status.line_prefix.clone(),
        last_check: status.last_desk_check_at.clone(),
    };
    // The PC's own clock, never the CLI's `--at`: that moves the day a certificate is judged on, and
    // must not make the clock look as if it went back.
    let clock = crate::time::rfc3339_jst(crate::time::now_jst());
    let terminal = crate::terminal::look(&usual, memory, &clock);
    (terminal, usual, usual_error)
}

impl Facts {
    /// The certificate looked at, when it could be read.
    pub fn certificate_info(&self) -> Option<&crate::cert::CertInfo> {
        self.certificate
            .as_ref()
            .and_then(|found| found.certificate.as_ref().ok())
    }
}

#[cfg(test)]
impl Facts {
    /// A PC with these readers (nothing on USB but them) and nothing else known, for the judges' tests;
    /// a test sets the fields it is about.
    pub(crate) fn with_readers(readers: ReadersReport) -> Facts {
        Facts {
            now: crate::time::now_jst(),
            settings: Settings::default(),
            status: Status::default(),
            usb: UsbView {
                usb: Vec::new(),
                usb_error: None,
                smart_card_service: None,
                usb_selective_suspend: None,
                drivers: crate::terminal::seen::Probe::DoesNotApply,
                findings: Vec::new(),
                verdict: readers.verdict(&[], Os::Linux),
            },
            readers,
            certificate: None,
            os: Os::Linux,
            os_support: crate::os_support::this_pc(crate::time::now_jst().date_naive()),
            mpki: None,
            history: Vec::new(),
            terminal: crate::terminal::quiet_linux_morning(),
            usual: UsualSetup::shipped().clone(),
            usual_error: None,
            contacts: Contacts::default(),
        }
    }
}

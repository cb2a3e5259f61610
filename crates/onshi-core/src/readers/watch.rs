//! Follows readers and cards as they come and go, the way pcsc-rust's `examples/monitor.rs` does:
//! a thread of its own with a context of its own, the PnP entry to hear about readers, and a blocking
//! `get_status_change` (no polling; its finite timeout is only a safety net for platforms that miss
//! reader changes). A dead context (pcscd restarted, Windows stopping its service when the last reader
//! leaves) is replaced with back-off, and a reader that vanishes mid-call never breaks the loop.

use super::atr;
use super::is_dead_context;
use crate::lock::LockExt;
use crate::time::{now_jst, rfc3339_jst};
use pcsc::{Context, ReaderState, Scope, State, PNP_NOTIFICATION};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ffi::CString;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use ts_rs::TS;

/// What happened (docs/CLI.md, `onshi watch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum WatchEventKind {
    ReaderAdded,
    ReaderRemoved,
    CardInserted,
    CardRemoved,
    /// The smart-card service stopped answering; every reader is gone with it.
    ServiceLost,
    ServiceBack,
}

/// One change, as `onshi watch --json` prints it and the app pushes it to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WatchEvent {
    /// RFC 3339 in Japan time, with milliseconds.
    pub at: String,
    pub event: WatchEventKind,
    pub reader: Option<String>,
    /// The card's ATR in hex, for `card-inserted`.
    pub atr: Option<String>,
}

impl WatchEvent {
    fn now(event: WatchEventKind, reader: Option<&str>, atr: Option<&[u8]>) -> WatchEvent {
        WatchEvent {
            at: rfc3339_jst(now_jst()),
            event,
            reader: reader.map(str::to_owned),
            atr: atr.map(atr::to_hex),
        }
    }
}

/// The wait of one `get_status_change` call. Changes wake it at once; the timeout only bounds how long a
/// reader change that the platform failed to signal can go unseen. Such a change falls between two calls
/// (pcsc-lite 1.9), and calls follow each other closely only after a change: so the wait is short right
/// after one and doubles while nothing happens, up to the idle wait (an idle PC's watch then costs a
/// couple of wake-ups a minute, not thirty).
const SAFETY_NET: Duration = Duration::from_secs(2);
const SAFETY_NET_IDLE: Duration = Duration::from_secs(32);
const BACKOFF_FIRST: Duration = Duration::from_millis(200);
const BACKOFF_MAX: Duration = Duration::from_secs(2);

/// A running watch. Dropping it stops the thread.
pub struct Watcher {
    stop: Option<Sender<()>>,
    /// The context the thread is blocked in, so that `stop` can cancel the call.
    context: Arc<Mutex<Option<Context>>>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts watching; `sink` receives every event on the watcher's thread, in order. The first events
    /// describe what is already there: `service-lost` when the service is down, else each reader and card.
    pub fn start(sink: impl FnMut(WatchEvent) + Send + 'static) -> Watcher {
        let (stop_tx, stop_rx) = mpsc::channel();
        let context = Arc::new(Mutex::new(None));
        let shared = Arc::clone(&context);
        let thread = std::thread::Builder::new()
            .name("onshi-reader-watch".into())
            .spawn(move || {
                Loop {
                    sink,
                    stop: stop_rx,
                    context: shared,
                    known: BTreeMap::new(),
                }
                .run()
            })
            .expect("the OS can start a thread");
        Watcher {
            stop: Some(stop_tx),
            context,
            thread: Some(thread),
        }
    }

    /// Stops the watch and waits for its thread to end.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        // Dropping the sender wakes a back-off sleep; cancel wakes a blocked status-change call. A cancel
        // that lands just before the thread enters the call is lost, so repeat it until the thread ends.
        drop(self.stop.take());
        let Some(thread) = self.thread.take() else {
            return;
        };
        while !thread.is_finished() {
            if let Some(context) = self.context.lock_or_recover().as_ref() {
                let _ = context.cancel();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = thread.join();
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// What the watcher last reported for one reader.
#[derive(Clone, Copy, Default)]
struct Seen {
    card: bool,
    /// pcsc-lite and Windows count card events per reader; a jump of two or more while a card stayed
    /// present means it was taken away and put back between two calls.
    event_count: u32,
}

enum Outcome {
    Stopped,
    ContextDied,
}

struct Loop<F> {
    sink: F,
    stop: Receiver<()>,
    context: Arc<Mutex<Option<Context>>>,
    known: BTreeMap<CString, Seen>,
}

impl<F: FnMut(WatchEvent)> Loop<F> {
    fn run(mut self) {
        let mut service_up: Option<bool> = None;
        let mut backoff = BACKOFF_FIRST;
        loop {
            if self.stop_requested() {
                return;
            }
            let context = match Context::establish(Scope::User) {
                Ok(context) => context,
                Err(_) => {
                    if service_up != Some(false) {
                        self.emit(WatchEventKind::ServiceLost, None, None);
                        service_up = Some(false);
                    }
                    if self.sleep(backoff) {
                        return;
                    }
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                    continue;
                }
            };
            *self.context.lock_or_recover() = Some(context.clone());
            if service_up == Some(false) {
                self.emit(WatchEventKind::ServiceBack, None, None);
            }
            backoff = BACKOFF_FIRST;
            let outcome = self.follow(&context);
            *self.context.lock_or_recover() = None;
            match outcome {
                Outcome::Stopped => return,
                Outcome::ContextDied => {
                    // Every reader went with the service; they are reported again when it is back.
                    self.known.clear();
                    self.emit(WatchEventKind::ServiceLost, None, None);
                    service_up = Some(false);
                }
            }
        }
    }

    /// Follows changes on one live context until it dies or the watch is stopped.
    fn follow(&mut self, context: &Context) -> Outcome {
        let mut states = vec![ReaderState::new(PNP_NOTIFICATION(), State::UNAWARE)];
        let mut wait = SAFETY_NET;
        loop {
            if self.stop_requested() {
                return Outcome::Stopped;
            }
            let names = match context.list_readers_owned() {
                Ok(names) => names,
                Err(pcsc::Error::NoReadersAvailable) => Vec::new(),
                Err(error) if is_dead_context(error) => return Outcome::ContextDied,
                Err(_) => Vec::new(),
            };
            self.sync_reader_list(&names, &mut states);
            for state in &mut states {
                state.sync_current_state();
            }
            match context.get_status_change(wait, &mut states) {
                Ok(()) => wait = SAFETY_NET,
                Err(pcsc::Error::Timeout) => wait = (wait * 2).min(SAFETY_NET_IDLE),
                Err(pcsc::Error::Cancelled) => continue,
                // A reader vanished between listing and waiting: list again.
                Err(pcsc::Error::UnknownReader) => {
                    wait = SAFETY_NET;
                    continue;
                }
                Err(error) if is_dead_context(error) => return Outcome::ContextDied,
                Err(_) => {
                    // Unexpected, but not fatal: do not spin on it.
                    if self.sleep(BACKOFF_FIRST) {
                        return Outcome::Stopped;
                    }
                    continue;
                }
            }
            for state in states.iter().skip(1) {
                self.report_card_change(state);
            }
        }
    }

    /// Reports readers that appeared or left since the last listing, and keeps `states` to match.
    fn sync_reader_list(&mut self, names: &[CString], states: &mut Vec<ReaderState>) {
        let gone: Vec<CString> = self
            .known
            .keys()
            .filter(|name| !names.contains(name))
            .cloned()
            .collect();
        for name in gone {
            let seen = self.known.remove(&name).unwrap_or_default();
            let reader = name.to_string_lossy();
            if seen.card {
                self.emit(WatchEventKind::CardRemoved, Some(&reader), None);
            }
            self.emit(WatchEventKind::ReaderRemoved, Some(&reader), None);
        }
        states.retain(|state| {
            state.name() == PNP_NOTIFICATION() || names.iter().any(|n| n.as_c_str() == state.name())
        });
        for name in names {
            if !self.known.contains_key(name) {
                self.known.insert(name.clone(), Seen::default());
                self.emit(
                    WatchEventKind::ReaderAdded,
                    Some(&name.to_string_lossy()),
                    None,
                );
                states.push(ReaderState::new(name.clone(), State::UNAWARE));
            }
        }
    }

    fn report_card_change(&mut self, state: &ReaderState) {
        let flags = state.event_state();
        if flags.intersects(State::UNKNOWN | State::IGNORE) {
            return; // gone; the next listing reports it
        }
        let Some(seen) = self.known.get(state.name()).copied() else {
            return;
        };
        let present = flags.contains(State::PRESENT);
        let count = state.event_count();
        let swapped = seen.card
            && present
            && count >= seen.event_count.wrapping_add(2)
            && seen.event_count != 0;
        let reader = state.name().to_string_lossy().into_owned();
        if seen.card && (!present || swapped) {
            self.emit(WatchEventKind::CardRemoved, Some(&reader), None);
        }
        if present && (!seen.card || swapped) {
            self.emit(
                WatchEventKind::CardInserted,
                Some(&reader),
                Some(state.atr()),
            );
        }
        self.known.insert(
            state.name().to_owned(),
            Seen {
                card: present,
                event_count: count,
            },
        );
    }

    fn emit(&mut self, kind: WatchEventKind, reader: Option<&str>, atr: Option<&[u8]>) {
        (self.sink)(WatchEvent::now(kind, reader, atr));
    }

    fn stop_requested(&self) -> bool {
        matches!(
            self.stop.try_recv(),
            Err(mpsc::TryRecvError::Disconnected) | Ok(())
        )
    }

    /// Sleeps unless stopped first; true when the watch was stopped.
    fn sleep(&self, duration: Duration) -> bool {
        !matches!(
            self.stop.recv_timeout(duration),
            Err(RecvTimeoutError::Timeout)
        )
    }
}

//! The reference: the plainest correct SCardGetStatusChange loop, with no PnP entry, no reader diff,
//! no events; it reports the instant it sees a card arrive.

use pcsc::{Context, ReaderState, Scope, State};
use std::ffi::CString;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::Instant;

pub struct Loop {
    context: Context,
    thread: JoinHandle<()>,
}

impl Loop {
    /// Watches one reader.
    pub fn start(reader: &str, seen: Sender<Instant>) -> Loop {
        Loop::spawn(vec![CString::new(reader).unwrap()], seen)
    }

    /// Watches every reader listed now.
    pub fn start_all(seen: Sender<Instant>) -> Loop {
        let names = Context::establish(Scope::User)
            .and_then(|c| c.list_readers_owned())
            .unwrap_or_default();
        Loop::spawn(names, seen)
    }

    fn spawn(readers: Vec<CString>, seen: Sender<Instant>) -> Loop {
        let context = Context::establish(Scope::User).expect("pcscd answers");
        let ours = context.clone();
        let thread = std::thread::Builder::new()
            .name("plain-loop".into())
            .spawn(move || {
                let mut states: Vec<ReaderState> = readers
                    .into_iter()
                    .map(|r| ReaderState::new(r, State::UNAWARE))
                    .collect();
                loop {
                    for state in &mut states {
                        state.sync_current_state();
                    }
                    if ours.get_status_change(None, &mut states).is_err() {
                        return; // cancelled
                    }
                    for state in &states {
                        let now_present = state.event_state().contains(State::PRESENT);
                        let was_present = state.current_state().contains(State::PRESENT);
                        if now_present && !was_present {
                            let _ = seen.send(Instant::now());
                        }
                    }
                }
            })
            .expect("a thread starts");
        Loop { context, thread }
    }

    pub fn stop(self) {
        let _ = self.context.cancel();
        let _ = self.thread.join();
    }
}

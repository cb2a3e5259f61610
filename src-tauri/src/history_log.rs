//! Writes the connection history as things happen: the watch's events, the read tests, the app's start
//! and end. A failed write (a full disk) is reported on stderr and never stops the watch.

use onshi_core::app::history::{History, HistoryEvent, HistoryEventKind};
use onshi_core::time::{now_jst, rfc3339_jst};
use std::path::Path;

pub struct HistoryLog {
    history: History,
}

impl HistoryLog {
    /// Opens the history, drops the days past keeping, repairs today's file, and notes that the watch
    /// starts now, or, for a copy started afresh (`relaunched`), that it goes on.
    pub fn open(data_dir: &Path, relaunched: bool) -> HistoryLog {
        let history = History::new(data_dir);
        let today = now_jst().date_naive();
        if let Err(error) = history.prune(today) {
            eprintln!("history: {error}");
        }
        // A line cut short by a power cut would swallow the next one appended: set today's file right
        // first (the damaged file is kept aside, its readable lines carried over).
        if let Err(error) = history.load(today, 1, true) {
            eprintln!("history: {error}");
        }
        let log = HistoryLog { history };
        log.note(if relaunched {
            HistoryEventKind::Relaunched
        } else {
            HistoryEventKind::WatchStarted
        });
        log
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn record(&self, event: &HistoryEvent) {
        if let Err(error) = self.history.append(event) {
            eprintln!("history: {error}");
        }
    }

    pub fn note(&self, kind: HistoryEventKind) {
        self.record(&HistoryEvent::at(rfc3339_jst(now_jst()), kind));
    }
}

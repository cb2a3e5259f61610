//! Writes the connection history as things happen: the watch's events, the read tests, the app's start
//! and end. A failed write (a full disk) is reported on stderr and never stops the watch.

use onshi_core::history::{History, HistoryEvent, HistoryEventKind};
use onshi_core::time::{now_jst, rfc3339_jst};
use std::path::Path;

pub struct HistoryLog {
    history: History,
}

impl HistoryLog {
    /// Opens the history, drops the days past keeping, and notes that the watch starts now.
    pub fn open(data_dir: &Path) -> HistoryLog {
        let history = History::new(data_dir);
        if let Err(error) = history.prune(now_jst().date_naive()) {
            eprintln!("history: {error}");
        }
        let log = HistoryLog { history };
        log.note(HistoryEventKind::WatchStarted);
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

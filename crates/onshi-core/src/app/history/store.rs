//! The history's files: `history/YYYY-MM-DD.jsonl`, appended one line per event, files older than
//! [`KEEP_DAYS`] deleted. A file with a line that cannot be read (a power cut mid-write, a hand edit) is
//! moved aside as `…jsonl.damaged-…` and its readable lines are written back, so nothing readable is lost.

use super::HistoryEvent;
use crate::app::settings::move_aside;
use chrono::{Duration, NaiveDate};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Days of history kept (today included).
pub const KEEP_DAYS: i64 = 30;

/// The history folder of the app's data folder.
pub struct History {
    dir: PathBuf,
}

/// Events read back, oldest first, and the damaged files met on the way.
#[derive(Debug, Default)]
pub struct Loaded {
    pub events: Vec<HistoryEvent>,
    /// For the app: where each damaged file was moved. For a read-only reader: the damaged files.
    pub damaged: Vec<PathBuf>,
}

impl History {
    pub fn new(data_dir: &Path) -> History {
        History {
            dir: data_dir.join(crate::app_data::HISTORY_DIR),
        }
    }

    fn file_of(&self, day: &str) -> PathBuf {
        self.dir.join(format!("{day}.jsonl"))
    }

    /// Adds one event to its day's file.
    pub fn append(&self, event: &HistoryEvent) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let mut line = serde_json::to_vec(event)?;
        line.push(b'\n');
        // One write call for the whole line, so a line is either there or cut short, never interleaved.
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.file_of(event.day()))?;
        file.write_all(&line)
    }

    /// Deletes the day files older than [`KEEP_DAYS`] before `today`, and damaged copies as old.
    pub fn prune(&self, today: NaiveDate) -> io::Result<usize> {
        let oldest_kept = today - Duration::days(KEEP_DAYS - 1);
        let mut removed = 0;
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(error) => return Err(error),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let day = name.get(..10).and_then(crate::time::parse_date);
            if day.is_some_and(|day| day < oldest_kept) && name.get(10..16) == Some(".jsonl") {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// The events of the `days` days up to `today`, oldest first. With `repair`, damaged files are moved
    /// aside and their readable lines written back (the app); without, nothing is touched (`onshi`).
    pub fn load(&self, today: NaiveDate, days: i64, repair: bool) -> io::Result<Loaded> {
        let mut loaded = Loaded::default();
        for back in (0..days.max(1)).rev() {
            let day = crate::cert::expiry::date_text(today - Duration::days(back));
            let path = self.file_of(&day);
            let bytes = match fs::read(&path) {
                Ok(bytes) => bytes,
                Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
                Err(error) => return Err(error),
            };
            let text = String::from_utf8_lossy(&bytes);
            let mut good = Vec::new();
            let mut bad = false;
            for line in text.lines().filter(|line| !line.trim().is_empty()) {
                match serde_json::from_str::<HistoryEvent>(line) {
                    Ok(event) if event.day() == day => good.push(event),
                    _ => bad = true,
                }
            }
            if bad {
                if repair {
                    loaded.damaged.push(move_aside(&path)?);
                    for event in &good {
                        self.append(event)?;
                    }
                } else {
                    loaded.damaged.push(path);
                }
            }
            loaded.events.extend(good);
        }
        loaded.events.sort_by(|a, b| a.at.cmp(&b.at));
        Ok(loaded)
    }
}

#[cfg(test)]
mod tests {
    use super::super::HistoryEventKind;
    use super::*;

    fn event(at: &str, kind: HistoryEventKind) -> HistoryEvent {
        let mut event = HistoryEvent::at(at.into(), kind);
        event.reader = Some("SONY FeliCa Port/PaSoRi 4.0 00 00".into());
        event
    }

    fn day(text: &str) -> NaiveDate {
        crate::time::parse_date(text).unwrap()
    }

    #[test]
    fn events_survive_a_restart_in_order_across_days() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path());
        history
            .append(&event(
                "2026-11-28T23:59:00.000+09:00",
                HistoryEventKind::ReaderAdded,
            ))
            .unwrap();
        history
            .append(&event(
                "2026-11-29T08:30:00.000+09:00",
                HistoryEventKind::ReaderRemoved,
            ))
            .unwrap();
        let again = History::new(dir.path());
        let loaded = again.load(day("2026-11-29"), 7, true).unwrap();
        let kinds: Vec<_> = loaded.events.iter().map(|e| e.event).collect();
        assert_eq!(
            kinds,
            [
                HistoryEventKind::ReaderAdded,
                HistoryEventKind::ReaderRemoved
            ]
        );
        assert!(loaded.damaged.is_empty());
        assert_eq!(
            again.load(day("2026-11-29"), 1, true).unwrap().events.len(),
            1
        );
    }

    #[test]
    fn thirty_days_are_kept_and_older_files_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path());
        for at in ["2026-10-30", "2026-10-31", "2026-11-29"] {
            history
                .append(&event(
                    &format!("{at}T09:00:00.000+09:00"),
                    HistoryEventKind::ReaderAdded,
                ))
                .unwrap();
        }
        assert_eq!(history.prune(day("2026-11-29")).unwrap(), 1);
        let loaded = history.load(day("2026-11-29"), KEEP_DAYS, true).unwrap();
        let days: Vec<_> = loaded.events.iter().map(|e| e.day().to_owned()).collect();
        assert_eq!(days, ["2026-10-31", "2026-11-29"]);
    }

    #[test]
    fn a_damaged_day_is_moved_aside_and_its_readable_lines_kept() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::new(dir.path());
        history
            .append(&event(
                "2026-11-29T09:00:00.000+09:00",
                HistoryEventKind::ReaderAdded,
            ))
            .unwrap();
        let file = dir.path().join("history/2026-11-29.jsonl");
        let mut bytes = fs::read(&file).unwrap();
        bytes.extend_from_slice(b"{\"at\":\"2026-11-29T09:0");
        fs::write(&file, &bytes).unwrap();

        let read_only = history.load(day("2026-11-29"), 1, false).unwrap();
        assert_eq!(read_only.events.len(), 1);
        assert_eq!(read_only.damaged, std::slice::from_ref(&file));
        assert_eq!(
            fs::read(&file).unwrap(),
            bytes,
            "a read-only load touches nothing"
        );

        let repaired = history.load(day("2026-11-29"), 1, true).unwrap();
        assert_eq!(repaired.events.len(), 1);
        let aside = &repaired.damaged[0];
        assert_eq!(
            fs::read(aside).unwrap(),
            bytes,
            "the damaged bytes are kept aside"
        );
        history
            .append(&event(
                "2026-11-29T10:00:00.000+09:00",
                HistoryEventKind::ReaderRemoved,
            ))
            .unwrap();
        let after = history.load(day("2026-11-29"), 1, true).unwrap();
        assert_eq!(after.events.len(), 2);
        assert!(after.damaged.is_empty());
    }
}

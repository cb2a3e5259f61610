use super::error::{off_runtime, CommandError};
use crate::app_status::AppStatus;
use crate::history_log::HistoryLog;
use crate::readers_watch::ReadersState;
use onshi_core::app::history::{HistoryEvent, HistoryEventKind, HistoryOutcome};
use onshi_core::app::status::ReadTestOutcome;
use onshi_core::card::{self, Cancel, ProbeError, ProbeReport};
use onshi_core::guides::proof::Proof;
use onshi_core::lock::LockExt;
use onshi_core::time::{now_jst, rfc3339_jst};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The read tests running now, by reader, each with the handle that stops it (「中止」).
#[derive(Default)]
pub struct ReadTests(Mutex<BTreeMap<String, Cancel>>);

impl ReadTests {
    fn begin(&self, reader: &str) -> Cancel {
        let cancel = Cancel::default();
        let mut running = self.0.lock_or_recover();
        // A second test on the same reader stops the first.
        if let Some(earlier) = running.insert(reader.to_owned(), cancel.clone()) {
            earlier.cancel();
        }
        cancel
    }

    fn end(&self, reader: &str, cancel: &Cancel) {
        let mut running = self.0.lock_or_recover();
        if running.get(reader).is_some_and(|c| c.same_as(cancel)) {
            running.remove(reader);
        }
    }
}

/// Waits for a card on `reader` and runs the safe read test (allow-listed commands only); ends within
/// `card::test_limit(APP_WAIT_FOR_CARD)` whatever the card does, or at 「中止」 (`card_test_cancel`).
/// `reader` must be one the app currently lists: the web view cannot aim the test anywhere else.
#[tauri::command]
pub async fn card_test(
    app: tauri::AppHandle,
    reader: String,
    state: tauri::State<'_, ReadersState>,
    status: tauri::State<'_, AppStatus>,
    log: tauri::State<'_, HistoryLog>,
    tests: tauri::State<'_, ReadTests>,
) -> Result<ProbeReport, CommandError> {
    let listed = state
        .report
        .lock_or_recover()
        .readers
        .iter()
        .any(|r| r.name == reader);
    if !listed {
        return Err(ProbeError::NoSuchReader(reader).into());
    }
    let aimed = reader.clone();
    let cancel = tests.begin(&reader);
    let stop = cancel.clone();
    let outcome = off_runtime(move || {
        card::wait_and_probe(Some(&aimed), card::probe::APP_WAIT_FOR_CARD, &stop)
    })
    .await;
    // Ended before anything else, so that a test that broke does not stay listed as running.
    tests.end(&reader, &cancel);
    let outcome = outcome?;
    remember(&reader, &outcome, &status, &log);
    if let Ok(report) = &outcome {
        let smartphone_ready = state
            .current()
            .readers
            .iter()
            .any(|r| r.name == reader && r.smartphone_ready);
        super::guides::note(
            &app,
            Proof::ReadTest {
                reader_smartphone_ready: smartphone_ready,
                holder: report.holder,
            },
        );
    }
    Ok(outcome?)
}

/// Stops the read test running on `reader` (「中止」); it ends with `test-cancelled` within a quarter
/// second. Nothing happens when none runs.
#[tauri::command]
pub fn card_test_cancel(reader: String, tests: tauri::State<'_, ReadTests>) {
    if let Some(cancel) = tests.0.lock_or_recover().get(&reader) {
        cancel.cancel();
    }
}

/// The outcome's kind and time go to the status (for the support report) and the history; nothing
/// read from the card does.
pub(super) fn remember(
    reader: &str,
    outcome: &Result<ProbeReport, ProbeError>,
    status: &AppStatus,
    log: &HistoryLog,
) {
    let at = rfc3339_jst(now_jst());
    let kept = ReadTestOutcome::of(at.clone(), outcome);
    let mut event = HistoryEvent::at(at, HistoryEventKind::ReadTest);
    event.reader = Some(reader.to_owned());
    event.model = onshi_core::readers::catalog::recognise(reader).map(|m| m.id.clone());
    event.card = kept.card;
    event.outcome = Some(HistoryOutcome::ReadTest(kept.outcome));
    log.record(&event);
    status.update(|s| {
        s.read_tests.insert(reader.to_owned(), kept);
    });
}

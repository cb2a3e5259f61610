use super::error::CommandError;
use crate::app_status::AppStatus;
use crate::history_log::HistoryLog;
use crate::readers_watch::ReadersState;
use onshi_core::card::{self, ProbeError, ProbeReport};
use onshi_core::error_code::ErrorCode;
use onshi_core::history::{HistoryEvent, HistoryEventKind};
use onshi_core::status::ReadTestOutcome;
use onshi_core::time::{now_jst, rfc3339_jst};
use std::time::Duration;

/// How long the read test waits for a card or phone to be placed.
const WAIT_FOR_CARD: Duration = Duration::from_secs(15);

/// Waits for a card on `reader` and runs the safe read test (allow-listed commands only).
/// `reader` must be one the app currently lists: the web view cannot aim the test anywhere else.
#[tauri::command]
pub async fn card_test(
    reader: String,
    state: tauri::State<'_, ReadersState>,
    status: tauri::State<'_, AppStatus>,
    log: tauri::State<'_, HistoryLog>,
) -> Result<ProbeReport, CommandError> {
    let listed = state
        .report
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .readers
        .iter()
        .any(|r| r.name == reader);
    if !listed {
        return Err(ProbeError::NoSuchReader(reader).into());
    }
    let aimed = reader.clone();
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        card::wait_and_probe(Some(&aimed), WAIT_FOR_CARD)
    })
    .await
    .map_err(|error| CommandError::new(ErrorCode::Failed, error))?;
    remember(&reader, &outcome, &status, &log);
    Ok(outcome?)
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
    let kept = match outcome {
        Ok(report) => ReadTestOutcome::answered(at.clone(), report.holder, report.kind),
        Err(error) => ReadTestOutcome {
            at: at.clone(),
            outcome: error.code().as_str().to_owned(),
            card: None,
        },
    };
    let mut event = HistoryEvent::at(at, HistoryEventKind::ReadTest);
    event.reader = Some(reader.to_owned());
    event.model = onshi_core::readers::catalog::recognise(reader).map(|m| m.id.clone());
    event.card = kept.card;
    event.outcome = Some(kept.outcome.clone());
    log.record(&event);
    status.update(|s| {
        s.read_tests.insert(reader.to_owned(), kept);
    });
}

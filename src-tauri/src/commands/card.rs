use super::error::CommandError;
use crate::readers_watch::ReadersState;
use onshi_core::card::{self, ProbeError, ProbeReport};
use std::time::Duration;

/// How long the read test waits for a card or phone to be placed.
const WAIT_FOR_CARD: Duration = Duration::from_secs(15);

/// Waits for a card on `reader` and runs the safe read test (allow-listed commands only).
/// `reader` must be one the app currently lists: the web view cannot aim the test anywhere else.
#[tauri::command]
pub async fn card_test(
    reader: String,
    state: tauri::State<'_, ReadersState>,
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
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        card::wait_and_probe(Some(&reader), WAIT_FOR_CARD)
    })
    .await
    .map_err(|error| CommandError::new("failed", error))?;
    Ok(outcome?)
}

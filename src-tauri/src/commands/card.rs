use crate::readers_watch::ReadersState;
use onshi_core::card::{self, ProbeError, ProbeReport};
use serde::Serialize;
use std::time::Duration;

/// How long the read test waits for a card or phone to be placed.
const WAIT_FOR_CARD: Duration = Duration::from_secs(15);

/// A read test that did not finish, with the stable code the UI words in Japanese.
#[derive(Debug, Serialize)]
pub struct CardTestError {
    pub kind: &'static str,
    pub detail: String,
}

impl From<ProbeError> for CardTestError {
    fn from(error: ProbeError) -> CardTestError {
        CardTestError {
            kind: error.code(),
            detail: error.to_string(),
        }
    }
}

/// Waits for a card on `reader` and runs the safe read test (allow-listed commands only).
/// `reader` must be one the app currently lists: the web view cannot aim the test anywhere else.
#[tauri::command]
pub async fn card_test(
    reader: String,
    state: tauri::State<'_, ReadersState>,
) -> Result<ProbeReport, CardTestError> {
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
    tauri::async_runtime::spawn_blocking(move || {
        card::wait_for_card(Some(&reader), WAIT_FOR_CARD).and_then(|name| card::probe(&name))
    })
    .await
    .map_err(|error| CardTestError {
        kind: "failed",
        detail: error.to_string(),
    })?
    .map_err(CardTestError::from)
}

use super::error::CommandError;
use crate::readers_watch::ReadersState;
use onshi_core::error_code::ErrorCode;
use onshi_core::guides::proof::{self, Evidence, Proof};
use onshi_core::guides::{self, Guide, GuideCheck};
use onshi_core::lock::LockExt;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};

/// What the app saw for real in this run (read tests that answered, a usable certificate opened, a
/// backup verified or copied, the MPKI client up to date), each with its time: the evidence the guides'
/// checks are proven by (onshi-core's guides::proof). Nothing read from a card is kept.
#[derive(Default)]
pub struct SeenThisRun(Mutex<Vec<Evidence>>);

/// Notes `proof` as seen now (called by the commands that see it).
pub fn note(app: &AppHandle, proof: Proof) {
    if let Some(seen) = app.try_state::<SeenThisRun>() {
        seen.0.lock_or_recover().push(Evidence::now(proof));
    }
}

/// Every guide, validated (the data ships inside the app; a test keeps it complete).
#[tauri::command]
pub fn guides_list() -> Result<Vec<Guide>, CommandError> {
    guides::all().map_err(|error| CommandError::new(ErrorCode::Failed, error))
}

/// Whether `check` is met for a step opened at `opened_at_ms` (ms since the Unix epoch): only what was
/// seen since then, on the right reader, of the right kind, counts (onshi-core decides).
#[tauri::command]
pub fn guide_check(
    check: GuideCheck,
    opened_at_ms: u64,
    seen: tauri::State<'_, SeenThisRun>,
    readers: tauri::State<'_, ReadersState>,
) -> bool {
    let evidence = seen.0.lock_or_recover().clone();
    proof::met(check, opened_at_ms, &evidence, &readers.current())
}

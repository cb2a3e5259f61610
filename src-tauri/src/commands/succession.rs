//! The 承継 guide's calculator: the last day the old-code certificate may be used, and its reminder.

use super::cert::CertScreen;
use super::error::{off_runtime, CommandError};
use crate::picker::{pick, Pick};
use onshi_core::cert::reminder;
use onshi_core::error_code::ErrorCode;
use onshi_core::succession::{grace_period, Date, GracePeriod};
use onshi_core::time::parse_date;
use tauri::AppHandle;

/// Dates are parsed by the core; the app keeps no date library of its own.
fn date(text: &str) -> Result<Date, CommandError> {
    parse_date(text).ok_or_else(|| CommandError::new(ErrorCode::BadDate, text))
}

/// The grace period from `from`, capped by `not_after` or, when that is empty, by the certificate
/// opened on the 「電子証明書」 screen.
#[tauri::command]
pub fn succession_grace(
    from: String,
    not_after: Option<String>,
    screen: tauri::State<'_, CertScreen>,
) -> Result<GracePeriod, CommandError> {
    let from = date(&from)?;
    let not_after = match not_after.filter(|text| !text.trim().is_empty()) {
        Some(text) => date(&text)?,
        None => {
            let on_screen = screen.certificate_not_after().ok_or_else(|| {
                CommandError::new(ErrorCode::NoCertificate, "no certificate opened")
            })?;
            date(&on_screen)?
        }
    };
    Ok(grace_period(from, not_after))
}

/// Saves the reminders for `last_day` (YYYY-MM-DD) where the user chooses; the saved path, or None.
#[tauri::command]
pub async fn succession_save_reminder(
    app: AppHandle,
    last_day: String,
) -> Result<Option<String>, CommandError> {
    let last_day = date(&last_day)?;
    let chosen = off_runtime(move || pick(&app, Pick::Save("承継の期限.ics".into()))).await?;
    let Some(path) = chosen else { return Ok(None) };
    let shown = path.display().to_string();
    off_runtime(move || std::fs::write(&path, reminder::succession_reminders(last_day)))
        .await?
        .map_err(|e| CommandError::new(ErrorCode::Unwritable, e))?;
    Ok(Some(shown))
}

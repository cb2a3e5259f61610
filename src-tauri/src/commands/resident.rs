//! The resident app's questions from the UI: which screen to open on, and the login start.

use super::error::CommandError;
use crate::login_start;
use crate::resident::ResidentState;
use onshi_core::app::screen::Screen;
use onshi_core::error_code::ErrorCode;
use tauri::State;

/// The screen the window should open on (the last notification's), once.
#[tauri::command]
pub fn app_landing(resident: State<'_, ResidentState>) -> Option<Screen> {
    resident.take_landing()
}

/// Whether the app starts at login.
#[tauri::command]
pub fn autostart_get() -> Result<bool, CommandError> {
    login_start::is_enabled().map_err(|e| CommandError::new(ErrorCode::Failed, e))
}

/// Turns the login start on or off (the Run key on Windows, ~/.config/autostart on Linux).
#[tauri::command]
pub fn autostart_set(enabled: bool) -> Result<bool, CommandError> {
    login_start::set(enabled).map_err(|e| CommandError::new(ErrorCode::Failed, e))
}

use super::error::CommandError;
use onshi_core::error_code::ErrorCode;
use onshi_core::guides::{self, Guide};

/// Every guide, validated (the data ships inside the app; a test keeps it complete).
#[tauri::command]
pub fn guides_list() -> Result<Vec<Guide>, CommandError> {
    guides::all().map_err(|error| CommandError::new(ErrorCode::Failed, error))
}

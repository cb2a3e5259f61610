use super::error::CommandError;
use onshi_core::mpki::{self, MpkiStatus};
use onshi_core::platform;

/// The installed MPKI client's version (Windows) against `latest`, the version the user read on the portal.
#[tauri::command]
pub fn mpki_status(
    app: tauri::AppHandle,
    latest: Option<String>,
) -> Result<MpkiStatus, CommandError> {
    let installed = platform::installed_apps().version_of(mpki::DISPLAY_NAME)?;
    let status = mpki::status(installed, latest.filter(|v| !v.trim().is_empty()));
    if status.up_to_date == Some(true) {
        super::guides::note(&app, onshi_core::guides::proof::Proof::MpkiUpToDate);
    }
    Ok(status)
}

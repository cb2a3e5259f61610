//! 「連絡先」 on 「設定」: whom staff call, with a number (onshi-core's app/contacts.rs keeps the file).

use onshi_core::app::contacts::Contacts;
use tauri::Manager;

fn data_dir(app: &tauri::AppHandle) -> Result<std::path::PathBuf, String> {
    app.path()
        .app_data_dir()
        .map_err(|error| format!("アプリのフォルダーが見つかりません（{error}）"))
}

/// The contacts as saved; a damaged file is said in Japanese, never replaced by empty fields.
#[tauri::command]
pub fn contacts_get(app: tauri::AppHandle) -> Result<Contacts, String> {
    Contacts::load(&data_dir(&app)?).map_err(|error| error.to_string())
}

/// Saves the contacts and answers them as kept (trimmed); what cannot be dialled is refused with the reason.
#[tauri::command]
pub fn contacts_set(app: tauri::AppHandle, contacts: Contacts) -> Result<Contacts, String> {
    contacts
        .save(&data_dir(&app)?)
        .map_err(|error| error.to_string())
}

/// What an amber or red verdict shown on one screen (「電子証明書」) means at the desk and whom to call,
/// worded by onshi-core with the contacts entered; None for a verdict with nothing to act on. A damaged
/// contacts file reads as none entered here: 「設定」 says it is damaged.
#[tauri::command]
pub fn advice(
    app: tauri::AppHandle,
    verdict: onshi_core::verdict::Verdict,
) -> Option<onshi_core::desk_check::Advice> {
    let contacts = data_dir(&app)
        .ok()
        .and_then(|dir| Contacts::load(&dir).ok())
        .unwrap_or_default();
    onshi_core::desk_check::advice(&verdict, &contacts)
}

/// The face-recognition readers' makers 「連絡先」 offers (onshi-core's face_readers.toml).
#[tauri::command]
pub fn face_reader_makers() -> Vec<onshi_core::app::face_readers::FaceReaderMaker> {
    onshi_core::app::face_readers::choices()
}

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

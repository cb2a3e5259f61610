//! Settings in `settings.json` under the app's data folder, through tauri-plugin-store. Before the store
//! opens the file, a damaged one is moved aside (onshi-core decides), and the UI is told where it went.

use onshi_core::app::settings::{move_aside_if_damaged, Settings};
use onshi_core::text::Language;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{App, AppHandle, Manager, Runtime};
use tauri_plugin_store::StoreExt;

pub const FILE: &str = onshi_core::app_data::SETTINGS_FILE;
const KEY: &str = onshi_core::app_data::SETTINGS_KEY;

/// What happened to the settings file at start-up, for the UI to tell the user once.
#[derive(Default)]
pub struct StartupNotice {
    pub damaged_file_moved_to: Mutex<Option<PathBuf>>,
}

pub fn open(app: &App) -> Result<(), Box<dyn std::error::Error>> {
    let path = app.path().app_data_dir()?.join(FILE);
    let moved = move_aside_if_damaged(&path)?;
    app.manage(StartupNotice {
        damaged_file_moved_to: Mutex::new(moved),
    });
    app.store(FILE)?;
    Ok(())
}

pub fn load<R: Runtime>(app: &AppHandle<R>) -> Result<Settings, String> {
    let store = app.store(FILE).map_err(|e| e.to_string())?;
    Ok(store
        .get(KEY)
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default())
}

/// The UI language (for words the app itself shows: tray, notifications); Japanese when unreadable.
pub fn language<R: Runtime>(app: &AppHandle<R>) -> Language {
    load(app).map(|s| s.language).unwrap_or_default()
}

pub fn save<R: Runtime>(app: &AppHandle<R>, settings: &Settings) -> Result<(), String> {
    let store = app.store(FILE).map_err(|e| e.to_string())?;
    store.set(
        KEY,
        serde_json::to_value(settings).map_err(|e| e.to_string())?,
    );
    store.save().map_err(|e| e.to_string())
}

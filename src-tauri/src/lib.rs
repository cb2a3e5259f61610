//! オン資アシスタント: builds the app. Each area's commands live in `commands/`, thin over onshi-core.

mod commands;
mod picker;
mod readers_watch;
mod settings;
mod webview_check;

/// The exit code when the window cannot be drawn (no WebView2 on Windows).
pub const EXIT_NO_WEBVIEW: i32 = 3;

/// Starts the app: plugins, state, the reader watch, and the command handlers.
pub fn run() {
    if !webview_check::ensure_webview() {
        std::process::exit(EXIT_NO_WEBVIEW);
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::cert::CertScreen::default())
        .setup(|app| {
            settings::open(app)?;
            readers_watch::start(app);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::card::card_test,
            commands::cert::backup_copy,
            commands::cert::backup_open,
            commands::cert::backup_verify,
            commands::cert::cert_from_store,
            commands::cert::cert_open,
            commands::cert::cert_save_reminder,
            commands::guides::guides_list,
            commands::mpki::mpki_status,
            commands::readers::readers_snapshot,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::succession::succession_grace,
            commands::succession::succession_save_reminder,
        ])
        .run(tauri::generate_context!())
        .expect("オン資アシスタントを起動できませんでした (the app could not start)");
}

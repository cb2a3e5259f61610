use crate::resident::ResidentExt;
use crate::settings::{self, StartupNotice};
use onshi_core::app::settings::Settings;
use onshi_core::lock::LockExt;
use serde::Serialize;

/// The settings, and where a damaged settings file was moved at start-up (shown once, then forgotten).
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SettingsView {
    pub settings: Settings,
    pub damaged_file_moved_to: Option<String>,
}

/// The OS the app runs on, as onshi-core says it: the UI asks once instead of guessing from its user agent.
#[tauri::command]
pub fn platform_os() -> onshi_core::platform::Os {
    onshi_core::platform::Os::current()
}

#[tauri::command]
pub fn settings_get(
    app: tauri::AppHandle,
    notice: tauri::State<'_, StartupNotice>,
) -> Result<SettingsView, String> {
    let moved = notice.damaged_file_moved_to.lock_or_recover().take();
    Ok(SettingsView {
        settings: settings::load(&app)?,
        damaged_file_moved_to: moved.map(|path| path.display().to_string()),
    })
}

#[tauri::command]
pub fn settings_set(app: tauri::AppHandle, mut settings: Settings) -> Result<(), String> {
    // Flags the app sets itself only ever go from false to true: a UI holding an older copy cannot undo them.
    let stored = settings::load(&app)?;
    settings.tray_notice_shown |= stored.tray_notice_shown;
    settings.autostart_asked |= stored.autostart_asked;
    // The terminal's certificate is chosen on 「電子証明書」 (cert_choose_terminal), never through the
    // preferences: saving the language must not forget it.
    settings.terminal_certificate = stored.terminal_certificate;
    settings::save(&app, &settings)?;
    // The tray's words and the notices follow the UI language.
    app.resident()
        .send(onshi_core::app::resident::Event::LanguageChanged(
            settings.language,
        ));
    Ok(())
}

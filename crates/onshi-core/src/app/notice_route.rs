//! How a notice reaches staff on Windows. A toast needs the app's AppUserModelID registered (the installer
//! writes `HKCU\Software\Classes\AppUserModelId\<id>`, as Microsoft documents for unpackaged apps): without
//! it Windows accepts the toast and shows nothing, as public reports on Tauri apps describe (portable exe,
//! a shortcut without the ID). So the toast is tried only where the ID is registered, and the tray's own
//! balloon (Shell_NotifyIcon with NIF_INFO) is used when the ID is missing or the toast fails (no WinRT,
//! as under Wine, or an error returned). Every fallback is recorded for the support report.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The AppUserModelID the installer registers and the app takes for its process: Tauri's identifier.
pub const APP_USER_MODEL_ID: &str = "jp.onshi-assistant.app";

/// Windows: whether the app's AppUserModelID is registered for the current user, without which a toast is
/// accepted and never shown. Elsewhere: false.
pub fn app_user_model_id_registered() -> bool {
    crate::platform::user_key_exists(&registration_key())
}

/// The registry key (under HKEY_CURRENT_USER) that makes the ID known to Windows' notification system.
pub fn registration_key() -> String {
    format!(r"Software\Classes\AppUserModelId\{APP_USER_MODEL_ID}")
}

/// Why a notice went to the tray's balloon instead of a toast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum FallbackReason {
    /// The AppUserModelID is not registered (the app was not installed by its installer).
    IdNotRegistered,
    /// Windows refused the toast (no WinRT notifications, as under Wine, or another error).
    ToastFailed,
}

/// The last notice that went to the balloon: when and why, and the error Windows gave, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct NoticeFallback {
    /// RFC 3339, Japan time.
    pub at: String,
    pub reason: FallbackReason,
    pub error: Option<String>,
    /// The balloon could not be shown either (the notice then reached only the tray's colour and the
    /// history).
    pub balloon_failed: bool,
}

/// The first way to try: a toast only where the ID is registered.
pub fn first_try(id_registered: bool) -> Result<(), FallbackReason> {
    if id_registered {
        Ok(())
    } else {
        Err(FallbackReason::IdNotRegistered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toast_is_tried_only_with_the_id_registered() {
        assert_eq!(first_try(true), Ok(()));
        assert_eq!(first_try(false), Err(FallbackReason::IdNotRegistered));
        assert_eq!(
            registration_key(),
            r"Software\Classes\AppUserModelId\jp.onshi-assistant.app"
        );
    }

    #[test]
    fn the_id_is_the_apps_identifier() {
        let conf: serde_json::Value =
            serde_json::from_str(include_str!("../../../../src-tauri/tauri.conf.json")).unwrap();
        assert_eq!(conf["identifier"], APP_USER_MODEL_ID);
    }
}

//! Notices to staff. Linux: the notification plugin (org.freedesktop.Notifications). Windows: a toast when
//! the app's AppUserModelID is registered (onshi-core's notice_route), else — or when the toast fails —
//! the tray's own balloon (notice_balloon.rs); each fallback is recorded in the status for the support
//! report, and said on stderr.

use tauri::AppHandle;

/// Shows a notice with `title` and `body`, in words already chosen for the UI language. `clicked` runs
/// when staff click it (Windows' toast; on Linux the notification plugin's action, set up in lib.rs).
pub fn show(
    app: &AppHandle,
    title: &str,
    body: &str,
    clicked: impl Fn(&AppHandle) + Send + Sync + 'static,
) {
    #[cfg(windows)]
    windows::show(app, title, body, clicked);
    #[cfg(not(windows))]
    {
        let _ = clicked;
        use tauri_plugin_notification::NotificationExt;
        if let Err(error) = app.notification().builder().title(title).body(body).show() {
            eprintln!("notification: {error}");
        }
    }
}

/// Windows: the process takes the installer's AppUserModelID, so that its toasts are the installed app's.
pub fn take_app_user_model_id() {
    #[cfg(windows)]
    windows::take_app_user_model_id();
}

#[cfg(windows)]
mod windows {
    use crate::app_status::AppStatus;
    use onshi_core::app::notice_route::{self, FallbackReason, NoticeFallback, APP_USER_MODEL_ID};
    use onshi_core::time::{now_jst, rfc3339_jst};
    use tauri::{AppHandle, Manager};

    fn wide(text: &str) -> Vec<u16> {
        text.encode_utf16().chain(std::iter::once(0)).collect()
    }

    pub fn take_app_user_model_id() {
        let id = wide(APP_USER_MODEL_ID);
        // SAFETY: a valid NUL-terminated UTF-16 string that outlives the call.
        let result = unsafe {
            windows_sys::Win32::UI::Shell::SetCurrentProcessExplicitAppUserModelID(id.as_ptr())
        };
        if result < 0 {
            eprintln!("the AppUserModelID could not be set (HRESULT {result:#x})");
        }
    }

    pub fn show(
        app: &AppHandle,
        title: &str,
        body: &str,
        clicked: impl Fn(&AppHandle) + Send + Sync + 'static,
    ) {
        let registered = onshi_core::app::notice_route::app_user_model_id_registered();
        let shown = match notice_route::first_try(registered) {
            Err(reason) => Err((reason, None)),
            Ok(()) => {
                toast(app, title, body, clicked).map_err(|e| (FallbackReason::ToastFailed, Some(e)))
            }
        };
        let Err((reason, error)) = shown else {
            return;
        };
        let balloon = crate::notice_balloon::show(app, title, body);
        match &balloon {
            Ok(()) => eprintln!("notice shown as a balloon ({reason:?}): {title}"),
            Err(failure) => {
                eprintln!("the notice could not be shown ({reason:?}, then {failure}): {title}")
            }
        }
        let fallback = NoticeFallback {
            at: rfc3339_jst(now_jst()),
            reason,
            error,
            balloon_failed: balloon.is_err(),
        };
        if let Some(status) = app.try_state::<AppStatus>() {
            status.update(|s| s.notice_fallback = Some(fallback));
        }
    }

    /// A toast through WinRT; a click on it runs `clicked`.
    fn toast(
        app: &AppHandle,
        title: &str,
        body: &str,
        clicked: impl Fn(&AppHandle) + Send + Sync + 'static,
    ) -> Result<(), String> {
        let handle = app.clone();
        tauri_winrt_notification::Toast::new(APP_USER_MODEL_ID)
            .title(title)
            .text1(body)
            .on_activated(move |_| {
                clicked(&handle);
                Ok(())
            })
            .show()
            .map_err(|error| error.to_string())
    }
}

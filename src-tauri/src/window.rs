//! The main window: made on demand and destroyed on close, so that the web view's memory is given back
//! while the app waits in the tray.

use onshi_core::app::screen::Screen;
use tauri::{AppHandle, Emitter, Manager, WebviewWindowBuilder};

pub const MAIN_WINDOW: &str = "main";
/// Sent to an open window to show a screen (after a notification's click).
pub const OPEN_SCREEN: &str = "open-screen";

/// Brings the window to the front, turned to `screen` when one is given. Err when there is none.
pub fn bring_to_front(app: &AppHandle, screen: Option<Screen>) -> Result<(), String> {
    let window = app
        .get_webview_window(MAIN_WINDOW)
        .ok_or_else(|| "the window is gone".to_owned())?;
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
    if let Some(screen) = screen {
        let _ = window.emit(OPEN_SCREEN, screen);
    }
    Ok(())
}

/// Makes the main window from the app's configuration, on the calling thread (not an event handler's:
/// making a web view there can block on Windows). Without WebView2 (Windows) it says why it cannot, and
/// the app stays in the tray. Err: the window was not made.
pub fn make(app: &AppHandle) -> Result<(), String> {
    if !crate::webview_check::available() {
        crate::webview_check::tell_missing();
        return Err("no WebView2".to_owned());
    }
    if bring_to_front(app, None).is_ok() {
        return Ok(());
    }
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN_WINDOW)
        .cloned()
        .ok_or_else(|| "no main window in the configuration".to_owned())?;
    let window = WebviewWindowBuilder::from_config(app, &config)
        .and_then(|builder| builder.build())
        .map_err(|error| format!("the window could not be made: {error}"))?;
    let _ = window.set_focus();
    Ok(())
}

/// The window is gone: hand the heap it freed back to the system (glibc keeps freed memory for reuse; a
/// resident app that may not open its window again for hours should not).
pub fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

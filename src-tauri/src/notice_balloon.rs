//! Windows: a notice as the tray icon's balloon (Shell_NotifyIcon with NIF_INFO), for when a toast cannot
//! be shown. It needs no WinRT, no AppUserModelID and no WebView2: only the tray icon the app already has.
//! The icon is tray-icon's: its window handle comes from the crate, but its id is a counter inside the crate
//! (2 with tray-icon 0.25 under Tauri 2.12, whose builder draws one id first). Rather than lean on that, the
//! balloon is offered to the first few ids of the icon's own window: the window holds one icon, so only its
//! id accepts (the Wine test sees the balloon arrive).

use tauri::AppHandle;

/// The ids tried, in order.
const TRAY_ICON_UIDS: std::ops::RangeInclusive<u32> = 1..=8;

/// Shows `title` and `body` in a balloon from the tray icon; the error says why not.
pub fn show(app: &AppHandle, title: &str, body: &str) -> Result<(), String> {
    use windows_sys::Win32::UI::Shell::{
        Shell_NotifyIconW, NIF_INFO, NIIF_WARNING, NIM_MODIFY, NOTIFYICONDATAW,
    };
    let tray = app
        .tray_by_id("onshi")
        .ok_or("the tray icon is not there")?;
    // The handle as a number: the closure runs on the main thread and its result crosses back.
    let hwnd = tray
        .with_inner_tray_icon(|inner| inner.window_handle() as isize)
        .map_err(|e| e.to_string())?;
    // SAFETY: NOTIFYICONDATAW is plain data; all-zero is its documented empty state.
    let mut data: NOTIFYICONDATAW = unsafe { std::mem::zeroed() };
    data.cbSize = std::mem::size_of::<NOTIFYICONDATAW>() as u32;
    data.hWnd = hwnd as _;
    data.uFlags = NIF_INFO;
    data.dwInfoFlags = NIIF_WARNING;
    copy_into(&mut data.szInfoTitle, title);
    copy_into(&mut data.szInfo, body);
    for uid in TRAY_ICON_UIDS {
        data.uID = uid;
        // SAFETY: `data` is a filled NOTIFYICONDATAW whose size is in cbSize.
        if unsafe { Shell_NotifyIconW(NIM_MODIFY, &data) } != 0 {
            return Ok(());
        }
    }
    Err("Shell_NotifyIcon accepted the balloon for none of the tray icon's ids".into())
}

/// Copies `text` into a fixed UTF-16 field, cut to fit with its terminating NUL.
fn copy_into(field: &mut [u16], text: &str) {
    let units: Vec<u16> = text.encode_utf16().take(field.len() - 1).collect();
    field[..units.len()].copy_from_slice(&units);
    field[units.len()] = 0;
}

use crate::readers_watch::ReadersState;
use onshi_core::lock::LockExt;
use onshi_core::readers::{ReadersReport, UsbView};

/// The readers as the app last saw them; later changes arrive as `readers-changed` events.
#[tauri::command]
pub fn readers_snapshot(state: tauri::State<'_, ReadersState>) -> ReadersReport {
    state.report.lock_or_recover().clone()
}

/// The USB view as the app last saw it; later changes arrive as `usb-changed` events.
#[tauri::command]
pub fn readers_usb(state: tauri::State<'_, ReadersState>) -> UsbView {
    state.usb()
}

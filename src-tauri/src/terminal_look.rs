//! The terminal around the reader for the tray: looked at with the certificate (every 10 minutes) and
//! judged by onshi-core against this site's usual set-up, remembering what the last 始業点検 kept.

use onshi_core::terminal::{self, Judged, Memory, UsualSetup};
use onshi_core::verdict::Area;
use tauri::AppHandle;

pub fn judged(app: &AppHandle) -> Vec<(Area, Vec<Judged>)> {
    let remembered = crate::app_status::remembered(app);
    let (usual, _) = UsualSetup::for_site(remembered.data_dir.as_deref());
    let memory = Memory {
        prefix: remembered.status.line_prefix,
        last_check: remembered.status.last_desk_check_at,
    };
    let now = onshi_core::time::rfc3339_jst(onshi_core::time::now_jst());
    terminal::judge(&terminal::look(&usual, memory, &now), &usual)
}

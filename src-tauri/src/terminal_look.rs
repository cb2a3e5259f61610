//! The terminal around the reader for the tray: looked at with the certificate (every 10 minutes) as
//! onshi-core's fact-gatherer looks at it, and judged against this site's usual set-up.

use onshi_core::terminal::{self, Judged};
use onshi_core::verdict::Area;
use tauri::AppHandle;

pub fn judged(app: &AppHandle) -> Vec<(Area, Vec<Judged>)> {
    let remembered = crate::app_status::remembered(app);
    let (seen, usual, _) =
        onshi_core::facts::look_at_terminal(&remembered.status, remembered.data_dir.as_deref());
    terminal::judge(&seen, &usual)
}

//! Reads the certificate the PC uses now: the store's (the staff's choice among several), else the file
//! last opened on 「電子証明書」 (onshi-core's cert::in_use decides which).

use crate::app_status::AppStatus;
use onshi_core::cert::{in_use, CertInfo};
use onshi_core::time::now_jst;
use tauri::{AppHandle, Manager};

/// The certificate in use, read now; None when none is found or it cannot be read.
pub fn find(app: &AppHandle) -> Option<CertInfo> {
    let today = now_jst().date_naive();
    let file = app
        .state::<AppStatus>()
        .read(|s| s.certificate_file.clone());
    let chosen = crate::settings::load(app)
        .ok()
        .and_then(|s| s.terminal_certificate);
    in_use::find(file.as_ref(), chosen.as_deref(), today).and_then(|found| found.certificate.ok())
}

//! 「サポート用レポート」: the report previewed before anything leaves the screen, then copied to the
//! clipboard or saved as a .txt file the user names.

use super::error::{off_runtime, CommandError};
use crate::picker::{pick, Pick};
use crate::readers_watch::ReadersState;
use onshi_core::error_code::ErrorCode;
use onshi_core::support::{self, SupportReport};
use onshi_core::text::Language;
use serde::Serialize;
use tauri::{AppHandle, Manager};

use tauri_plugin_clipboard_manager::ClipboardExt;

/// The support report, previewed.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportPreview {
    /// Exactly what 「コピー」 and 「ファイルに保存」 hand over.
    pub text: String,
    pub report: SupportReport,
}

/// Always in Japanese, whatever the UI language: the help desks that read it are Japanese.
fn make(app: &AppHandle, shown: Option<&str>) -> Result<ReportPreview, CommandError> {
    let readers = app.state::<ReadersState>().current();
    let facts = onshi_core::facts::gather(
        crate::app_status::remembered(app),
        // The watch's picture, already in hand.
        move || readers,
        onshi_core::facts::CertificateChoice::InUse,
        onshi_core::time::now_jst(),
    );
    let report = support::build(facts, env!("CARGO_PKG_VERSION")).with_shown_on_screen(shown);
    Ok(ReportPreview {
        text: support::to_text(&report, Language::Ja),
        report,
    })
}

/// The report as it is now, in Japanese, with what staff typed from the face reader's or the terminal's
/// screen.
#[tauri::command]
pub async fn report_preview(
    app: AppHandle,
    shown: Option<String>,
) -> Result<ReportPreview, CommandError> {
    off_runtime(move || make(&app, shown.as_deref())).await?
}

/// Puts the previewed text on the clipboard.
#[tauri::command]
pub fn report_copy(app: AppHandle, text: String) -> Result<(), CommandError> {
    app.clipboard()
        .write_text(text)
        .map_err(|e| CommandError::new(ErrorCode::Failed, e))
}

/// Saves the previewed text where the user chooses; None when the dialog was cancelled.
#[tauri::command]
pub async fn report_save(app: AppHandle, text: String) -> Result<Option<String>, CommandError> {
    let name = format!(
        "オン資アシスタント_サポート用レポート_{}.txt",
        onshi_core::time::now_jst().format("%Y%m%d-%H%M")
    );
    let picked = off_runtime(move || pick(&app, Pick::Save(name))).await?;
    let Some(path) = picked else {
        return Ok(None);
    };
    // Windows' Notepad opens UTF-8 with a BOM as Japanese on every version.
    let mut bytes = if cfg!(windows) {
        vec![0xEF, 0xBB, 0xBF]
    } else {
        Vec::new()
    };
    bytes.extend_from_slice(
        text.replace('\n', if cfg!(windows) { "\r\n" } else { "\n" })
            .as_bytes(),
    );
    let shown = onshi_core::app_data::without_home(&path.display().to_string());
    off_runtime(move || std::fs::write(&path, bytes))
        .await?
        .map_err(|e| CommandError::new(ErrorCode::Unwritable, e))?;
    Ok(Some(shown))
}

//! Native file and folder dialogs, run from Rust so paths never come from the web view as free strings.
//!
//! For the end-to-end tests only: when ONSHI_TEST_PICKS names a folder, a dialog of kind K instead reads
//! the path written in the file K there (`certificate`, `backup`, `folder`, `save`), as if the user had
//! chosen it; a missing file is a cancelled dialog. WebDriver cannot reach a native GTK dialog.

use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

pub enum Pick {
    Certificate,
    Backup,
    Folder,
    /// Where to save a calendar file, with a suggested name.
    Save(String),
}

impl Pick {
    fn test_name(&self) -> &'static str {
        match self {
            Pick::Certificate => "certificate",
            Pick::Backup => "backup",
            Pick::Folder => "folder",
            Pick::Save(_) => "save",
        }
    }
}

/// Shows the dialog (blocking: call it off the main thread) and returns the chosen path, or None.
pub fn pick(app: &AppHandle, kind: Pick) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ONSHI_TEST_PICKS") {
        let chosen = std::fs::read_to_string(PathBuf::from(dir).join(kind.test_name())).ok()?;
        return Some(PathBuf::from(chosen.trim()));
    }
    let dialog = app.dialog().file();
    let chosen = match kind {
        Pick::Certificate => dialog
            .set_title("電子証明書ファイルを選択")
            .add_filter(
                "電子証明書（*.cer, *.crt, *.pem, *.der）",
                &["cer", "crt", "pem", "der"],
            )
            .blocking_pick_file(),
        Pick::Backup => dialog
            .set_title("バックアップファイルを選択")
            .add_filter("電子証明書のバックアップ（*.p12, *.pfx）", &["p12", "pfx"])
            .blocking_pick_file(),
        Pick::Folder => dialog
            .set_title("コピー先（USBメモリなど）を選択")
            .blocking_pick_folder(),
        Pick::Save(name) => dialog
            .set_title("保存先を選択")
            .set_file_name(&name)
            .blocking_save_file(),
    };
    chosen?.into_path().ok()
}

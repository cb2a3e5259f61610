//! Where the app keeps what it remembers, and how a file there is written so that a power cut or a full
//! disk never leaves half a file: the desktop app and `onshi` (read-only) agree on one folder.

use serde::Serialize;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The app's identifier (tauri.conf.json), which names its data folder.
pub const APP_ID: &str = "jp.onshi-assistant.app";

/// The settings file the app writes through tauri-plugin-store, with everything under this key.
pub const SETTINGS_FILE: &str = "settings.json";
pub const SETTINGS_KEY: &str = "settings";
/// What the app has seen and done (status.rs).
pub const STATUS_FILE: &str = "status.json";
/// Whom staff call, as the IT vendor entered it (app/contacts.rs).
pub const CONTACTS_FILE: &str = "contacts.toml";
/// One file per day of reader, card and service events (history/).
pub const HISTORY_DIR: &str = "history";

/// The app's data folder, as Tauri's `app_data_dir` names it: `%APPDATA%\jp.onshi-assistant.app` on
/// Windows, `$XDG_DATA_HOME/jp.onshi-assistant.app` (or `~/.local/share/…`) on Linux.
pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_ID))
}

/// Writes `value` as pretty JSON to `path` through a temporary file beside it, renamed over the old
/// file only once every byte is on disk: a failure (disk full) leaves the old file as it was.
pub fn write_json_atomically(path: &Path, value: &impl Serialize) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    write_atomically(path, &bytes)
}

/// Writes `bytes` to `path` the same way: the old file stays whole until the new one is on disk.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The user's home folder written as `~`, so a report never carries the user's name in a path.
pub fn without_home(text: &str) -> String {
    match dirs::home_dir() {
        Some(home) => {
            let home = home.to_string_lossy();
            let home = home.trim_end_matches(['/', '\\']);
            if home.len() < 2 {
                return text.to_owned();
            }
            text.replace(home, "~")
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("status.json");
        write_json_atomically(&path, &serde_json::json!({"a": 1})).unwrap();
        write_json_atomically(&path, &serde_json::json!({"a": 2})).unwrap();
        let read: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(read["a"], 2);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn the_home_folder_becomes_a_tilde() {
        let home = dirs::home_dir().unwrap();
        let inside = home.join("電子証明書").join("cert.cer");
        let text = format!("file: {}", inside.display());
        let shown = without_home(&text);
        assert!(!shown.contains(&*home.to_string_lossy()), "{shown}");
        assert!(shown.starts_with("file: ~"), "{shown}");
    }
}

//! The user's settings, and the one rule about their file: a damaged file is moved aside and the user
//! is told, never silently replaced by defaults.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use crate::text::Language;

/// Everything the user can set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    pub language: Language,
    /// Larger type throughout, for older staff.
    pub large_text: bool,
    /// For each guide started, the steps walked so far (the last is where it resumes).
    pub guide_progress: BTreeMap<String, Vec<String>>,
    /// The MPKI client's latest version, as the user read it on the portal's 「アプリケーションバージョン情報」.
    pub mpki_latest_known: Option<String>,
    /// The first-run question "start at login?" has been answered.
    pub autostart_asked: bool,
    /// The notice "still running in the notification area" has been shown once.
    pub tray_notice_shown: bool,
    /// The thumbprint of the store certificate the staff chose as the terminal's, when several
    /// subjects qualified (cert::in_use::classify).
    pub terminal_certificate: Option<String>,
}

/// The settings as the app stored them in `data_dir` (tauri-plugin-store: `{"settings": {…}}`), read
/// only, for the CLI; defaults when the file is missing or unreadable (the app itself names a damaged one).
pub fn read_saved(data_dir: &Path) -> Settings {
    fs::read(data_dir.join(crate::app_data::SETTINGS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|mut value| {
            value
                .get_mut(crate::app_data::SETTINGS_KEY)
                .map(serde_json::Value::take)
        })
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default()
}

/// Checks the settings file before it is opened. When it exists but is not a JSON object (cut short by a
/// power cut, edited by hand, overwritten by something else), it is renamed to
/// `<name>.damaged-YYYYMMDD-HHMMSS` beside itself and the new path is returned, so the app can tell the
/// user where their old settings went. A missing file is not damaged: that is a first start.
pub fn move_aside_if_damaged(path: &Path) -> io::Result<Option<PathBuf>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    if matches!(
        serde_json::from_slice::<serde_json::Value>(&bytes),
        Ok(serde_json::Value::Object(_))
    ) {
        return Ok(None);
    }
    move_aside(path).map(Some)
}

/// Renames a damaged file to `<name>.damaged-YYYYMMDD-HHMMSS` beside itself (never over another) and
/// returns the new path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = crate::time::now_jst().format("%Y%m%d-%H%M%S");
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut aside = path.with_file_name(format!("{file_name}.damaged-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = path.with_file_name(format!("{file_name}.damaged-{stamp}-{n}"));
    }
    fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_or_missing_file_stays_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        assert_eq!(move_aside_if_damaged(&path).unwrap(), None);
        fs::write(&path, r#"{"language":"en"}"#).unwrap();
        assert_eq!(move_aside_if_damaged(&path).unwrap(), None);
        assert!(path.exists());
    }

    #[test]
    fn a_damaged_file_is_moved_aside_with_its_bytes_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        for damaged in [&b"{\"language\":\"e"[..], b"[1,2]", b"\xff\xfe garbage"] {
            fs::write(&path, damaged).unwrap();
            let aside = move_aside_if_damaged(&path).unwrap().expect("moved aside");
            assert!(!path.exists());
            assert_eq!(
                fs::read(&aside).unwrap(),
                damaged,
                "the old bytes are kept, not lost"
            );
            assert!(aside
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("settings.json.damaged-"));
        }
        // Three damaged files in one second: three distinct names, none overwritten.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    #[test]
    fn unknown_and_missing_fields_fall_back_to_defaults() {
        let settings: Settings = serde_json::from_str(r#"{"language":"en","future":1}"#).unwrap();
        assert_eq!(
            settings,
            Settings {
                language: Language::En,
                ..Settings::default()
            }
        );
    }
}

//! The app's `status.json` (onshi-core's Status) held in memory and written through on every change.
//! A damaged file is moved aside at start, as settings are.

use onshi_core::app::status::Status;
use onshi_core::lock::LockExt;
use std::path::PathBuf;
use std::sync::Mutex;

/// What the app remembers, as onshi-core's fact-gatherer takes it: the settings from the store, the
/// status from memory, and the data folder (for the history).
pub fn remembered(app: &tauri::AppHandle) -> onshi_core::facts::Remembered {
    use tauri::Manager;
    onshi_core::facts::Remembered {
        settings: crate::settings::load(app).unwrap_or_default(),
        status: app.state::<AppStatus>().read(Status::clone),
        data_dir: app.path().app_data_dir().ok(),
    }
}

pub struct AppStatus {
    dir: PathBuf,
    status: Mutex<Status>,
}

impl AppStatus {
    pub fn open(dir: PathBuf) -> AppStatus {
        // Only what the app noted for itself lives here: a damaged file costs at most a repeated
        // notification, so it is kept aside and named on stderr rather than put before staff.
        let (status, moved) = Status::load(&dir).unwrap_or_else(|error| {
            eprintln!("status.json: {error}");
            (Status::default(), None)
        });
        if let Some(aside) = moved {
            eprintln!("status.json was damaged and is kept as {}", aside.display());
        }
        AppStatus {
            dir,
            status: Mutex::new(status),
        }
    }

    pub fn read<T>(&self, look: impl FnOnce(&Status) -> T) -> T {
        look(&self.status.lock_or_recover())
    }

    /// Changes the status and writes it; a write that fails (a full disk) keeps the change in memory
    /// and the old file intact.
    pub fn update<T>(&self, change: impl FnOnce(&mut Status) -> T) -> T {
        let mut status = self.status.lock_or_recover();
        let out = change(&mut status);
        if let Err(error) = status.save(&self.dir) {
            eprintln!("status.json could not be written: {error}");
        }
        out
    }

    /// Changes the status and writes it only if the change changed anything (the resident's events,
    /// most of which leave it as it was).
    pub fn update_if_changed<T>(&self, change: impl FnOnce(&mut Status) -> T) -> T {
        let mut status = self.status.lock_or_recover();
        let before = status.clone();
        let out = change(&mut status);
        if *status != before {
            if let Err(error) = status.save(&self.dir) {
                eprintln!("status.json could not be written: {error}");
            }
        }
        out
    }
}

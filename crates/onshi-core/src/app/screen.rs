//! The app's screens that a notice or the tray can open (the UI knows them by the same names).

use serde::Serialize;
use ts_rs::TS;

/// The screen that deals with a notification, where the app opens next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename_all = "lowercase")]
pub enum Screen {
    Home,
    Readers,
    Cert,
}

impl Screen {
    const ALL: [Screen; 3] = [Screen::Home, Screen::Readers, Screen::Cert];

    /// The name the UI knows the screen by (as serialised).
    pub const fn name(self) -> &'static str {
        match self {
            Screen::Home => "home",
            Screen::Readers => "readers",
            Screen::Cert => "cert",
        }
    }

    pub fn from_name(name: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|screen| screen.name() == name)
    }
}

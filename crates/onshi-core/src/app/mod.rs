//! The resident app's memory and behaviour: what it keeps in its data folder (settings, status, the
//! history), what it shows in the tray and notifies, and the one state machine that drives them. The app
//! (src-tauri) runs these; the CLI only reads the files. The domain modules never import from here; the
//! fact-gatherer and the judges above do.

/// What to notify, at most once a day per cause.
pub mod alerts;
/// Whom staff call, with a number (`contacts.toml`).
pub mod contacts;
/// What the resident app writes to the Windows event log, and when.
pub mod event_log;
/// The face-recognition readers' makers and the first restart the sources name for each.
pub mod face_readers;
/// The tray's one-glance state.
pub mod health;
/// The 30-day connection history and its timeline.
pub mod history;
/// Whether a Windows toast can be shown, else the tray's balloon.
pub mod notice_route;
/// When the resident app starts afresh to give back its window's memory.
pub mod relaunch;
/// The resident app's one state machine: events in, effects out.
pub mod resident;
/// The screens a notice or the tray can open.
pub mod screen;
/// The user's settings, and the rule for a damaged settings file.
pub mod settings;
/// What the app noted for itself (`status.json`).
pub mod status;

//! The domain of オン資アシスタント, shared by the desktop app and the `onshi` command line.
//!
//! Nothing here knows about Tauri, a window or a terminal: functions take plain input and return
//! plain, serialisable results, and every error is a variant a person can act on.

pub mod alerts;
pub mod app_data;
pub mod card;
pub mod cert;
pub mod check;
pub mod desk_check;
pub mod error_code;
pub mod file_input;
pub mod guides;
pub mod health;
pub mod history;
pub mod lock;
pub mod mpki;
pub mod notice_route;
pub mod os_support;
pub mod platform;
pub mod readers;
pub mod relaunch;
pub mod resident;
pub mod settings;
pub mod status;
pub mod succession;
pub mod support;
pub mod text;
pub mod time;
pub mod verdict;

//! The domain of オン資アシスタント, shared by the desktop app and the `onshi` command line.
//!
//! Nothing here knows about Tauri, a window or a terminal: functions take plain input and return
//! plain, serialisable results, and every error is a variant a person can act on.

pub mod card;
pub mod cert;
pub mod guides;
pub mod mpki;
pub mod platform;
pub mod readers;
pub mod settings;
pub mod succession;
pub mod time;

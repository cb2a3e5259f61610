use onshi_core::error_code::{Coded, ErrorCode};
use serde::Serialize;

/// A command that did not finish, with a stable `kind` code the UI words in Japanese and English.
#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CommandError {
    pub kind: ErrorCode,
    pub detail: String,
}

impl CommandError {
    pub fn new(kind: ErrorCode, detail: impl ToString) -> CommandError {
        CommandError {
            kind,
            detail: detail.to_string(),
        }
    }
}

/// Every error of the core that carries a code (the read test's, a certificate's, a backup's, a copy's,
/// the OS's …) becomes a command error with that code and its own words as the detail, so `?` works on
/// each without a conversion per type. CommandError itself must not be `Coded`: this impl would then
/// overlap with `From<T> for T`.
impl<E: Coded + std::fmt::Display> From<E> for CommandError {
    fn from(error: E) -> CommandError {
        CommandError::new(error.code(), &error)
    }
}

/// Runs blocking work (a dialog, a file read, PBKDF2, the read test) on the blocking pool, never on the
/// async runtime that serves the other commands and events. If the work panics, the screen gets an
/// `internal` error to word, instead of an answer it would wait for forever.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|error| CommandError::new(ErrorCode::Internal, error))
}

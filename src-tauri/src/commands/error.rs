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

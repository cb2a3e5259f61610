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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_off_the_runtime_reaches_the_screen_as_internal() {
        let outcome = tauri::async_runtime::block_on(off_runtime(|| -> u8 { panic!("broke") }));
        assert_eq!(outcome.unwrap_err().kind, ErrorCode::Internal);
        let outcome = tauri::async_runtime::block_on(off_runtime(|| 7u8));
        assert_eq!(outcome.unwrap(), 7);
    }

    #[test]
    fn a_coded_error_keeps_its_code_and_its_words() {
        let error = CommandError::from(onshi_core::cert::CertError::TooLarge);
        assert_eq!(error.kind, ErrorCode::TooLarge);
        assert_eq!(error.detail, "the file is too large to be a certificate");
    }
}

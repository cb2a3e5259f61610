use onshi_core::error_code::ErrorCode;
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

impl From<onshi_core::card::ProbeError> for CommandError {
    fn from(error: onshi_core::card::ProbeError) -> CommandError {
        CommandError::new(error.code(), &error)
    }
}

impl From<onshi_core::cert::CertError> for CommandError {
    fn from(error: onshi_core::cert::CertError) -> CommandError {
        CommandError::new(error.code(), &error)
    }
}

impl From<onshi_core::cert::BackupError> for CommandError {
    fn from(error: onshi_core::cert::BackupError) -> CommandError {
        CommandError::new(error.code(), &error)
    }
}

impl From<onshi_core::cert::copy::CopyError> for CommandError {
    fn from(error: onshi_core::cert::copy::CopyError) -> CommandError {
        CommandError::new(error.code(), &error)
    }
}

impl From<tauri::Error> for CommandError {
    fn from(error: tauri::Error) -> CommandError {
        CommandError::new(ErrorCode::Failed, error)
    }
}

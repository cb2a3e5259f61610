//! The stable codes of every failure the CLI prints (`--json`'s `error`) and the app hands to its screens
//! (`CommandError.kind`). One enum, so that the string of a code is written once; the families below say
//! which codes each screen words, and are exported to the UI (`ui/src/lib/bindings/errorCodes.ts`, written
//! by this module's test) so that no list is copied by hand.
//!
//! Codes are kebab-case and part of the CLI's contract (docs/CLI.md): add codes freely, never rename one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why something could not be done.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum ErrorCode {
    // The read test (card::ProbeError).
    NoService,
    NoCard,
    CardRemoved,
    /// A card or phone lies on the reader but does not answer.
    CardSilent,
    /// The person stopped the read test.
    TestCancelled,
    ReaderGone,
    NoSuchReader,
    SamSlot,
    // A backup (cert::BackupError).
    WrongPassword,
    NotPkcs12,
    Damaged,
    Unsupported,
    // A certificate (cert::CertError).
    NotACertificate,
    IsABackup,
    // A copy of a backup (cert::copy::CopyError).
    SourceUnreadable,
    DestinationMissing,
    NoSpace,
    Mismatch,
    // The OS (platform::PlatformError).
    NotAvailable,
    // A password on standard input (cert::PasswordInputError).
    PasswordNotText,
    PasswordTooLong,
    // Shared, and the app's own.
    TooLarge,
    /// A file could not be read (pulled-out USB stick, no permission).
    Unreadable,
    /// A file could not be written.
    Unwritable,
    /// The backup to check or copy has not been chosen.
    NoBackup,
    /// No certificate has been opened.
    NoCertificate,
    /// A date that is not YYYY-MM-DD.
    BadDate,
    // The CLI's own.
    /// `--days` out of its range.
    BadDays,
    /// The file given for the succession is not a certificate.
    BadCertificate,
    /// No expiry date was given or found for the succession.
    MissingExpiry,
    /// The app's data folder cannot be found (no home folder).
    NoDataFolder,
    /// Anything else; its detail says what.
    Failed,
}

impl ErrorCode {
    /// The code as the CLI's JSON and the UI carry it, e.g. "wrong-password".
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            NoService => "no-service",
            NoCard => "no-card",
            CardRemoved => "card-removed",
            CardSilent => "card-silent",
            TestCancelled => "test-cancelled",
            ReaderGone => "reader-gone",
            NoSuchReader => "no-such-reader",
            SamSlot => "sam-slot",
            WrongPassword => "wrong-password",
            NotPkcs12 => "not-pkcs12",
            Damaged => "damaged",
            Unsupported => "unsupported",
            NotACertificate => "not-a-certificate",
            IsABackup => "is-a-backup",
            SourceUnreadable => "source-unreadable",
            DestinationMissing => "destination-missing",
            NoSpace => "no-space",
            Mismatch => "mismatch",
            NotAvailable => "not-available",
            PasswordNotText => "password-not-text",
            PasswordTooLong => "password-too-long",
            TooLarge => "too-large",
            Unreadable => "unreadable",
            Unwritable => "unwritable",
            NoBackup => "no-backup",
            NoCertificate => "no-certificate",
            BadDate => "bad-date",
            BadDays => "bad-days",
            BadCertificate => "bad-certificate",
            MissingExpiry => "missing-expiry",
            NoDataFolder => "no-data-folder",
            Failed => "failed",
        }
    }

    /// What the read test (app and `onshi card-test`) can end with.
    pub const READ_TEST: &'static [ErrorCode] = &[
        ErrorCode::NoService,
        ErrorCode::NoCard,
        ErrorCode::CardRemoved,
        ErrorCode::CardSilent,
        ErrorCode::TestCancelled,
        ErrorCode::ReaderGone,
        ErrorCode::NoSuchReader,
        ErrorCode::SamSlot,
        ErrorCode::Failed,
    ];

    /// What checking a backup can end with (the app adds `unreadable` and `no-backup`).
    pub const BACKUP: &'static [ErrorCode] = &[
        ErrorCode::WrongPassword,
        ErrorCode::NotPkcs12,
        ErrorCode::Damaged,
        ErrorCode::Unsupported,
        ErrorCode::TooLarge,
        ErrorCode::Unreadable,
        ErrorCode::NoBackup,
        ErrorCode::Failed,
    ];

    /// What copying a backup can end with.
    pub const COPY: &'static [ErrorCode] = &[
        ErrorCode::SourceUnreadable,
        ErrorCode::TooLarge,
        ErrorCode::DestinationMissing,
        ErrorCode::NoSpace,
        ErrorCode::Mismatch,
        ErrorCode::NoBackup,
        ErrorCode::Failed,
    ];

    /// What opening a certificate file can end with.
    pub const CERTIFICATE: &'static [ErrorCode] = &[
        ErrorCode::NotACertificate,
        ErrorCode::IsABackup,
        ErrorCode::TooLarge,
        ErrorCode::Unreadable,
        ErrorCode::Failed,
    ];
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_written_as_serde_writes_it() {
        let all = [
            ErrorCode::READ_TEST,
            ErrorCode::BACKUP,
            ErrorCode::COPY,
            ErrorCode::CERTIFICATE,
        ]
        .concat();
        for code in all.iter().chain(&[
            ErrorCode::NotAvailable,
            ErrorCode::PasswordNotText,
            ErrorCode::PasswordTooLong,
            ErrorCode::Unwritable,
            ErrorCode::NoCertificate,
            ErrorCode::BadDate,
            ErrorCode::BadDays,
            ErrorCode::BadCertificate,
            ErrorCode::MissingExpiry,
            ErrorCode::NoDataFolder,
        ]) {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json.as_str(), Some(code.as_str()));
        }
    }

    /// Writes the families for the UI next to ts-rs's bindings; npm test fails when the committed copy
    /// differs.
    #[test]
    fn export_families_for_the_ui() {
        let list = |codes: &[ErrorCode]| {
            codes
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let text = format!(
            "// Written by onshi-core's tests (error_code.rs); do not edit: the codes each screen words.\n\
             export const readTestErrorCodes = [{}] as const;\n\
             export const backupErrorCodes = [{}] as const;\n\
             export const copyErrorCodes = [{}] as const;\n\
             export const certificateErrorCodes = [{}] as const;\n\
             // The app's read test: how long it waits for a card, and the most it can take (card/probe.rs).\n\
             export const readTestWaitSeconds = {};\n\
             export const readTestLimitSeconds = {};\n",
            list(ErrorCode::READ_TEST),
            list(ErrorCode::BACKUP),
            list(ErrorCode::COPY),
            list(ErrorCode::CERTIFICATE),
            crate::card::probe::APP_WAIT_FOR_CARD.as_secs(),
            crate::card::test_limit(crate::card::probe::APP_WAIT_FOR_CARD).as_secs(),
        );
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings");
        if dir.is_dir() {
            std::fs::write(dir.join("errorCodes.ts"), text).unwrap();
        }
    }
}

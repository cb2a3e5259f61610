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
    /// The card was reset mid-test (SCARD_W_RESET_CARD): hold it again.
    CardReset,
    /// The exchange failed in the reader or its USB link, not the card.
    ReaderLink,
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
    /// The app's own fault: a background task that should not fail did (a panic). The screens say so
    /// instead of waiting for an answer that will never come.
    Internal,
}

/// An error that carries one of the stable codes: the CLI prints `code()` in its JSON and the app hands
/// it to the screens, each with the error's own words beside it.
pub trait Coded {
    fn code(&self) -> ErrorCode;
}

/// The kebab-case names serde gives `ErrorCode`'s variants, in declaration order. Derived `Deserialize`
/// hands its list of variant names to `deserialize_enum`; this deserializer only catches that list.
fn serde_names() -> &'static [&'static str] {
    use serde::de::{self, Visitor};

    struct Names(Option<&'static [&'static str]>);

    impl<'de> de::Deserializer<'de> for &mut Names {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only the variant names are asked for"))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            variants: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(variants);
            Err(de::Error::custom("names caught"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
        }
    }

    static NAMES: std::sync::OnceLock<&'static [&'static str]> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Names(None);
        let _ = ErrorCode::deserialize(&mut names);
        names
            .0
            .expect("a derived enum Deserialize names its variants")
    })
}

impl ErrorCode {
    /// The code as the CLI's JSON and the UI carry it, e.g. "wrong-password": serde's own name for the
    /// variant, so that the strings are written once (by `rename_all`), not kept again by hand here.
    pub fn as_str(self) -> &'static str {
        // A fieldless enum's `as usize` is its place in the declaration, which is the place of its name
        // in serde's list (the test below holds the two together).
        serde_names()[self as usize]
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
        ErrorCode::CardReset,
        ErrorCode::ReaderLink,
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
    fn each_code_is_written_as_serde_writes_it_and_reads_back() {
        let names = serde_names();
        assert_eq!(names.first(), Some(&"no-service"));
        for (place, name) in names.iter().enumerate() {
            let code: ErrorCode = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(code as usize, place, "{name}");
            assert_eq!(code.as_str(), *name);
            assert_eq!(code.to_string(), *name);
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(name));
        }
        assert_eq!(ErrorCode::Internal.as_str(), "internal");
        assert_eq!(ErrorCode::PasswordNotText.as_str(), "password-not-text");
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
             // A command whose background task broke: every screen words it the same way.\n\
             export const internalErrorCode = \"{}\";\n\
             // The app's read test: how long it waits for a card, and the most it can take (card/probe.rs).\n\
             export const readTestWaitSeconds = {};\n\
             export const readTestLimitSeconds = {};\n",
            list(ErrorCode::READ_TEST),
            list(ErrorCode::BACKUP),
            list(ErrorCode::COPY),
            list(ErrorCode::CERTIFICATE),
            ErrorCode::Internal,
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

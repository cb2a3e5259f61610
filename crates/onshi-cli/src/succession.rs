//! `onshi succession`: the last day the old-code certificate may be used after a 承継.

use crate::exit;
use crate::output::{print_json, report_error};
use crate::text::Language;
use chrono::NaiveDate;
use onshi_core::cert;
use onshi_core::error_code::ErrorCode;
use onshi_core::file_input::InputError;
use onshi_core::succession::{grace_period, LimitedBy};
use std::path::Path;

pub fn run(
    from: NaiveDate,
    not_after: Option<NaiveDate>,
    certificate: Option<&Path>,
    json: bool,
    lang: Language,
) -> u8 {
    let not_after = match (not_after, certificate) {
        (Some(date), _) => date,
        (None, Some(path)) => match read_not_after(path) {
            Ok(date) => date,
            Err(message) => {
                report_error(json, ErrorCode::BadCertificate, &message(lang));
                return exit::BAD_INPUT;
            }
        },
        (None, None) => {
            let message = lang.pick(
                "電子証明書の有効期限（--not-after）か電子証明書ファイル（--cert）を指定してください。",
                "Give the certificate's expiry (--not-after) or its file (--cert).",
            );
            report_error(json, ErrorCode::MissingExpiry, message);
            return exit::BAD_INPUT;
        }
    };
    let grace = grace_period(from, not_after);
    // People read the dates their way; --json keeps YYYY-MM-DD.
    let last_day = onshi_core::time::date_text(&grace.last_day, lang);
    let counted_from = onshi_core::time::date_text(&grace.from, lang);
    if json {
        print_json(&grace);
    } else {
        match (lang, grace.limited_by) {
            (Language::Ja, LimitedBy::Days120) => crate::say!(
                "旧コードの電子証明書を使えるのは{}までです（{}から120日間）。正確な日付はポータルサイトでもご確認ください。",
                last_day, counted_from
            ),
            (Language::Ja, LimitedBy::Certificate) => crate::say!(
                "旧コードの電子証明書を使えるのは{}までです（120日より先に電子証明書の有効期限が来ます）。正確な日付はポータルサイトでもご確認ください。",
                last_day
            ),
            (Language::En, LimitedBy::Days120) => crate::say!(
                "The old-code certificate may be used until {} (120 days from {}). Confirm the date on the portal site.",
                last_day, counted_from
            ),
            (Language::En, LimitedBy::Certificate) => crate::say!(
                "The old-code certificate may be used until {} (it expires before the 120 days end). Confirm the date on the portal site.",
                last_day
            ),
            (_, LimitedBy::AlreadyExpired) => {}
        }
    }
    if grace.limited_by == LimitedBy::AlreadyExpired {
        // A problem, not an answer: said on stderr, in both output modes.
        eprintln!(
            "{}",
            match lang {
                Language::Ja => format!(
                    "旧コードの電子証明書は{}に有効期限が切れています（承継の日{}より前）。この電子証明書は使えません。新しいコードで電子証明書の新規発行を申請してください。",
                    last_day, counted_from
                ),
                Language::En => format!(
                    "The old-code certificate expired on {}, before the change on {}: it cannot be used at all. Apply for a new certificate under the new code.",
                    last_day, counted_from
                ),
            }
        );
        return exit::PROBLEM;
    }
    exit::FINE
}

type Message = fn(Language) -> String;

fn read_not_after(path: &Path) -> Result<NaiveDate, Message> {
    let unreadable: Message = |lang| {
        lang.pick(
            "電子証明書ファイルを読めません。",
            "Cannot read the certificate file.",
        )
        .to_string()
    };
    let not_a_certificate: Message = |lang| {
        lang.pick(
            "このファイルは電子証明書ではありません。",
            "This file is not a certificate.",
        )
        .to_string()
    };
    // A file too large to be a certificate is not one, as read_certificate would have said of it.
    let bytes = onshi_core::file_input::read_file(path, cert::x509::MAX_CERTIFICATE_BYTES as u64)
        .map_err(|error| match error {
        InputError::TooLarge { .. } => not_a_certificate,
        InputError::Unreadable(_) => unreadable,
    })?;
    let info = cert::read_certificate(&bytes)
        .and_then(|der| cert::inspect(&der, crate::cert::today(None)))
        .map_err(|_| not_a_certificate)?;
    info.not_after_date().ok_or(unreadable)
}

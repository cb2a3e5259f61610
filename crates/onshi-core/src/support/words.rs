//! The report's small words: outcomes, states, kinds and dates as a help desk reads them, in Japanese or
//! English (the JSON keeps the codes).

use crate::app::status::{ReadTestCode, ReadTestOutcome};
use crate::card::Holder;
use crate::cert::CertStatus;
use crate::error_code::ErrorCode;
use crate::readers::ServiceState;
use crate::text::Language;

/// A read test's outcome in words.
pub(super) fn outcome_words(code: ReadTestCode, language: Language) -> String {
    use ErrorCode::*;
    let (ja, en) = match code {
        ReadTestCode::Answered(holder) => match holder {
            Holder::MyNumberCard => ("マイナンバーカード", "My Number card"),
            Holder::SmartphoneAndroid => ("スマートフォン（Android）", "smartphone (Android)"),
            Holder::SmartphoneIphone => ("スマートフォン（iPhone）", "smartphone (iPhone)"),
            Holder::JpkiUnknown => (
                "公的個人認証の機能（種類不明）",
                "JPKI function (unknown kind)",
            ),
            Holder::NotMyNumberCard => ("マイナンバーカードではないカード", "not a My Number card"),
        },
        ReadTestCode::Stopped(NoCard) => ("カードが置かれませんでした", "no card was placed"),
        ReadTestCode::Stopped(CardRemoved) => {
            ("途中でカードが離れました", "the card left during the test")
        }
        ReadTestCode::Stopped(CardSilent) => (
            "カードは置かれていましたが、応答しませんでした",
            "a card was there but did not answer",
        ),
        ReadTestCode::Stopped(TestCancelled) => ("中止しました", "stopped"),
        ReadTestCode::Stopped(ReaderGone) => {
            ("カードリーダーが外れました", "the reader was disconnected")
        }
        ReadTestCode::Stopped(NoService) => ("サービス停止中", "service not running"),
        ReadTestCode::Stopped(CardReset) => (
            "カードがリセットされました（一時的）",
            "the card was reset (passing)",
        ),
        ReadTestCode::Stopped(ReaderLink) => (
            "カードリーダーかUSB接続の不具合",
            "the reader or its USB link failed",
        ),
        ReadTestCode::Stopped(_) => ("読み取れませんでした", "failed"),
    };
    language.pick(ja, en).to_owned()
}

/// The smart-card service's state in words (the summary and the readers' section say it alike).
pub(super) fn service_words(service: ServiceState, language: Language) -> &'static str {
    match service {
        ServiceState::Running => language.pick("動作中", "running"),
        ServiceState::Unavailable => language.pick("応答なし", "not answering"),
    }
}

/// A read test's outcome and when, as the report prints it: 「マイナンバーカード（2026年12月1日 8:31）」; "-" for
/// none.
pub(super) fn read_test_words(test: Option<&ReadTestOutcome>, language: Language) -> String {
    match test {
        Some(test) => {
            let (open, close) = match language {
                Language::Ja => ("（", "）"),
                Language::En => (" (", ")"),
            };
            format!(
                "{}{open}{}{close}",
                outcome_words(test.outcome, language),
                when(&test.at, language)
            )
        }
        None => "-".to_owned(),
    }
}

/// An instant as the report prints it, in Japan time: 2026年12月1日 8:31 in Japanese, 1 Dec 2026 8:31 in
/// English.
pub(super) fn when(text: &str, language: Language) -> String {
    match language {
        Language::Ja => crate::time::moment_ja(text),
        Language::En => crate::time::moment_en(text),
    }
}

/// A YYYY-MM-DD date as the report prints it (2027年1月10日 / 10 Jan 2027).
pub(super) fn day(text: &str, language: Language) -> String {
    crate::time::date_text(text, language)
}

pub(super) fn kind_words(kind: crate::card::CardKind, language: Language) -> &'static str {
    use crate::card::CardKind::*;
    let (ja, en) = match kind {
        TypeA => ("Type AのICカード", "Type A card"),
        TypeB => (
            "Type BのICカード（マイナンバーカードなど）",
            "Type B card (My Number card etc.)",
        ),
        Felica => (
            "FeliCa（交通系・電子マネー）",
            "FeliCa (transport, e-money)",
        ),
        Mifare => ("MIFARE", "MIFARE"),
        Contact => ("接触型のICカード", "contact card"),
        Unknown => ("種類不明", "unknown"),
    };
    language.pick(ja, en)
}

pub(super) fn status_words(status: CertStatus, language: Language) -> &'static str {
    let (ja, en) = match status {
        CertStatus::Valid => ("有効", "valid"),
        CertStatus::RenewalWindow => ("更新期間中", "renewal window"),
        CertStatus::Expired => ("期限切れ", "expired"),
        CertStatus::NotYetValid => ("有効期間前", "not yet valid"),
    };
    language.pick(ja, en)
}

pub(super) fn or_dash(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

/// 「作成日時: …」 → 「作成日時：…」: a label's colon after Japanese is full-width, as Japanese documents
/// write it (the labels and their values are joined with ": " above, in both languages).
pub(super) fn full_width_colons(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut before = ' ';
    while let Some(c) = chars.next() {
        if c == ':' && !before.is_ascii() {
            out.push('：');
            if chars.peek() == Some(&' ') {
                chars.next();
            }
        } else {
            out.push(c);
        }
        before = c;
    }
    out
}

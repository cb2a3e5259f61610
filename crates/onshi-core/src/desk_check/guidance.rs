//! What staff do about an amber or red finding (`desk_guidance.toml`): the first thing to try, whom to
//! call — with the number the IT vendor entered (app/contacts.rs) — the short item number they quote on
//! the phone, and what the finding means at the desk.

use crate::app::contacts::Contacts;
use crate::text::Text;
use crate::verdict::{Level, Verdict, VerdictCode};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// Whom staff call when the first step does not help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Contact {
    /// The IT vendor that set up the terminal.
    ItVendor,
    /// The card reader's maker.
    ReaderMaker,
    /// The face-recognition reader's maker desk.
    FaceReaderMaker,
    /// The 医療機関等向けポータルサイト's help desk, 0800-080-4583.
    PortalHelpDesk,
    /// The patient's 市区町村 (the patient's own card).
    Municipality,
}

/// What a finding means at the desk, from the least to the most serious.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Consequence {
    /// Patients can be taken; nothing needs doing.
    CanReceive,
    /// Patients can be taken; something needs doing.
    #[default]
    Act,
    /// The smartphone マイナ保険証 cannot be taken (My Number cards still can, on the face-recognition reader).
    NoSmartphone,
    /// Online eligibility checks do not work.
    NoOnlineCheck,
}

impl Consequence {
    /// What it means at the desk, as the first words of a line (home, 始業点検, 「電子証明書」).
    pub fn title(self) -> Text {
        match self {
            Consequence::CanReceive | Consequence::Act => Text::new(
                "受付できます。対応が必要なことがあります",
                "You can take patients; something needs doing",
            ),
            Consequence::NoSmartphone => Text::new(
                "スマートフォンのマイナ保険証は受け付けられません",
                "Smartphone My Number insurance cards cannot be accepted",
            ),
            Consequence::NoOnlineCheck => Text::new(
                "オンライン資格確認ができません",
                "Online eligibility checks do not work",
            ),
        }
    }
}

/// One rule of `desk_guidance.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub code: VerdictCode,
    /// The number staff quote on the phone (「項目 R-04」).
    pub item: String,
    /// What it means at the desk.
    #[serde(default)]
    pub desk: Consequence,
    pub try_ja: String,
    pub try_en: String,
    pub call: Contact,
    pub source: String,
}

#[derive(Debug, Deserialize)]
struct GuidanceFile {
    rule: Vec<Guidance>,
}

/// The rules shipped with the app.
pub fn guidance() -> &'static [Guidance] {
    static RULES: OnceLock<Vec<Guidance>> = OnceLock::new();
    RULES.get_or_init(|| crate::embedded::data!(GuidanceFile, "desk_guidance").rule)
}

/// The rule for `code`, if it is one staff act on.
pub fn rule(code: VerdictCode) -> Option<&'static Guidance> {
    guidance().iter().find(|rule| rule.code == code)
}

/// What a screen that shows one finding (「電子証明書」) says under an amber or red verdict: what it
/// means at the desk, the first thing to try, whom to call with their number, and the item to quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Advice {
    pub consequence: Consequence,
    pub consequence_text: Text,
    pub try_first: Text,
    pub call: Contact,
    pub call_line: Text,
    pub item: String,
}

/// The advice for a verdict, only when its level asks staff to act (amber or red): a neutral finding
/// has nobody to call.
pub fn advice(verdict: &Verdict, contacts: &Contacts) -> Option<Advice> {
    if verdict.level < Level::Warn {
        return None;
    }
    rule(verdict.code).map(|rule| Advice {
        consequence: rule.desk,
        consequence_text: rule.desk.title(),
        try_first: Text::new(rule.try_ja.clone(), rule.try_en.clone()),
        call: rule.call,
        call_line: call_line(rule.call, contacts),
        item: rule.item.clone(),
    })
}

/// The portal's help desk, as its number and hours are published (FACTS, "Trouble staff meet"; closed
/// on public holidays as reported in issue 29).
const PORTAL_HELP_DESK: (&str, &str) = (
    "医療機関等向けポータルサイトのヘルプデスク（0800-080-4583、平日8:00〜18:00、土曜8:00〜16:00、祝日を除く）",
    "the portal's help desk, 0800-080-4583 (weekdays 8:00–18:00, Saturdays 8:00–16:00, except public holidays)",
);

/// Whom to call, in words staff can dial from: the name and number the IT vendor entered, or where to
/// find them when nothing was entered.
pub fn call_line(contact: Contact, contacts: &Contacts) -> Text {
    match contact {
        Contact::ItVendor if !contacts.it_vendor.is_empty() => Text::new(
            format!("ITベンダー：{}", contacts.it_vendor.line()),
            format!("IT vendor: {}", contacts.it_vendor.line()),
        ),
        Contact::ItVendor => Text::new(
            "資格確認端末を設置したITベンダー（連絡先は「設定」の「連絡先」に登録できます）",
            "the IT vendor that set up the terminal (enter their number under \"Settings\" → \"Contacts\")",
        ),
        Contact::ReaderMaker => Text::new(
            "お使いの汎用カードリーダー（スマートフォン用）のメーカー（取扱説明書のお問い合わせ先）",
            "the maker of your smartphone card reader (the contact in its manual)",
        ),
        Contact::FaceReaderMaker if !contacts.face_reader_maker.is_empty() => Text::new(
            format!("顔認証付きカードリーダーのメーカー窓口：{}", contacts.face_reader_maker.line()),
            format!("The face-recognition reader's maker desk: {}", contacts.face_reader_maker.line()),
        ),
        Contact::FaceReaderMaker => Text::new(
            "顔認証付きカードリーダーのメーカー窓口（連絡先は「設定」の「連絡先」に登録できます）",
            "the face-recognition reader's maker desk (enter their number under \"Settings\" → \"Contacts\")",
        ),
        Contact::PortalHelpDesk => Text::new(PORTAL_HELP_DESK.0, PORTAL_HELP_DESK.1),
        Contact::Municipality => Text::new(
            "カードの持ち主がお住まいの市区町村の窓口",
            "the card holder's municipality office",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's JSON of desk_guidance.toml reads as the TOML it came from.
    #[test]
    fn the_embedded_desk_guidance_is_the_toml() {
        crate::embedded::same_as_toml!(
            GuidanceFile,
            "desk_guidance",
            include_str!("../desk_guidance.toml")
        );
    }
}

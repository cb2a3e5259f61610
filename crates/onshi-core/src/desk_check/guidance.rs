//! What staff do about an amber or red finding (`desk_guidance.toml`): the first thing to try, whom to
//! call — with the number the IT vendor entered (app/contacts.rs) — the short item number they quote on
//! the phone, and what the finding means at the desk.

use crate::app::contacts::Contacts;
use crate::text::Text;
use crate::verdict::VerdictCode;
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

#[derive(Deserialize)]
struct GuidanceFile {
    rule: Vec<Guidance>,
}

/// The rules shipped with the app.
pub fn guidance() -> &'static [Guidance] {
    static RULES: OnceLock<Vec<Guidance>> = OnceLock::new();
    RULES.get_or_init(|| {
        toml::from_str::<GuidanceFile>(include_str!("../desk_guidance.toml"))
            .expect("the embedded desk_guidance.toml is valid")
            .rule
    })
}

/// The rule for `code`, if it is one staff act on.
pub fn rule(code: VerdictCode) -> Option<&'static Guidance> {
    guidance().iter().find(|rule| rule.code == code)
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
        Contact::PortalHelpDesk => Text::new(PORTAL_HELP_DESK.0, PORTAL_HELP_DESK.1),
        Contact::Municipality => Text::new(
            "カードの持ち主がお住まいの市区町村の窓口",
            "the card holder's municipality office",
        ),
    }
}

//! Words in the app's two languages: one `Language` (the user's choice, the CLI's `--lang`) and one
//! `Text` (a line in Japanese and in English). Every bilingual field that crosses to the CLI's output or
//! the screens is a `Text`; data files keep their `_ja`/`_en` columns and are read into `Text`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The languages of the app; Japanese first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename_all = "lowercase")]
pub enum Language {
    #[default]
    Ja,
    En,
}

impl Language {
    /// `ja` or `en`, whichever is this language.
    pub fn pick<T>(self, ja: T, en: T) -> T {
        match self {
            Language::Ja => ja,
            Language::En => en,
        }
    }
}

impl std::str::FromStr for Language {
    type Err = String;

    /// "ja" or "en", as settings.json and the CLI's `--lang` write it.
    fn from_str(text: &str) -> Result<Language, String> {
        match text {
            "ja" => Ok(Language::Ja),
            "en" => Ok(Language::En),
            other => Err(format!("unknown language {other:?} (ja or en)")),
        }
    }
}

/// A line in both languages.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[ts(export)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl Text {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The line in `language`.
    pub fn get(&self, language: Language) -> &str {
        language.pick(&self.ja, &self.en)
    }
}

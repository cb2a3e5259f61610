//! Whom staff call, with a number: the IT vendor that looks after the terminal and the face-recognition
//! reader's maker desk, entered once by the vendor (on 「設定」's 「連絡先」, or from an installation
//! script with `onshi-assistant --contacts FILE`). Kept in `contacts.toml` in the app's data folder, a
//! file a vendor can also write by hand; shown under every amber and red line and in the support report.

use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One desk to call.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct Party {
    pub name: String,
    pub phone: String,
}

impl Party {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.phone.trim().is_empty()
    }

    /// 「name（phone）」, or whichever of the two is there.
    pub fn line(&self) -> String {
        match (self.name.trim(), self.phone.trim()) {
            (name, "") => name.to_owned(),
            ("", phone) => phone.to_owned(),
            (name, phone) => format!("{name}（{phone}）"),
        }
    }
}

/// The site's contacts.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct Contacts {
    /// The IT vendor (保守ベンダー) that set up and looks after the terminal.
    pub it_vendor: Party,
    /// The face-recognition reader's maker desk (or the desk the vendor names for it).
    pub face_reader_maker: Party,
    /// Which maker's face-recognition reader stands at the desk (an id of
    /// `app/face_readers.toml`, e.g. "panasonic-connect"); empty when not chosen.
    pub face_reader: String,
    /// Anything else staff should know when they call (a contract number, opening hours).
    pub notes: String,
}

/// Why contacts could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactsError {
    #[error("連絡先のファイルを読めませんでした（{0}）")]
    Unreadable(String),
    #[error("連絡先のファイルの書き方が正しくありません（{0}）")]
    Malformed(String),
    #[error("電話番号には数字、ハイフン、括弧、空白、＋だけを使ってください：{0}")]
    BadPhone(String),
    #[error("顔認証付きカードリーダーのメーカーが一覧にありません：{0}")]
    UnknownMaker(String),
    #[error("{0}が長すぎます（{1}文字まで）")]
    TooLong(&'static str, usize),
    #[error("連絡先を保存できませんでした（{0}）")]
    NotSaved(String),
}

const NAME_MAX: usize = 60;
const PHONE_MAX: usize = 24;
const NOTES_MAX: usize = 400;

impl Contacts {
    /// Trims every field and refuses what could not be dialled or shown on one line.
    pub fn checked(mut self) -> Result<Contacts, ContactsError> {
        for (party, what) in [
            (&mut self.it_vendor, "ITベンダー"),
            (
                &mut self.face_reader_maker,
                "顔認証付きカードリーダーのメーカー",
            ),
        ] {
            party.name = party.name.trim().to_owned();
            party.phone = party.phone.trim().to_owned();
            if party.name.chars().count() > NAME_MAX {
                return Err(ContactsError::TooLong(what, NAME_MAX));
            }
            if party.phone.chars().count() > PHONE_MAX {
                return Err(ContactsError::TooLong("電話番号", PHONE_MAX));
            }
            let dialable = |c: char| c.is_ascii_digit() || "-()+ 　－（）＋".contains(c);
            if !party.phone.chars().all(dialable) {
                return Err(ContactsError::BadPhone(party.phone.clone()));
            }
        }
        self.face_reader = self.face_reader.trim().to_owned();
        if !self.face_reader.is_empty() && !crate::app::face_readers::is_known(&self.face_reader) {
            return Err(ContactsError::UnknownMaker(self.face_reader.clone()));
        }
        self.notes = self.notes.trim().to_owned();
        if self.notes.chars().count() > NOTES_MAX {
            return Err(ContactsError::TooLong("メモ", NOTES_MAX));
        }
        Ok(self)
    }

    /// The contacts saved in `data_dir`: empty when there is no file yet.
    pub fn load(data_dir: &Path) -> Result<Contacts, ContactsError> {
        let path = data_dir.join(crate::app_data::CONTACTS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Contacts::parse(&text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Contacts::default()),
            Err(error) => Err(ContactsError::Unreadable(error.to_string())),
        }
    }

    /// Reads contacts written as `contacts.toml` (by hand, or by an installation script).
    pub fn parse(text: &str) -> Result<Contacts, ContactsError> {
        toml::from_str::<Contacts>(text)
            .map_err(|error| ContactsError::Malformed(error.message().to_owned()))?
            .checked()
    }

    /// Saves the contacts in `data_dir`; the old file stays whole if this fails (disk full).
    pub fn save(self, data_dir: &Path) -> Result<Contacts, ContactsError> {
        let checked = self.checked()?;
        let text = toml::to_string(&checked).map_err(|e| ContactsError::NotSaved(e.to_string()))?;
        crate::app_data::write_atomically(
            &data_dir.join(crate::app_data::CONTACTS_FILE),
            text.as_bytes(),
        )
        .map_err(|e| ContactsError::NotSaved(e.to_string()))?;
        Ok(checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vendor_file_is_read_saved_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Contacts::load(dir.path()).unwrap(), Contacts::default());
        let written = Contacts::parse(
            "[it_vendor]\nname = \" 〇〇メディカルシステム \"\nphone = \"03-1234-5678\"\n\n[face_reader_maker]\nphone = \"0120-000-000\"\n",
        )
        .unwrap();
        assert_eq!(
            written.it_vendor.line(),
            "〇〇メディカルシステム（03-1234-5678）"
        );
        assert_eq!(written.face_reader_maker.line(), "0120-000-000");
        let saved = written.clone().save(dir.path()).unwrap();
        assert_eq!(Contacts::load(dir.path()).unwrap(), saved);
    }

    #[test]
    fn the_documented_example_is_a_file_the_app_takes() {
        let doc = include_str!("../../../../docs/CONTACTS.md");
        let start = doc
            .find("```toml\n")
            .expect("docs/CONTACTS.md shows the file")
            + 8;
        let end = start + doc[start..].find("```").unwrap();
        let example = Contacts::parse(&doc[start..end]).unwrap();
        assert_eq!(example.it_vendor.phone, "03-1234-5678");
        assert!(!example.face_reader_maker.is_empty() && !example.notes.is_empty());
    }

    #[test]
    fn what_cannot_be_dialled_or_read_is_refused_with_a_japanese_reason() {
        let bad = Contacts::parse("[it_vendor]\nphone = \"call Tanaka\"\n").unwrap_err();
        assert!(bad.to_string().contains("電話番号"), "{bad}");
        let maker = Contacts::parse("face_reader = \"acme\"\n").unwrap_err();
        assert_eq!(maker, ContactsError::UnknownMaker("acme".into()));
        assert_eq!(
            Contacts::parse("face_reader = \"almex\"\n")
                .unwrap()
                .face_reader,
            "almex"
        );
        let typo = Contacts::parse("[it_vendr]\nphone = \"03\"\n").unwrap_err();
        assert!(matches!(typo, ContactsError::Malformed(_)), "{typo}");
        let long = Contacts {
            notes: "あ".repeat(NOTES_MAX + 1),
            ..Contacts::default()
        };
        assert_eq!(
            long.checked().unwrap_err(),
            ContactsError::TooLong("メモ", NOTES_MAX)
        );
    }

    #[test]
    fn a_file_that_cannot_be_saved_keeps_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let first = Contacts {
            it_vendor: Party {
                name: "A社".into(),
                phone: "03-0000-0000".into(),
            },
            ..Contacts::default()
        };
        first.clone().save(dir.path()).unwrap();
        let refused = Contacts {
            it_vendor: Party {
                name: "B社".into(),
                phone: "no number".into(),
            },
            ..Contacts::default()
        };
        assert!(refused.save(dir.path()).is_err());
        assert_eq!(Contacts::load(dir.path()).unwrap(), first);
    }
}

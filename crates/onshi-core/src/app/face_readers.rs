//! The face-recognition readers' makers (`face_readers.toml`): which one stands at the desk (chosen in
//! 「連絡先」) and the first restart the public sources name for it, used when staff answer 「いいえ」 to
//! the face reader's eye check. What no source settles (a maker's own trouble-shooting order) is left to
//! the maker's manual and desk.

use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// What the source FAQ names to restart after a setting changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Restart {
    /// The maker's management app on the terminal's screen.
    ManagementApp,
    /// The terminal (PC) itself.
    Terminal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Maker {
    id: String,
    name_ja: String,
    name_en: String,
    restart: Option<Restart>,
    #[allow(dead_code)] // Documents where the entry comes from; read by the data's own test.
    source: String,
}

#[derive(Debug, Deserialize)]
struct MakerFile {
    maker: Vec<Maker>,
}

fn makers() -> &'static [Maker] {
    static MAKERS: OnceLock<Vec<Maker>> = OnceLock::new();
    MAKERS.get_or_init(|| crate::embedded::data!(MakerFile, "face_readers").maker)
}

/// A maker as 「連絡先」 offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FaceReaderMaker {
    pub id: String,
    pub name: Text,
}

/// The makers to choose from, in the file's order.
pub fn choices() -> Vec<FaceReaderMaker> {
    makers()
        .iter()
        .map(|m| FaceReaderMaker {
            id: m.id.clone(),
            name: Text::new(m.name_ja.clone(), m.name_en.clone()),
        })
        .collect()
}

/// Whether `id` names a maker shipped with the app.
pub fn is_known(id: &str) -> bool {
    makers().iter().any(|m| m.id == id)
}

/// The maker's name.
pub fn name(id: &str) -> Option<Text> {
    let maker = makers().iter().find(|m| m.id == id)?;
    Some(Text::new(maker.name_ja.clone(), maker.name_en.clone()))
}

/// The first restart to try for `id`'s reader, in staff's words; None when no source names one.
pub fn first_restart(id: &str) -> Option<Text> {
    let maker = makers().iter().find(|m| m.id == id)?;
    Some(match maker.restart? {
        Restart::ManagementApp => Text::new(
            format!("{}製の顔認証付きカードリーダーです。まず、資格確認端末の画面にある管理アプリを終了して、もう一度起動してください。", maker.name_ja),
            format!("This is a {} face-recognition reader: first quit the management app on the terminal's screen and start it again.", maker.name_en),
        ),
        Restart::Terminal => Text::new(
            format!("{}製の顔認証付きカードリーダーです。まず、資格確認端末（PC）を再起動してください。", maker.name_ja),
            format!("This is a {} face-recognition reader: first restart the terminal (PC).", maker.name_en),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's JSON of face_readers.toml reads as the TOML it came from.
    #[test]
    fn the_embedded_face_readers_is_the_toml() {
        crate::embedded::same_as_toml!(
            MakerFile,
            "face_readers",
            include_str!("face_readers.toml")
        );
    }

    #[test]
    fn each_maker_has_a_source_and_the_faqs_restart_rule_holds() {
        for maker in makers() {
            assert!(
                !maker.source.trim().is_empty(),
                "{} has no source",
                maker.id
            );
        }
        // The FAQ: Panasonic Connect and Almex restart the management app; the others the terminal.
        assert_eq!(
            makers().iter().find(|m| m.id == "almex").unwrap().restart,
            Some(Restart::ManagementApp)
        );
        assert!(first_restart("panasonic-connect")
            .unwrap()
            .ja
            .contains("管理アプリを終了"));
        assert!(first_restart("fujitsu-japan")
            .unwrap()
            .ja
            .contains("資格確認端末（PC）を再起動"));
        // No source for Hi-CARA's restart: nothing is made up.
        assert_eq!(first_restart("canon-mj"), None);
        assert_eq!(first_restart("no-such-maker"), None);
        assert!(is_known("canon-mj") && !is_known(""));
    }
}

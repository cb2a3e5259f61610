//! The CLI's words for people, in Japanese and English.

use onshi_core::readers::{ReaderInfo, WatchEventKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn pick(self, ja: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    pub fn service_unavailable(self) -> &'static str {
        self.pick(
            "スマートカードサービスが動いていません。カードリーダーを接続し直すか、PCを再起動してください (Linux では「sudo systemctl start pcscd」)。",
            "The smart-card service is not running. Reconnect the card reader or restart the PC (on Linux: \"sudo systemctl start pcscd\").",
        )
    }

    pub fn model_line(self, reader: &ReaderInfo) -> String {
        let label = match self {
            Lang::Ja => reader.label.as_deref(),
            Lang::En => reader.label_en.as_deref(),
        };
        let advice = match self {
            Lang::Ja => reader.advice_ja.as_deref(),
            Lang::En => reader.advice_en.as_deref(),
        };
        match (label, reader.smartphone_ready) {
            (Some(label), true) => format!(
                "{label} — {}",
                self.pick(
                    "スマートフォンのマイナ保険証に対応",
                    "fit for the smartphone My Number insurance card"
                )
            ),
            (Some(label), false) => format!("{label} — {}", advice.unwrap_or_default()),
            (None, _) => self
                .pick(
                    "対象機種として登録されていないリーダーです",
                    "not a model we know to fit",
                )
                .to_string(),
        }
    }

    pub fn event(self, kind: WatchEventKind) -> &'static str {
        match kind {
            WatchEventKind::ReaderAdded => self.pick("リーダー接続", "reader added"),
            WatchEventKind::ReaderRemoved => self.pick("リーダー取り外し", "reader removed"),
            WatchEventKind::CardInserted => self.pick("カードを検出", "card inserted"),
            WatchEventKind::CardRemoved => self.pick("カードが離れました", "card removed"),
            WatchEventKind::ServiceLost => {
                self.pick("スマートカードサービス停止", "smart-card service lost")
            }
            WatchEventKind::ServiceBack => {
                self.pick("スマートカードサービス再開", "smart-card service back")
            }
        }
    }
}

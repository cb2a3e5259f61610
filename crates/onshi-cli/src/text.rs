//! The CLI's words for people, in Japanese and English.

use onshi_core::card::{Holder, ProbeError};
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

    pub fn holder(self, holder: Holder) -> &'static str {
        match holder {
            Holder::MyNumberCard => self.pick("マイナンバーカードを確認しました。", "A My Number card answered."),
            Holder::SmartphoneAndroid => self.pick(
                "Android スマートフォンのマイナンバーカード機能を確認しました。",
                "An Android phone with the My Number card function answered.",
            ),
            Holder::SmartphoneIphone => self.pick(
                "iPhone のマイナンバーカード機能を確認しました。",
                "An iPhone with the My Number card function answered.",
            ),
            Holder::JpkiUnknown => self.pick(
                "公的個人認証の機能は応答しましたが、カードかスマートフォンかを判別できませんでした。",
                "The JPKI application answered, but we cannot tell a card from a phone.",
            ),
            Holder::NotMyNumberCard => self.pick(
                "マイナンバーカードではありません (運転免許証や交通系ICカードなど)。",
                "This is not a My Number card (a driving licence or a transit card, for example).",
            ),
        }
    }

    pub fn probe_error(self, error: &ProbeError, waited: f64) -> String {
        match error {
            ProbeError::NoService => self.service_unavailable().to_string(),
            ProbeError::NoCard => match self {
                Lang::Ja => format!("{waited}秒待ちましたが、カードが置かれませんでした。"),
                Lang::En => format!("No card was placed within {waited} seconds."),
            },
            ProbeError::CardRemoved => self
                .pick(
                    "読み取りの途中でカード (スマートフォン) が離れました。読み取りが終わるまで動かさずに置いてください。",
                    "The card (or phone) was taken away during the test. Keep it still until the test ends.",
                )
                .to_string(),
            ProbeError::ReaderGone => self
                .pick(
                    "読み取りの途中でカードリーダーが外れました。USBケーブルを確認してください。",
                    "The reader was disconnected during the test. Check its USB cable.",
                )
                .to_string(),
            ProbeError::NoSuchReader(name) => match self {
                Lang::Ja => format!("「{name}」という名前のカードリーダーが見つかりません。"),
                Lang::En => format!("No reader is named like \"{name}\"."),
            },
            ProbeError::Failed(detail) => match self {
                Lang::Ja => format!("読み取りテストを完了できませんでした ({detail})。カードを置き直してください。"),
                Lang::En => format!("The read test could not finish ({detail}). Place the card again."),
            },
        }
    }
}

//! The CLI's words for people, in Japanese and English.

use onshi_core::card::{Holder, ProbeError};
use onshi_core::readers::catalog::Slot;
use onshi_core::readers::{advice, ReaderInfo, WatchEventKind};

pub use onshi_core::text::Language;

/// The CLI's words in the user's language (onshi-core's one `Language`).
pub trait Words: Copy {
    fn language(self) -> Language;

    fn pick(self, ja: &'static str, en: &'static str) -> &'static str {
        self.language().pick(ja, en)
    }

    /// A YYYY-MM-DD date as people read it: 2027年1月10日 / 10 Jan 2027 (`--json` keeps YYYY-MM-DD).
    fn date(self, iso: &str) -> String {
        onshi_core::time::date_text(iso, self.language())
    }

    /// In this OS's words: Windows stops its service with the last reader (readers::advice).
    fn service_unavailable(self) -> &'static str {
        let advice = advice::service_unavailable(onshi_core::platform::Os::current());
        self.pick(advice.ja, advice.en)
    }

    fn model_line(self, reader: &ReaderInfo) -> String {
        let label = reader.label.as_ref().map(|l| l.get(self.language()));
        let advice = reader.advice.as_ref().map(|a| a.get(self.language()));
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
                    "対象機種として登録されていないカードリーダーです",
                    "not a model we know to fit",
                )
                .to_string(),
        }
    }

    /// " (2台目)" for the second of two identical devices; nothing for a device alone of its kind.
    fn number(self, number: Option<u32>) -> String {
        match (number, self.language()) {
            (None, _) => String::new(),
            (Some(n), Language::Ja) => format!(" （{n}台目）"),
            (Some(n), Language::En) => format!(" (#{n})"),
        }
    }

    /// The slot's role after its PC/SC name: " [非接触]", " [SAM: 機器内蔵のモジュール]" ….
    fn slot(self, reader: &ReaderInfo) -> String {
        let Some(slot) = reader.slot else {
            return String::new();
        };
        let role = match slot {
            Slot::Contactless => self.pick("非接触", "contactless"),
            Slot::Contact => self.pick("接触（差し込み口）", "contact"),
            Slot::Sam => self.pick(
                "SAM: 機器内蔵のモジュール。カードを置く場所ではありません",
                "SAM: a module inside the device, not a place for cards",
            ),
        };
        let unconfirmed = if reader.slot_unconfirmed {
            self.pick(" （並び順は未確認）", " (slot order unconfirmed)")
        } else {
            ""
        };
        format!(" [{role}{unconfirmed}]")
    }

    fn event(self, kind: WatchEventKind) -> &'static str {
        match kind {
            WatchEventKind::ReaderAdded => self.pick("カードリーダー接続", "reader added"),
            WatchEventKind::ReaderRemoved => self.pick("カードリーダー取り外し", "reader removed"),
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

    fn holder(self, holder: Holder) -> &'static str {
        match holder {
            Holder::MyNumberCard => self.pick("マイナンバーカードを確認しました。", "A My Number card answered."),
            Holder::SmartphoneAndroid => self.pick(
                "Androidスマートフォンのマイナンバーカード機能を確認しました。",
                "An Android phone with the My Number card function answered.",
            ),
            Holder::SmartphoneIphone => self.pick(
                "iPhoneのマイナンバーカード機能を確認しました。",
                "An iPhone with the My Number card function answered.",
            ),
            Holder::JpkiUnknown => self.pick(
                "公的個人認証の機能は応答しましたが、カードかスマートフォンかを判別できませんでした。",
                "The JPKI application answered, but we cannot tell a card from a phone.",
            ),
            Holder::NotMyNumberCard => self.pick(
                "マイナンバーカードではありません（運転免許証や交通系ICカードなど）。",
                "This is not a My Number card (a driving licence or a transit card, for example).",
            ),
        }
    }

    fn probe_error(self, error: &ProbeError, waited: f64) -> String {
        match error {
            ProbeError::NoService => self.service_unavailable().to_string(),
            ProbeError::NoCard => match self.language() {
                Language::Ja => format!("{waited}秒待ちましたが、カードが置かれませんでした。"),
                Language::En => format!("No card was placed within {waited} seconds."),
            },
            ProbeError::CardRemoved => self
                .pick(
                    "読み取りの途中でカード（スマートフォン）が離れました。読み取りが終わるまで動かさずに置いてください。",
                    "The card (or phone) was taken away during the test. Keep it still until the test ends.",
                )
                .to_string(),
            ProbeError::CardSilent => self
                .pick(
                    "カード（スマートフォン）は置かれていますが、応答がありません。いったん離してから、動かさずに置き直してください。スマートフォンは、画面のロックを解除し、NFCをオンにしてから置いてください。別のカードでも応答がない場合は、カードリーダーの販売元にご相談ください。",
                    "A card (or phone) is on the reader but does not answer. Take it away and place it again, keeping it still. For a phone, unlock it and turn NFC on first. If other cards do not answer either, ask the reader's vendor.",
                )
                .to_string(),
            ProbeError::Cancelled => self
                .pick("読み取りテストを中止しました。", "The read test was stopped.")
                .to_string(),
            ProbeError::ReaderGone => self
                .pick(
                    "読み取りの途中でカードリーダーが外れました。USBケーブルを確認してください。",
                    "The reader was disconnected during the test. Check its USB cable.",
                )
                .to_string(),
            ProbeError::CardReset => self
                .pick(
                    "カードがリセットされました（一時的なものです）。カード（スマートフォン）をいったん離し、もう一度かざしてください。",
                    "The card was reset (a passing fault). Take the card (or phone) away and hold it to the reader again.",
                )
                .to_string(),
            ProbeError::ReaderLink => self
                .pick(
                    "カードではなく、カードリーダーかそのUSB接続で失敗しました。USBケーブルをPC本体のUSB端子に差し直して、もう一度お試しください。変わらない場合は、カードリーダーの販売元にご相談ください。",
                    "The reader or its USB link failed, not the card. Plug the USB cable straight into the PC again and retry. If nothing changes, ask the reader's vendor.",
                )
                .to_string(),
            ProbeError::NoSuchReader(name) => match self.language() {
                Language::Ja => format!("「{name}」という名前のカードリーダーが見つかりません。"),
                Language::En => format!("No reader is named like \"{name}\"."),
            },
            ProbeError::SamSlot(name) => match self.language() {
                Language::Ja => format!("「{name}」は機器に内蔵されたSAM（セキュリティモジュール）の差し込み口です。カードの読み取りテストには、同じ機器の非接触の読み取り口をお選びください。"),
                Language::En => format!("\"{name}\" is the device's SAM slot (a security module inside it). For the read test, choose the device's contactless slot."),
            },
            ProbeError::Failed(detail) => match self.language() {
                Language::Ja => format!("読み取りテストを完了できませんでした（{detail}）。カードを置き直してください。"),
                Language::En => format!("The read test could not finish ({detail}). Place the card again."),
            },
        }
    }

    fn cert_status(self, info: &onshi_core::cert::CertInfo) -> String {
        use onshi_core::cert::CertStatus;
        let e = &info.expiry;
        match (self.language(), e.status) {
            (Language::Ja, CertStatus::Valid) => format!("有効です。あと{}日。更新は{}からできます。", e.days_left, self.date(&e.renewal_opens)),
            (Language::Ja, CertStatus::RenewalWindow) => format!(
                "更新期間中です。あと{}日で期限が切れます。今日更新すると、新しい有効期限は{}頃になります。",
                e.days_left, self.date(&e.renewed_expiry_if_today)
            ),
            (Language::Ja, CertStatus::Expired) => format!(
                "有効期限が{}日前に切れています。更新はできず、新規の発行申請が必要です。",
                -e.days_left
            ),
            (Language::Ja, CertStatus::NotYetValid) => "有効期間がまだ始まっていません。PCの日付をご確認ください。".to_string(),
            (Language::En, CertStatus::Valid) => format!("Valid, {} days left. Renewal opens on {}.", e.days_left, self.date(&e.renewal_opens)),
            (Language::En, CertStatus::RenewalWindow) => format!(
                "In the renewal window: {} days left. Renewed today, it would run until about {}.",
                e.days_left, self.date(&e.renewed_expiry_if_today)
            ),
            (Language::En, CertStatus::Expired) => format!(
                "Expired {} days ago. It cannot be renewed; a new issuance must be applied for.",
                -e.days_left
            ),
            (Language::En, CertStatus::NotYetValid) => "Not valid yet. Check the PC's date.".to_string(),
        }
    }

    fn cert_error(self, error: &onshi_core::cert::CertError) -> &'static str {
        match error {
            onshi_core::cert::CertError::NotACertificate => self.pick(
                "このファイルは電子証明書（.cer / .crt / .pem）ではありません。",
                "This file is not a certificate (.cer / .crt / .pem).",
            ),
            onshi_core::cert::CertError::TooLarge => self.pick(
                "ファイルが大きすぎます。電子証明書ではないようです。",
                "The file is too large to be a certificate.",
            ),
            onshi_core::cert::CertError::IsABackup => self.pick(
                "このファイルは電子証明書のバックアップ（.p12 / .pfx）です。パスワードで開けるかは「onshi backup verify ファイル名」で確かめられます。",
                "This file is a certificate backup (.p12 / .pfx). Check that its password opens it with \"onshi backup verify FILE\".",
            ),
        }
    }

    fn password_input_error(self, error: onshi_core::cert::PasswordInputError) -> &'static str {
        use onshi_core::cert::PasswordInputError;
        match error {
            PasswordInputError::NotText => self.pick(
                "標準入力のパスワードを文字として読み取れませんでした。UTF-8（BOMの有無は問いません）、BOM付きのUTF-16、またはコンソールの文字コードで渡してください。",
                "The password on standard input is not readable text. Send it as UTF-8 (with or without a BOM), UTF-16 with a BOM, or in the console's code page.",
            ),
            PasswordInputError::TooLong => self.pick(
                "標準入力が長すぎます。パスワードだけを1行で渡してください。",
                "Standard input is too long. Send only the password, on one line.",
            ),
        }
    }

    /// The backup's verdict (onshi-core's `verdict::backup`) in words.
    fn backup_verdict(self, code: onshi_core::verdict::VerdictCode) -> &'static str {
        use onshi_core::verdict::VerdictCode;
        match code {
            VerdictCode::BackupUsable => self.pick(
                "このバックアップで端末の電子証明書を復元できます。",
                "This backup can restore the terminal's certificate.",
            ),
            VerdictCode::BackupUsableWithNotes => self.pick(
                "このバックアップで端末の電子証明書を復元できますが、次の点にご注意ください。",
                "This backup can restore the terminal's certificate, but note the following.",
            ),
            _ => self.pick(
                "ファイルは開けましたが、このバックアップでは端末を復元できません。",
                "The file opened, but this backup cannot restore the terminal.",
            ),
        }
    }

    fn backup_error(self, error: &onshi_core::cert::BackupError) -> &'static str {
        use onshi_core::cert::BackupError;
        match error {
            BackupError::WrongPassword => self.pick(
                "パスワードが違います。バックアップを作ったときのパスワードを入力してください（ファイルが壊れているときも、この表示になることがあります）。",
                "Wrong password. Enter the password set when the backup was made (a damaged file can also show this).",
            ),
            BackupError::NotPkcs12 => self.pick(
                "このファイルは電子証明書のバックアップ（.p12 / .pfx）ではありません。",
                "This file is not a certificate backup (.p12 / .pfx).",
            ),
            BackupError::Damaged(_) => self.pick(
                "ファイルが壊れています。別のバックアップをお使いください。",
                "The file is damaged. Use another backup.",
            ),
            BackupError::Unsupported(_) => self.pick(
                "このバックアップは、読み取りに対応していない方式で保護されています。",
                "This backup is protected in a way we cannot read.",
            ),
            BackupError::TooLarge => self.pick(
                "ファイルが大きすぎます。電子証明書のバックアップではないようです。",
                "The file is too large to be a certificate backup.",
            ),
        }
    }

    fn copy_error(self, error: &onshi_core::cert::copy::CopyError) -> &'static str {
        use onshi_core::cert::copy::CopyError;
        match error {
            CopyError::SourceUnreadable(_) => self.pick("コピー元のファイルを読めません。", "The file to copy cannot be read."),
            CopyError::TooLarge => self.pick("ファイルが大きすぎます。バックアップではないようです。", "The file is too large to be a backup."),
            CopyError::DestinationMissing => self.pick(
                "コピー先が見つかりません。USBメモリが差し込まれているかご確認ください。",
                "The destination cannot be found. Check that the USB stick is plugged in.",
            ),
            CopyError::NoSpace => self.pick(
                "コピー先の空き容量が足りません。途中まで書いたファイルは残していません。",
                "The destination is full. No partial file was left behind.",
            ),
            CopyError::Mismatch => self.pick(
                "コピーを読み戻したところ、元のファイルと一致しませんでした。別のUSBメモリをお使いください。",
                "The copy read back differs from the original. Use another USB stick.",
            ),
            CopyError::Failed(_) => self.pick(
                "コピーできませんでした。USBメモリが抜かれていないかご確認ください。途中まで書いたファイルは残していません。",
                "The copy failed. Check the USB stick is still in. No partial file was left behind.",
            ),
        }
    }
}

impl Words for Language {
    fn language(self) -> Language {
        self
    }
}

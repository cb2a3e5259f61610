//! Which notifications are due, and the once-a-day rule. Pure decisions: the app feeds in what it sees
//! (the certificate, the status, the readers with the time) and shows what comes out.
//!
//! - the certificate at the MPKI client's warning days (90, 60, 30, 15: once each per certificate, from the
//!   day the stage is reached), then every day from 7 days before, and every day once expired;
//! - the certificate renewed but no backup verified since: every day until one is;
//! - the smartphone-ready reader gone for more than 30 s, and when it is back;
//! - the smart-card service lost for more than 30 s (on Windows this is the reader-gone notice: the
//!   service stops with the last reader).
//!
//! The readers' two notices need time and memory: `reader_watch.rs` follows them.

use crate::app::screen::Screen;
use crate::app::status::Status;
use crate::cert::{CertInfo, CertStatus};
use crate::text::Text;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::time::Duration;

/// How long a reader or the service may be gone before staff are told (a cable re-seated is not news).
pub const GRACE: Duration = Duration::from_secs(30);
const STAGES: [i64; 4] = [15, 30, 60, 90];
const DAILY_FROM: i64 = 7;

mod reader_watch;
#[cfg(test)]
mod tests;

pub use reader_watch::ReaderWatch;

/// How often a cause may speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    OncePerDay,
    /// Once ever for this key (a certificate's warning stage).
    Once,
}

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The cause, as remembered in `status.notified`.
    pub key: String,
    pub repeat: Repeat,
    pub screen: Screen,
    pub title: Text,
    pub body: Text,
}

impl Alert {
    /// Whether it may be shown today; if so, it is written down as shown.
    pub fn admit(&self, notified: &mut BTreeMap<String, String>, today: NaiveDate) -> bool {
        let today = crate::cert::expiry::date_text(today);
        let fresh = match (self.repeat, notified.get(&self.key)) {
            (_, None) => true,
            (Repeat::OncePerDay, Some(last)) => *last != today,
            (Repeat::Once, Some(_)) => false,
        };
        if fresh {
            notified.insert(self.key.clone(), today);
        }
        fresh
    }
}

/// Forgets causes not shown for over a year, so the status file does not grow for ever.
pub fn forget_old(notified: &mut BTreeMap<String, String>, today: NaiveDate) {
    let cutoff = crate::cert::expiry::date_text(today - chrono::Duration::days(400));
    notified.retain(|_, day| *day >= cutoff);
}

/// The certificate's notice today, if it is due a word.
pub fn certificate(info: &CertInfo) -> Option<Alert> {
    let days = info.expiry.days_left;
    let until = crate::time::date_text_en(&info.not_after);
    let until_ja = crate::time::date_text_ja(&info.not_after);
    if info.expiry.status == CertStatus::Expired {
        return Some(Alert {
            key: "cert-expired".into(),
            repeat: Repeat::OncePerDay,
            screen: Screen::Cert,
            title: Text::new("電子証明書の有効期限が切れています", "The certificate has expired"),
            body: Text::new(
                format!("{until_ja}に有効期限が切れました。オンライン資格確認が使えません。電子証明書の発行申請が必要です。「電子証明書」で手順をご確認ください。"),
                format!("It expired on {until}; online eligibility confirmation cannot be used. A new certificate must be applied for: see \"Certificate\"."),
            ),
        });
    }
    let (key, repeat) = if days <= DAILY_FROM {
        ("cert-daily".to_owned(), Repeat::OncePerDay)
    } else {
        let stage = STAGES.iter().find(|stage| days <= **stage)?;
        (format!("cert-{stage}:{}", info.serial), Repeat::Once)
    };
    Some(Alert {
        key,
        repeat,
        screen: Screen::Cert,
        title: Text::new(
            format!("電子証明書の有効期限まであと{days}日です"),
            format!("The certificate expires in {days} days"),
        ),
        body: Text::new(
            format!("{until_ja}に有効期限が切れます。MPKIクライアントで更新してください。「電子証明書」で手順をご確認いただけます。"),
            format!("It expires on {until}. Renew it with the MPKI client; \"Certificate\" shows the steps."),
        ),
    })
}

/// The renewed certificate still waits for a verified backup.
pub fn backup_missing(status: &Status) -> Option<Alert> {
    let seen = status.backup_missing_since_renewal()?;
    Some(Alert {
        key: "backup-missing".into(),
        repeat: Repeat::OncePerDay,
        screen: Screen::Cert,
        title: Text::new("バックアップを作成してください", "Please make a backup"),
        body: Text::new(
            format!("電子証明書が更新されました（新しい有効期限：{}）。更新後の電子証明書のバックアップがまだ確認されていません。「電子証明書」の「バックアップの確認」で確かめてください。", crate::time::date_text_ja(&seen.not_after)),
            format!("The certificate was renewed (new expiry: {}). No backup of it has been verified yet: check one under \"Certificate\".", crate::time::date_text_en(&seen.not_after)),
        ),
    })
}

/// The notice shown the first time the window is closed: the app stays in the notification area.
pub fn still_running() -> (Text, Text) {
    (
        Text::new(
            "オン資アシスタントは通知領域で動いています",
            "オン資アシスタント keeps running in the notification area",
        ),
        Text::new(
            "カードリーダーと電子証明書の見守りを続けます。終了するには、通知領域のアイコンのメニューから「終了」を選んでください。",
            "It keeps watching the card readers and the certificate. To quit, choose \"Quit\" from the menu of its icon in the notification area.",
        ),
    )
}

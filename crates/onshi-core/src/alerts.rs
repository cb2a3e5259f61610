//! Which notifications are due, and the once-a-day rule. Pure decisions: the app feeds in what it sees
//! (the certificate, the status, the readers with the time) and shows what comes out.
//!
//! - the certificate at the MPKI client's warning days (90, 60, 30, 15: once each per certificate, from the
//!   day the stage is reached), then every day from 7 days before, and every day once expired;
//! - the certificate renewed but no backup verified since: every day until one is;
//! - the smartphone-ready reader gone for more than 30 s, and when it is back;
//! - the smart-card service lost for more than 30 s (on Windows this is the reader-gone notice: the
//!   service stops with the last reader).

use crate::cert::{CertInfo, CertStatus};
use crate::health::Text;
use crate::readers::advice::Os;
use crate::readers::{ReadersReport, ServiceState};
use crate::status::Status;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use ts_rs::TS;

/// How long a reader or the service may be gone before staff are told (a cable re-seated is not news).
pub const GRACE: Duration = Duration::from_secs(30);
const STAGES: [i64; 4] = [15, 30, 60, 90];
const DAILY_FROM: i64 = 7;

/// The screen that deals with a notification, where the app opens next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename_all = "lowercase")]
pub enum Screen {
    Home,
    Readers,
    Cert,
}

impl Screen {
    const ALL: [Screen; 3] = [Screen::Home, Screen::Readers, Screen::Cert];

    /// The name the UI knows the screen by (as serialised).
    pub const fn name(self) -> &'static str {
        match self {
            Screen::Home => "home",
            Screen::Readers => "readers",
            Screen::Cert => "cert",
        }
    }

    pub fn from_name(name: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|screen| screen.name() == name)
    }
}

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

/// Follows the readers over time for the two "gone for more than 30 s" notices. Each smartphone-ready
/// device is followed on its own: with two PaSoRi, the one that drops out is named ("… (2台目)").
#[derive(Debug)]
pub struct ReaderWatch {
    os: Os,
    /// A smartphone-ready reader has been on this PC (remembered across starts).
    known: bool,
    /// The smartphone-ready devices at the last look, by device key.
    present: BTreeMap<String, Named>,
    /// Devices gone and not back, by device key; [`NONE_SINCE_START`] while none was seen since the
    /// start on a PC that had one before.
    gone: BTreeMap<String, Gone>,
    service_lost_since: Option<Instant>,
    service_told: bool,
}

/// The key of "no smartphone-ready reader since the start" (a login with the PaSoRi knocked out).
const NONE_SINCE_START: &str = "";

/// A device as a notice names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    /// Its label with "(2台目)" when numbered; None for "the smartphone-ready reader" in general.
    label: Option<Text>,
    number: Option<u32>,
    model: Option<String>,
}

#[derive(Debug)]
struct Gone {
    device: Named,
    since: Instant,
    told: bool,
}

impl ReaderWatch {
    pub fn new(os: Os, smartphone_reader_known: bool, started: Instant) -> ReaderWatch {
        let unnamed = Named {
            label: None,
            number: None,
            model: None,
        };
        ReaderWatch {
            os,
            known: smartphone_reader_known,
            present: BTreeMap::new(),
            // Missing from the start counts from the start (a login with the PaSoRi knocked out).
            gone: BTreeMap::from([(
                NONE_SINCE_START.to_owned(),
                Gone {
                    device: unnamed,
                    since: started,
                    told: false,
                },
            )]),
            service_lost_since: None,
            service_told: false,
        }
    }

    /// Whether a smartphone-ready reader has ever been seen (for the status file).
    pub fn knows_a_smartphone_reader(&self) -> bool {
        self.known
    }

    /// Takes in the readers as they are at `now`; returns the "back" notice when one is due.
    pub fn observe(&mut self, report: &ReadersReport, now: Instant) -> Option<Alert> {
        let ready: BTreeMap<String, Named> = report
            .devices
            .iter()
            .filter(|device| device.smartphone_ready)
            .map(|device| {
                let label = device
                    .label
                    .clone()
                    .unwrap_or_else(|| Text::new(&device.device, &device.device));
                let label = match device.number {
                    Some(n) => Text::new(
                        format!("{}（{n}台目）", label.ja),
                        format!("{} (#{n})", label.en),
                    ),
                    None => label,
                };
                let named = Named {
                    label: Some(label),
                    number: device.number,
                    model: device.model.clone(),
                };
                (device.device.clone(), named)
            })
            .collect();
        let mut back = None;
        if !ready.is_empty() {
            self.known = true;
        }
        for (key, named) in &ready {
            // The same device back, or a newly plugged one of the same model (the OS may give it
            // another index).
            let newly = !self.present.contains_key(key);
            let returned: Vec<String> = self
                .gone
                .iter()
                .filter(|(gone_key, gone)| {
                    *gone_key == key
                        || gone_key.as_str() == NONE_SINCE_START
                        || (newly
                            && gone.device.model.is_some()
                            && gone.device.model == named.model)
                })
                .map(|(gone_key, _)| gone_key.clone())
                .collect();
            for gone_key in returned {
                if let Some(gone) = self.gone.remove(&gone_key) {
                    if gone.told {
                        back = Some(back_alert(named));
                    }
                }
            }
        }
        for (key, named) in &self.present {
            if !ready.contains_key(key) {
                self.gone.entry(key.clone()).or_insert(Gone {
                    device: named.clone(),
                    since: now,
                    told: false,
                });
            }
        }
        self.present = ready;
        if report.service == ServiceState::Unavailable {
            self.service_lost_since.get_or_insert(now);
        } else {
            self.service_lost_since = None;
            self.service_told = false;
        }
        back
    }

    /// When a "gone" notice would next fall due, if one is pending: the resident wakes then.
    pub fn next_deadline(&self) -> Option<Instant> {
        let readers = self
            .gone
            .values()
            .filter(|gone| self.known && !gone.told)
            .map(|gone| gone.since + GRACE);
        let service = self
            .service_lost_since
            .filter(|_| self.os == Os::Other && !self.service_told)
            .map(|since| since + GRACE);
        readers.chain(service).min()
    }

    /// The "gone" notices whose 30 s have passed at `now`.
    pub fn due(&mut self, now: Instant) -> Vec<Alert> {
        let mut due = Vec::new();
        let past_grace = |since: Instant| now.duration_since(since) > GRACE;
        if self.known {
            for gone in self.gone.values_mut() {
                if !gone.told && past_grace(gone.since) {
                    gone.told = true;
                    due.push(gone_alert(&gone.device));
                }
            }
        }
        if self.os == Os::Other
            && !self.service_told
            && self.service_lost_since.is_some_and(past_grace)
        {
            self.service_told = true;
            due.push(Alert {
                key: "service-lost".into(),
                repeat: Repeat::OncePerDay,
                screen: Screen::Readers,
                title: Text::new(
                    "スマートカードサービスが止まっています",
                    "The smart-card service has stopped",
                ),
                body: Text::new(
                    crate::readers::advice::service_unavailable(self.os).ja,
                    crate::readers::advice::service_unavailable(self.os).en,
                ),
            });
        }
        due
    }
}

/// The words for a device in a notice: (Japanese, English).
fn label_of(device: &Named) -> (&str, &str) {
    match &device.label {
        Some(label) => (&label.ja, &label.en),
        None => (
            "スマホ対応のカードリーダー",
            "The smartphone-ready card reader",
        ),
    }
}

/// "reader-gone", or "reader-gone-2" for 2台目, so that each device is told once a day.
fn numbered_key(base: &str, device: &Named) -> String {
    match device.number {
        Some(n) => format!("{base}-{n}"),
        None => base.to_owned(),
    }
}

fn gone_alert(device: &Named) -> Alert {
    let (ja, en) = label_of(device);
    Alert {
        key: numbered_key("reader-gone", device),
        repeat: Repeat::OncePerDay,
        screen: Screen::Readers,
        title: Text::new(
            "スマホ対応のカードリーダーが外れています",
            "The smartphone-ready card reader is disconnected",
        ),
        body: Text::new(
            format!("{ja}が30秒以上見つかりません。スマートフォンのマイナ保険証を受け付けられません。USBケーブルを差し直してください。"),
            format!("{en} has not been found for over 30 seconds; smartphone My Number insurance cards cannot be received. Plug its USB cable in again."),
        ),
    }
}

fn back_alert(device: &Named) -> Alert {
    let (ja, en) = label_of(device);
    Alert {
        key: numbered_key("reader-back", device),
        repeat: Repeat::OncePerDay,
        screen: Screen::Readers,
        title: Text::new(
            "スマホ対応のカードリーダーがつながりました",
            "The smartphone-ready card reader is back",
        ),
        body: Text::new(
            format!("{ja}をふたたび認識しました。"),
            format!("{en} is connected again."),
        ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const PASORI: &str = "SONY FeliCa Port/PaSoRi 4.0 00 00";

    fn date(text: &str) -> NaiveDate {
        crate::time::parse_date(text).unwrap()
    }

    fn info_with(days_left: i64) -> CertInfo {
        let der =
            crate::cert::read_certificate(include_bytes!("cert/testdata/name-utf8.pem")).unwrap();
        let not_after = crate::time::parse_date("2026-12-29").unwrap();
        crate::cert::inspect(&der, not_after - chrono::Duration::days(days_left)).unwrap()
    }

    fn readers(names: &[&str]) -> ReadersReport {
        ReadersReport::running(names)
    }

    #[test]
    fn the_certificate_speaks_once_per_stage_then_daily_from_seven_days() {
        let mut notified = BTreeMap::new();
        assert_eq!(certificate(&info_with(120)), None);
        let sixty = certificate(&info_with(58)).unwrap();
        assert!(sixty.key.starts_with("cert-60:"));
        assert!(sixty.admit(&mut notified, date("2026-11-01")));
        assert!(!certificate(&info_with(57))
            .unwrap()
            .admit(&mut notified, date("2026-11-02")));
        let thirty = certificate(&info_with(30)).unwrap();
        assert!(thirty.title.ja.contains("あと30日"));
        assert!(thirty.admit(&mut notified, date("2026-11-29")));

        let week = certificate(&info_with(7)).unwrap();
        assert!(week.admit(&mut notified, date("2026-12-22")));
        assert!(!week.admit(&mut notified, date("2026-12-22")), "once a day");
        assert!(certificate(&info_with(6))
            .unwrap()
            .admit(&mut notified, date("2026-12-23")));

        let expired = certificate(&info_with(-1)).unwrap();
        assert_eq!(expired.screen, Screen::Cert);
        assert!(expired.title.ja.contains("切れています"));
    }

    #[test]
    fn a_renewal_without_a_backup_asks_for_one_every_day() {
        let mut status = Status::default();
        status.see_certificate("01", "2026-12-29", "2026-11-01");
        assert_eq!(backup_missing(&status), None);
        status.see_certificate("02", "2030-03-28", "2026-12-20");
        let alert = backup_missing(&status).unwrap();
        assert_eq!(alert.title.ja, "バックアップを作成してください");
        let mut notified = BTreeMap::new();
        assert!(alert.admit(&mut notified, date("2026-12-20")));
        assert!(!alert.admit(&mut notified, date("2026-12-20")));
        assert!(alert.admit(&mut notified, date("2026-12-21")));
    }

    #[test]
    fn a_reader_gone_for_thirty_seconds_is_told_then_its_return() {
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut watch = ReaderWatch::new(Os::Windows, false, start);
        assert_eq!(watch.observe(&readers(&[PASORI]), at(1)), None);
        assert!(watch.knows_a_smartphone_reader());

        assert_eq!(watch.observe(&ReadersReport::unavailable(), at(10)), None);
        assert!(
            watch.due(at(30)).is_empty(),
            "20 s: a cable being re-seated"
        );
        let gone = watch.due(at(41));
        assert_eq!(
            gone.len(),
            1,
            "on Windows the lost service is the reader-gone notice only"
        );
        assert_eq!(gone[0].key, "reader-gone");
        assert!(gone[0].body.ja.contains("PaSoRi"));
        assert!(watch.due(at(80)).is_empty(), "told once");

        assert_eq!(watch.next_deadline(), None, "nothing pending once told");
        let back = watch.observe(&readers(&[PASORI]), at(90)).unwrap();
        assert_eq!(back.key, "reader-back");
        assert_eq!(back.screen, Screen::Readers);
    }

    #[test]
    fn with_two_alike_readers_the_one_that_left_is_named_and_told() {
        const PASORI_2: &str = "SONY FeliCa Port/PaSoRi 4.0 01 00";
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut watch = ReaderWatch::new(Os::Windows, false, start);
        watch.observe(&readers(&[PASORI, PASORI_2]), at(0));
        assert_eq!(watch.observe(&readers(&[PASORI]), at(5)), None);
        let gone = watch.due(at(40));
        assert_eq!(gone.len(), 1, "the other one is still there: {gone:?}");
        assert_eq!(gone[0].key, "reader-gone-2");
        assert!(gone[0].body.ja.contains("（2台目）"), "{}", gone[0].body.ja);
        let back = watch
            .observe(&readers(&[PASORI, PASORI_2]), at(60))
            .unwrap();
        assert_eq!(back.key, "reader-back-2");
        assert!(back.body.ja.contains("（2台目）"));
    }

    #[test]
    fn a_short_absence_says_nothing_and_a_pc_without_such_a_reader_is_left_alone() {
        let start = Instant::now();
        let at = |s: u64| start + Duration::from_secs(s);
        let mut watch = ReaderWatch::new(Os::Other, false, start);
        watch.observe(&readers(&[]), at(0));
        assert!(
            watch.due(at(100)).is_empty(),
            "never had a smartphone-ready reader"
        );

        let mut watch = ReaderWatch::new(Os::Other, true, start);
        watch.observe(&readers(&[]), at(0));
        assert_eq!(
            watch.due(at(31))[0].key,
            "reader-gone",
            "known from before: a login without it"
        );

        let mut watch = ReaderWatch::new(Os::Other, false, start);
        watch.observe(&readers(&[PASORI]), at(0));
        watch.observe(&ReadersReport::unavailable(), at(5));
        watch.observe(&readers(&[PASORI]), at(20));
        assert!(watch.due(at(60)).is_empty());

        watch.observe(&ReadersReport::unavailable(), at(100));
        let keys: Vec<_> = watch.due(at(131)).into_iter().map(|a| a.key).collect();
        assert_eq!(keys, ["reader-gone", "service-lost"]);
    }
}

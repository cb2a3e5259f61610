//! The support report: what the PC sees, in plain words for the help desk or the IT vendor, made from the
//! app's saved state (read only) and a live look at the readers. Never in it: a password, a card's UID,
//! anything read from a card beyond its kind, the user's home folder (written `~`).

use crate::app_data::{self, without_home};
use crate::cert::in_use::{self, Source};
use crate::cert::CertStatus;
use crate::history::{day_counts, DayCounts, History};
use crate::mpki::{self, MpkiStatus};
use crate::readers::findings::{Finding, FindingKind};
use crate::readers::usb::UsbReader;
use crate::readers::{ReadersReport, ServiceState, UsbView};
use crate::settings::Settings;
use crate::status::{BackupCheck, ReadTestOutcome, Status};
use crate::text::Language;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use ts_rs::TS;

/// Days of history the report sums up.
pub const HISTORY_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReportReader {
    pub name: String,
    pub model: Option<String>,
    pub label: Option<crate::text::Text>,
    pub smartphone_ready: bool,
    /// The slot's role in its device (a SAM slot's ever-present module is not reported as a card).
    pub slot: Option<crate::readers::catalog::Slot>,
    /// "1台目 / 2台目" among identical devices, or null.
    pub number: Option<u32>,
    /// The kind of card on it now (never its ATR or UID).
    pub card: Option<crate::card::CardKind>,
    pub last_read_test: Option<ReadTestOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReportCertificate {
    pub source: Source,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub serial: Option<String>,
    pub not_after: Option<String>,
    pub status: Option<CertStatus>,
    pub days_left: Option<i64>,
    /// Why it could not be read (a moved or damaged file).
    pub error: Option<String>,
}

/// `onshi report --json`, and the app's 「サポート用レポート」.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct SupportReport {
    pub generated_at: String,
    pub app_version: String,
    pub os: String,
    /// The OS's last day of updates and its verdict (crate::os_support).
    pub os_support: crate::os_support::OsSupport,
    pub service: ServiceState,
    pub readers: Vec<ReportReader>,
    /// The readers on USB (ids and the device's own names, never a serial number), and what joining
    /// them with PC/SC found: a reader plugged in but not presented, or not a listed model.
    pub usb: Vec<UsbReader>,
    pub findings: Vec<Finding>,
    pub certificate: Option<ReportCertificate>,
    pub mpki: MpkiStatus,
    pub backup_check: Option<BackupCheck>,
    /// Windows: the last notice shown as the tray's balloon because a toast could not be (crate::notice_route).
    pub notice_fallback: Option<crate::notice_route::NoticeFallback>,
    /// Guide id → the step reached.
    pub guide_progress: BTreeMap<String, String>,
    /// The last 7 days, oldest first, in counts.
    pub history: Vec<DayCounts>,
    /// The last 始業点検 in the history: when, and its level (`ok`, `warn`, `error`).
    pub last_desk_check: Option<LastDeskCheck>,
}

/// When the last 始業点検 ran and how it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct LastDeskCheck {
    pub at: String,
    pub level: String,
}

/// Everything the report is made of; `gather` reads it from the PC.
pub struct Inputs {
    pub app_version: String,
    pub os: crate::os_support::OsSupport,
    pub now: DateTime<FixedOffset>,
    pub readers: ReadersReport,
    pub usb: UsbView,
    pub settings: Settings,
    pub status: Status,
    pub certificate: Option<in_use::InUse>,
    pub mpki_installed: Option<String>,
    pub history: Vec<DayCounts>,
    pub last_desk_check: Option<LastDeskCheck>,
}

/// The settings as the app stored them (tauri-plugin-store: `{"settings": {…}}`), read only.
pub fn read_settings(data_dir: &Path) -> Settings {
    std::fs::read(data_dir.join(app_data::SETTINGS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|mut value| {
            value
                .get_mut(app_data::SETTINGS_KEY)
                .map(serde_json::Value::take)
        })
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default()
}

/// The certificate the app follows: the store's in-use certificate (the staff's choice among several,
/// kept in the settings), else the file last opened in the app (kept in the status file).
pub fn certificate_in_use(
    status: &Status,
    settings: &Settings,
    today: chrono::NaiveDate,
) -> Option<in_use::InUse> {
    in_use::find(
        status.certificate_file.as_ref(),
        settings.terminal_certificate.as_deref(),
        today,
    )
}

/// Reads what the report needs from the app's data folder (without changing anything) and the PC.
pub fn gather(data_dir: &Path, app_version: &str, readers: ReadersReport) -> Inputs {
    let now = crate::time::now_jst();
    let today = now.date_naive();
    let status = Status::read_only(data_dir);
    let settings = read_settings(data_dir);
    let events = History::new(data_dir)
        .load(today, HISTORY_DAYS, false)
        .map(|loaded| loaded.events)
        .unwrap_or_default();
    Inputs {
        app_version: app_version.to_owned(),
        os: crate::os_support::this_pc(today),
        now,
        usb: crate::readers::look_at_usb(&readers),
        readers,
        certificate: certificate_in_use(&status, &settings, today),
        mpki_installed: crate::platform::installed_apps()
            .version_of(mpki::DISPLAY_NAME)
            .ok()
            .flatten(),
        history: day_counts(&events, today, HISTORY_DAYS),
        last_desk_check: events
            .iter()
            .rev()
            .find(|e| e.event == crate::history::HistoryEventKind::DeskCheck)
            .map(|e| LastDeskCheck {
                at: e.at.clone(),
                level: e.outcome.clone().unwrap_or_default(),
            }),
        settings,
        status,
    }
}

/// Puts the report together.
pub fn build(inputs: Inputs) -> SupportReport {
    let Inputs {
        app_version,
        os,
        now,
        readers,
        usb,
        settings,
        status,
        certificate,
        mpki_installed,
        history,
        last_desk_check,
    } = inputs;
    let readers_out = readers
        .readers
        .iter()
        .map(|reader| ReportReader {
            name: reader.name.clone(),
            model: reader.model.clone(),
            label: reader.label.clone(),
            smartphone_ready: reader.smartphone_ready,
            slot: reader.slot,
            number: reader.number,
            card: reader
                .card
                .as_ref()
                .filter(|_| !reader.is_sam())
                .map(|card| card.kind),
            last_read_test: status.read_tests.get(&reader.name).cloned(),
        })
        .collect();
    let certificate = certificate.map(|found| match found.certificate {
        Ok(info) => ReportCertificate {
            source: found.source,
            subject: Some(info.subject),
            issuer: Some(info.issuer),
            serial: Some(info.serial),
            not_after: Some(info.not_after),
            status: Some(info.expiry.status),
            days_left: Some(info.expiry.days_left),
            error: None,
        },
        Err(error) => ReportCertificate {
            source: found.source,
            subject: None,
            issuer: None,
            serial: None,
            not_after: None,
            status: None,
            days_left: None,
            error: Some(without_home(&error)),
        },
    });
    SupportReport {
        generated_at: crate::time::rfc3339_jst(now),
        app_version,
        os: os.description.clone(),
        os_support: os,
        service: readers.service,
        readers: readers_out,
        usb: usb.usb,
        findings: usb.findings,
        certificate,
        mpki: mpki::status(mpki_installed, settings.mpki_latest_known.clone()),
        backup_check: status.backup_check.clone(),
        notice_fallback: status.notice_fallback.clone(),
        guide_progress: settings
            .guide_progress
            .iter()
            .filter_map(|(guide, steps)| Some((guide.clone(), steps.last()?.clone())))
            .collect(),
        history,
        last_desk_check,
    }
}

/// A read test's outcome code in words.
fn outcome_words(code: &str, language: Language) -> String {
    let (ja, en) = match code {
        "my-number-card" => ("マイナンバーカード", "My Number card"),
        "smartphone-android" => ("スマートフォン（Android）", "smartphone (Android)"),
        "smartphone-iphone" => ("スマートフォン（iPhone）", "smartphone (iPhone)"),
        "jpki-unknown" => (
            "公的個人認証の機能（種類不明）",
            "JPKI function (unknown kind)",
        ),
        "not-my-number-card" => ("マイナンバーカードではないカード", "not a My Number card"),
        "no-card" => ("カードが置かれませんでした", "no card was placed"),
        "card-removed" => ("途中でカードが離れました", "the card left during the test"),
        "card-silent" => (
            "カードは置かれていましたが、応答しませんでした",
            "a card was there but did not answer",
        ),
        "test-cancelled" => ("中止しました", "stopped"),
        "reader-gone" => ("カードリーダーが外れました", "the reader was disconnected"),
        "no-service" => ("サービス停止中", "service not running"),
        _ => ("読み取れませんでした", "failed"),
    };
    language.pick(ja, en).to_owned()
}

/// The smart-card service's state in words (the summary and the readers' section say it alike).
fn service_words(service: ServiceState, language: Language) -> &'static str {
    match service {
        ServiceState::Running => language.pick("動作中", "running"),
        ServiceState::Unavailable => language.pick("応答なし", "not answering"),
    }
}

/// A read test's outcome and when, as the report prints it: 「マイナンバーカード（2026年12月1日 8:31）」; "-" for
/// none.
fn read_test_words(test: Option<&ReadTestOutcome>, language: Language) -> String {
    match test {
        Some(test) => {
            let (open, close) = match language {
                Language::Ja => ("（", "）"),
                Language::En => (" (", ")"),
            };
            format!(
                "{}{open}{}{close}",
                outcome_words(&test.outcome, language),
                when(&test.at, language)
            )
        }
        None => "-".to_owned(),
    }
}

/// An instant as the report prints it, in Japan time: 2026年12月1日 8:31 in Japanese, 1 Dec 2026 8:31 in
/// English.
fn when(text: &str, language: Language) -> String {
    match language {
        Language::Ja => crate::time::moment_ja(text),
        Language::En => match chrono::DateTime::parse_from_rfc3339(text) {
            Ok(at) => {
                let at = at.with_timezone(&crate::time::jst());
                format!(
                    "{} {}",
                    crate::time::date_en(at.date_naive()),
                    at.format("%-H:%M")
                )
            }
            Err(_) => text.to_owned(),
        },
    }
}

/// A YYYY-MM-DD date as the report prints it (2027年1月10日 / 10 Jan 2027).
fn day(text: &str, language: Language) -> String {
    crate::time::date_text(text, language)
}

fn kind_words(kind: crate::card::CardKind, language: Language) -> &'static str {
    use crate::card::CardKind::*;
    let (ja, en) = match kind {
        TypeA => ("Type AのICカード", "Type A card"),
        TypeB => (
            "Type BのICカード（マイナンバーカードなど）",
            "Type B card (My Number card etc.)",
        ),
        Felica => (
            "FeliCa（交通系・電子マネー）",
            "FeliCa (transport, e-money)",
        ),
        Mifare => ("MIFARE", "MIFARE"),
        Contact => ("接触型のICカード", "contact card"),
        Unknown => ("種類不明", "unknown"),
    };
    language.pick(ja, en)
}

fn status_words(status: CertStatus, language: Language) -> &'static str {
    let (ja, en) = match status {
        CertStatus::Valid => ("有効", "valid"),
        CertStatus::RenewalWindow => ("更新期間中", "renewal window"),
        CertStatus::Expired => ("期限切れ", "expired"),
        CertStatus::NotYetValid => ("有効期間前", "not yet valid"),
    };
    language.pick(ja, en)
}

fn or_dash(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("-")
}

/// The block a help desk reads first: the facts that settle most calls, each on one line.
fn summary(w: &mut String, report: &SupportReport, language: Language) {
    let l = |ja: &'static str, en: &'static str| language.pick(ja, en);
    let _ = writeln!(w, "[{}]", l("まとめ", "Summary"));
    let last_check = match &report.last_desk_check {
        Some(last) => {
            let outcome = match last.level.as_str() {
                "ok" => l("問題なし", "all green"),
                "warn" => l("注意あり", "needs attention"),
                _ => l("問題あり", "problems found"),
            };
            format!("{} {outcome}", when(&last.at, language))
        }
        None => l("記録なし", "none recorded").to_owned(),
    };
    let _ = writeln!(
        w,
        "- {}: {last_check}",
        l("最後の始業点検", "Last desk check")
    );
    let service = service_words(report.service, language);
    let _ = writeln!(
        w,
        "- {}: {service}",
        l("スマートカードサービス", "Smart-card service")
    );
    // By model, each with how many devices (two PaSoRi are told apart by their number).
    let mut devices: Vec<(&str, Option<u32>)> = report
        .readers
        .iter()
        .filter(|reader| reader.smartphone_ready)
        .map(|reader| {
            let label = reader
                .label
                .as_ref()
                .map_or(reader.name.as_str(), |label| label.get(language));
            (label, reader.number)
        })
        .collect();
    devices.dedup();
    devices.sort();
    devices.dedup();
    let mut models: Vec<(&str, usize)> = Vec::new();
    for (label, _) in &devices {
        match models.iter_mut().find(|(model, _)| model == label) {
            Some((_, count)) => *count += 1,
            None => models.push((label, 1)),
        }
    }
    let ready_line = if models.is_empty() {
        l("ありません", "none").to_owned()
    } else {
        let named: Vec<String> = models
            .iter()
            .map(|(model, count)| match (count, language) {
                (1, _) => (*model).to_owned(),
                (n, Language::Ja) => format!("{model} {n}台"),
                (n, Language::En) => format!("{model} ×{n}"),
            })
            .collect();
        match language {
            Language::Ja => format!("{}台（{}）", devices.len(), named.join("、")),
            Language::En => format!("{} ({})", devices.len(), named.join(", ")),
        }
    };
    let _ = writeln!(
        w,
        "- {}: {ready_line}",
        l("スマホ対応のカードリーダー", "Readers fit for phones")
    );
    let usb_only = report
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::UsbOnly)
        .count();
    if usb_only > 0 {
        let _ = writeln!(
            w,
            "- {}: {usb_only}{}",
            l(
                "USBに接続されていても使えないカードリーダー",
                "Readers on USB that cannot be used"
            ),
            l("台", "")
        );
    }
    let certificate = match &report.certificate {
        Some(cert) => match (&cert.not_after, cert.status, cert.days_left) {
            (Some(until), Some(status), Some(days)) => match language {
                Language::Ja => format!(
                    "{}（{}、あと{days}日）",
                    day(until, language),
                    status_words(status, language)
                ),
                Language::En => format!(
                    "{until} ({}, {days} days left)",
                    status_words(status, language)
                ),
            },
            _ => l("読み取れません", "cannot be read").to_owned(),
        },
        None => l("まだ確認していません", "not checked yet").to_owned(),
    };
    let _ = writeln!(
        w,
        "- {}: {certificate}",
        l("電子証明書の有効期限", "Certificate expiry")
    );
    let last_test = report
        .readers
        .iter()
        .filter_map(|reader| reader.last_read_test.as_ref())
        .max_by(|a, b| a.at.cmp(&b.at));
    let test_line = read_test_words(last_test, language);
    let _ = writeln!(
        w,
        "- {}: {test_line}",
        l("最後の読み取りテスト", "Last read test")
    );
}

/// The report as plain text, in Japanese or English, for the clipboard or a .txt file. The app always
/// hands the Japanese one over (the help desks are Japanese); `onshi report --lang en` gives English.
pub fn to_text(report: &SupportReport, language: Language) -> String {
    let l = |ja: &'static str, en: &'static str| language.pick(ja, en);
    let yes_no = |b: bool| {
        if b {
            l("はい", "yes")
        } else {
            l("いいえ", "no")
        }
    };
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "{}",
        l(
            "オン資アシスタント サポート用レポート",
            "オン資アシスタント support report"
        )
    );
    let _ = writeln!(
        w,
        "{}: {}",
        l("作成日時", "Made at"),
        when(&report.generated_at, language)
    );
    let _ = writeln!(w);
    summary(w, report, language);
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("このPC", "This PC"));
    let _ = writeln!(
        w,
        "{}: {}",
        l("アプリのバージョン", "App version"),
        report.app_version
    );
    let _ = writeln!(w, "OS: {}", report.os);
    // Windows' deadline (or that the table lacks its edition); nothing more to say of another OS.
    if report.os_support.verdict.code != crate::verdict::VerdictCode::OsNotWindows {
        let _ = writeln!(
            w,
            "{}",
            crate::os_support::line(&report.os_support).get(language)
        );
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("カードリーダー", "Card readers"));
    let service = service_words(report.service, language);
    let _ = writeln!(
        w,
        "{}: {service}",
        l("スマートカードサービス", "Smart-card service")
    );
    if report.readers.is_empty() {
        let _ = writeln!(
            w,
            "{}",
            l(
                "接続中のカードリーダーはありません",
                "No card reader connected"
            )
        );
    }
    for reader in &report.readers {
        let _ = writeln!(w, "- {}", reader.name);
        let number = match reader.number {
            Some(n) if language == Language::En => format!(" (#{n})"),
            Some(n) => format!(" （{n}台目）"),
            None => String::new(),
        };
        let slot = match reader.slot {
            Some(crate::readers::catalog::Slot::Contactless) => l(" [非接触]", " [contactless]"),
            Some(crate::readers::catalog::Slot::Contact) => l(" [接触]", " [contact]"),
            Some(crate::readers::catalog::Slot::Sam) => l(" [SAM]", " [SAM]"),
            None => "",
        };
        let _ = writeln!(
            w,
            "  {}: {}{number}{slot} / {}: {}",
            l("機種", "Model"),
            reader
                .label
                .as_ref()
                .map_or("-", |label| label.get(language)),
            l("スマホ対応", "Smartphone-ready"),
            yes_no(reader.smartphone_ready)
        );
        let card = reader.card.map_or("-", |kind| kind_words(kind, language));
        let _ = writeln!(
            w,
            "  {}: {card}",
            l("置かれているカードの種類", "Card on it (kind)")
        );
        let test = read_test_words(reader.last_read_test.as_ref(), language);
        let _ = writeln!(
            w,
            "  {}: {test}",
            l("最後の読み取りテスト", "Last read test")
        );
    }
    for device in &report.usb {
        let names: Vec<&str> = [device.manufacturer.as_deref(), device.product.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let problem = device
            .problem_code
            .map(|code| format!(" / {} {code}", l("エラー コード", "error code")))
            .unwrap_or_default();
        let _ = writeln!(w, "USB {}: {}{problem}", device.id, names.join(" "));
    }
    for finding in &report.findings {
        let device = finding.device.get(language);
        let what = match finding.kind {
            FindingKind::UsbOnly => l(
                "USBには接続されていますが、カードリーダーとして使える状態ではありません",
                "plugged in on USB but not available as a card reader",
            ),
            FindingKind::UnlistedReader => l("対象機種の一覧にありません", "not a listed model"),
        };
        let _ = writeln!(w, "! {device}: {what}");
        for cause in &finding.causes {
            let message = cause.message.get(language);
            let _ = writeln!(w, "  - {message}");
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("電子証明書", "Certificate"));
    match &report.certificate {
        None => {
            let _ = writeln!(w, "{}", l("まだ確認していません", "Not checked yet"));
        }
        Some(cert) => {
            let source = match &cert.source {
                Source::Store => {
                    l("Windowsの証明書ストア", "the Windows certificate store").to_owned()
                }
                Source::File(path) => path.clone(),
            };
            let _ = writeln!(w, "{}: {source}", l("確認元", "Read from"));
            if let Some(error) = &cert.error {
                let _ = writeln!(w, "{}: {error}", l("読み取れません", "Cannot be read"));
            }
            let _ = writeln!(w, "{}: {}", l("発行先", "Subject"), or_dash(&cert.subject));
            let _ = writeln!(w, "{}: {}", l("発行者", "Issuer"), or_dash(&cert.issuer));
            let _ = writeln!(
                w,
                "{}: {}",
                l("シリアル番号", "Serial"),
                or_dash(&cert.serial)
            );
            let status = cert
                .status
                .map(|s| {
                    let days = cert.days_left.unwrap_or_default();
                    match language {
                        Language::Ja => format!("{}（残り{days}日）", status_words(s, language)),
                        Language::En => format!("{} ({days} days left)", status_words(s, language)),
                    }
                })
                .unwrap_or_else(|| "-".into());
            let _ = writeln!(
                w,
                "{}: {} / {status}",
                l("有効期限", "Expires"),
                cert.not_after
                    .as_deref()
                    .map_or_else(|| "-".to_owned(), |date| day(date, language))
            );
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("MPKIクライアント", "MPKI client"));
    let _ = writeln!(
        w,
        "{}: {}",
        l("インストール済みのバージョン", "Installed version"),
        or_dash(&report.mpki.version)
    );
    let _ = writeln!(
        w,
        "{}: {}",
        l("最新バージョン（入力済み）", "Latest version (entered)"),
        or_dash(&report.mpki.latest_known)
    );
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("バックアップの確認", "Backup check"));
    match &report.backup_check {
        Some(check) => {
            let verdict = match check.verdict.as_str() {
                "ok" => l(
                    "正常（パスワードで開け、鍵が対になっています）",
                    "good (opens with its password, key matches)",
                ),
                "wrong-password" => l("パスワード違い", "wrong password"),
                "unusable" => l("復元に使えません", "cannot restore"),
                _ => l("確認できませんでした", "could not be checked"),
            };
            let _ = writeln!(
                w,
                "{}: {} / {}: {verdict}",
                l("日時", "At"),
                when(&check.at, language),
                l("結果", "Verdict"),
            );
        }
        None => {
            let _ = writeln!(w, "{}", l("まだ確認していません", "Not checked yet"));
        }
    }
    if let Some(fallback) = &report.notice_fallback {
        let _ = writeln!(w);
        let _ = writeln!(w, "[{}]", l("通知", "Notifications"));
        let why = match fallback.reason {
            crate::notice_route::FallbackReason::IdNotRegistered => l(
                "アプリがインストーラーで登録されていないため、Windowsの通知（トースト）を使えません",
                "Windows toasts cannot be used: the app was not registered by its installer",
            ),
            crate::notice_route::FallbackReason::ToastFailed => l(
                "Windowsの通知（トースト）を表示できませんでした",
                "Windows could not show the toast",
            ),
        };
        let shown = if fallback.balloon_failed {
            l(
                "通知領域の吹き出しも表示できませんでした",
                "The notification-area balloon could not be shown either.",
            )
        } else {
            l(
                "通知領域の吹き出しで表示しました",
                "It was shown as a notification-area balloon instead.",
            )
        };
        let at = when(&fallback.at, language);
        let _ = writeln!(w, "{at}{}{why}{}{shown}", l("：", ": "), l("。", ". "));
        if let Some(error) = &fallback.error {
            let _ = writeln!(w, "  ({error})");
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("手順ガイドの進み具合", "Guide progress"));
    if report.guide_progress.is_empty() {
        let _ = writeln!(w, "-");
    }
    for (guide, step) in &report.guide_progress {
        let _ = writeln!(w, "- {guide}: {step}");
    }
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "[{}]",
        l("接続の記録（過去7日）", "Connection history (last 7 days)")
    );
    let _ = writeln!(
        w,
        "{}",
        l(
            "日付 / 接続したカードリーダー / 取り外し・切断 / カード / 読み取りテスト / サービス停止",
            "date / readers / drop-outs / cards / read tests / service lost"
        )
    );
    for day in &report.history {
        let _ = writeln!(
            w,
            "{} / {} / {} / {} / {} / {}",
            self::day(&day.date, language),
            day.readers_connected,
            day.reader_dropouts,
            day.cards_placed,
            day.read_tests,
            day.service_lost
        );
    }
    let out = without_home(&out);
    match language {
        Language::Ja => full_width_colons(&out),
        Language::En => out,
    }
}

/// 「作成日時: …」 → 「作成日時：…」: a label's colon after Japanese is full-width, as Japanese documents
/// write it (the labels and their values are joined with ": " above, in both languages).
fn full_width_colons(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut before = ' ';
    while let Some(c) = chars.next() {
        if c == ':' && !before.is_ascii() {
            out.push('：');
            if chars.peek() == Some(&' ') {
                chars.next();
            }
        } else {
            out.push(c);
        }
        before = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::{CardInfo, ReaderInfo};

    #[test]
    fn every_read_test_ending_has_its_own_words() {
        for code in crate::error_code::ErrorCode::READ_TEST {
            let words = outcome_words(code.as_str(), Language::Ja);
            let generic = *code == crate::error_code::ErrorCode::Failed
                || *code == crate::error_code::ErrorCode::NoSuchReader
                || *code == crate::error_code::ErrorCode::SamSlot;
            assert_eq!(
                words.starts_with("読み取れませんでした"),
                generic,
                "{code}: {words}"
            );
        }
        assert!(outcome_words("card-silent", Language::Ja).contains("応答しませんでした"));
    }

    #[test]
    fn the_report_names_the_card_kind_but_never_its_atr_nor_the_home_folder() {
        let atr = "3B888001000005E0B381A1007F";
        let mut pasori = ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 00 00");
        pasori.card = Some(CardInfo::from_atr(
            &crate::card::atr::from_hex(atr).unwrap(),
        ));
        let home = dirs::home_dir().unwrap();
        let cert_path = home.join("デスクトップ").join("gone.cer");
        let mut status = Status::default();
        status.read_tests.insert(
            pasori.name.clone(),
            ReadTestOutcome::answered(
                "2026-11-29T09:00:00.000+09:00".into(),
                crate::card::Holder::MyNumberCard,
                crate::card::CardKind::TypeB,
            ),
        );
        let report = build(Inputs {
            app_version: "0.1.0".into(),
            os: crate::os_support::this_pc(crate::time::now_jst().date_naive()),
            now: crate::time::now_jst(),
            readers: ReadersReport::of(ServiceState::Running, vec![pasori]),
            usb: sony_rc_s380_on_usb_only(),
            settings: Settings::default(),
            certificate: in_use::find(Some(&cert_path), None, crate::time::now_jst().date_naive()),
            status,
            mpki_installed: None,
            history: Vec::new(),
            last_desk_check: None,
        });
        let text = to_text(&report, Language::Ja);
        let json = serde_json::to_string(&report).unwrap();
        let home_text = home.to_string_lossy();
        // JSON writes a Windows path's backslashes doubled.
        let home_in_json = home_text.replace('\\', "\\\\");
        for shown in [&text, &json] {
            assert!(!shown.contains(atr), "{shown}");
            assert!(!shown.contains(&*home_text), "{shown}");
            assert!(!shown.contains(&home_in_json), "{shown}");
        }
        // The codes are for scripts: in the JSON, never in the text a help desk reads.
        assert!(json.contains("my-number-card"), "{json}");
        assert!(!text.contains("my-number-card"), "{text}");
        assert!(
            text.starts_with("オン資アシスタント サポート用レポート\n作成日時："),
            "{text}"
        );
        assert!(
            text.contains("[まとめ]\n- 最後の始業点検：記録なし"),
            "{text}"
        );
        assert!(
            text.contains("最後の読み取りテスト：マイナンバーカード"),
            "{text}"
        );
        let sep = std::path::MAIN_SEPARATOR;
        assert!(
            text.contains(&format!("~{sep}デスクトップ{sep}gone.cer")),
            "{text}"
        );
        assert!(text.contains("読み取れません"), "{text}");
        assert!(text.contains("USB 054C:06C1: SONY RC-S380/S"), "{text}");
        assert!(
            text.contains("! ソニーPaSoRi (RC-S380): USBには接続されていますが"),
            "{text}"
        );
        assert!(json.contains("\"kind\":\"usb-only\""), "{json}");
    }

    #[test]
    fn a_notice_that_went_to_the_balloon_is_in_the_report_in_both_languages() {
        let status = Status {
            notice_fallback: Some(crate::notice_route::NoticeFallback {
                at: "2026-12-01T08:12:00.000+09:00".into(),
                reason: crate::notice_route::FallbackReason::ToastFailed,
                error: Some("Class not registered".into()),
                balloon_failed: false,
            }),
            ..Status::default()
        };
        let report = build(Inputs {
            app_version: "0.1.0".into(),
            os: crate::os_support::this_pc(crate::time::now_jst().date_naive()),
            now: crate::time::now_jst(),
            readers: ReadersReport::of(ServiceState::Running, Vec::new()),
            usb: sony_rc_s380_on_usb_only(),
            settings: Settings::default(),
            certificate: None,
            status,
            mpki_installed: None,
            history: Vec::new(),
            last_desk_check: None,
        });
        let ja = to_text(&report, Language::Ja);
        assert!(
            ja.contains("2026年12月1日 8:12：Windowsの通知（トースト）を表示できませんでした。通知領域の吹き出しで表示しました"),
            "{ja}"
        );
        assert!(ja.contains("(Class not registered)"), "{ja}");
        let en = to_text(&report, Language::En);
        assert!(
            en.contains("Windows could not show the toast. It was shown as a notification-area balloon instead."),
            "{en}"
        );
    }

    /// A Sony RC-S380 on USB that PC/SC does not present (Windows without Sony's driver).
    fn sony_rc_s380_on_usb_only() -> UsbView {
        use crate::readers::findings::{reconcile, Facts, Os};
        let usb = vec![UsbReader {
            id: "054C:06C1".into(),
            manufacturer: Some("SONY".into()),
            product: Some("RC-S380/S".into()),
            model: Some("sony-rc-s380".into()),
            problem_code: Some(28),
        }];
        let findings = reconcile(&Facts {
            os: Os::Windows,
            service: ServiceState::Running,
            readers: &[],
            usb: &usb,
            smart_card_service: None,
            libccid: None,
        });
        let verdict = crate::verdict::readers(
            &ReadersReport::unavailable(),
            &findings,
            crate::readers::advice::Os::Other,
        );
        UsbView {
            usb,
            usb_error: None,
            smart_card_service: None,
            findings,
            verdict,
        }
    }
}

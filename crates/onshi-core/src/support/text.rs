//! The report as text: the summary, then each section, for the clipboard or a .txt file.

use super::call_text::for_the_call;
use super::summary::summary;
use super::words::*;
use super::SupportReport;
use crate::app::status::{BackupCheckCode, BackupOpened};
use crate::app_data::without_home;
use crate::cert::in_use::Source;
use crate::error_code::ErrorCode;
use crate::readers::findings::FindingKind;
use crate::text::Language;
use std::fmt::Write;

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
    for_the_call(w, report, language);
    let _ = writeln!(w, "[{}]", l("このPC", "This PC"));
    let _ = writeln!(
        w,
        "{}: {}",
        l("アプリのバージョン", "App version"),
        report.app_version
    );
    let _ = writeln!(w, "OS{}{}", l("：", ": "), report.os);
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
    for line in crate::readers::driver::seen_lines(&report.drivers) {
        let _ = writeln!(w, "{}", line.get(language));
    }
    for c in &report.driver_changes {
        let (reader, model) = (c.reader.as_deref(), c.model.as_deref());
        let line = crate::readers::driver::change_line(&c.at, reader, model, &c.change);
        let _ = writeln!(w, "! {}", line.get(language));
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
    let _ = writeln!(w, "[{}]", l("端末のまわり", "Around the terminal"));
    for area in &report.terminal {
        let mark = match area.verdict.level {
            crate::verdict::Level::Warn | crate::verdict::Level::Error => "! ",
            _ => "- ",
        };
        let _ = writeln!(w, "{mark}{}", area.found.get(language));
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "[{}]", l("バックアップの確認", "Backup check"));
    match &report.backup_check {
        Some(check) => {
            let verdict = match check.verdict {
                BackupCheckCode::Opened(BackupOpened::Ok) => l(
                    "正常（パスワードで開け、鍵が対になっています）",
                    "good (opens with its password, key matches)",
                ),
                BackupCheckCode::Failed(ErrorCode::WrongPassword) => {
                    l("パスワード違い", "wrong password")
                }
                BackupCheckCode::Opened(BackupOpened::Unusable) => {
                    l("復元に使えません", "cannot restore")
                }
                BackupCheckCode::Failed(_) => l("確認できませんでした", "could not be checked"),
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
            crate::app::notice_route::FallbackReason::IdNotRegistered => l(
                "アプリがインストーラーで登録されていないため、Windowsの通知（トースト）を使えません",
                "Windows toasts cannot be used: the app was not registered by its installer",
            ),
            crate::app::notice_route::FallbackReason::ToastFailed => l(
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

//! The report's first block, 「まとめ」: the facts that settle most calls, each on one line.

use super::words::{day, read_test_words, service_words, status_words, when};
use super::SupportReport;
use crate::readers::findings::FindingKind;
use crate::text::Language;
use crate::verdict::Level;
use std::fmt::Write;

/// The block a help desk reads first: the facts that settle most calls, each on one line.
pub(super) fn summary(w: &mut String, report: &SupportReport, language: Language) {
    let l = |ja: &'static str, en: &'static str| language.pick(ja, en);
    let _ = writeln!(w, "[{}]", l("まとめ", "Summary"));
    let last_check = match &report.last_desk_check {
        Some(last) => {
            let outcome = match last.level {
                Level::Info | Level::Ok => l("問題なし", "all green"),
                Level::Warn => l("注意あり", "needs attention"),
                Level::Error => l("問題あり", "problems found"),
            };
            format!("{} {outcome}", when(&last.at, language))
        }
        None => l("記録なし", "none recorded").to_owned(),
    };
    let _ = writeln!(
        w,
        "- {}: {last_check}",
        l("最後の始業点検", "Last morning check")
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

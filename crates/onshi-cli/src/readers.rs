//! `onshi readers` and `onshi watch`.

use crate::exit;
use crate::output::print_json;
use crate::text::{Language, Words};
use onshi_core::readers::{self, ReaderInfo, ServiceState, WatchEvent, Watcher};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub fn list(json: bool, lang: Language) -> u8 {
    let report = match readers::list() {
        Ok(report) => report,
        Err(error) => {
            eprintln!("{}: {error}", lang.pick("エラー", "error"));
            return exit::NO_SERVICE;
        }
    };
    // The USB view beside it: a reader plugged in that the service does not present is a finding.
    let usb = readers::look_at_usb(&report);
    let usb_only = usb
        .findings
        .iter()
        .any(|f| f.kind == readers::findings::FindingKind::UsbOnly);
    if json {
        let mut doc = serde_json::to_value(&report).unwrap_or_default();
        if let (Some(doc), Ok(serde_json::Value::Object(extra))) =
            (doc.as_object_mut(), serde_json::to_value(&usb))
        {
            doc.extend(extra);
        }
        print_json(&doc);
    } else if report.service == ServiceState::Running {
        crate::say!(
            "{} {}",
            lang.pick("カードリーダー：", "Card readers:"),
            report.devices.len()
        );
        for device in &report.devices {
            let slots: Vec<&ReaderInfo> = device
                .slots
                .iter()
                .filter_map(|name| report.readers.iter().find(|r| &r.name == name))
                .collect();
            let Some(first) = slots.first() else { continue };
            // The device's verdict is its contactless slot's (or its only slot's).
            let verdict = slots.iter().find(|r| r.smartphone_ready).unwrap_or(first);
            crate::say!(
                "  {}{}",
                lang.model_line(verdict),
                lang.number(device.number)
            );
            for reader in &slots {
                crate::say!("    {}{}", reader.name, lang.slot(reader));
                if reader.is_sam() {
                    continue;
                }
                match &reader.card {
                    Some(card) => crate::say!(
                        "      {} {:?} (ATR {})",
                        lang.pick("カード：", "card:"),
                        card.kind,
                        card.atr
                    ),
                    None => crate::say!("      {}", lang.pick("カード：なし", "card: none")),
                }
            }
        }
        if report.readers.is_empty() && !usb_only {
            crate::say!(
                "  {}",
                lang.pick(
                    "接続されているカードリーダーはありません。",
                    "No card reader is connected."
                )
            );
        }
    }
    if !json {
        print_findings(&usb, lang);
        for line in readers::driver::seen_lines(&usb.drivers) {
            crate::say!("{}", line.get(lang));
        }
    }
    if report.service == ServiceState::Unavailable {
        eprintln!("{}", lang.service_unavailable());
        return exit::NO_SERVICE;
    }
    if usb_only {
        exit::PROBLEM
    } else {
        exit::FINE
    }
}

/// Each finding with its causes and steps, most likely first.
fn print_findings(usb: &readers::UsbView, lang: Language) {
    use readers::findings::FindingKind;
    for finding in &usb.findings {
        let device = finding.device.get(lang);
        let id = finding
            .usb_id
            .as_deref()
            .map(|id| match lang {
                Language::Ja => format!("（USB {id}）"),
                Language::En => format!(" (USB {id})"),
            })
            .unwrap_or_default();
        crate::say!(
            "! {}",
            match (finding.kind, lang) {
                (FindingKind::UsbOnly, Language::Ja) => format!("「{device}」{id}はUSBに接続されていますが、カードリーダーとして使える状態になっていません。"),
                (FindingKind::UsbOnly, Language::En) => format!("\"{device}\"{id} is plugged in on USB but is not available as a card reader."),
                (FindingKind::UnlistedReader, Language::Ja) => format!("「{device}」{id}は対象機種の一覧にないカードリーダーです。"),
                (FindingKind::UnlistedReader, Language::En) => format!("\"{device}\"{id} is not a listed reader model."),
            }
        );
        for (n, cause) in finding.causes.iter().enumerate() {
            crate::say!("  {}. {}", n + 1, cause.message.get(lang));
            for step in &cause.steps {
                crate::say!("     - {}", step.get(lang));
            }
        }
    }
}

pub fn watch(json: bool, seconds: Option<f64>, lang: Language) -> u8 {
    let deadline = match seconds {
        Some(s) if s.is_finite() && s >= 0.0 => Some(Instant::now() + Duration::from_secs_f64(s)),
        Some(_) => {
            eprintln!(
                "{}",
                lang.pick(
                    "--forには0以上の秒数を指定してください。",
                    "--for takes a number of seconds, 0 or more."
                )
            );
            return exit::BAD_INPUT;
        }
        None => None,
    };
    let (events, received) = mpsc::channel::<WatchEvent>();
    let watcher = Watcher::start(move |event| {
        let _ = events.send(event);
    });
    loop {
        let event = match deadline {
            Some(deadline) => {
                match received.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                    Ok(event) => event,
                    Err(_) => break,
                }
            }
            None => match received.recv() {
                Ok(event) => event,
                Err(_) => break,
            },
        };
        if json {
            crate::say!(
                "{}",
                serde_json::to_string(&event).expect("an event serialises")
            );
        } else {
            let reader = event.reader.as_deref().unwrap_or_default();
            let atr = event
                .atr
                .as_deref()
                .map(|a| format!(" ATR {a}"))
                .unwrap_or_default();
            crate::say!("{}  {}  {reader}{atr}", event.at, lang.event(event.event));
        }
    }
    watcher.stop();
    exit::FINE
}

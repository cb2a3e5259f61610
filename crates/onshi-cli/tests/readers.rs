//! `onshi readers` and `onshi watch` against the rig, checking the contract of docs/CLI.md.

use crate::util::{onshi, onshi_command};
use onshi_rig::{Profile, Rig, DEFAULT_READERS};
use serde_json::Value;
use std::time::{Duration, Instant};

fn reader<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["readers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed in {doc}"))
}

#[test]
fn readers_json_recognises_every_model_of_the_faq_on_the_rig() {
    let rig = Rig::start(DEFAULT_READERS).unwrap();
    let _card = rig.insert("RC-S300", Profile::MyNumber).unwrap();
    let deadline = Instant::now() + Duration::from_secs(3);
    let (output, doc) = loop {
        let output = onshi(&["readers", "--json"]);
        let doc: Value =
            serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
        if !reader(&doc, "SONY FeliCa RC-S300/P (0303109) 00 00")["card"].is_null()
            || Instant::now() > deadline
        {
            break (output, doc);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(doc["service"], "running");
    assert_eq!(
        doc["readers"].as_array().unwrap().len(),
        rig.slot_names().len()
    );
    for name in rig.slot_names() {
        let entry = reader(&doc, &name);
        for field in ["name", "model", "label", "smartphone_ready", "card"] {
            assert!(entry.get(field).is_some(), "{field} missing in {entry}");
        }
    }
    let expect = [
        ("SONY FeliCa Port/PaSoRi 4.0 00 00", "sony-rc-s300", true),
        ("Circle CIR315 CL 00 00", "circle-cir315", true),
        ("Circle USBNFC4 00 00", "iodata-usb-nfc4", true),
        (
            "SONY FeliCa RC-S300/P (0303109) 00 00",
            "sony-rc-s300",
            true,
        ),
        (
            "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 00 00",
            "ntt-scr3310",
            false,
        ),
    ];
    for (name, model, ready) in expect {
        let entry = reader(&doc, name);
        assert_eq!(entry["model"], model, "{name}");
        assert_eq!(entry["smartphone_ready"], ready, "{name}");
        // One bilingual shape for every text (onshi-core's Text).
        assert!(entry["label"]["ja"].is_string(), "{name}");
        assert!(entry["label"]["en"].is_string(), "{name}");
    }
    let card = &reader(&doc, "SONY FeliCa RC-S300/P (0303109) 00 00")["card"];
    assert_eq!(card["kind"], "type-b");
    assert!(card["atr"].as_str().unwrap().starts_with("3B888001"));
    assert!(reader(&doc, "Circle USBNFC4 00 00")["card"].is_null());
}

#[test]
fn readers_exits_3_with_json_and_a_japanese_message_when_the_service_is_down() {
    let mut rig = Rig::start(&["Circle USBNFC4"]).unwrap();
    rig.stop_service();
    let output = onshi(&["readers", "--json"]);
    assert_eq!(output.status.code(), Some(3));
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["service"], "unavailable");
    assert_eq!(doc["readers"], Value::Array(vec![]));
    // Each OS in its own words: Windows stops the service with the last reader, and its staff are never
    // sent to a terminal.
    let message = String::from_utf8_lossy(&output.stderr);
    if onshi_rig::under_test::testing_windows() {
        assert!(
            message.contains("カードリーダーが見つかりません"),
            "{message}"
        );
        assert!(message.contains("「Smart Card」"), "{message}");
        assert!(!message.contains("systemctl"), "{message}");
    } else {
        assert!(
            message.contains("スマートカードサービス（pcscd）が動いていません"),
            "{message}"
        );
    }
}

#[test]
fn readers_text_names_the_model_and_what_to_do_in_japanese() {
    let _rig = Rig::start(&[
        "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader",
        "Circle CIR315 CL",
    ])
    .unwrap();
    let text = String::from_utf8(onshi(&["readers"]).stdout).unwrap();
    assert!(
        text.contains("スマートフォンのマイナ保険証に対応"),
        "{text}"
    );
    assert!(
        text.contains("接触型のため、スマートフォンは読み取れません"),
        "{text}"
    );
    let english = String::from_utf8(onshi(&["readers", "--lang", "en"]).stdout).unwrap();
    assert!(
        english.contains("A contact reader cannot read a phone"),
        "{english}"
    );
}

#[test]
fn watch_prints_one_json_line_per_event_and_ends_after_for() {
    let rig = Rig::start(&["Circle USBNFC4"]).unwrap();
    let child = onshi_command()
        .args(["watch", "--json", "--for", "3"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    let card = rig.insert("USBNFC4", Profile::Android).unwrap();
    std::thread::sleep(Duration::from_millis(1000));
    card.remove();
    let started = Instant::now();
    let output = child.wait_with_output().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "--for ends the watch"
    );
    let events: Vec<Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "reader-added",
            "reader-added",
            "card-inserted",
            "card-removed"
        ],
        "{events:?}"
    );
    assert_eq!(events[2]["reader"], "Circle USBNFC4 00 00");
    assert!(events[2]["atr"].as_str().unwrap().starts_with("3B88"));
    // RFC 3339, Japan time, milliseconds.
    let at = events[0]["at"].as_str().unwrap();
    assert!(
        at.ends_with("+09:00") && at.len() == "2026-11-27T12:00:00.000+09:00".len(),
        "{at}"
    );
}

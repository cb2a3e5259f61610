//! One device, one row, on the rig: a reader whose driver opens two slots under one name, as libccid
//! names the ACS ACR1251 Dual Reader (072F:221A; catalog: contactless, then SAM), with a SAM module
//! that never starts in its SAM slot (pcscd: "Card inserted, Unresponsive card"), beside two identical
//! PaSoRi. `onshi readers --json` groups the slots, marks the SAM slot, numbers the two PaSoRi, and the
//! read test neither picks nor accepts the SAM slot.

// The rig is Linux; the Windows build runs these same tests as onshi.exe under Wine
// (onshi_rig::under_test, npm run test:windows).
#![cfg(target_os = "linux")]

use onshi_rig::{Profile, Rig};
use serde_json::Value;
use std::process::Output;

const DUAL: &str = "ACS ACR1251 Dual Reader";
// Two PaSoRi 4.0 as libccid names them, told apart by their serials (the rig's driver entries cannot
// take pcsc-lite's per-name index, so both end "00 SS").
const PASORI_1: &str = "SONY FeliCa RC-S300/P (0303109)";
const PASORI_2: &str = "SONY FeliCa RC-S300/P (0411234)";

fn onshi(args: &[&str]) -> Output {
    onshi_rig::under_test::run(env!("CARGO_BIN_EXE_onshi"), args)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "one JSON document on stdout: {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn a_dual_reader_is_one_device_and_its_mute_sam_is_never_a_card() {
    let rig = Rig::start(&[DUAL, PASORI_1, PASORI_2]).unwrap();
    let _sam = rig
        .insert_at(DUAL, 1, Profile::MuteSam)
        .unwrap_or_else(|e| panic!("{e}: {}", rig.pcscd_log()));

    let doc = json(&onshi(&["readers", "--json"]));
    let devices = doc["devices"].as_array().expect("devices listed");
    let dual = devices
        .iter()
        .find(|d| d["device"] == format!("{DUAL} 00"))
        .unwrap_or_else(|| panic!("the dual reader is one device: {doc}"));
    assert_eq!(
        dual["slots"],
        serde_json::json!([format!("{DUAL} 00 00"), format!("{DUAL} 00 01")])
    );
    assert_eq!(dual["number"], Value::Null);
    let sam = doc["readers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == format!("{DUAL} 00 01"))
        .unwrap();
    assert_eq!(sam["slot"], "sam");
    assert_eq!(sam["slot_unconfirmed"], true);
    assert_eq!(sam["smartphone_ready"], false);

    let numbers: Vec<&Value> = devices
        .iter()
        .filter(|d| d["model"] == "sony-rc-s300")
        .map(|d| &d["number"])
        .collect();
    assert_eq!(numbers, [1, 2], "two PaSoRi told apart: {doc}");

    // In words: one heading per device, "1台目 / 2台目", the SAM slot said as such and no card on it.
    let text = String::from_utf8(onshi(&["readers"]).stdout).unwrap();
    assert!(text.contains("カードリーダー: 3"), "{text}");
    assert!(
        text.contains("(1台目)") && text.contains("(2台目)"),
        "{text}"
    );
    let sam_line = text
        .lines()
        .position(|l| l.contains(&format!("{DUAL} 00 01")))
        .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[sam_line].contains("SAM"), "{text}");
    assert!(
        !lines
            .get(sam_line + 1)
            .is_some_and(|next| next.contains("カード:")),
        "no card line under the SAM slot: {text}"
    );

    // The read test: asked for the SAM slot, it says what that slot is; left to choose, it never takes
    // the module for a card.
    let asked = onshi(&[
        "card-test",
        "--reader",
        &format!("{DUAL} 00 01"),
        "--json",
        "--wait",
        "1",
    ]);
    assert_eq!(json(&asked)["error"], "sam-slot", "{asked:?}");
    let chosen = onshi(&["card-test", "--json", "--wait", "1"]);
    assert_eq!(json(&chosen)["error"], "no-card", "{chosen:?}");
    let said = onshi(&[
        "card-test",
        "--reader",
        &format!("{DUAL} 00 01"),
        "--wait",
        "1",
    ]);
    assert!(
        String::from_utf8_lossy(&said.stderr).contains("SAM"),
        "{said:?}"
    );
}

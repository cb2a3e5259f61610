//! One device, one row, on the rig: a reader whose driver opens two slots under one name, as libccid
//! names the ACS ACR1251 Dual Reader (072F:221A; catalog: contactless, then SAM), with a SAM module
//! that never starts in its SAM slot (pcscd: "Card inserted, Unresponsive card"), beside two identical
//! PaSoRi. `onshi readers --json` groups the slots, marks the SAM slot, numbers the two PaSoRi, and the
//! read test neither picks nor accepts the SAM slot.

use crate::util::{json, onshi};
use onshi_rig::{Profile, Rig};
use serde_json::Value;

const DUAL: &str = "ACS ACR1251 Dual Reader";
// Two PaSoRi 4.0 as libccid names them, told apart by their serials (the rig's driver entries cannot
// take pcsc-lite's per-name index, so both end "00 SS").
const PASORI_1: &str = "SONY FeliCa RC-S300/P (0303109)";
const PASORI_2: &str = "SONY FeliCa RC-S300/P (0411234)";

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
    assert!(text.contains("カードリーダー：3"), "{text}");
    assert!(
        text.contains("（1台目）") && text.contains("（2台目）"),
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
            .is_some_and(|next| next.contains("カード：")),
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

/// A three-slot device as libccid names the Circle CIR315 Dual & 1S (31AA:3000; catalog, unconfirmed
/// order: contact, contactless, SAM), served by the rig's own driver (Debian's vpcd opens two slots).
const CIR315_DUAL: &str = "Circle CIR315 Dual & 1S [CIR315 Dual & 1S] (CC1A2B3C)";

#[test]
fn a_three_slot_device_is_one_row_and_the_read_test_passes_over_its_sam() {
    let rig = Rig::start(&[&format!("{CIR315_DUAL}|3")]).unwrap();
    let _sam = rig.insert_at(CIR315_DUAL, 2, Profile::MuteSam).unwrap();
    let _card = rig.insert_at(CIR315_DUAL, 1, Profile::MyNumber).unwrap();

    let doc = json(&onshi(&["readers", "--json"]));
    let devices = doc["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 1, "{doc}");
    assert_eq!(devices[0]["model"], "circle-cir315-dual");
    let slots: Vec<String> = (0..3).map(|s| format!("{CIR315_DUAL} 00 0{s}")).collect();
    assert_eq!(devices[0]["slots"], serde_json::json!(slots));
    let roles: Vec<&Value> = doc["readers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["slot"])
        .collect();
    assert_eq!(roles, ["contact", "contactless", "sam"]);
    // PC/SC says a card is in the SAM slot (present, unresponsive: no ATR) …
    assert_eq!(doc["readers"][2]["card"]["atr"], "", "{doc}");
    // … and the words do not call it one.
    let text = String::from_utf8(onshi(&["readers"]).stdout).unwrap();
    assert!(text.contains("カードリーダー：1"), "{text}");

    // Left to choose, the read test takes the card on the contactless slot, never the module.
    let tested = onshi(&["card-test", "--json", "--wait", "5"]);
    let report = json(&tested);
    assert_eq!(report["reader"], slots[1], "{report}");
    assert_eq!(report["holder"], "my-number-card", "{report}");
}

//! `onshi card-test` on the rig: it tells a My Number card from phones, a licence and a FeliCa card, with
//! only allow-listed commands reaching the virtual card, and the exit codes of docs/CLI.md.

use crate::util::{json_or_null, onshi, onshi_command, with_json};
use onshi_rig::{Profile, Rig, VirtualCard};
use serde_json::Value;
use std::process::Output;
use std::time::{Duration, Instant};

const READER: &str = "SONY FeliCa Port/PaSoRi 4.0";

/// `onshi card-test --json ARGS`.
fn card_test(args: &[&str]) -> (Output, Value) {
    with_json(onshi(&[&["card-test", "--json"][..], args].concat()))
}

/// Every command the read test may send, byte for byte, written out here rather than taken from the
/// allow-list it is checking (onshi-core's card/apdu.rs), so that a widened allow-list fails these
/// tests. VERIFY, signing and the other files are never among them: a wrong VERIFY uses up one of a
/// My Number card's three tries, and the other files hold personal data.
const ALLOWED: [&[u8]; 4] = [
    // SELECT (00 A4) by DF name (P1 04), no answer data (P2 0C), Lc 0A: the JPKI application
    // D3 92 F0 00 26 01 00 00 00 01.
    &[
        0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
    ],
    // SELECT (00 A4) by file identifier (P1 02), no answer data (P2 0C), Lc 02: EF 0006 of the JPKI
    // application, its token name (not personal data).
    &[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x06],
    // READ BINARY (00 B0) of the selected EF from offset 0 (P1 P2 00 00), Le 20: its first 32 bytes, the
    // token name. One length and one offset only: no other Le (00 would be 256 bytes) and no other
    // offset is allowed.
    &[0x00, 0xB0, 0x00, 0x00, 0x20],
    // GET DATA (FF CA) of the UID (P1 P2 00 00), Le 00: a PC/SC reader answers it itself; vpcd passes it
    // on to the rig's virtual card, so the card sees it here.
    &[0xFF, 0xCA, 0x00, 0x00, 0x00],
];

/// Takes the card away; fails the test if anything but the four commands above reached it.
fn assert_only_allowed(rig: &Rig, reader: &str, card: VirtualCard) -> Vec<Vec<u8>> {
    let received = rig.take_away(reader, card).unwrap();
    for apdu in &received {
        assert!(
            ALLOWED.contains(&apdu.as_slice()),
            "a command outside the allow-list reached the card: {apdu:02X?}"
        );
    }
    received
}

#[test]
fn each_profile_is_told_apart_with_only_allow_listed_commands() {
    let rig = Rig::start(&[READER]).unwrap();
    let cases = [
        (Profile::MyNumber, "my-number-card", true, 0),
        (Profile::Android, "smartphone-android", true, 0),
        (Profile::Iphone, "smartphone-iphone", true, 0),
        (Profile::Licence, "not-my-number-card", false, 1),
        (Profile::Felica, "not-my-number-card", false, 1),
    ];
    for (profile, holder, jpki, code) in cases {
        let card = rig.insert(READER, profile).unwrap();
        let (output, doc) = card_test(&["--wait", "5"]);
        assert_eq!(doc["holder"], holder, "{profile:?}: {doc}");
        assert_eq!(doc["jpki"], jpki, "{profile:?}");
        assert_eq!(output.status.code(), Some(code), "{profile:?}");
        assert_eq!(doc["reader"], format!("{READER} 00 00"));
        let received = assert_only_allowed(&rig, READER, card);
        let sent: Vec<String> = doc["apdus_sent"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect();
        let received_hex: Vec<String> = received
            .iter()
            .map(|a| a.iter().map(|b| format!("{b:02X}")).collect())
            .collect();
        assert_eq!(sent, received_hex, "apdus_sent is what the card saw");
    }
}

#[test]
fn the_kind_comes_from_the_atr() {
    let rig = Rig::start(&[READER]).unwrap();
    let card = rig.insert(READER, Profile::Felica).unwrap();
    let (_, doc) = card_test(&["--wait", "5"]);
    assert_eq!(doc["kind"], "felica");
    assert_only_allowed(&rig, READER, card);
    let card = rig.insert(READER, Profile::MyNumber).unwrap();
    let (_, doc) = card_test(&["--wait", "5"]);
    assert_eq!(doc["kind"], "type-b");
    assert_only_allowed(&rig, READER, card);
}

#[test]
fn no_card_within_the_wait_exits_4_with_a_plain_message() {
    let _rig = Rig::start(&[READER]).unwrap();
    let (output, doc) = card_test(&["--wait", "1"]);
    assert_eq!(output.status.code(), Some(4));
    assert_eq!(doc["error"], "no-card");
    assert!(String::from_utf8_lossy(&output.stderr).contains("カードが置かれませんでした"));
    // In words, the limit the user is promised up front: the 1 s wait, then 10 s to read.
    let output = onshi(&["card-test", "--wait", "1"]);
    assert_eq!(output.status.code(), Some(4));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("最長11秒で終わります"), "{said}");
}

#[test]
fn the_reader_filter_picks_the_reader_and_no_service_exits_3() {
    let mut rig = Rig::start(&[READER, "Circle USBNFC4"]).unwrap();
    let _elsewhere = rig.insert(READER, Profile::Licence).unwrap();
    let card = rig.insert("USBNFC4", Profile::Android).unwrap();
    let (output, doc) = card_test(&["--reader", "USBNFC4", "--wait", "5"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(doc["reader"], "Circle USBNFC4 00 00");
    assert_only_allowed(&rig, "USBNFC4", card);
    rig.stop_service();
    let (output, doc) = card_test(&["--wait", "1"]);
    assert_eq!(output.status.code(), Some(3));
    assert_eq!(doc["error"], "no-service");
}

#[test]
fn a_phone_taken_away_mid_test_is_its_own_outcome_with_a_plain_message() {
    let rig = Rig::start(&[READER]).unwrap();
    let phone = rig.insert(READER, Profile::LeavingPhone).unwrap();
    let (output, doc) = card_test(&["--wait", "5"]);
    assert_eq!(output.status.code(), Some(1), "{doc}");
    assert_eq!(doc["error"], "card-removed");
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("読み取りの途中でカード（スマートフォン）が離れました"));
    assert_only_allowed(&rig, READER, phone);
}

#[test]
fn a_card_that_is_there_but_silent_ends_within_the_limit_with_what_to_try() {
    let rig = Rig::start(&[READER]).unwrap();
    let card = rig.insert(READER, Profile::Silent).unwrap();
    let started = Instant::now();
    let (output, doc) = card_test(&["--wait", "3"]);
    let took = started.elapsed();
    assert_eq!(doc["error"], "card-silent", "{doc}");
    assert_eq!(output.status.code(), Some(1));
    // The hard limit as the user is told it (README: 読み取り10秒 after the wait; `card-test --wait 3`
    // says 最長13秒): the 3 s wait asked for here, then one exchange of at most 10 s. 5 s more for the
    // program's start and end (onshi.exe under Wine starts slowly).
    assert!(
        took < Duration::from_secs(3 + 10 + 5),
        "the test ended after {took:?}, past its limit of 3 s + 10 s (and 5 s to start and end)"
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("置かれていますが、応答がありません"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_only_allowed(&rig, READER, card);
}

/// Starts `onshi card-test` in the background, as staff do right after taking one card off.
fn card_test_started(args: &[&str]) -> std::process::Child {
    onshi_command()
        .args(["card-test", "--json"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("onshi runs")
}

#[test]
fn a_card_leaving_as_the_test_starts_is_passed_over_and_the_phone_after_it_is_tested() {
    let rig = Rig::start(&[READER, "Circle USBNFC4"]).unwrap();
    let card = rig.insert(READER, Profile::MyNumber).unwrap();
    // Off the first reader without waiting: pcscd still reports it for up to one polling interval.
    let before = card.remove();
    let child = card_test_started(&["--wait", "8"]);
    std::thread::sleep(Duration::from_millis(300));
    let phone = rig.insert("USBNFC4", Profile::Android).unwrap();
    let output = child.wait_with_output().unwrap();
    let doc = json_or_null(&output);
    assert_eq!(output.status.code(), Some(0), "{doc}");
    assert_eq!(doc["reader"], "Circle USBNFC4 00 00");
    assert_eq!(doc["holder"], "smartphone-android");
    assert!(before.is_empty(), "the card that left was sent nothing");
    assert_only_allowed(&rig, "USBNFC4", phone);
}

#[test]
fn no_card_right_after_a_removal_is_no_card_not_a_card_that_left() {
    let rig = Rig::start(&[READER]).unwrap();
    let card = rig.insert(READER, Profile::MyNumber).unwrap();
    card.remove();
    let output = card_test_started(&["--wait", "2"])
        .wait_with_output()
        .unwrap();
    let doc = json_or_null(&output);
    assert_eq!(output.status.code(), Some(4), "{doc}");
    assert_eq!(doc["error"], "no-card");
}

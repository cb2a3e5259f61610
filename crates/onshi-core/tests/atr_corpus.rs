//! Card kinds over real ATRs: a table of cards seen in Japan and elsewhere (facts from pcsc-tools' public
//! smartcard list), and a sweep over that whole list as installed by pcsc-tools.

use onshi_core::card::{classify, CardKind};

fn hex(text: &str) -> Vec<u8> {
    text.split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).expect("hex byte"))
        .collect()
}

#[test]
fn real_cards_get_the_kind_a_person_would_expect() {
    let table = [
        // Japanese eID and IC cards.
        ("3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F", CardKind::TypeB), // JPKI (My Number) card, contactless
        ("3B 88 80 01 00 00 14 E0 B3 81 91 00 5E", CardKind::TypeB), // 住基カード, contactless
        ("3B C5 FF 81 31 FB 45 80 73 C6 01 00 00", CardKind::Contact), // Individual Number Card, contact
        (
            "3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B",
            CardKind::Contact,
        ), // My Number Card, contact
        ("3B E0 00 FF 81 31 FE 45 14", CardKind::Contact),             // 住基カード, contact
        (
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 11 00 3B 00 00 00 00 42",
            CardKind::Felica,
        ), // FeliCa (generic)
        // ISO 14443 Type B through various readers.
        ("3B 88 80 01 00 00 00 00 00 00 00 00 09", CardKind::TypeB),
        ("3B 88 80 01 00 00 00 00 00 71 71 00 09", CardKind::TypeB),
        ("3B 88 80 01 00 00 00 00 11 81 81 00 18", CardKind::TypeB),
        // MIFARE and NFC Forum tags (ISO 14443A part 3 storage cards).
        (
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A",
            CardKind::Mifare,
        ), // Classic 1K
        (
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 02 00 00 00 00 69",
            CardKind::Mifare,
        ), // Classic 4K
        (
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 03 00 00 00 00 68",
            CardKind::Mifare,
        ), // Ultralight
        (
            "3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 F0 04 00 00 00 00 9F",
            CardKind::Mifare,
        ), // NFC Type 1
        // ISO-DEP Type A: DESFire, passports, bank cards contactless.
        ("3B 81 80 01 80 80", CardKind::TypeA),
        (
            "3B 8A 80 01 00 31 C1 73 C8 40 00 00 90 00 90",
            CardKind::TypeA,
        ),
        (
            "3B 8E 80 01 80 31 80 66 B1 84 0C 01 6E 01 83 00 90 00 1C",
            CardKind::TypeA,
        ),
        // Contact cards: SIMs, bank and health cards.
        (
            "3B 9F 96 80 1F C7 80 31 E0 73 FE 21 1B 63 3A 20 4E 83 00 90 00 31",
            CardKind::Contact,
        ),
        (
            "3B 6E 00 00 80 31 80 66 B0 84 12 01 6E 01 83 00 90 00",
            CardKind::Contact,
        ),
        ("3F 65 25 00 2C 09 69 90 00", CardKind::Contact),
        // Not an ATR.
        ("3B", CardKind::Unknown),
        ("FF FF", CardKind::Unknown),
    ];
    for (atr, kind) in table {
        assert_eq!(classify(&hex(atr)), kind, "{atr}");
    }
}

/// pcsc-tools' list: each ATR on a line of its own at column 0, its descriptions indented below.
const SMARTCARD_LIST: &str = "/usr/share/pcsc/smartcard_list.txt";

#[test]
fn every_atr_of_the_pcsc_tools_list_is_classified_by_its_structure() {
    let text = std::fs::read_to_string(SMARTCARD_LIST)
        .unwrap_or_else(|e| panic!("{SMARTCARD_LIST}: {e} (install pcsc-tools; npm test does)"));
    let mut entries: Vec<(Vec<u8>, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with('3') {
            // Entries with wildcards ("..") describe families, not cards.
            if !line.contains('.') && !line.contains('[') {
                entries.push((hex(line), String::new()));
            }
        } else if line.starts_with('\t') {
            if let Some((_, description)) = entries.last_mut() {
                description.push_str(line);
            }
        }
    }
    assert!(
        entries.len() > 1000,
        "only {} ATRs read from the list",
        entries.len()
    );
    let mut felica = 0;
    for (atr, description) in &entries {
        let kind = classify(atr);
        let storage_standard = (atr.len() > 12
            && atr[..12] == hex("3B 8F 80 01 80 4F 0C A0 00 00 03 06")[..])
            .then(|| atr[12]);
        match storage_standard {
            Some(0x11) => assert_eq!(kind, CardKind::Felica, "{atr:02X?} {description}"),
            Some(0x03) => assert_eq!(kind, CardKind::Mifare, "{atr:02X?} {description}"),
            _ => {}
        }
        if description.contains("FeliCa") && kind == CardKind::Felica {
            felica += 1;
        }
        if atr.starts_with(&hex("3B 88 80 01")) {
            assert_eq!(kind, CardKind::TypeB, "{atr:02X?} {description}");
        }
        let contactless_form =
            atr.len() > 3 && atr[1] & 0xF0 == 0x80 && atr[2] == 0x80 && atr[3] == 0x01;
        if (atr[0] == 0x3B || atr[0] == 0x3F) && !contactless_form {
            assert_eq!(kind, CardKind::Contact, "{atr:02X?} {description}");
        }
    }
    assert!(felica >= 1, "the FeliCa entries of the list are recognised");
}

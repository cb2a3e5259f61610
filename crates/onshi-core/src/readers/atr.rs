//! The kind of card from its ATR (answer to reset), with no command sent to the card.
//!
//! A contactless reader gives every card a "pseudo-ATR" built by the rules of PC/SC part 3:
//! - storage cards (FeliCa, MIFARE …): `3B 8F 80 01 80 4F 0C A0 00 00 03 06 SS NN NN 00 00 00 00 TCK`,
//!   where SS names the standard (`03` ISO 14443A-3, `11` FeliCa);
//! - ISO-DEP cards: `3B 8n 80 01` then n historical bytes; Type B always has 8 (ATQB application data,
//!   protocol info, MBLI), Type A carries the ATS historical bytes, of any length.
//!
//! Anything else with a well-formed ATR came from a contact chip. The My Number card is Type B, but so is a
//! driving licence: only the safe read test (a later step) tells them apart.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the ATR says about a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum CardKind {
    /// ISO 14443 Type A with ISO-DEP (an IC card; some phones answer as Type A).
    TypeA,
    /// ISO 14443 Type B: the My Number card, a driving licence, a phone's JPKI function.
    TypeB,
    /// Sony FeliCa (transport and e-money cards).
    Felica,
    /// MIFARE and other ISO 14443A-3 storage cards.
    Mifare,
    /// A card in a contact slot.
    Contact,
    /// An ATR we cannot read.
    Unknown,
}

/// The RID of PC/SC part 3 storage-card ATRs.
const PCSC_RID: [u8; 5] = [0xA0, 0x00, 0x00, 0x03, 0x06];
const STANDARD_ISO14443A_3: u8 = 0x03;
const STANDARD_FELICA: u8 = 0x11;

/// Classifies a card by its ATR.
pub fn classify(atr: &[u8]) -> CardKind {
    if atr.len() < 2 || !(atr[0] == 0x3B || atr[0] == 0x3F) {
        return CardKind::Unknown;
    }
    let historical_len = usize::from(atr[1] & 0x0F);
    // A contactless pseudo-ATR: T0 = 8n (only TD1 present), TD1 = 80 (only TD2 follows), TD2 = 01 (T=1).
    let contactless =
        atr[1] & 0xF0 == 0x80 && atr.get(2) == Some(&0x80) && atr.get(3) == Some(&0x01);
    if !contactless {
        return CardKind::Contact;
    }
    let historical = match atr.get(4..4 + historical_len) {
        Some(bytes) => bytes,
        None => return CardKind::Unknown,
    };
    // Storage card: category 80, then the application identifier data object 4F 0C <RID> SS NN NN.
    if historical.len() >= 10
        && historical[0] == 0x80
        && historical[1] == 0x4F
        && historical[3..8] == PCSC_RID
    {
        return match historical[8] {
            STANDARD_FELICA => CardKind::Felica,
            STANDARD_ISO14443A_3 => CardKind::Mifare,
            _ => CardKind::Unknown,
        };
    }
    if historical_len == 8 {
        CardKind::TypeB
    } else {
        CardKind::TypeA
    }
}

/// An ATR as the uppercase hex the CLI and the UI print ("3B88800100…").
pub fn to_hex(atr: &[u8]) -> String {
    atr.iter().map(|b| format!("{b:02X}")).collect()
}

/// Reads hex (as `to_hex` writes it) back into bytes; None when it is not whole bytes of hex.
pub fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        text.split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).unwrap())
            .collect()
    }

    #[test]
    fn my_number_card_contactless_is_type_b() {
        assert_eq!(
            classify(&hex("3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F")),
            CardKind::TypeB
        );
    }

    #[test]
    fn felica_and_mifare_storage_cards_are_named_by_their_standard_byte() {
        let felica = hex("3B 8F 80 01 80 4F 0C A0 00 00 03 06 11 00 3B 00 00 00 00 42");
        let mifare_1k = hex("3B 8F 80 01 80 4F 0C A0 00 00 03 06 03 00 01 00 00 00 00 6A");
        assert_eq!(classify(&felica), CardKind::Felica);
        assert_eq!(classify(&mifare_1k), CardKind::Mifare);
    }

    #[test]
    fn iso_dep_type_a_has_ats_historical_bytes() {
        // A DESFire EV1 through a PC/SC reader: one historical byte.
        assert_eq!(classify(&hex("3B 81 80 01 80 80")), CardKind::TypeA);
    }

    #[test]
    fn contact_cards_and_garbage() {
        // A contact JPKI card in a contact slot (T=1, direct convention).
        assert_eq!(
            classify(&hex("3B E0 00 FF 81 31 FE 45 14")),
            CardKind::Contact
        );
        assert_eq!(classify(&[]), CardKind::Unknown);
        assert_eq!(classify(&hex("00 11 22")), CardKind::Unknown);
        // Claims 8 historical bytes but carries 2.
        assert_eq!(classify(&hex("3B 88 80 01 00 00")), CardKind::Unknown);
    }

    #[test]
    fn hex_is_uppercase_without_spaces() {
        assert_eq!(to_hex(&[0x3B, 0x8f, 0x00]), "3B8F00");
    }
}

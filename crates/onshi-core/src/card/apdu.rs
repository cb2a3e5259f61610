//! The allow-list: the only commands this program ever sends to a card, and the one function that sends.
//!
//! A wrong VERIFY uses up one of a My Number card's three tries and can lock the patient's card, and the
//! certificate and 券面 files hold personal data. So the read test may only SELECT the JPKI application,
//! SELECT and READ BINARY its EF 0006 (a token name, not personal data), and ask the reader for the
//! card's UID. Every transmit goes through [`transmit`], which refuses anything else before it reaches
//! the card.

use pcsc::Card;

/// A command the app may send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// SELECT by DF name, no answer data: the JPKI application `D3 92 F0 00 26 01 00 00 00 01`.
    SelectJpki,
    /// SELECT EF 0006 inside the JPKI application.
    SelectTokenFile,
    /// READ BINARY of the first 32 bytes of the selected EF (the token name).
    ReadToken,
    /// The reader's own GET DATA for the card's UID (answered by the reader, not the card).
    GetUid,
}

const SELECT_JPKI: &[u8] = &[
    0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
];
const SELECT_TOKEN_FILE: &[u8] = &[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x06];
const READ_TOKEN: &[u8] = &[0x00, 0xB0, 0x00, 0x00, 0x20];
const GET_UID: &[u8] = &[0xFF, 0xCA, 0x00, 0x00, 0x00];

/// Every byte string that may reach a card, exactly.
const ALLOWED: [&[u8]; 4] = [SELECT_JPKI, SELECT_TOKEN_FILE, READ_TOKEN, GET_UID];

impl Command {
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Command::SelectJpki => SELECT_JPKI,
            Command::SelectTokenFile => SELECT_TOKEN_FILE,
            Command::ReadToken => READ_TOKEN,
            Command::GetUid => GET_UID,
        }
    }
}

/// Whether `apdu` is, byte for byte, one of the allowed commands.
pub fn is_allowed(apdu: &[u8]) -> bool {
    ALLOWED.contains(&apdu)
}

/// A card's answer: data, then the status word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw: u16,
}

impl Response {
    pub fn ok(&self) -> bool {
        self.sw == 0x9000
    }

    fn parse(raw: &[u8]) -> Option<Response> {
        let (data, sw) = raw.split_at(raw.len().checked_sub(2)?);
        Some(Response {
            data: data.to_vec(),
            sw: u16::from_be_bytes([sw[0], sw[1]]),
        })
    }
}

/// Why a command did not get an answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransmitError {
    #[error("refused by the allow-list: {0}")]
    NotAllowed(String),
    #[error("the card answered with fewer than two bytes")]
    Malformed,
    #[error(transparent)]
    Pcsc(#[from] pcsc::Error),
}

/// Sends one command to the card. The only place in the program that calls `Card::transmit`.
pub fn transmit(card: &Card, apdu: &[u8]) -> Result<Response, TransmitError> {
    if !is_allowed(apdu) {
        return Err(TransmitError::NotAllowed(crate::readers::atr::to_hex(apdu)));
    }
    let mut buffer = [0u8; pcsc::MAX_BUFFER_SIZE];
    let raw = card.transmit(apdu, &mut buffer)?;
    Response::parse(raw).ok_or(TransmitError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_four_read_test_commands_are_allowed() {
        for command in [
            Command::SelectJpki,
            Command::SelectTokenFile,
            Command::ReadToken,
            Command::GetUid,
        ] {
            assert!(is_allowed(command.bytes()), "{command:?}");
        }
    }

    #[test]
    fn pin_signing_and_personal_data_commands_are_refused() {
        let refused: &[&[u8]] = &[
            &[0x00, 0x20, 0x00, 0x80, 0x04, 0x31, 0x32, 0x33, 0x34], // VERIFY with a PIN
            &[0x00, 0x20, 0x00, 0x80],                               // VERIFY, retry counter query
            &[0x00, 0x24, 0x01, 0x80, 0x08, 1, 2, 3, 4, 5, 6, 7, 8], // CHANGE REFERENCE DATA
            &[0x80, 0x2A, 0x00, 0x80, 0x20],                         // signing
            &[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A], // SELECT EF 000A (a certificate)
            &[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x01], // SELECT EF 0001
            &[0x00, 0xB0, 0x00, 0x00, 0x00],             // READ BINARY of 256 bytes
            &[
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04,
                0x08,
            ], // 券面AP
            &[
                0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00,
                0x01, 0x00,
            ], // extra byte
            &[],
        ];
        for apdu in refused {
            assert!(!is_allowed(apdu), "{apdu:02X?}");
        }
    }

    #[test]
    fn responses_split_data_from_the_status_word() {
        assert_eq!(
            Response::parse(&[0x41, 0x90, 0x00]),
            Some(Response {
                data: vec![0x41],
                sw: 0x9000
            })
        );
        assert!(Response::parse(&[0x6A, 0x82]).is_some_and(|r| !r.ok()));
        assert_eq!(Response::parse(&[0x90]), None);
    }
}

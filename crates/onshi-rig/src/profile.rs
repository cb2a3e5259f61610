//! How each kind of virtual card answers. Only what the app's safe read test can send is answered;
//! everything else is refused the way a card refuses an unknown instruction, and logged.

use std::str::FromStr;

const JPKI_AID: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
const OK: [u8; 2] = [0x90, 0x00];
const FILE_NOT_FOUND: [u8; 2] = [0x6A, 0x82];
const NO_CURRENT_EF: [u8; 2] = [0x69, 0x86];
const INS_NOT_SUPPORTED: [u8; 2] = [0x6D, 0x00];

/// A kind of card (or phone) to put on a virtual reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    MyNumber,
    Android,
    Iphone,
    Licence,
    Felica,
    Mifare,
    /// An Android phone that answers the first command and is taken away at the next, as a hand moves
    /// off the reader mid-test.
    LeavingPhone,
    /// A secure access module in a reader's SAM slot that does not start: present from the moment the
    /// reader is, but every power-up fails, so pcscd reports it "unresponsive" (SCARD_STATE_MUTE), as
    /// public pcsc_scan logs show for ACS dual readers' SAM slots.
    MuteSam,
    /// A card that powers up and gives its ATR but never answers a command (a damaged chip, a phone
    /// whose NFC stalls): the exchange waits until the card is taken away.
    Silent,
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(text: &str) -> Result<Profile, String> {
        Ok(match text {
            "my-number" => Profile::MyNumber,
            "android" => Profile::Android,
            "iphone" => Profile::Iphone,
            "licence" => Profile::Licence,
            "felica" => Profile::Felica,
            "mifare" => Profile::Mifare,
            "leaving-phone" => Profile::LeavingPhone,
            "mute-sam" => Profile::MuteSam,
            "silent" => Profile::Silent,
            other => return Err(format!("unknown card profile {other:?}")),
        })
    }
}

/// What the card remembers between commands.
#[derive(Default)]
pub struct Selection {
    pub(crate) jpki: bool,
    token_file: bool,
}

impl Profile {
    /// What the reader's GET DATA answers for this card: a FeliCa IDm, a MIFARE UID, or for Type B a
    /// PUPI. Real Type B cards make up a new PUPI each time; the rig's is fixed so that tests can assert
    /// it never shows up anywhere (`onshi-rig --control` answers `uid READER` with it).
    pub fn uid(self) -> Vec<u8> {
        match self {
            Profile::Felica => vec![0x01, 0x2E, 0x4C, 0xC1, 0x7D, 0x12, 0x34, 0x56],
            Profile::Mifare => vec![0x04, 0xA2, 0x19, 0x7C],
            _ => vec![0x8C, 0x4F, 0x2A, 0x61],
        }
    }

    /// The pseudo-ATR a contactless reader builds for this card (PC/SC part 3), TCK included.
    pub fn atr(self) -> Vec<u8> {
        let mut atr = match self {
            // Type B: 8 historical bytes (ATQB application data, protocol info, MBLI).
            Profile::MyNumber
            | Profile::Android
            | Profile::Iphone
            | Profile::Licence
            | Profile::LeavingPhone
            | Profile::MuteSam
            | Profile::Silent => {
                vec![
                    0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x71, 0x71, 0x81, 0x00,
                ]
            }
            Profile::Felica => storage_atr(0x11, [0x00, 0x3B]),
            Profile::Mifare => storage_atr(0x03, [0x00, 0x01]),
        };
        let tck = atr[1..].iter().fold(0u8, |acc, b| acc ^ b);
        atr.push(tck);
        atr
    }

    /// The token name in EF 0006 of the JPKI application, or None when the card has no JPKI application.
    fn jpki_token(self) -> Option<&'static str> {
        match self {
            Profile::MyNumber => Some("JPKIAPICCTOKEN2"),
            Profile::Android | Profile::LeavingPhone => Some("JPKIAPGPSETOKEN"),
            Profile::Iphone => Some("JPKIAPIOSTOKEN"),
            Profile::Licence
            | Profile::Felica
            | Profile::Mifare
            | Profile::MuteSam
            | Profile::Silent => None,
        }
    }

    /// The card's answer to one APDU.
    pub fn answer(self, apdu: &[u8], selection: &mut Selection) -> Vec<u8> {
        match apdu {
            // SELECT by DF name (the JPKI application).
            [0x00, 0xA4, 0x04, _, 0x0A, aid @ ..] if aid.starts_with(&JPKI_AID) => {
                selection.jpki = self.jpki_token().is_some();
                selection.token_file = false;
                if selection.jpki {
                    OK.to_vec()
                } else {
                    FILE_NOT_FOUND.to_vec()
                }
            }
            [0x00, 0xA4, 0x04, ..] => FILE_NOT_FOUND.to_vec(),
            // SELECT EF by identifier: only 0006 exists for the read test.
            [0x00, 0xA4, 0x02, _, 0x02, 0x00, 0x06, ..] if selection.jpki => {
                selection.token_file = true;
                OK.to_vec()
            }
            [0x00, 0xA4, ..] => FILE_NOT_FOUND.to_vec(),
            // READ BINARY of the token file.
            [0x00, 0xB0, 0x00, 0x00, le] if selection.token_file => {
                let mut data = self.jpki_token().unwrap_or_default().as_bytes().to_vec();
                let wanted = if *le == 0 { 256 } else { usize::from(*le) };
                data.resize(wanted, 0x20);
                data.extend_from_slice(&OK);
                data
            }
            [0x00, 0xB0, ..] => NO_CURRENT_EF.to_vec(),
            // The reader's GET DATA (UID).
            [0xFF, 0xCA, 0x00, 0x00, ..] => {
                let mut uid = self.uid();
                uid.extend_from_slice(&OK);
                uid
            }
            _ => INS_NOT_SUPPORTED.to_vec(),
        }
    }
}

fn storage_atr(standard: u8, card_name: [u8; 2]) -> Vec<u8> {
    let mut atr = vec![
        0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C, 0xA0, 0x00, 0x00, 0x03, 0x06, standard,
    ];
    atr.extend_from_slice(&card_name);
    atr.extend_from_slice(&[0x00, 0x00, 0x00, 0x00]);
    atr
}

#[cfg(test)]
mod tests {
    use super::*;

    const SELECT_JPKI: [u8; 15] = [
        0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
    ];

    #[test]
    fn a_my_number_card_names_its_token_after_the_two_selects() {
        let mut selection = Selection::default();
        let card = Profile::MyNumber;
        assert_eq!(
            card.answer(&[0x00, 0xB0, 0x00, 0x00, 0x20], &mut selection),
            NO_CURRENT_EF
        );
        assert_eq!(card.answer(&SELECT_JPKI, &mut selection), OK);
        assert_eq!(
            card.answer(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x06], &mut selection),
            OK
        );
        let answer = card.answer(&[0x00, 0xB0, 0x00, 0x00, 0x20], &mut selection);
        assert_eq!(answer.len(), 0x20 + 2);
        assert!(answer.starts_with(b"JPKIAPICCTOKEN2"));
    }

    #[test]
    fn a_licence_has_no_jpki_application() {
        assert_eq!(
            Profile::Licence.answer(&SELECT_JPKI, &mut Selection::default()),
            FILE_NOT_FOUND
        );
    }

    #[test]
    fn atrs_end_with_a_checksum_that_xors_to_zero() {
        for profile in [Profile::MyNumber, Profile::Felica, Profile::Mifare] {
            assert_eq!(profile.atr()[1..].iter().fold(0, |acc, b| acc ^ b), 0);
        }
    }
}

//! Opens a PKCS#12 backup (RFC 7292) with its password: the certificates and private keys inside, with
//! the names the file gives them. BER or DER alike (NSS's pk12util writes BER), every protection that
//! OpenSSL, Windows, NSS and GnuTLS use: PBES2 (PBKDF2 with HMAC-SHA-1/2, AES-CBC or 3DES-CBC), and the
//! PKCS#12 schemes (3DES, RC2-40, RC2-128 with SHA-1). The MAC is checked first, on the bytes as written.
//!
//! Read as OpenSSL reads it: an empty password is tried in both of PKCS#12's encodings (two zero bytes,
//! or no bytes at all: Windows and .NET write either), bytes after the structure are ignored, and the
//! PBMAC1 integrity check of RFC 9579 (OpenSSL 3.4 and later) is read too. This module owns its errors
//! and its sniff; `backup` decides what they mean for the user.
//!
//! Why not a crate: the one that did this (p12-keystore) read only DER, and pulled a second X.509 stack
//! into the build. Here the structure is read with cert/ber.rs and the ciphers come from RustCrypto.
//!
//! The structure is walked here; the password-based parts live beside it, one concern each: the
//! integrity check (`mac`: the PKCS#12 MAC and PBMAC1), the decryption of the contents and the keys
//! (`decrypt`: PBES2 and the PKCS#12 schemes), and PBKDF2 and the iteration counts both share (`kdf`).

mod decrypt;
mod kdf;
mod mac;

use super::ber::{self, tag, Element};
use super::oids;
use const_oid::ObjectIdentifier as Oid;
use decrypt::decrypt;
use mac::check_mac;
use zeroize::Zeroizing;

/// Nested SafeContents deeper than this are not a backup anyone wrote.
const MAX_NESTING: usize = 4;

/// Why a PKCS#12 file did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The MAC (or, without one, the decryption) says the password is not this file's.
    WrongPassword,
    /// The structure is broken where a PKCS#12 file has to be whole; the text says where (English, for
    /// logs and the support report).
    Malformed(String),
    /// A valid file using what is not read here (public-key protection, PBMAC1, an unknown cipher).
    Unsupported(String),
}

/// What a backup holds.
#[derive(Debug, Default)]
pub struct Contents {
    /// DER certificates, each with the name the file gives it.
    pub certs: Vec<(Vec<u8>, Option<String>)>,
    /// PKCS#8 private keys, each with its name.
    pub keys: Vec<(Vec<u8>, Option<String>)>,
    /// Bytes after the PKCS#12 structure, ignored (some Windows exports carry zeros there).
    pub trailing_bytes: usize,
    /// Whether the file opened with an empty password, i.e. it has none worth the name.
    pub empty_password: bool,
}

/// Whether the bytes start as a PFX does: SEQUENCE { INTEGER 3, … }. A file that starts so but fails
/// later is damaged, not something else.
pub fn looks_like_pfx(bytes: &[u8]) -> bool {
    if bytes.first() != Some(&0x30) {
        return false;
    }
    let header = match bytes.get(1) {
        // 0x80: an indefinite length, as BER writers (pk12util) use.
        Some(&n) if n <= 0x80 => 2,
        Some(&n) if (0x81..=0x84).contains(&n) => 2 + usize::from(n & 0x7F),
        _ => return false,
    };
    bytes.get(header..header + 3) == Some(&[0x02, 0x01, 0x03])
}

/// The password in the two forms the file's algorithms take it: UTF-8 for PBES2 (RFC 8018), and for
/// the PKCS#12 key derivation (RFC 7292, B.1) a BMPString with two zero bytes at the end, or, for the
/// empty password as some writers encode it, no bytes at all.
struct Secret<'a> {
    utf8: &'a str,
    pkcs12: Zeroizing<Vec<u8>>,
}

impl<'a> Secret<'a> {
    fn bmp(password: &'a str) -> Secret<'a> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(2 * password.len() + 2));
        for unit in password.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        bytes.extend_from_slice(&[0, 0]);
        Secret {
            utf8: password,
            pkcs12: bytes,
        }
    }

    fn absent() -> Secret<'static> {
        Secret {
            utf8: "",
            pkcs12: Zeroizing::new(Vec::new()),
        }
    }

    /// The forms to try for `password`: both encodings of the empty one (OpenSSL's order).
    fn candidates(password: &'a str) -> Vec<Secret<'a>> {
        if password.is_empty() {
            vec![Secret::absent(), Secret::bmp("")]
        } else {
            vec![Secret::bmp(password)]
        }
    }
}

/// Opens `bytes` with `password`.
pub fn open(bytes: &[u8], password: &str) -> Result<Contents, Error> {
    let (pfx, trailing) =
        ber::parse_prefix(bytes).map_err(|_| malformed("not readable as ASN.1"))?;
    let auth_safe = pfx.child(1).ok_or_else(|| malformed("no content"))?;
    if auth_safe.child(0).and_then(Element::oid) != Some(oids::DATA) {
        return Err(Error::Unsupported(
            "a PKCS#12 file protected by a public key".into(),
        ));
    }
    let signed = explicit_octets(auth_safe).ok_or_else(|| malformed("no content"))?;
    let mut candidates = Secret::candidates(password);
    let has_mac = pfx.child(2).is_some();
    if let Some(mac_data) = pfx.child(2) {
        // The MAC tells which encoding of the password the writer used: keep only that one.
        let mut matching = None;
        for (index, secret) in candidates.iter().enumerate() {
            if check_mac(mac_data, secret, &signed)? {
                matching = Some(index);
                break;
            }
        }
        let index = matching.ok_or(Error::WrongPassword)?;
        candidates = vec![candidates.swap_remove(index)];
    }
    // Without a MAC, each encoding is tried on the contents; the first that decrypts wins.
    let mut first_error = None;
    for secret in &candidates {
        match read_auth_safe(&signed, secret, has_mac) {
            Ok(mut contents) => {
                contents.trailing_bytes = trailing.len();
                contents.empty_password = password.is_empty();
                return Ok(contents);
            }
            Err(error) => {
                first_error.get_or_insert(error);
            }
        }
    }
    Err(first_error.unwrap_or(Error::WrongPassword))
}

fn malformed(what: &str) -> Error {
    Error::Malformed(what.to_owned())
}

/// AuthenticatedSafe: a SEQUENCE of ContentInfo, each plain or password-encrypted SafeContents.
fn read_auth_safe(signed: &[u8], secret: &Secret, has_mac: bool) -> Result<Contents, Error> {
    let safes = ber::parse(signed).map_err(|_| malformed("unreadable content"))?;
    let mut contents = Contents::default();
    for info in safes.children() {
        let kind = info.child(0).and_then(Element::oid);
        let safe_contents = if kind == Some(oids::DATA) {
            explicit_octets(info).ok_or_else(|| malformed("unreadable content"))?
        } else if kind == Some(oids::ENCRYPTED_DATA) {
            // EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT ciphertext } }
            let encrypted = info
                .child(1)
                .and_then(|explicit| explicit.child(0))
                .and_then(|data| data.child(1))
                .ok_or_else(|| malformed("unreadable encrypted content"))?;
            let algorithm = encrypted
                .child(1)
                .ok_or_else(|| malformed("no algorithm"))?;
            let ciphertext = encrypted.child(2).map(Element::octets).unwrap_or_default();
            decrypt(algorithm, secret, &ciphertext, has_mac)?
        } else {
            return Err(Error::Unsupported(format!(
                "content type {}",
                kind.map(|oid| oid.to_string()).unwrap_or_default()
            )));
        };
        read_safe_contents(&safe_contents, secret, has_mac, 0, &mut contents)?;
    }
    Ok(contents)
}

/// The octets of a ContentInfo's `[0] EXPLICIT OCTET STRING`, pieces joined.
fn explicit_octets(info: &Element) -> Option<Vec<u8>> {
    let content = info.child(1)?.child(0)?;
    content.is(tag::OCTET_STRING).then(|| content.octets())
}

fn read_safe_contents(
    bytes: &[u8],
    secret: &Secret,
    has_mac: bool,
    depth: usize,
    out: &mut Contents,
) -> Result<(), Error> {
    if depth > MAX_NESTING {
        return Err(malformed("nested too deep"));
    }
    // Without a MAC, a wrong password can still pass the padding check (1 time in 256): what comes out
    // is then not ASN.1.
    let unreadable = || {
        if has_mac {
            malformed("unreadable safe contents")
        } else {
            Error::WrongPassword
        }
    };
    let bags = ber::parse(bytes).map_err(|_| unreadable())?;
    for bag in bags.children() {
        // SafeBag { bagId, [0] EXPLICIT bagValue, bagAttributes SET OPTIONAL }
        let kind = bag.child(0).and_then(Element::oid);
        let Some(value) = bag.child(1).and_then(|explicit| explicit.child(0)) else {
            continue;
        };
        let name = bag.child(2).and_then(friendly_name);
        match kind {
            Some(oids::KEY_BAG) => out.keys.push((ber::to_der(value), name)),
            Some(oids::SHROUDED_KEY_BAG) => {
                // EncryptedPrivateKeyInfo { algorithm, encryptedData OCTET STRING }
                let algorithm = value
                    .child(0)
                    .ok_or_else(|| malformed("no key algorithm"))?;
                let ciphertext = value.child(1).map(Element::octets).unwrap_or_default();
                let pkcs8 = decrypt(algorithm, secret, &ciphertext, has_mac)?;
                ber::parse(&pkcs8).map_err(|_| unreadable())?;
                out.keys.push((pkcs8, name));
            }
            // CertBag { certId, [0] EXPLICIT certValue OCTET STRING }
            Some(oids::CERT_BAG)
                if value.child(0).and_then(Element::oid) == Some(oids::X509_CERTIFICATE) =>
            {
                if let Some(der) = value.child(1).and_then(|explicit| explicit.child(0)) {
                    out.certs.push((der.octets(), name));
                }
            }
            Some(oids::SAFE_CONTENTS_BAG) => {
                read_safe_contents(&ber::to_der(value), secret, has_mac, depth + 1, out)?
            }
            _ => {}
        }
    }
    Ok(())
}

/// The friendlyName attribute (a BMPString), if the bag has one.
fn friendly_name(attributes: &Element) -> Option<String> {
    let attribute = attributes
        .children()
        .iter()
        .find(|a| a.child(0).and_then(Element::oid) == Some(oids::FRIENDLY_NAME))?;
    let units: Vec<u16> = attribute
        .child(1)?
        .child(0)?
        .octets()
        .chunks(2)
        .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// An algorithm's number for an `Unsupported` message ("" when the file does not even name one).
fn oid_text(oid: Option<Oid>) -> String {
    oid.map(|oid| oid.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_password_has_two_encodings_and_others_one() {
        let forms: Vec<Vec<u8>> = Secret::candidates("")
            .iter()
            .map(|s| s.pkcs12.to_vec())
            .collect();
        assert_eq!(forms, [vec![], vec![0, 0]]);
        let forms: Vec<Vec<u8>> = Secret::candidates("aé🔑")
            .iter()
            .map(|s| s.pkcs12.to_vec())
            .collect();
        // UTF-16 big-endian with a surrogate pair for the key, then the terminator (RFC 7292, B.1).
        assert_eq!(
            forms,
            [vec![0x00, 0x61, 0x00, 0xE9, 0xD8, 0x3D, 0xDD, 0x11, 0, 0]]
        );
    }

    #[test]
    fn files_that_do_not_start_as_a_pfx_are_told_apart() {
        assert!(looks_like_pfx(&[0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]));
        assert!(looks_like_pfx(&[0x30, 0x80, 0x02, 0x01, 0x03]));
        assert!(!looks_like_pfx(b"-----BEGIN"));
        assert!(!looks_like_pfx(&[0x30, 0x03, 0x02, 0x01, 0x01]));
    }
}

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

use super::ber::{self, tag, Element};
use super::oids;
use cipher::block_padding::Pkcs7;
use cipher::{BlockModeDecrypt, KeyIvInit};
use const_oid::ObjectIdentifier as Oid;
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{derive_key, Pkcs12KeyType};
use zeroize::Zeroizing;

/// Far above what any exporter uses (OpenSSL 3 and NSS: 2,048 to 600,000), low enough to end in seconds.
const MAX_ITERATIONS: u64 = 10_000_000;
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

fn iterations(count: Option<&Element>) -> Result<u32, Error> {
    match count.and_then(Element::small_integer) {
        Some(n) if (1..=MAX_ITERATIONS).contains(&n) => Ok(n as u32),
        Some(n) => Err(Error::Unsupported(format!("{n} iterations"))),
        None => Err(malformed("unreadable iteration count")),
    }
}

fn oid_text(oid: Option<Oid>) -> String {
    oid.map(|oid| oid.to_string()).unwrap_or_default()
}

/// Decrypts with the algorithm named by `algorithm` (an AlgorithmIdentifier). A bad padding is the sign
/// of a wrong password where no MAC said so first; with a MAC, the file is damaged.
fn decrypt(
    algorithm: &Element,
    secret: &Secret,
    data: &[u8],
    has_mac: bool,
) -> Result<Vec<u8>, Error> {
    let oid = algorithm.child(0).and_then(Element::oid);
    let params = algorithm
        .child(1)
        .ok_or_else(|| malformed("no cipher parameters"))?;
    let plain = match oid {
        Some(oids::PBES2) => pbes2(params, secret, data)?,
        Some(
            scheme @ (oids::PBE_SHA1_3DES
            | oids::PBE_SHA1_2DES
            | oids::PBE_SHA1_RC2_128
            | oids::PBE_SHA1_RC2_40),
        ) => pkcs12_pbe(scheme, params, secret, data)?,
        other => {
            return Err(Error::Unsupported(format!(
                "encryption {}",
                oid_text(other)
            )))
        }
    };
    plain.ok_or(if has_mac {
        malformed("decryption failed")
    } else {
        Error::WrongPassword
    })
}

macro_rules! cbc_decrypt {
    ($cipher:ty, $key:expr, $iv:expr, $data:expr) => {
        cbc::Decryptor::<$cipher>::new_from_slices($key, $iv)
            .map_err(|_| malformed("key or IV of the wrong length"))?
            .decrypt_padded_vec::<Pkcs7>($data)
            .ok()
    };
}

/// PBES2 (RFC 8018): PBKDF2 over the password's UTF-8 bytes, then AES-CBC or 3DES-CBC.
fn pbes2(params: &Element, secret: &Secret, data: &[u8]) -> Result<Option<Vec<u8>>, Error> {
    let kdf = Pbkdf2::read(params.child(0))?;
    let scheme = params.child(1).ok_or_else(|| malformed("no cipher"))?;
    let cipher = scheme.child(0).and_then(Element::oid);
    let iv = scheme.child(1).map(Element::octets).unwrap_or_default();
    let key_len = match cipher {
        Some(oids::AES128_CBC) => 16,
        Some(oids::AES192_CBC) => 24,
        Some(oids::AES256_CBC) => 32,
        Some(oids::DES_EDE3_CBC) => 24,
        other => return Err(Error::Unsupported(format!("cipher {}", oid_text(other)))),
    };
    let key = kdf.derive(secret, key_len)?;
    Ok(match cipher {
        Some(oids::AES128_CBC) => cbc_decrypt!(aes::Aes128, &key, &iv, data),
        Some(oids::AES192_CBC) => cbc_decrypt!(aes::Aes192, &key, &iv, data),
        Some(oids::AES256_CBC) => cbc_decrypt!(aes::Aes256, &key, &iv, data),
        _ => cbc_decrypt!(des::TdesEde3, &key, &iv, data),
    })
}

/// PBKDF2 as an AlgorithmIdentifier names it (RFC 8018, A.2), for PBES2 and PBMAC1.
struct Pbkdf2 {
    salt: Vec<u8>,
    rounds: u32,
    /// keyLength, when given (PBMAC1 requires it).
    key_len: Option<usize>,
    prf: Oid,
}

impl Pbkdf2 {
    /// Reads `{ PBKDF2, PBKDF2-params { salt, iterationCount, keyLength OPTIONAL, prf DEFAULT
    /// hmacWithSHA1 } }`; another key derivation is unsupported.
    fn read(algorithm: Option<&Element>) -> Result<Pbkdf2, Error> {
        let algorithm = algorithm.ok_or_else(|| malformed("no key derivation"))?;
        let oid = algorithm.child(0).and_then(Element::oid);
        if oid != Some(oids::PBKDF2) {
            return Err(Error::Unsupported(format!(
                "key derivation {}",
                oid_text(oid)
            )));
        }
        let params = algorithm
            .child(1)
            .ok_or_else(|| malformed("no PBKDF2 parameters"))?;
        let optional = || params.children().iter().skip(2);
        Ok(Pbkdf2 {
            salt: params.child(0).map(Element::octets).unwrap_or_default(),
            rounds: iterations(params.child(1))?,
            key_len: optional()
                .find(|e| e.tag == 0x02)
                .and_then(Element::small_integer)
                .and_then(|n| usize::try_from(n).ok()),
            prf: optional()
                .find(|e| e.tag == tag::SEQUENCE)
                .and_then(|e| e.child(0))
                .and_then(Element::oid)
                .unwrap_or(oids::HMAC_SHA1),
        })
    }

    /// `len` bytes of key from the password's UTF-8 bytes.
    fn derive(&self, secret: &Secret, len: usize) -> Result<Zeroizing<Vec<u8>>, Error> {
        let mut key = Zeroizing::new(vec![0u8; len]);
        let (password, salt, rounds) = (secret.utf8.as_bytes(), &self.salt, self.rounds);
        match self.prf {
            oids::HMAC_SHA1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, rounds, &mut key),
            oids::HMAC_SHA224 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha224>(password, salt, rounds, &mut key)
            }
            oids::HMAC_SHA256 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, &mut key)
            }
            oids::HMAC_SHA384 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha384>(password, salt, rounds, &mut key)
            }
            oids::HMAC_SHA512 => {
                pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, &mut key)
            }
            other => return Err(Error::Unsupported(format!("PBKDF2 with {other}"))),
        }
        Ok(key)
    }
}

/// The PKCS#12 schemes (RFC 7292, appendix C): key and IV from the PKCS#12 derivation with SHA-1.
fn pkcs12_pbe(
    scheme: Oid,
    params: &Element,
    secret: &Secret,
    data: &[u8],
) -> Result<Option<Vec<u8>>, Error> {
    // pkcs-12PbeParams { salt OCTET STRING, iterations INTEGER }
    let salt = params.child(0).map(Element::octets).unwrap_or_default();
    let rounds = iterations(params.child(1))? as i32;
    let key_len = match scheme {
        oids::PBE_SHA1_3DES => 24,
        oids::PBE_SHA1_2DES | oids::PBE_SHA1_RC2_128 => 16,
        _ => 5, // RC2-40
    };
    let derive = |id, len| {
        Zeroizing::new(derive_key::<sha1::Sha1>(
            &secret.pkcs12,
            &salt,
            id,
            rounds,
            len,
        ))
    };
    let key = derive(Pkcs12KeyType::EncryptionKey, key_len);
    let iv = derive(Pkcs12KeyType::Iv, 8);
    Ok(match scheme {
        oids::PBE_SHA1_3DES => cbc_decrypt!(des::TdesEde3, &key, &iv, data),
        oids::PBE_SHA1_2DES => cbc_decrypt!(des::TdesEde2, &key, &iv, data),
        _ => cbc_decrypt!(rc2::Rc2, &key, &iv, data),
    })
}

/// Whether MacData { DigestInfo { algorithm, digest }, salt, iterations DEFAULT 1 } over `signed`
/// matches this form of the password.
fn check_mac(mac_data: &Element, secret: &Secret, signed: &[u8]) -> Result<bool, Error> {
    let digest_info = mac_data
        .child(0)
        .ok_or_else(|| malformed("unreadable MAC"))?;
    let algorithm = digest_info
        .child(0)
        .and_then(|a| a.child(0))
        .and_then(Element::oid)
        .ok_or_else(|| malformed("unreadable MAC"))?;
    let expected = digest_info
        .child(1)
        .map(Element::octets)
        .unwrap_or_default();
    let salt = mac_data.child(1).map(Element::octets).unwrap_or_default();
    let rounds = match mac_data.child(2) {
        Some(_) => iterations(mac_data.child(2))? as i32,
        None => 1,
    };
    // HMAC keyed through the PKCS#12 key derivation (RFC 7292, B.2) from the password.
    macro_rules! mac_matches {
        ($digest:ty) => {{
            let key = Zeroizing::new(derive_key::<$digest>(
                &secret.pkcs12,
                &salt,
                Pkcs12KeyType::Mac,
                rounds,
                <$digest as hmac::digest::OutputSizeUser>::output_size(),
            ));
            let mut mac =
                hmac::Hmac::<$digest>::new_from_slice(&key).map_err(|_| malformed("MAC key"))?;
            mac.update(signed);
            mac.verify_slice(&expected).is_ok()
        }};
    }
    Ok(match algorithm {
        oids::SHA1 => mac_matches!(sha1::Sha1),
        oids::SHA224 => mac_matches!(sha2::Sha224),
        oids::SHA256 => mac_matches!(sha2::Sha256),
        oids::SHA384 => mac_matches!(sha2::Sha384),
        oids::SHA512 => mac_matches!(sha2::Sha512),
        oids::PBMAC1 => {
            let params = digest_info
                .child(0)
                .and_then(|a| a.child(1))
                .ok_or_else(|| malformed("no PBMAC1 parameters"))?;
            pbmac1_matches(params, secret, signed, &expected)?
        }
        other => return Err(Error::Unsupported(format!("MAC algorithm {other}"))),
    })
}

/// PBMAC1 (RFC 9579, as OpenSSL 3.4 and later write it): the HMAC key comes from PBKDF2 over the
/// password's UTF-8 bytes with the salt and count of its own parameters (MacData's are "NOT USED").
/// PBMAC1-params { keyDerivationFunc AlgorithmIdentifier (PBKDF2), messageAuthScheme AlgorithmIdentifier }
fn pbmac1_matches(
    params: &Element,
    secret: &Secret,
    signed: &[u8],
    expected: &[u8],
) -> Result<bool, Error> {
    let kdf = Pbkdf2::read(params.child(0))?;
    let key_len = kdf
        .key_len
        .filter(|n| (1..=64).contains(n))
        .ok_or_else(|| malformed("PBMAC1 without a key length"))?;
    let scheme = params
        .child(1)
        .and_then(|a| a.child(0))
        .and_then(Element::oid)
        .ok_or_else(|| malformed("no PBMAC1 message authentication scheme"))?;
    let key = kdf.derive(secret, key_len)?;
    macro_rules! hmac_matches {
        ($digest:ty) => {{
            let mut mac =
                hmac::Hmac::<$digest>::new_from_slice(&key).map_err(|_| malformed("MAC key"))?;
            mac.update(signed);
            mac.verify_slice(expected).is_ok()
        }};
    }
    Ok(match scheme {
        oids::HMAC_SHA1 => hmac_matches!(sha1::Sha1),
        oids::HMAC_SHA256 => hmac_matches!(sha2::Sha256),
        oids::HMAC_SHA384 => hmac_matches!(sha2::Sha384),
        oids::HMAC_SHA512 => hmac_matches!(sha2::Sha512),
        other => return Err(Error::Unsupported(format!("PBMAC1 with {other}"))),
    })
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

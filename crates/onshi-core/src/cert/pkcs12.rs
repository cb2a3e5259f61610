//! Opens a PKCS#12 backup (RFC 7292) with its password: the certificates and private keys inside, with
//! the names the file gives them. BER or DER alike (NSS's pk12util writes BER), every protection that
//! OpenSSL, Windows, NSS and GnuTLS use: PBES2 (PBKDF2 with HMAC-SHA-1/2, AES-CBC or 3DES-CBC), and the
//! PKCS#12 schemes (3DES, RC2-40, RC2-128 with SHA-1). The MAC is checked first, on the bytes as written.
//!
//! Why not a crate: the one that did this (p12-keystore) read only DER, and pulled a second X.509 stack
//! into the build. Here the structure is read with cert/ber.rs and the ciphers come from RustCrypto.

use super::backup::BackupError;
use super::ber::{self, tag, Element};
use cipher::block_padding::Pkcs7;
use cipher::{BlockModeDecrypt, KeyIvInit};
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{derive_key_utf8, Pkcs12KeyType};

const DATA: &str = "1.2.840.113549.1.7.1";
const ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
const SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";
const X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
const FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
const PBES2: &str = "1.2.840.113549.1.5.13";
const PBKDF2: &str = "1.2.840.113549.1.5.12";
/// Far above what any exporter uses (OpenSSL 3 and NSS: 2,048 to 600,000), low enough to end in seconds.
const MAX_ITERATIONS: u64 = 10_000_000;
/// Nested SafeContents deeper than this are not a backup anyone wrote.
const MAX_NESTING: usize = 4;

/// What a backup holds.
#[derive(Debug, Default)]
pub struct Contents {
    /// DER certificates, each with the name the file gives it.
    pub certs: Vec<(Vec<u8>, Option<String>)>,
    /// PKCS#8 private keys, each with its name.
    pub keys: Vec<(Vec<u8>, Option<String>)>,
}

/// Opens `bytes` with `password`.
pub fn open(bytes: &[u8], password: &str) -> Result<Contents, BackupError> {
    let pfx = ber::parse(bytes).map_err(|_| damaged("not readable as ASN.1"))?;
    let auth_safe = pfx.child(1).ok_or_else(|| damaged("no content"))?;
    if auth_safe.child(0).and_then(Element::oid).as_deref() != Some(DATA) {
        return Err(BackupError::Unsupported(
            "a PKCS#12 file protected by a public key".into(),
        ));
    }
    let signed = explicit_octets(auth_safe).ok_or_else(|| damaged("no content"))?;
    let has_mac = pfx.child(2).is_some();
    if let Some(mac_data) = pfx.child(2) {
        check_mac(mac_data, password, &signed)?;
    }
    let safes = ber::parse(&signed).map_err(|_| damaged("unreadable content"))?;
    let mut contents = Contents::default();
    for info in safes.children() {
        let kind = info.child(0).and_then(Element::oid).unwrap_or_default();
        let safe_contents = match kind.as_str() {
            DATA => explicit_octets(info).ok_or_else(|| damaged("unreadable content"))?,
            ENCRYPTED_DATA => {
                // EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT ciphertext } }
                let encrypted = info
                    .child(1)
                    .and_then(|explicit| explicit.child(0))
                    .and_then(|data| data.child(1))
                    .ok_or_else(|| damaged("unreadable encrypted content"))?;
                let algorithm = encrypted.child(1).ok_or_else(|| damaged("no algorithm"))?;
                let ciphertext = encrypted.child(2).map(Element::octets).unwrap_or_default();
                decrypt(algorithm, password, &ciphertext, has_mac)?
            }
            other => {
                return Err(BackupError::Unsupported(format!("content type {other}")));
            }
        };
        read_safe_contents(&safe_contents, password, has_mac, 0, &mut contents)?;
    }
    Ok(contents)
}

fn damaged(what: &str) -> BackupError {
    BackupError::Damaged(what.to_owned())
}

/// The octets of a ContentInfo's `[0] EXPLICIT OCTET STRING`, pieces joined.
fn explicit_octets(info: &Element) -> Option<Vec<u8>> {
    let content = info.child(1)?.child(0)?;
    content.is(tag::OCTET_STRING).then(|| content.octets())
}

fn read_safe_contents(
    bytes: &[u8],
    password: &str,
    has_mac: bool,
    depth: usize,
    out: &mut Contents,
) -> Result<(), BackupError> {
    if depth > MAX_NESTING {
        return Err(damaged("nested too deep"));
    }
    // Without a MAC, a wrong password can still pass the padding check (1 time in 256): what comes out
    // is then not ASN.1.
    let unreadable = || {
        if has_mac {
            damaged("unreadable safe contents")
        } else {
            BackupError::WrongPassword
        }
    };
    let bags = ber::parse(bytes).map_err(|_| unreadable())?;
    for bag in bags.children() {
        // SafeBag { bagId, [0] EXPLICIT bagValue, bagAttributes SET OPTIONAL }
        let kind = bag.child(0).and_then(Element::oid).unwrap_or_default();
        let Some(value) = bag.child(1).and_then(|explicit| explicit.child(0)) else {
            continue;
        };
        let name = bag.child(2).and_then(friendly_name);
        match kind.as_str() {
            KEY_BAG => out.keys.push((ber::to_der(value), name)),
            SHROUDED_KEY_BAG => {
                // EncryptedPrivateKeyInfo { algorithm, encryptedData OCTET STRING }
                let algorithm = value.child(0).ok_or_else(|| damaged("no key algorithm"))?;
                let ciphertext = value.child(1).map(Element::octets).unwrap_or_default();
                let pkcs8 = decrypt(algorithm, password, &ciphertext, has_mac)?;
                ber::parse(&pkcs8).map_err(|_| unreadable())?;
                out.keys.push((pkcs8, name));
            }
            // CertBag { certId, [0] EXPLICIT certValue OCTET STRING }
            CERT_BAG
                if value.child(0).and_then(Element::oid).as_deref() == Some(X509_CERTIFICATE) =>
            {
                if let Some(der) = value.child(1).and_then(|explicit| explicit.child(0)) {
                    out.certs.push((der.octets(), name));
                }
            }
            SAFE_CONTENTS_BAG => {
                read_safe_contents(&ber::to_der(value), password, has_mac, depth + 1, out)?
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
        .find(|a| a.child(0).and_then(Element::oid).as_deref() == Some(FRIENDLY_NAME))?;
    let units: Vec<u16> = attribute
        .child(1)?
        .child(0)?
        .octets()
        .chunks(2)
        .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
        .collect();
    Some(String::from_utf16_lossy(&units))
}

fn iterations(count: Option<&Element>) -> Result<u32, BackupError> {
    match count.and_then(Element::small_integer) {
        Some(n) if (1..=MAX_ITERATIONS).contains(&n) => Ok(n as u32),
        Some(n) => Err(BackupError::Unsupported(format!("{n} iterations"))),
        None => Err(damaged("unreadable iteration count")),
    }
}

/// Decrypts with the algorithm named by `algorithm` (an AlgorithmIdentifier). A bad padding is the sign
/// of a wrong password where no MAC said so first; with a MAC, the file is damaged.
fn decrypt(
    algorithm: &Element,
    password: &str,
    data: &[u8],
    has_mac: bool,
) -> Result<Vec<u8>, BackupError> {
    let oid = algorithm
        .child(0)
        .and_then(Element::oid)
        .unwrap_or_default();
    let params = algorithm
        .child(1)
        .ok_or_else(|| damaged("no cipher parameters"))?;
    let plain = if oid == PBES2 {
        pbes2(params, password, data)?
    } else if let Some(scheme) = oid.strip_prefix("1.2.840.113549.1.12.1.") {
        pkcs12_pbe(scheme, params, password, data)?
    } else {
        return Err(BackupError::Unsupported(format!("encryption {oid}")));
    };
    plain.ok_or(if has_mac {
        damaged("decryption failed")
    } else {
        BackupError::WrongPassword
    })
}

macro_rules! cbc_decrypt {
    ($cipher:ty, $key:expr, $iv:expr, $data:expr) => {
        cbc::Decryptor::<$cipher>::new_from_slices($key, $iv)
            .map_err(|_| damaged("key or IV of the wrong length"))?
            .decrypt_padded_vec::<Pkcs7>($data)
            .ok()
    };
}

/// PBES2 (RFC 8018): PBKDF2 over the password's UTF-8 bytes, then AES-CBC or 3DES-CBC.
fn pbes2(params: &Element, password: &str, data: &[u8]) -> Result<Option<Vec<u8>>, BackupError> {
    let kdf = params
        .child(0)
        .ok_or_else(|| damaged("no key derivation"))?;
    let scheme = params.child(1).ok_or_else(|| damaged("no cipher"))?;
    let kdf_oid = kdf.child(0).and_then(Element::oid).unwrap_or_default();
    if kdf_oid != PBKDF2 {
        return Err(BackupError::Unsupported(format!(
            "key derivation {kdf_oid}"
        )));
    }
    // PBKDF2-params { salt OCTET STRING, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1 }
    let kdf_params = kdf
        .child(1)
        .ok_or_else(|| damaged("no PBKDF2 parameters"))?;
    let salt = kdf_params.child(0).map(Element::octets).unwrap_or_default();
    let rounds = iterations(kdf_params.child(1))?;
    let prf = kdf_params
        .children()
        .iter()
        .skip(2)
        .find(|e| e.tag == tag::SEQUENCE)
        .and_then(|e| e.child(0))
        .and_then(Element::oid)
        .unwrap_or_else(|| "1.2.840.113549.2.7".into());
    let cipher = scheme.child(0).and_then(Element::oid).unwrap_or_default();
    let iv = scheme.child(1).map(Element::octets).unwrap_or_default();
    let key_len = match cipher.as_str() {
        "2.16.840.1.101.3.4.1.2" => 16,
        "2.16.840.1.101.3.4.1.22" => 24,
        "2.16.840.1.101.3.4.1.42" => 32,
        "1.2.840.113549.3.7" => 24,
        other => return Err(BackupError::Unsupported(format!("cipher {other}"))),
    };
    let mut key = vec![0u8; key_len];
    let secret = password.as_bytes();
    match prf.as_str() {
        "1.2.840.113549.2.7" => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(secret, &salt, rounds, &mut key),
        "1.2.840.113549.2.8" => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha224>(secret, &salt, rounds, &mut key)
        }
        "1.2.840.113549.2.9" => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha256>(secret, &salt, rounds, &mut key)
        }
        "1.2.840.113549.2.10" => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha384>(secret, &salt, rounds, &mut key)
        }
        "1.2.840.113549.2.11" => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha512>(secret, &salt, rounds, &mut key)
        }
        other => return Err(BackupError::Unsupported(format!("PBKDF2 with {other}"))),
    }
    Ok(match cipher.as_str() {
        "2.16.840.1.101.3.4.1.2" => cbc_decrypt!(aes::Aes128, &key, &iv, data),
        "2.16.840.1.101.3.4.1.22" => cbc_decrypt!(aes::Aes192, &key, &iv, data),
        "2.16.840.1.101.3.4.1.42" => cbc_decrypt!(aes::Aes256, &key, &iv, data),
        _ => cbc_decrypt!(des::TdesEde3, &key, &iv, data),
    })
}

/// The PKCS#12 schemes (RFC 7292, appendix C): key and IV from the PKCS#12 derivation with SHA-1.
fn pkcs12_pbe(
    scheme: &str,
    params: &Element,
    password: &str,
    data: &[u8],
) -> Result<Option<Vec<u8>>, BackupError> {
    // pkcs-12PbeParams { salt OCTET STRING, iterations INTEGER }
    let salt = params.child(0).map(Element::octets).unwrap_or_default();
    let rounds = iterations(params.child(1))? as i32;
    let key_len = match scheme {
        "3" => 24, // 3-key 3DES
        "4" => 16, // 2-key 3DES
        "5" => 16, // RC2-128
        "6" => 5,  // RC2-40
        other => {
            return Err(BackupError::Unsupported(format!(
                "PKCS#12 encryption 1.2.840.113549.1.12.1.{other}"
            )))
        }
    };
    let derive = |id, len| {
        derive_key_utf8::<sha1::Sha1>(password, &salt, id, rounds, len)
            .map_err(|e| BackupError::Unsupported(format!("password: {e}")))
    };
    let key = derive(Pkcs12KeyType::EncryptionKey, key_len)?;
    let iv = derive(Pkcs12KeyType::Iv, 8)?;
    Ok(match scheme {
        "3" => cbc_decrypt!(des::TdesEde3, &key, &iv, data),
        "4" => cbc_decrypt!(des::TdesEde2, &key, &iv, data),
        _ => cbc_decrypt!(rc2::Rc2, &key, &iv, data),
    })
}

/// MacData { DigestInfo { algorithm, digest }, salt, iterations DEFAULT 1 } over `signed`.
fn check_mac(mac_data: &Element, password: &str, signed: &[u8]) -> Result<(), BackupError> {
    let digest_info = mac_data.child(0).ok_or_else(|| damaged("unreadable MAC"))?;
    let algorithm = digest_info
        .child(0)
        .and_then(|a| a.child(0))
        .and_then(Element::oid)
        .ok_or_else(|| damaged("unreadable MAC"))?;
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
            let key = derive_key_utf8::<$digest>(
                password,
                &salt,
                Pkcs12KeyType::Mac,
                rounds,
                <$digest as hmac::digest::OutputSizeUser>::output_size(),
            )
            .map_err(|e| BackupError::Unsupported(format!("password: {e}")))?;
            let mut mac =
                hmac::Hmac::<$digest>::new_from_slice(&key).map_err(|_| damaged("MAC key"))?;
            mac.update(signed);
            mac.verify_slice(&expected).is_ok()
        }};
    }
    let matches = match algorithm.as_str() {
        "1.3.14.3.2.26" => mac_matches!(sha1::Sha1),
        "2.16.840.1.101.3.4.2.4" => mac_matches!(sha2::Sha224),
        "2.16.840.1.101.3.4.2.1" => mac_matches!(sha2::Sha256),
        "2.16.840.1.101.3.4.2.2" => mac_matches!(sha2::Sha384),
        "2.16.840.1.101.3.4.2.3" => mac_matches!(sha2::Sha512),
        other => return Err(BackupError::Unsupported(format!("MAC algorithm {other}"))),
    };
    if matches {
        Ok(())
    } else {
        Err(BackupError::WrongPassword)
    }
}

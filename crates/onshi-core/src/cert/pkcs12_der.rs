//! A PKCS#12 file written in BER (NSS's pk12util, some other exporters), rewritten in DER so that the DER
//! parser under p12-keystore can open it. The content stays the same; only the encoding changes.
//!
//! The file's MAC covers the inner bytes exactly as they were written, so it cannot survive a rewrite:
//! it is checked here, with the password, on the original bytes, and the rewritten file carries none.
//! A wrong password is therefore still told apart from a damaged file.

use super::backup::BackupError;
use super::ber::{self, tag, Element};
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{derive_key_utf8, Pkcs12KeyType};

const DATA: &str = "1.2.840.113549.1.7.1";
const ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
/// Far above what any exporter uses (OpenSSL 3 and NSS: 2,048 to 600,000), low enough to end in seconds.
const MAX_MAC_ITERATIONS: u64 = 10_000_000;

/// Whether `bytes` are BER that is not DER (indefinite lengths, strings in pieces, …).
pub fn is_ber_only(bytes: &[u8]) -> bool {
    ber::parse(bytes).is_ok_and(|element| ber::to_der(&element) != bytes)
}

/// The same PFX in DER and without its MAC, once the MAC (if any) has proven the password.
pub fn rewrite(bytes: &[u8], password: &str) -> Result<Vec<u8>, BackupError> {
    let damaged = |what: &str| BackupError::Damaged(format!("BER PKCS#12: {what}"));
    let pfx = ber::parse(bytes).map_err(|_| damaged("unreadable"))?;
    let auth_safe = pfx.child(1).ok_or_else(|| damaged("no content"))?;
    if auth_safe.child(0).and_then(Element::oid).as_deref() != Some(DATA) {
        return Err(BackupError::Unsupported(
            "a PKCS#12 file protected by a public key".into(),
        ));
    }
    let signed = auth_safe
        .child(1)
        .and_then(|explicit| explicit.child(0))
        .filter(|content| content.is(tag::OCTET_STRING))
        .ok_or_else(|| damaged("no content"))?
        .octets();
    if let Some(mac_data) = pfx.child(2) {
        check_mac(mac_data, password, &signed)?;
    }

    let safes = ber::parse(&signed).map_err(|_| damaged("unreadable content"))?;
    let rewritten: Vec<Element> = safes
        .children()
        .iter()
        .map(rewrite_content_info)
        .collect::<Option<_>>()
        .ok_or_else(|| damaged("unreadable content"))?;
    let inner = ber::to_der(&Element::constructed(tag::SEQUENCE, rewritten));
    let data = auth_safe.child(0).ok_or_else(|| damaged("no content"))?;
    Ok(ber::to_der(&Element::constructed(
        tag::SEQUENCE,
        vec![
            Element::primitive(tag::INTEGER, vec![3]),
            content_info(data, Element::primitive(tag::OCTET_STRING, inner)),
        ],
    )))
}

/// ContentInfo { type (the given OID element), [0] EXPLICIT OCTET STRING }.
fn content_info(kind: &Element, content: Element) -> Element {
    Element::constructed(
        tag::SEQUENCE,
        vec![
            kind.clone(),
            Element::constructed(tag::CONTEXT_0, vec![content]),
        ],
    )
}

/// One ContentInfo of the AuthenticatedSafe, in DER. Plain data holds SafeContents (rewritten whole);
/// encrypted data keeps its ciphertext, joined into one implicit OCTET STRING.
fn rewrite_content_info(info: &Element) -> Option<Element> {
    let kind = info.child(0)?;
    let content = info.child(1)?.child(0)?;
    match kind.oid()?.as_str() {
        DATA => {
            let safe_contents = ber::parse(&content.octets()).ok()?;
            let der = ber::to_der(&safe_contents);
            Some(content_info(
                kind,
                Element::primitive(tag::OCTET_STRING, der),
            ))
        }
        ENCRYPTED_DATA => {
            // EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT OCTET STRING } }
            let encrypted_info = content.child(1)?;
            let ciphertext = encrypted_info.child(2)?.octets();
            let encrypted_info = Element::constructed(
                tag::SEQUENCE,
                vec![
                    encrypted_info.child(0)?.clone(),
                    encrypted_info.child(1)?.clone(),
                    Element::primitive(tag::CONTEXT_0_PRIMITIVE, ciphertext),
                ],
            );
            let encrypted_data = Element::constructed(
                tag::SEQUENCE,
                vec![content.child(0)?.clone(), encrypted_info],
            );
            Some(content_info(kind, encrypted_data))
        }
        _ => None,
    }
}

/// MacData { DigestInfo { algorithm, digest }, salt, iterations DEFAULT 1 } over `signed`.
fn check_mac(mac_data: &Element, password: &str, signed: &[u8]) -> Result<(), BackupError> {
    let damaged = || BackupError::Damaged("BER PKCS#12: unreadable MAC".into());
    let digest_info = mac_data.child(0).ok_or_else(damaged)?;
    let algorithm = digest_info
        .child(0)
        .and_then(|a| a.child(0))
        .and_then(Element::oid)
        .ok_or_else(damaged)?;
    let expected = digest_info.child(1).ok_or_else(damaged)?.octets();
    let salt = mac_data.child(1).ok_or_else(damaged)?.octets();
    let iterations = match mac_data.child(2) {
        Some(count) => count.small_integer().ok_or_else(damaged)?,
        None => 1,
    };
    if iterations == 0 || iterations > MAX_MAC_ITERATIONS {
        return Err(BackupError::Unsupported(format!(
            "{iterations} MAC iterations"
        )));
    }
    let rounds = iterations as i32;
    // The PKCS#12 MAC: HMAC keyed through the PKCS#12 key derivation (RFC 7292, B.2) from the password.
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
            let mut mac = hmac::Hmac::<$digest>::new_from_slice(&key).map_err(|_| damaged())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_files_are_not_rewritten() {
        assert!(!is_ber_only(&[0x30, 0x03, 0x02, 0x01, 0x03]));
        assert!(is_ber_only(&[0x30, 0x80, 0x02, 0x01, 0x03, 0, 0]));
        assert!(!is_ber_only(b"not asn.1"));
    }
}

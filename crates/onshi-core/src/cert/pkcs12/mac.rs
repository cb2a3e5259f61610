//! The integrity check, made before anything is decrypted: the PKCS#12 MAC (RFC 7292, B.2) and
//! PBMAC1 (RFC 9579). It also tells which encoding of an empty password the writer used.

use super::kdf::{iterations, Pbkdf2};
use super::{malformed, Error, Secret};
use crate::cert::ber::Element;
use crate::cert::oids;
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{derive_key, Pkcs12KeyType};
use zeroize::Zeroizing;

/// Whether MacData { DigestInfo { algorithm, digest }, salt, iterations DEFAULT 1 } over `signed`
/// matches this form of the password.
pub(super) fn check_mac(mac_data: &Element, secret: &Secret, signed: &[u8]) -> Result<bool, Error> {
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

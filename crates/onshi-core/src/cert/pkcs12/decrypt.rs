//! Decrypting the contents and the shrouded keys: PBES2 (PBKDF2, then AES-CBC or 3DES-CBC) and the
//! PKCS#12 schemes (3DES, 2DES, RC2 with SHA-1).

use super::kdf::{iterations, Pbkdf2};
use super::{malformed, oid_text, Error, Secret};
use crate::cert::ber::Element;
use crate::cert::oids;
use cipher::block_padding::Pkcs7;
use cipher::{BlockModeDecrypt, KeyIvInit};
use const_oid::ObjectIdentifier as Oid;
use pkcs12::kdf::{derive_key, Pkcs12KeyType};
use zeroize::Zeroizing;

/// Decrypts with the algorithm named by `algorithm` (an AlgorithmIdentifier). A bad padding is the sign
/// of a wrong password where no MAC said so first; with a MAC, the file is damaged.
pub(super) fn decrypt(
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

//! PBKDF2 as PBES2 and PBMAC1 name it, and the iteration counts every scheme of the file carries.

use super::{malformed, oid_text, Error, Secret};
use crate::cert::ber::{tag, Element};
use crate::cert::oids;
use const_oid::ObjectIdentifier as Oid;
use zeroize::Zeroizing;

/// Far above what any exporter uses (OpenSSL 3 and NSS: 2,048 to 600,000), low enough to end in seconds.
const MAX_ITERATIONS: u64 = 10_000_000;

pub(super) fn iterations(count: Option<&Element>) -> Result<u32, Error> {
    match count.and_then(Element::small_integer) {
        Some(n) if (1..=MAX_ITERATIONS).contains(&n) => Ok(n as u32),
        Some(n) => Err(Error::Unsupported(format!("{n} iterations"))),
        None => Err(malformed("unreadable iteration count")),
    }
}

/// PBKDF2 as an AlgorithmIdentifier names it (RFC 8018, A.2), for PBES2 and PBMAC1.
pub(super) struct Pbkdf2 {
    salt: Vec<u8>,
    rounds: u32,
    /// keyLength, when given (PBMAC1 requires it).
    pub(super) key_len: Option<usize>,
    prf: Oid,
}

impl Pbkdf2 {
    /// Reads `{ PBKDF2, PBKDF2-params { salt, iterationCount, keyLength OPTIONAL, prf DEFAULT
    /// hmacWithSHA1 } }`; another key derivation is unsupported.
    pub(super) fn read(algorithm: Option<&Element>) -> Result<Pbkdf2, Error> {
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
    pub(super) fn derive(&self, secret: &Secret, len: usize) -> Result<Zeroizing<Vec<u8>>, Error> {
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

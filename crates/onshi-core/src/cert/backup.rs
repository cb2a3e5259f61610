//! Does a backup file (.p12/.pfx) really restore the terminal? It must open with its password and hold a
//! certificate, the private key that belongs to it (proven by comparing the key's public half with the
//! certificate's), and the certificate must not have expired.
//!
//! Wrong password, not a PKCS#12 file, damaged, and unsupported are four different answers: each asks the
//! user to do something different.

use super::x509::{summary, CertInfo};
use chrono::NaiveDate;
use der_parser::ber::{BerObject, BerObjectContent};
use p12_keystore::error::Error as P12Error;
use p12_keystore::Pkcs12Archive;
use serde::Serialize;
use ts_rs::TS;
use x509_parser::certificate::X509Certificate;
use x509_parser::prelude::FromDer;

/// A PKCS#12 backup of one terminal certificate is a few kilobytes; refuse anything absurd before parsing.
pub const MAX_BACKUP_BYTES: usize = 1024 * 1024;

/// Why a backup could not be opened at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// The password does not open the file (a file damaged inside looks the same to the MAC check).
    #[error("the password does not open this file")]
    WrongPassword,
    #[error("this is not a PKCS#12 (.p12/.pfx) file")]
    NotPkcs12,
    #[error("the file is damaged: {0}")]
    Damaged(String),
    #[error("this file uses a format we cannot read: {0}")]
    Unsupported(String),
    #[error("the file is too large to be a certificate backup")]
    TooLarge,
}

impl BackupError {
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::WrongPassword => "wrong-password",
            BackupError::NotPkcs12 => "not-pkcs12",
            BackupError::Damaged(_) => "damaged",
            BackupError::Unsupported(_) => "unsupported",
            BackupError::TooLarge => "too-large",
        }
    }
}

/// Something that keeps an opened backup from restoring the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Problem {
    /// `no-certificate`, `no-private-key`, `key-mismatch`, `key-type-unsupported`, `expired`, `not-yet-valid`.
    pub code: String,
    pub message: String,
    pub message_en: String,
}

impl Problem {
    fn new(code: &str, message: &str, message_en: &str) -> Problem {
        Problem {
            code: code.into(),
            message: message.into(),
            message_en: message_en.into(),
        }
    }
}

/// What the check found (`onshi backup verify --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    /// A certificate, its matching private key, not expired: this file can restore the terminal.
    pub usable: bool,
    pub problems: Vec<Problem>,
    /// The certificate the key belongs to (or the end-entity certificate when no key matches).
    pub certificate: Option<CertInfo>,
    pub has_private_key: bool,
    pub key_matches_certificate: bool,
    /// How the file is protected, e.g. "AES-256-CBC (PBES2), MAC SHA-256".
    pub encryption: Option<String>,
    /// The name the file gives the certificate or key, if any.
    pub friendly_name: Option<String>,
    /// Subjects of the other certificates in the file (the CA chain).
    pub chain: Vec<String>,
}

/// Opens `bytes` with `password` and checks that it can restore the terminal as of `today`.
pub fn verify_backup(
    bytes: &[u8],
    password: &str,
    today: NaiveDate,
) -> Result<BackupReport, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge);
    }
    if !looks_like_pfx(bytes) {
        return Err(BackupError::NotPkcs12);
    }
    let layout = Layout::read(bytes);
    let archive = Pkcs12Archive::from_pkcs12(bytes, password)
        .map_err(|error| classify(error, layout.has_mac))?;

    let certs: Vec<(X509Certificate<'_>, &p12_keystore::CertificateBag)> = archive
        .certs
        .iter()
        .filter_map(|bag| {
            X509Certificate::from_der(bag.cert.as_der())
                .ok()
                .map(|(_, cert)| (cert, bag))
        })
        .collect();
    let key = archive.keys.first();
    let key_public = key.map(|bag| public_half_of_key(bag.key.as_der()));

    // The certificate the key belongs to; else the first that is not a CA.
    let matching = key_public
        .as_ref()
        .and_then(|public| public.as_ref())
        .and_then(|public| {
            certs
                .iter()
                .position(|(cert, _)| public_half_of_certificate(cert).as_ref() == Some(public))
        });
    let shown = matching
        .or_else(|| certs.iter().position(|(cert, _)| !cert.is_ca()))
        .or(if certs.is_empty() { None } else { Some(0) });

    let mut problems = Vec::new();
    if certs.is_empty() {
        problems.push(Problem::new(
            "no-certificate",
            "証明書が入っていません。",
            "The file holds no certificate.",
        ));
    }
    match &key_public {
        None => problems.push(Problem::new(
            "no-private-key",
            "秘密鍵が入っていません。この証明書だけでは端末を復元できません。",
            "The file holds no private key; a certificate alone cannot restore the terminal.",
        )),
        Some(None) => problems.push(Problem::new(
            "key-type-unsupported",
            "秘密鍵の種類を確認できませんでした。",
            "The private key is of a kind we cannot check.",
        )),
        Some(Some(_)) if matching.is_none() && !certs.is_empty() => problems.push(Problem::new(
            "key-mismatch",
            "秘密鍵が証明書と一致しません。別の証明書の鍵が入っています。",
            "The private key does not belong to the certificate.",
        )),
        Some(Some(_)) => {}
    }
    let certificate = shown.map(|i| summary(&certs[i].0, today));
    if let Some(info) = &certificate {
        match info.expiry.status {
            super::CertStatus::Expired => problems.push(Problem::new(
                "expired",
                "証明書の有効期限が切れています。このバックアップでは復元できません。",
                "The certificate has expired; this backup cannot restore the terminal.",
            )),
            super::CertStatus::NotYetValid => problems.push(Problem::new(
                "not-yet-valid",
                "証明書の有効期間がまだ始まっていません。PCの日付をご確認ください。",
                "The certificate is not valid yet; check the PC's date.",
            )),
            _ => {}
        }
    }
    let friendly_name = key
        .and_then(|bag| bag.friendly_name.clone())
        .or_else(|| shown.and_then(|i| certs[i].1.friendly_name.clone()));
    let chain = certs
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != shown)
        .map(|(_, (cert, _))| cert.subject().to_string())
        .collect();
    Ok(BackupReport {
        usable: problems.is_empty(),
        problems,
        certificate,
        has_private_key: key.is_some(),
        key_matches_certificate: matching.is_some(),
        encryption: layout.encryption(),
        friendly_name,
        chain,
    })
}

/// Whether the bytes start as a PFX does: SEQUENCE { INTEGER 3, … }. A file that starts so but fails
/// later is damaged, not something else.
fn looks_like_pfx(bytes: &[u8]) -> bool {
    if bytes.first() != Some(&0x30) {
        return false;
    }
    let header = match bytes.get(1) {
        Some(&n) if n < 0x80 => 2,
        Some(&n) if (0x81..=0x84).contains(&n) => 2 + usize::from(n & 0x7F),
        _ => return false,
    };
    bytes.get(header..header + 3) == Some(&[0x02, 0x01, 0x03])
}

fn classify(error: P12Error, has_mac: bool) -> BackupError {
    match error {
        P12Error::MacError(_) => BackupError::WrongPassword,
        // Without a MAC, a wrong password shows as bad padding after decryption.
        P12Error::UnpadError | P12Error::Pkcs5Error(_) if !has_mac => BackupError::WrongPassword,
        P12Error::UnsupportedEncryptionScheme
        | P12Error::UnsupportedMacAlgorithm
        | P12Error::UnsupportedContentType
        | P12Error::UnsupportedCertificateType => BackupError::Unsupported(error.to_string()),
        // A cipher the PBES2 layer does not know (Camellia, …) surfaces as an unknown OID of the DER layer.
        other if other.to_string().contains("unsupported OID") => {
            BackupError::Unsupported(other.to_string())
        }
        other => BackupError::Damaged(other.to_string()),
    }
}

/// The public half of a PKCS#8 private key, in the form a certificate carries it: the RSA modulus and
/// exponent, or the EC point. None for a key of another kind, or an EC key that omits its point.
fn public_half_of_key(pkcs8: &[u8]) -> Option<PublicHalf> {
    let (_, info) = der_parser::parse_der(pkcs8).ok()?;
    let fields = info.as_sequence().ok()?;
    let algorithm = fields
        .get(1)?
        .as_sequence()
        .ok()?
        .first()?
        .as_oid()
        .ok()?
        .to_id_string();
    let (_, key) = der_parser::parse_der(fields.get(2)?.as_slice().ok()?).ok()?;
    let key = key.as_sequence().ok()?;
    match algorithm.as_str() {
        RSA_OID => Some(PublicHalf::Rsa {
            n: unsigned(key.get(1)?)?,
            e: unsigned(key.get(2)?)?,
        }),
        EC_OID => key.iter().skip(2).find_map(|field| {
            // publicKey [1] BIT STRING, explicitly tagged.
            if field.header.tag().0 != 1 {
                return None;
            }
            let inner = match &field.content {
                BerObjectContent::Unknown(any) => der_parser::parse_der(any.data).ok()?.1,
                BerObjectContent::Tagged(_, _, inner) => (**inner).clone(),
                _ => return None,
            };
            Some(PublicHalf::Ec(inner.as_bitstring().ok()?.data.to_vec()))
        }),
        _ => None,
    }
}

fn public_half_of_certificate(cert: &X509Certificate<'_>) -> Option<PublicHalf> {
    let spki = cert.public_key();
    let bits = spki.subject_public_key.data.as_ref();
    match spki.algorithm.algorithm.to_id_string().as_str() {
        RSA_OID => {
            let (_, key) = der_parser::parse_der(bits).ok()?;
            let key = key.as_sequence().ok()?;
            Some(PublicHalf::Rsa {
                n: unsigned(key.first()?)?,
                e: unsigned(key.get(1)?)?,
            })
        }
        EC_OID => Some(PublicHalf::Ec(bits.to_vec())),
        _ => None,
    }
}

const RSA_OID: &str = "1.2.840.113549.1.1.1";
const EC_OID: &str = "1.2.840.10045.2.1";

#[derive(Debug, PartialEq, Eq)]
enum PublicHalf {
    Rsa { n: Vec<u8>, e: Vec<u8> },
    Ec(Vec<u8>),
}

/// An INTEGER's magnitude without leading zero bytes, so equal numbers compare equal.
fn unsigned(object: &BerObject<'_>) -> Option<Vec<u8>> {
    let bytes = object.as_slice().ok()?;
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    Some(bytes[start..].to_vec())
}

/// What can be read of a PFX without its password: the algorithms named in its clear parts.
struct Layout {
    oids: Vec<String>,
    has_mac: bool,
}

impl Layout {
    fn read(bytes: &[u8]) -> Layout {
        let mut oids = Vec::new();
        let mut has_mac = false;
        if let Ok((_, pfx)) = der_parser::parse_der(bytes) {
            if let Ok(fields) = pfx.as_sequence() {
                has_mac = fields.len() >= 3;
            }
            collect_oids(&pfx, 0, &mut oids);
        }
        Layout { oids, has_mac }
    }

    /// Names the encryption and MAC algorithms found, e.g. "AES-256-CBC (PBES2), MAC SHA-256".
    fn encryption(&self) -> Option<String> {
        let mut names: Vec<&str> = Vec::new();
        for oid in &self.oids {
            let name = match oid.as_str() {
                "1.2.840.113549.1.12.1.6" => "RC2-40 (SHA-1)",
                "1.2.840.113549.1.12.1.5" => "RC2-128 (SHA-1)",
                "1.2.840.113549.1.12.1.3" => "3DES (SHA-1)",
                "2.16.840.1.101.3.4.1.2" => "AES-128-CBC (PBES2)",
                "2.16.840.1.101.3.4.1.22" => "AES-192-CBC (PBES2)",
                "2.16.840.1.101.3.4.1.42" => "AES-256-CBC (PBES2)",
                "1.2.840.113549.3.7" => "3DES-CBC (PBES2)",
                _ => continue,
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let mac = if !self.has_mac {
            None
        } else if self.oids.iter().any(|o| o == "2.16.840.1.101.3.4.2.1") {
            Some("MAC SHA-256")
        } else if self.oids.iter().any(|o| o == "1.3.14.3.2.26") {
            Some("MAC SHA-1")
        } else {
            Some("MAC")
        };
        let mut text = names.join(" + ");
        if let Some(mac) = mac {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(mac);
        }
        (!text.is_empty()).then_some(text)
    }
}

/// Collects every OBJECT IDENTIFIER in the clear parts of a DER structure, looking inside OCTET STRINGs
/// and explicit tags that themselves hold DER. The depth is bounded: a hostile file cannot recurse forever.
fn collect_oids(object: &BerObject<'_>, depth: usize, out: &mut Vec<String>) {
    if depth > 16 {
        return;
    }
    match &object.content {
        BerObjectContent::Sequence(items) | BerObjectContent::Set(items) => {
            for item in items {
                collect_oids(item, depth + 1, out);
            }
        }
        BerObjectContent::OID(oid) => out.push(oid.to_id_string()),
        BerObjectContent::OctetString(inner) => collect_oids_in(inner, depth + 1, out),
        BerObjectContent::Tagged(_, _, inner) => collect_oids(inner, depth + 1, out),
        BerObjectContent::Unknown(any) => collect_oids_in(any.data, depth + 1, out),
        _ => {}
    }
}

fn collect_oids_in(mut bytes: &[u8], depth: usize, out: &mut Vec<String>) {
    while !bytes.is_empty() {
        match der_parser::parse_der(bytes) {
            Ok((rest, object)) => {
                collect_oids(&object, depth, out);
                bytes = rest;
            }
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn files_that_are_not_pkcs12_are_named_so() {
        for bytes in [
            &b""[..],
            b"-----BEGIN CERTIFICATE-----",
            b"PK\x03\x04zip",
            &[0x30, 0x03, 0x02, 0x01, 0x01],
        ] {
            assert_eq!(
                verify_backup(bytes, "x", today()),
                Err(BackupError::NotPkcs12),
                "{bytes:?}"
            );
        }
    }

    #[test]
    fn a_pfx_header_with_nothing_behind_it_is_damaged() {
        let truncated = [0x30, 0x82, 0x0A, 0x00, 0x02, 0x01, 0x03, 0x30, 0x82];
        assert!(matches!(
            verify_backup(&truncated, "x", today()),
            Err(BackupError::Damaged(_))
        ));
    }

    #[test]
    fn absurd_sizes_are_refused_before_parsing() {
        let huge = vec![0x30; MAX_BACKUP_BYTES + 1];
        assert_eq!(
            verify_backup(&huge, "x", today()),
            Err(BackupError::TooLarge)
        );
    }
}

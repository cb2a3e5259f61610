//! Which certificate the PC uses, for the tray, the notifications and the support report: on Windows the
//! current user's store, chosen for a reason (below); else the certificate file the user last opened in
//! the app (its path is remembered; the file is read again each time).
//!
//! A terminal's store holds more than the terminal's certificate: after a renewal the old and the new
//! one stand side by side (the CA's manual has a chapter on deleting the old one), Windows copies a smart
//! card's certificates in, other services put theirs there, and a renewal that stopped half-way leaves a
//! certificate without its private key. The one in use has its private key, is not a CA's, allows client
//! authentication, and is the newest of its subject; when several subjects qualify, the staff choose
//! once (the thumbprint is kept in the settings).

use super::ber::Element;
use super::certificate::Certificate;
use super::x509::summary;
use super::{inspect, read_certificate, CertError, CertInfo};
use crate::file_input::{read_file, InputError};
use crate::platform::{certificate_store, PlatformError, StoreEntry};
use chrono::NaiveDate;
use serde::Serialize;
use sha1::Digest;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Where the certificate was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(tag = "kind", content = "path", rename_all = "kebab-case")]
#[ts(export)]
pub enum Source {
    /// The current user's personal store (Windows).
    Store,
    /// A file the user opened; the path as shown (home written as `~`).
    File(String),
}

/// The certificate in use, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InUse {
    pub source: Source,
    pub certificate: Result<CertInfo, String>,
}

/// What a certificate in the store is, for the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum StoreRole {
    /// The terminal's certificate.
    InUse,
    /// One of several that qualify, of different subjects, none chosen yet: the staff choose.
    Candidate,
    /// An earlier certificate of the same subject (before a renewal): 「更新前の古い証明書 (削除できます)」.
    Older,
    /// No private key with it: 「秘密鍵がありません (更新が途中で止まった可能性)」.
    NoPrivateKey,
    /// For another purpose or another subject: 「別の用途の証明書」.
    OtherPurpose,
    /// A certificate authority's.
    Authority,
}

/// A certificate of the store with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StoreCertificate {
    #[serde(flatten)]
    #[ts(flatten)]
    pub info: CertInfo,
    /// SHA-1 of the DER, upper-case hex, as Windows shows it (the key the staff's choice is kept by).
    pub thumbprint: String,
    pub role: StoreRole,
}

/// The thumbprint Windows shows for a certificate (SHA-1 of its DER, upper-case hex).
pub fn thumbprint(der: &[u8]) -> String {
    sha1::Sha1::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// Gives each store entry its role (see the module's words); `chosen` is the thumbprint the staff chose
/// when several subjects qualified. In use first, then by role, newest first within a role.
pub fn classify(
    entries: &[StoreEntry],
    chosen: Option<&str>,
    today: NaiveDate,
) -> Vec<StoreCertificate> {
    let parsed: Vec<(Certificate, &StoreEntry)> = entries
        .iter()
        .filter_map(|entry| Certificate::from_der(&entry.der).map(|cert| (cert, entry)))
        .collect();
    let qualifies = |cert: &Certificate, entry: &StoreEntry| {
        !cert.ca && cert.client_auth && entry.has_private_key
    };
    let qualified: Vec<&(Certificate, &StoreEntry)> = parsed
        .iter()
        .filter(|(cert, entry)| qualifies(cert, entry))
        .collect();
    let newest_of = |subject: &Element| {
        qualified
            .iter()
            .filter(|(cert, _)| &cert.subject == subject)
            .max_by_key(|(cert, _)| cert.not_after)
            .map(|(_, entry)| thumbprint(&entry.der))
    };
    let chosen_subject = chosen.and_then(|wanted| {
        qualified
            .iter()
            .find(|(_, entry)| thumbprint(&entry.der) == wanted)
            .map(|(cert, _)| cert.subject.clone())
    });
    let mut subjects: Vec<&Element> = Vec::new();
    for (cert, _) in &qualified {
        if !subjects.contains(&&cert.subject) {
            subjects.push(&cert.subject);
        }
    }
    // The subjects whose newest certificate is in use (one) or a candidate (several, none chosen).
    let leading: Vec<&Element> = match (&chosen_subject, subjects.len()) {
        (Some(subject), _) => vec![subject],
        (None, _) => subjects.clone(),
    };
    let single = leading.len() == 1;
    let mut out: Vec<StoreCertificate> = parsed
        .iter()
        .map(|(cert, entry)| {
            let print = thumbprint(&entry.der);
            let role = if cert.ca {
                StoreRole::Authority
            } else if !cert.client_auth {
                StoreRole::OtherPurpose
            } else if !entry.has_private_key {
                StoreRole::NoPrivateKey
            } else if !leading.contains(&&cert.subject) {
                StoreRole::OtherPurpose
            } else if newest_of(&cert.subject).as_deref() != Some(print.as_str()) {
                StoreRole::Older
            } else if single {
                StoreRole::InUse
            } else {
                StoreRole::Candidate
            };
            StoreCertificate {
                info: summary(cert, today),
                thumbprint: print,
                role,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        a.role
            .cmp(&b.role)
            .then(b.info.not_after.cmp(&a.info.not_after))
    });
    out
}

/// The current user's certificates from the OS store (Windows), each with its role, the one in use
/// first. Elsewhere: `NotAvailable`.
pub fn store_certificates(
    chosen: Option<&str>,
    today: NaiveDate,
) -> Result<Vec<StoreCertificate>, PlatformError> {
    Ok(classify(
        &certificate_store().certificates()?,
        chosen,
        today,
    ))
}

/// A certificate file as of `today`, or why it could not be read (the error in words).
pub fn from_file(path: &Path, today: NaiveDate) -> Result<CertInfo, String> {
    let bytes = match read_file(path, super::x509::MAX_CERTIFICATE_BYTES as u64) {
        Ok(bytes) => bytes,
        // Worded as the certificate check words a file too large.
        Err(InputError::TooLarge { .. }) => return Err(CertError::TooLarge.to_string()),
        Err(InputError::Unreadable(error)) => return Err(error.to_string()),
    };
    read_certificate(&bytes)
        .and_then(|der| inspect(&der, today))
        .map_err(|e| e.to_string())
}

/// The certificate in use as of `today`: the store's (see [`classify`]; `chosen` is the staff's choice
/// among several), else `remembered_file`'s.
pub fn find(
    remembered_file: Option<&PathBuf>,
    chosen: Option<&str>,
    today: NaiveDate,
) -> Option<InUse> {
    if let Some(info) = store_certificates(chosen, today)
        .ok()
        .and_then(|all| all.into_iter().find(|c| c.role == StoreRole::InUse))
        .map(|c| c.info)
    {
        return Some(InUse {
            source: Source::Store,
            certificate: Ok(info),
        });
    }
    let path = remembered_file?;
    Some(InUse {
        source: Source::File(crate::app_data::without_home(&path.to_string_lossy())),
        certificate: from_file(path, today),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(pem: &[u8], has_private_key: bool) -> StoreEntry {
        StoreEntry {
            der: read_certificate(pem).unwrap(),
            has_private_key,
        }
    }

    fn roles(found: &[StoreCertificate]) -> Vec<(String, StoreRole)> {
        found
            .iter()
            .map(|c| (c.info.subject.clone(), c.role))
            .collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    const OLD: &[u8] = include_bytes!("testdata/store-terminal-old.pem");
    const NEW: &[u8] = include_bytes!("testdata/store-terminal-new.pem");
    const SERVER: &[u8] = include_bytes!("testdata/store-server-only.pem");
    const OTHER_CLINIC: &[u8] = include_bytes!("testdata/store-other-clinic.pem");
    const CA: &[u8] = include_bytes!("testdata/ca.pem");

    #[test]
    fn the_newest_with_its_key_is_in_use_and_the_others_say_what_they_are() {
        // After a renewal: old and new side by side, a certificate for another service with a later
        // expiry, a CA, and a newer one of the terminal whose key is missing (a renewal that stopped).
        let entries = [
            entry(OLD, true),
            entry(SERVER, true),
            entry(NEW, true),
            entry(CA, true),
        ];
        let found = classify(&entries, None, today());
        assert_eq!(found[0].role, StoreRole::InUse);
        assert_eq!(found[0].thumbprint, thumbprint(&entries[2].der));
        assert_eq!(
            found.iter().map(|c| c.role).collect::<Vec<_>>(),
            [
                StoreRole::InUse,
                StoreRole::Older,
                StoreRole::OtherPurpose,
                StoreRole::Authority
            ]
        );
        let keyless = [entry(OLD, true), entry(NEW, false)];
        let found = classify(&keyless, None, today());
        assert_eq!(
            found
                .iter()
                .map(|c| (c.thumbprint.clone(), c.role))
                .collect::<Vec<_>>(),
            [
                (thumbprint(&keyless[0].der), StoreRole::InUse),
                (thumbprint(&keyless[1].der), StoreRole::NoPrivateKey)
            ]
        );
    }

    #[test]
    fn two_clinics_are_candidates_until_the_staff_choose_one() {
        let entries = [
            entry(NEW, true),
            entry(OTHER_CLINIC, true),
            entry(OLD, true),
        ];
        let found = classify(&entries, None, today());
        let candidates = found
            .iter()
            .filter(|c| c.role == StoreRole::Candidate)
            .count();
        assert_eq!(candidates, 2, "{:?}", roles(&found));
        assert!(!found.iter().any(|c| c.role == StoreRole::InUse));
        let chosen = thumbprint(&entries[0].der);
        let found = classify(&entries, Some(&chosen), today());
        assert_eq!(
            found.iter().map(|c| c.role).collect::<Vec<_>>(),
            [StoreRole::InUse, StoreRole::Older, StoreRole::OtherPurpose]
        );
        assert_eq!(found[0].thumbprint, chosen);
        // A remembered choice that is gone from the store asks again.
        let found = classify(&entries, Some("00"), today());
        assert_eq!(
            found
                .iter()
                .filter(|c| c.role == StoreRole::Candidate)
                .count(),
            2
        );
    }

    #[test]
    fn thumbprints_are_windows_sha1_in_upper_case_hex() {
        let print = thumbprint(b"abc");
        assert_eq!(print, "A9993E364706816ABA3E25717850C26C9CD0D89D");
    }
}

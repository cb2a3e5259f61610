//! Does a backup file (.p12/.pfx) really restore the terminal? It must open with its password and hold a
//! certificate, the private key that belongs to it (proven by comparing the key's public half with the
//! certificate's), and the certificate must not have expired.
//!
//! Wrong password, not a PKCS#12 file, damaged, and unsupported are four different answers: each asks the
//! user to do something different.

use super::ber::{self, tag, Element};
use super::certificate::Certificate;
use super::oids;
use super::pkcs12;
use super::x509::{summary, CertInfo};
use crate::verdict::{Level, Verdict, VerdictCode};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

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

impl From<pkcs12::Error> for BackupError {
    fn from(error: pkcs12::Error) -> BackupError {
        match error {
            pkcs12::Error::WrongPassword => BackupError::WrongPassword,
            pkcs12::Error::Malformed(what) => BackupError::Damaged(what),
            pkcs12::Error::Unsupported(what) => BackupError::Unsupported(what),
        }
    }
}

impl crate::error_code::Coded for BackupError {
    fn code(&self) -> crate::error_code::ErrorCode {
        match self {
            BackupError::WrongPassword => crate::error_code::ErrorCode::WrongPassword,
            BackupError::NotPkcs12 => crate::error_code::ErrorCode::NotPkcs12,
            BackupError::Damaged(_) => crate::error_code::ErrorCode::Damaged,
            BackupError::Unsupported(_) => crate::error_code::ErrorCode::Unsupported,
            BackupError::TooLarge => crate::error_code::ErrorCode::TooLarge,
        }
    }
}

/// What keeps an opened backup from restoring the terminal (a problem), or is worth knowing though it
/// still restores (a note: `no-password`, `trailing-bytes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum ProblemCode {
    NoCertificate,
    CertificateUnreadable,
    NoPrivateKey,
    KeyMismatch,
    KeyTypeUnsupported,
    Expired,
    NotYetValid,
    EarlierCertificate,
    OtherCertificate,
    NoPassword,
    TrailingBytes,
}

/// A problem or a note, with its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Problem {
    pub code: ProblemCode,
    pub message: crate::text::Text,
}

impl Problem {
    fn new(code: ProblemCode, ja: &str, en: &str) -> Problem {
        Problem {
            code,
            message: crate::text::Text::new(ja, en),
        }
    }
}

/// What the check found (`onshi backup verify --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    /// A certificate, its matching private key, not expired: this file can restore the terminal.
    pub usable: bool,
    /// The one verdict the CLI and the screen word (`backup-usable`, `backup-usable-with-notes`,
    /// `backup-not-usable`; crate::verdict::backup).
    pub verdict: Verdict,
    pub problems: Vec<Problem>,
    /// What is worth knowing but does not stop a restore: the file has no password (`no-password`), or
    /// bytes after its structure that were ignored as OpenSSL ignores them (`trailing-bytes`).
    pub notes: Vec<Problem>,
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
    /// Earlier certificates of the same subject in the file (a terminal's certificate before a
    /// renewal), newest first. They are not in `chain`.
    pub older_certificates: Vec<CertInfo>,
    /// How the backup's certificate stands to the certificate the PC uses, when that one is known
    /// (see [`BackupReport::compare_with_in_use`]).
    pub in_use: Option<InUseMatch>,
}

/// The backup's certificate against the certificate the PC uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum InUseMatch {
    /// The same certificate (issuer and serial number): this backup restores the PC as it is.
    SameCertificate,
    /// An earlier certificate of the same terminal (same subject, earlier expiry): a backup made
    /// before the last renewal.
    EarlierCertificate,
    /// Another certificate altogether.
    OtherCertificate,
}

impl BackupReport {
    /// Compares the backup with `in_use`, the certificate the PC uses (the store's on Windows, else the
    /// file opened on 「電子証明書」). A backup of an earlier or another certificate cannot restore the PC
    /// as it is today: that is a problem, and the backup is no longer `usable`.
    pub fn compare_with_in_use(&mut self, in_use: &CertInfo) {
        let Some(certificate) = &self.certificate else {
            return;
        };
        let same = |c: &CertInfo| c.serial == in_use.serial && c.issuer == in_use.issuer;
        let relation = if same(certificate) {
            InUseMatch::SameCertificate
        } else if certificate.subject == in_use.subject && certificate.not_after < in_use.not_after
        {
            InUseMatch::EarlierCertificate
        } else {
            InUseMatch::OtherCertificate
        };
        match relation {
            InUseMatch::SameCertificate => {}
            InUseMatch::EarlierCertificate => self.problems.push(Problem::new(
                ProblemCode::EarlierCertificate,
                "これは更新前の電子証明書のバックアップです。今お使いの電子証明書のバックアップを作り直してください。",
                "This is a backup of the certificate before the last renewal. Make a new backup of the certificate in use.",
            )),
            InUseMatch::OtherCertificate => self.problems.push(Problem::new(
                ProblemCode::OtherCertificate,
                "このバックアップの電子証明書は、このPCで使っている電子証明書とは別のものです。",
                "The certificate in this backup is not the one this PC uses.",
            )),
        }
        self.usable = self.problems.is_empty();
        self.in_use = Some(relation);
        self.verdict = verdict(self);
    }
}

/// A backup's verdict: red when it cannot restore this PC, amber when it can but has no password, green
/// otherwise (bytes after its end, which OpenSSL ignores too, change nothing).
fn verdict(report: &BackupReport) -> Verdict {
    use VerdictCode::*;
    match () {
        _ if !report.usable => Verdict::of(Level::Error, BackupNotUsable),
        _ if report
            .notes
            .iter()
            .any(|n| n.code == ProblemCode::NoPassword) =>
        {
            Verdict::of(Level::Warn, BackupUsableWithNotes)
        }
        _ => Verdict::of(Level::Ok, BackupUsable),
    }
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
    if !pkcs12::looks_like_pfx(bytes) {
        return Err(BackupError::NotPkcs12);
    }
    let layout = Layout::read(bytes);
    let contents = pkcs12::open(bytes, password)?;

    let mut notes = Vec::new();
    if contents.empty_password {
        notes.push(Problem::new(
            ProblemCode::NoPassword,
            "このバックアップにはパスワードが設定されていません。持ち出しに備えて、パスワードを付けて作り直すことをお勧めします。",
            "This backup has no password. Making it again with a password is recommended, in case it is lost.",
        ));
    }
    if contents.trailing_bytes > 0 {
        notes.push(Problem::new(
            ProblemCode::TrailingBytes,
            "ファイルの末尾に余分なデータがありますが、内容の確認には影響しません。",
            "The file has extra bytes at its end; they do not affect the check.",
        ));
    }
    let certs: Vec<(Certificate, &Option<String>)> = contents
        .certs
        .iter()
        .filter_map(|(der, name)| Certificate::from_der(der).map(|cert| (cert, name)))
        .collect();
    let key = contents.keys.first();
    let key_public = key.map(|(pkcs8, _)| public_half_of_key(pkcs8));

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
        .or_else(|| certs.iter().position(|(cert, _)| !cert.ca))
        .or(if certs.is_empty() { None } else { Some(0) });

    let mut problems = Vec::new();
    if certs.is_empty() && !contents.certs.is_empty() {
        problems.push(Problem::new(
            ProblemCode::CertificateUnreadable,
            "電子証明書が入っていますが、読み取れませんでした。",
            "The file holds a certificate that could not be read.",
        ));
    } else if certs.is_empty() {
        problems.push(Problem::new(
            ProblemCode::NoCertificate,
            "電子証明書が入っていません。",
            "The file holds no certificate.",
        ));
    }
    match &key_public {
        None => problems.push(Problem::new(
            ProblemCode::NoPrivateKey,
            "秘密鍵が入っていません。この電子証明書だけでは端末を復元できません。",
            "The file holds no private key; a certificate alone cannot restore the terminal.",
        )),
        Some(None) => problems.push(Problem::new(
            ProblemCode::KeyTypeUnsupported,
            "秘密鍵の種類を確認できませんでした。",
            "The private key is of a kind we cannot check.",
        )),
        Some(Some(_)) if matching.is_none() && !certs.is_empty() => problems.push(Problem::new(
            ProblemCode::KeyMismatch,
            "秘密鍵が電子証明書と一致しません。別の電子証明書の鍵が入っています。",
            "The private key does not belong to the certificate.",
        )),
        Some(Some(_)) => {}
    }
    let certificate = shown.map(|i| summary(&certs[i].0, today));
    if let Some(info) = &certificate {
        match info.expiry.status {
            super::CertStatus::Expired => problems.push(Problem::new(
                ProblemCode::Expired,
                "電子証明書の有効期限が切れています。このバックアップでは復元できません。",
                "The certificate has expired; this backup cannot restore the terminal.",
            )),
            super::CertStatus::NotYetValid => problems.push(Problem::new(
                ProblemCode::NotYetValid,
                "電子証明書の有効期間がまだ始まっていません。PCの日付をご確認ください。",
                "The certificate is not valid yet; check the PC's date.",
            )),
            _ => {}
        }
    }
    let friendly_name = key
        .and_then(|(_, name)| name.clone())
        .or_else(|| shown.and_then(|i| certs[i].1.clone()))
        .map(repair_friendly_name);
    // The others: earlier certificates of the shown one's subject, and the rest (the CA chain).
    let shown_subject = shown.map(|i| &certs[i].0.subject);
    let mut older_certificates = Vec::new();
    let mut chain = Vec::new();
    for (i, (cert, _)) in certs.iter().enumerate() {
        if Some(i) == shown {
            continue;
        }
        let info = summary(cert, today);
        let older = certificate
            .as_ref()
            .is_some_and(|shown| info.not_after < shown.not_after);
        if older && Some(&cert.subject) == shown_subject {
            older_certificates.push(info);
        } else {
            chain.push(info.subject);
        }
    }
    older_certificates.sort_by(|a, b| b.not_after.cmp(&a.not_after));
    let mut report = BackupReport {
        usable: problems.is_empty(),
        verdict: Verdict::of(Level::Ok, VerdictCode::BackupUsable),
        problems,
        notes,
        certificate,
        has_private_key: key.is_some(),
        key_matches_certificate: matching.is_some(),
        encryption: layout.encryption(),
        friendly_name,
        chain,
        older_certificates,
        in_use: None,
    };
    report.verdict = verdict(&report);
    Ok(report)
}

/// GnuTLS's certtool writes a UTF-8 name into the BMPString byte by byte, so 「端末」 reads as "ç«¯æ..".
/// A name whose every character fits in a byte and whose bytes are UTF-8 with more than ASCII in them is
/// such a name, and is read as the UTF-8 it was.
fn repair_friendly_name(name: String) -> String {
    let bytes: Option<Vec<u8>> = name.chars().map(|c| u8::try_from(c).ok()).collect();
    match bytes.map(String::from_utf8) {
        Some(Ok(utf8)) if !utf8.is_ascii() => utf8,
        _ => name,
    }
}

/// The public half of a PKCS#8 private key, in the form a certificate carries it: the RSA modulus and
/// exponent, or the EC point. None for a key of another kind, or an EC key that omits its point.
fn public_half_of_key(pkcs8: &[u8]) -> Option<PublicHalf> {
    // PrivateKeyInfo { version, AlgorithmIdentifier { oid, … }, privateKey OCTET STRING, … }
    let info = ber::parse(pkcs8).ok()?;
    let algorithm = info.child(1)?.child(0)?.oid()?;
    let key = ber::parse(&info.child(2)?.octets()).ok()?;
    match algorithm {
        // RSAPrivateKey { version, modulus, publicExponent, … }
        oids::RSA_ENCRYPTION => Some(PublicHalf::Rsa {
            n: key.child(1)?.unsigned()?,
            e: key.child(2)?.unsigned()?,
        }),
        // ECPrivateKey { version, privateKey, [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }
        oids::EC_PUBLIC_KEY => key
            .children()
            .iter()
            .skip(2)
            .find(|field| field.tag == tag::CONTEXT_1)
            .and_then(|field| field.child(0))
            .filter(|bits| bits.is(tag::BIT_STRING))
            .and_then(|bits| {
                bits.octets()
                    .get(1..)
                    .map(|point| PublicHalf::Ec(point.to_vec()))
            }),
        _ => None,
    }
}

fn public_half_of_certificate(cert: &Certificate) -> Option<PublicHalf> {
    match cert.key_algorithm? {
        oids::RSA_ENCRYPTION => {
            // RSAPublicKey { modulus, publicExponent }
            let key = ber::parse(&cert.public_key).ok()?;
            Some(PublicHalf::Rsa {
                n: key.child(0)?.unsigned()?,
                e: key.child(1)?.unsigned()?,
            })
        }
        oids::EC_PUBLIC_KEY => Some(PublicHalf::Ec(cert.public_key.clone())),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum PublicHalf {
    Rsa { n: Vec<u8>, e: Vec<u8> },
    Ec(Vec<u8>),
}

/// What can be read of a PFX without its password: the algorithms named in its clear parts.
struct Layout {
    oids: Vec<const_oid::ObjectIdentifier>,
    has_mac: bool,
}

impl Layout {
    fn read(bytes: &[u8]) -> Layout {
        let mut oids = Vec::new();
        let mut has_mac = false;
        if let Ok((pfx, _)) = ber::parse_prefix(bytes) {
            has_mac = pfx.children().len() >= 3;
            collect_oids(&pfx, 0, &mut oids);
        }
        Layout { oids, has_mac }
    }

    /// Names the encryption and MAC algorithms found, e.g. "AES-256-CBC (PBES2), MAC SHA-256".
    fn encryption(&self) -> Option<String> {
        let mut names: Vec<&str> = Vec::new();
        for oid in &self.oids {
            let name = match *oid {
                oids::PBE_SHA1_RC2_40 => "RC2-40 (SHA-1)",
                oids::PBE_SHA1_RC2_128 => "RC2-128 (SHA-1)",
                oids::PBE_SHA1_3DES => "3DES (SHA-1)",
                oids::AES128_CBC => "AES-128-CBC (PBES2)",
                oids::AES192_CBC => "AES-192-CBC (PBES2)",
                oids::AES256_CBC => "AES-256-CBC (PBES2)",
                oids::DES_EDE3_CBC => "3DES-CBC (PBES2)",
                _ => continue,
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let mac = if !self.has_mac {
            None
        } else if self.oids.contains(&oids::SHA256) {
            Some("MAC SHA-256")
        } else if self.oids.contains(&oids::SHA1) {
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

/// Collects every OBJECT IDENTIFIER in the clear parts of a PFX, looking inside OCTET STRINGs that
/// themselves hold BER. The depth is bounded: a hostile file cannot recurse forever.
fn collect_oids(element: &Element, depth: usize, out: &mut Vec<const_oid::ObjectIdentifier>) {
    if depth > 16 {
        return;
    }
    if let Some(oid) = element.oid() {
        out.push(oid);
    } else if element.is(tag::OCTET_STRING) {
        if let Ok(inner) = ber::parse(&element.octets()) {
            collect_oids(&inner, depth + 1, out);
        }
    } else {
        for child in element.children() {
            collect_oids(child, depth + 1, out);
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
    fn a_utf8_name_written_byte_by_byte_is_read_as_utf8() {
        let garbled: String = "オンライン資格確認端末".bytes().map(char::from).collect();
        assert_eq!(repair_friendly_name(garbled), "オンライン資格確認端末");
        for kept in ["オンライン資格確認端末", "terminal", "Ærø", ""] {
            assert_eq!(repair_friendly_name(kept.to_string()), kept);
        }
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

//! A certificate's summary (subject, issuer, serial, validity in Japan time) from DER or PEM bytes.

use super::ber::{self, tag, Element};
use super::certificate::Certificate;
use super::expiry::{self, Expiry};
use crate::time::jst;
use chrono::{DateTime, NaiveDate, Utc};
use const_oid::ObjectIdentifier as Oid;
use serde::Serialize;
use ts_rs::TS;

/// A certificate file larger than this is not a certificate.
pub const MAX_CERTIFICATE_BYTES: usize = 1024 * 1024;

/// Why a certificate could not be read; each has its own message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    #[error("not a certificate (DER or PEM)")]
    NotACertificate,
    #[error("the file is too large to be a certificate")]
    TooLarge,
    /// A PKCS#12 backup (.p12/.pfx) given where a certificate was expected: check it as a backup.
    #[error("this is a certificate backup (.p12/.pfx), not a certificate")]
    IsABackup,
}

impl crate::error_code::Coded for CertError {
    fn code(&self) -> crate::error_code::ErrorCode {
        match self {
            CertError::NotACertificate => crate::error_code::ErrorCode::NotACertificate,
            CertError::TooLarge => crate::error_code::ErrorCode::TooLarge,
            CertError::IsABackup => crate::error_code::ErrorCode::IsABackup,
        }
    }
}

/// A certificate as the CLI's `cert inspect` and the app show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    /// Hex, uppercase, as Windows shows it.
    pub serial: String,
    /// YYYY-MM-DD, Japan time.
    pub not_before: String,
    pub not_after: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub expiry: Expiry,
}

impl CertInfo {
    /// The last valid day as a date.
    pub fn not_after_date(&self) -> Option<NaiveDate> {
        crate::time::parse_date(&self.not_after)
    }
}

/// The DER bytes of the terminal's (end-entity) certificate in `bytes`: see [`read_certificates`] for
/// the shapes read, and [`end_entity`] for which one is taken when the file holds several.
pub fn read_certificate(bytes: &[u8]) -> Result<Vec<u8>, CertError> {
    let mut all = read_certificates(bytes)?;
    let index = end_entity(&all);
    Ok(all.swap_remove(index))
}

/// Every certificate in `bytes`, DER each, in the file's order. Read as people keep them: DER; PEM with
/// other blocks (a private key, a chain) or any text before, between and after; several certificates in
/// one file; a `.cer` in Base64 without PEM lines (as Windows' export "Base-64 encoded X.509" is often
/// passed on). Errors: `IsABackup` for a PKCS#12 file, `TooLarge` above [`MAX_CERTIFICATE_BYTES`],
/// `NotACertificate` when nothing in it reads as one.
pub fn read_certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, CertError> {
    if bytes.len() > MAX_CERTIFICATE_BYTES {
        return Err(CertError::TooLarge);
    }
    if super::pkcs12::looks_like_pfx(bytes) {
        return Err(CertError::IsABackup);
    }
    let candidates = match std::str::from_utf8(bytes) {
        Ok(text) if text.contains("-----BEGIN ") => pem_certificates(text),
        Ok(text) => vec![bare_base64(text).unwrap_or_else(|| bytes.to_vec())],
        Err(_) => vec![bytes.to_vec()],
    };
    let certs: Vec<Vec<u8>> = candidates
        .into_iter()
        .filter_map(|der| certificate_prefix(&der))
        .collect();
    if certs.is_empty() {
        return Err(CertError::NotACertificate);
    }
    Ok(certs)
}

/// Of several certificates, the one that is not a CA's (the terminal's), else the first.
pub fn end_entity(certs: &[Vec<u8>]) -> usize {
    certs
        .iter()
        .position(|der| Certificate::from_der(der).is_some_and(|cert| !cert.ca))
        .unwrap_or(0)
}

/// The PEM labels a certificate travels under: RFC 7468's, and the older ones OpenSSL still reads.
const CERTIFICATE_LABELS: [&str; 3] = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"];

/// The contents of the certificate blocks in a PEM text, each decoded; other blocks and text are passed.
fn pem_certificates(text: &str) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(begin) = rest.find("-----BEGIN ") {
        let after_begin = &rest[begin + "-----BEGIN ".len()..];
        let Some(label_end) = after_begin.find("-----") else {
            break;
        };
        let label = &after_begin[..label_end];
        let body_start = &after_begin[label_end + 5..];
        let end_line = format!("-----END {label}-----");
        let Some(body_end) = body_start.find(&end_line) else {
            break;
        };
        if CERTIFICATE_LABELS.contains(&label) {
            // RFC 1421 headers ("Proc-Type: …") carry a colon; Base64 never does.
            let body: String = body_start[..body_end]
                .lines()
                .filter(|line| !line.contains(':'))
                .collect();
            if let Some(der) = bare_base64(&body) {
                found.push(der);
            }
        }
        rest = &body_start[body_end + end_line.len()..];
    }
    found
}

/// Base64 text (white space anywhere) decoded, if that is all it is.
fn bare_base64(text: &str) -> Option<Vec<u8>> {
    use base64ct::{Base64, Encoding};
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    Base64::decode_vec(&compact).ok()
}

/// The certificate at the start of `der`, without what may follow it (OpenSSL's TRUSTED CERTIFICATE
/// appends its trust settings; a DER file may carry padding). None if it is not a certificate.
fn certificate_prefix(der: &[u8]) -> Option<Vec<u8>> {
    let (_, rest) = ber::parse_prefix(der).ok()?;
    let cert = &der[..der.len() - rest.len()];
    Certificate::from_der(cert)?;
    Some(cert.to_vec())
}

/// A certificate's dates as Japan dates.
pub(crate) fn validity(cert: &Certificate) -> (NaiveDate, NaiveDate) {
    let day = |t: DateTime<Utc>| t.with_timezone(&jst()).date_naive();
    (day(cert.not_before), day(cert.not_after))
}

/// Summarises a certificate (DER) as of `today` (a Japan date).
pub fn inspect(der: &[u8], today: NaiveDate) -> Result<CertInfo, CertError> {
    let cert = Certificate::from_der(der).ok_or(CertError::NotACertificate)?;
    Ok(summary(&cert, today))
}

pub(crate) fn summary(cert: &Certificate, today: NaiveDate) -> CertInfo {
    let (not_before, not_after) = validity(cert);
    CertInfo {
        subject: name_text(&cert.subject),
        issuer: name_text(&cert.issuer),
        serial: cert.serial.iter().map(|b| format!("{b:02X}")).collect(),
        not_before: expiry::date_text(not_before),
        not_after: expiry::date_text(not_after),
        expiry: expiry::evaluate(not_before, not_after, today),
    }
}

/// A name as people read it: "C=JP, O=テスト医院, CN=1312345678-PC01", in the certificate's order, the
/// parts of a multi-valued RDN joined by " + ". Japanese in UTF8String, BMPString or UniversalString
/// is shown as text.
pub(crate) fn name_text(name: &Element) -> String {
    let rdns: Vec<String> = name
        .children()
        .iter()
        .map(|rdn| {
            let parts: Vec<String> = rdn.children().iter().filter_map(attribute_text).collect();
            parts.join(" + ")
        })
        .collect();
    rdns.join(", ")
}

fn attribute_text(attribute: &Element) -> Option<String> {
    let oid = attribute.child(0)?.oid()?;
    let label = attribute_label(oid).map_or_else(|| oid.to_string(), str::to_owned);
    Some(format!("{label}={}", string_text(attribute.child(1)?)))
}

/// The short names OpenSSL and Windows print for a name's attributes; any other shows as its number.
fn attribute_label(oid: Oid) -> Option<&'static str> {
    use const_oid::db::{rfc2985, rfc4519};
    Some(match oid {
        rfc4519::CN => "CN",
        rfc4519::SN => "SN",
        rfc4519::SERIAL_NUMBER => "serialNumber",
        rfc4519::C => "C",
        rfc4519::L => "L",
        rfc4519::ST => "ST",
        rfc4519::STREET => "street",
        rfc4519::O => "O",
        rfc4519::OU => "OU",
        rfc4519::TITLE => "title",
        rfc4519::GN => "GN",
        rfc2985::PKCS_9_AT_EMAIL_ADDRESS => "Email",
        rfc4519::UID => "UID",
        rfc4519::DC => "DC",
        _ => return None,
    })
}

/// The text of a directory string, whichever of its encodings the certificate uses.
fn string_text(value: &Element) -> String {
    let bytes = value.octets();
    let utf16 = |unit: usize| -> Vec<u32> {
        bytes
            .chunks(unit)
            .map(|c| c.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)))
            .collect()
    };
    match value.tag & !tag::CONSTRUCTED {
        tag::BMP_STRING => char::decode_utf16(utf16(2).into_iter().map(|u| u as u16))
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
        tag::UNIVERSAL_STRING => utf16(4)
            .into_iter()
            .map(|u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
        // T.61 as Latin-1, as most software reads it.
        tag::TELETEX_STRING => bytes.iter().map(|b| char::from(*b)).collect(),
        _ => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_names_are_printed_as_before_they_came_from_const_oid() {
        for (number, label) in [
            ("2.5.4.3", "CN"),
            ("2.5.4.4", "SN"),
            ("2.5.4.5", "serialNumber"),
            ("2.5.4.6", "C"),
            ("2.5.4.7", "L"),
            ("2.5.4.8", "ST"),
            ("2.5.4.9", "street"),
            ("2.5.4.10", "O"),
            ("2.5.4.11", "OU"),
            ("2.5.4.12", "title"),
            ("2.5.4.42", "GN"),
            ("1.2.840.113549.1.9.1", "Email"),
            ("0.9.2342.19200300.100.1.1", "UID"),
            ("0.9.2342.19200300.100.1.25", "DC"),
        ] {
            assert_eq!(attribute_label(Oid::new_unwrap(number)), Some(label));
        }
        // pseudonym: no short name, shown as its number.
        assert_eq!(attribute_label(Oid::new_unwrap("2.5.4.65")), None);
    }

    #[test]
    fn garbage_and_oversize_inputs_are_refused_plainly() {
        assert_eq!(read_certificate(b"hello"), Err(CertError::NotACertificate));
        assert_eq!(
            read_certificate(b"-----BEGIN CERTIFICATE-----\nnot base64\n"),
            Err(CertError::NotACertificate)
        );
        assert_eq!(
            read_certificate(&vec![0x30; MAX_CERTIFICATE_BYTES + 1]),
            Err(CertError::TooLarge)
        );
        assert_eq!(read_certificate(&[]), Err(CertError::NotACertificate));
        assert_eq!(
            read_certificate(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
            Err(CertError::NotACertificate)
        );
    }

    #[test]
    fn certificates_are_found_however_the_file_keeps_them() {
        let pem = include_str!("testdata/name-utf8.pem");
        let der = read_certificate(pem.as_bytes()).unwrap();
        let base64_only: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let shapes = [
            format!("subject=C=JP\nissuer=C=JP\n{pem}"),
            format!("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n{pem}"),
            pem.replace("\n", "\r\n"),
            format!("{pem}\ntrailing notes\n"),
            base64_only.clone(),
            base64_only.chars().collect::<Vec<_>>().chunks(76).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("\r\n"),
        ];
        for shape in &shapes {
            assert_eq!(
                read_certificate(shape.as_bytes()).as_ref(),
                Ok(&der),
                "{shape}"
            );
        }
        let mut padded = der.clone();
        padded.extend([0, 0, 0, 0]);
        assert_eq!(read_certificate(&padded), Ok(der.clone()));
    }

    #[test]
    fn of_several_certificates_the_end_entity_one_is_taken() {
        let terminal = include_str!("testdata/name-utf8.pem");
        let ca = include_str!("testdata/ca.pem");
        let file = format!("{ca}{terminal}");
        let all = read_certificates(file.as_bytes()).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(end_entity(&all), 1);
        assert_eq!(
            read_certificate(file.as_bytes()),
            read_certificate(terminal.as_bytes())
        );
    }

    fn subject_of(pem: &[u8]) -> String {
        let der = read_certificate(pem).unwrap();
        inspect(&der, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
            .unwrap()
            .subject
    }

    #[test]
    fn japanese_names_read_alike_in_utf8_and_bmp_strings() {
        // Both made by OpenSSL from one subject: string_mask utf8only (UTF8String) and default
        // (BMPString for Japanese), PrintableString for the country, a two-part RDN.
        let expected = "C=JP, ST=東京都, OU=受付 + O=テスト医院, CN=1312345678-PC01, Email=a@b.jp";
        assert_eq!(
            subject_of(include_bytes!("testdata/name-utf8.pem")),
            expected
        );
        assert_eq!(
            subject_of(include_bytes!("testdata/name-bmp.pem")),
            expected
        );
    }
}

//! A certificate's summary (subject, issuer, serial, validity in Japan time) from DER or PEM bytes.

use super::ber::{self, tag, Element};
use super::expiry::{self, Expiry};
use crate::time::jst;
use chrono::{DateTime, NaiveDate};
use der::{Decode, Encode};
use serde::Serialize;
use ts_rs::TS;
use x509_cert::Certificate;

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

impl CertError {
    pub fn code(&self) -> &'static str {
        match self {
            CertError::NotACertificate => "not-a-certificate",
            CertError::TooLarge => "too-large",
            CertError::IsABackup => "is-a-backup",
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

/// The DER bytes of the first certificate in `bytes`, which may be DER or PEM.
pub fn read_certificate(bytes: &[u8]) -> Result<Vec<u8>, CertError> {
    if bytes.len() > MAX_CERTIFICATE_BYTES {
        return Err(CertError::TooLarge);
    }
    if super::backup::looks_like_pfx(bytes) {
        return Err(CertError::IsABackup);
    }
    let der = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        first_pem_block(bytes.trim_ascii_start()).ok_or(CertError::NotACertificate)?
    } else {
        bytes.to_vec()
    };
    Certificate::from_der(&der).map_err(|_| CertError::NotACertificate)?;
    Ok(der)
}

/// The bytes of the first PEM block (text after its END line, such as a second certificate, is left).
fn first_pem_block(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let end = text.find("-----END")?;
    let end = end + text[end..].find('\n').unwrap_or(text.len() - end);
    let (_, der) = der::pem::decode_vec(text[..end].trim_end().as_bytes()).ok()?;
    Some(der)
}

/// A certificate's dates as Japan dates.
pub(crate) fn validity(cert: &Certificate) -> (NaiveDate, NaiveDate) {
    let day = |t: x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs())
            .ok()
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .map(|d| d.with_timezone(&jst()).date_naive())
            .unwrap_or_default()
    };
    let validity = cert.tbs_certificate().validity();
    (day(validity.not_before), day(validity.not_after))
}

/// Summarises a certificate (DER) as of `today` (a Japan date).
pub fn inspect(der: &[u8], today: NaiveDate) -> Result<CertInfo, CertError> {
    let cert = Certificate::from_der(der).map_err(|_| CertError::NotACertificate)?;
    Ok(summary(&cert, today))
}

pub(crate) fn summary(cert: &Certificate, today: NaiveDate) -> CertInfo {
    let (not_before, not_after) = validity(cert);
    let tbs = cert.tbs_certificate();
    CertInfo {
        subject: name_text(tbs.subject()),
        issuer: name_text(tbs.issuer()),
        serial: tbs
            .serial_number()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect(),
        not_before: expiry::date_text(not_before),
        not_after: expiry::date_text(not_after),
        expiry: expiry::evaluate(not_before, not_after, today),
    }
}

/// Whether the certificate is a CA's (basic constraints say cA).
pub(crate) fn is_ca(cert: &Certificate) -> bool {
    use x509_cert::ext::pkix::BasicConstraints;
    let basic_constraints = const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS;
    cert.tbs_certificate()
        .extensions()
        .into_iter()
        .flatten()
        .filter(|ext| ext.extn_id == basic_constraints)
        .filter_map(|ext| BasicConstraints::from_der(ext.extn_value.as_bytes()).ok())
        .any(|constraints| constraints.ca)
}

/// A name as people read it: "C=JP, O=テスト医院, CN=1312345678-PC01", in the certificate's order, the
/// parts of a multi-valued RDN joined by " + ". Japanese in UTF8String, BMPString or UniversalString
/// is shown as text.
pub(crate) fn name_text(name: &x509_cert::name::Name) -> String {
    let Ok(element) = name
        .to_der()
        .map_err(|_| ())
        .and_then(|der| ber::parse(&der).map_err(|_| ()))
    else {
        return String::new();
    };
    let rdns: Vec<String> = element
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
    let label = match oid.as_str() {
        "2.5.4.3" => "CN",
        "2.5.4.4" => "SN",
        "2.5.4.5" => "serialNumber",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.9" => "street",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "title",
        "2.5.4.42" => "GN",
        "1.2.840.113549.1.9.1" => "Email",
        "0.9.2342.19200300.100.1.1" => "UID",
        "0.9.2342.19200300.100.1.25" => "DC",
        other => other,
    };
    Some(format!("{label}={}", string_text(attribute.child(1)?)))
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

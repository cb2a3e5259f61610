//! A certificate's summary (subject, issuer, serial, validity in Japan time) from DER or PEM bytes.

use super::expiry::{self, Expiry};
use crate::time::jst;
use chrono::{DateTime, NaiveDate};
use serde::Serialize;
use ts_rs::TS;
use x509_parser::certificate::X509Certificate;
use x509_parser::pem::parse_x509_pem;
use x509_parser::prelude::FromDer;

/// A certificate file larger than this is not a certificate.
pub const MAX_CERTIFICATE_BYTES: usize = 1024 * 1024;

/// Why a certificate could not be read; each has its own message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    #[error("not a certificate (DER or PEM)")]
    NotACertificate,
    #[error("the file is too large to be a certificate")]
    TooLarge,
}

impl CertError {
    pub fn code(&self) -> &'static str {
        match self {
            CertError::NotACertificate => "not-a-certificate",
            CertError::TooLarge => "too-large",
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
    if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        let (_, pem) =
            parse_x509_pem(bytes.trim_ascii_start()).map_err(|_| CertError::NotACertificate)?;
        return Ok(pem.contents);
    }
    X509Certificate::from_der(bytes).map_err(|_| CertError::NotACertificate)?;
    Ok(bytes.to_vec())
}

/// A certificate's dates as Japan dates.
pub(crate) fn validity(cert: &X509Certificate<'_>) -> (NaiveDate, NaiveDate) {
    let day = |t: x509_parser::time::ASN1Time| {
        DateTime::from_timestamp(t.timestamp(), 0)
            .map(|d| d.with_timezone(&jst()).date_naive())
            .unwrap_or_default()
    };
    (
        day(cert.validity().not_before),
        day(cert.validity().not_after),
    )
}

/// Summarises a certificate (DER) as of `today` (a Japan date).
pub fn inspect(der: &[u8], today: NaiveDate) -> Result<CertInfo, CertError> {
    let (_, cert) = X509Certificate::from_der(der).map_err(|_| CertError::NotACertificate)?;
    Ok(summary(&cert, today))
}

pub(crate) fn summary(cert: &X509Certificate<'_>, today: NaiveDate) -> CertInfo {
    let (not_before, not_after) = validity(cert);
    CertInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        serial: cert
            .raw_serial()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect(),
        not_before: expiry::date_text(not_before),
        not_after: expiry::date_text(not_after),
        expiry: expiry::evaluate(not_before, not_after, today),
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
}

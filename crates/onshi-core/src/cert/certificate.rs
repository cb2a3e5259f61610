//! An X.509 certificate (RFC 5280) read for the fields the checks use: serial, names, validity, public
//! key and whether it is a CA's. Read with cert/ber.rs, as leniently as OpenSSL reads it: UTCTime years
//! 50–99 are 1950–1999 and 00–49 are 2000–2049 (RFC 5280, 4.1.2.5.1), a GeneralizedTime may name any
//! year from 0 to 9999, BER where DER is due is accepted. The signature is not checked: nothing here
//! trusts a certificate, it only tells staff what a file holds.

use super::ber::{self, tag, Element};
use super::oids;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use const_oid::ObjectIdentifier;

const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const BOOLEAN: u8 = 0x01;
/// `[0]` and `[3]`, context-specific and constructed: the version and the extensions of a TBSCertificate.
const CONTEXT_0: u8 = 0xA0;
const CONTEXT_3: u8 = 0xA3;

/// One certificate's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The INTEGER's content octets, as written (a leading zero kept, as Windows shows it).
    pub serial: Vec<u8>,
    pub issuer: Element,
    pub subject: Element,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// The SubjectPublicKeyInfo's algorithm (RSA, EC …).
    pub key_algorithm: Option<ObjectIdentifier>,
    /// The subjectPublicKey BIT STRING's bits (an RSAPublicKey, or an EC point).
    pub public_key: Vec<u8>,
    /// Basic constraints say cA.
    pub ca: bool,
    /// TLS client authentication is allowed: no extended key usage, or one that lists client
    /// authentication or any purpose (RFC 5280, 4.2.1.12). The terminal's certificate authenticates
    /// the PC to the online-eligibility network as a client.
    pub client_auth: bool,
}

impl Certificate {
    /// Reads exactly one certificate filling `der`. None if it is not one.
    pub fn from_der(der: &[u8]) -> Option<Certificate> {
        // Certificate { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
        let cert = ber::parse(der).ok()?;
        if cert.tag != tag::SEQUENCE || cert.children().len() != 3 {
            return None;
        }
        let tbs = cert.child(0).filter(|tbs| tbs.tag == tag::SEQUENCE)?;
        // TBSCertificate { [0] version OPTIONAL, serial, signature, issuer, validity, subject, spki,
        //                  [1] issuerUID, [2] subjectUID, [3] extensions }
        let skip = usize::from(tbs.child(0)?.tag == CONTEXT_0);
        let field = |index: usize| tbs.child(skip + index);
        let serial = field(0).filter(|e| e.tag == 0x02)?;
        let issuer = field(2).filter(|e| e.tag == tag::SEQUENCE)?;
        let validity = field(3).filter(|e| e.tag == tag::SEQUENCE)?;
        let subject = field(4).filter(|e| e.tag == tag::SEQUENCE)?;
        let spki = field(5).filter(|e| e.tag == tag::SEQUENCE)?;
        let public_key = spki.child(1).filter(|e| e.is(tag::BIT_STRING))?.octets();
        let extensions = tbs.children().iter().find(|e| e.tag == CONTEXT_3);
        Some(Certificate {
            serial: serial.octets(),
            issuer: issuer.clone(),
            subject: subject.clone(),
            not_before: time(validity.child(0)?)?,
            not_after: time(validity.child(1)?)?,
            key_algorithm: spki
                .child(0)
                .and_then(|a| a.child(0))
                .and_then(Element::oid),
            public_key: public_key.get(1..).unwrap_or_default().to_vec(),
            ca: extensions.is_some_and(basic_constraints_say_ca),
            client_auth: extensions.is_none_or(extended_key_usage_allows_client_auth),
        })
    }
}

/// The value of extension `id`, parsed. Extensions ::= SEQUENCE OF Extension { extnID, critical BOOLEAN
/// DEFAULT FALSE, extnValue OCTET STRING }
fn extension(explicit: &Element, id: ObjectIdentifier) -> Option<Element> {
    explicit
        .child(0)?
        .children()
        .iter()
        .filter(|ext| ext.child(0).and_then(Element::oid) == Some(id))
        .filter_map(|ext| ext.children().last())
        .find_map(|value| ber::parse(&value.octets()).ok())
}

/// ExtKeyUsageSyntax ::= SEQUENCE OF KeyPurposeId
fn extended_key_usage_allows_client_auth(explicit: &Element) -> bool {
    extension(explicit, oids::EXTENDED_KEY_USAGE).is_none_or(|usages| {
        usages
            .children()
            .iter()
            .filter_map(Element::oid)
            .any(|usage| usage == oids::CLIENT_AUTH || usage == oids::ANY_EXTENDED_KEY_USAGE)
    })
}

fn basic_constraints_say_ca(explicit: &Element) -> bool {
    extension(explicit, oids::BASIC_CONSTRAINTS)
        .into_iter()
        // BasicConstraints { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
        .any(|constraints| {
            constraints
                .child(0)
                .filter(|ca| ca.tag == BOOLEAN)
                .is_some_and(|ca| ca.octets().iter().any(|b| *b != 0))
        })
}

/// A UTCTime or GeneralizedTime, in UTC. Both the Z form and a ±hhmm offset are read (BER allows the
/// offset, and old certificates used it); seconds and fractions are optional.
fn time(element: &Element) -> Option<DateTime<Utc>> {
    let bytes = element.octets();
    let text = std::str::from_utf8(&bytes).ok()?;
    let (year, rest) = match element.tag {
        UTC_TIME => {
            let yy: i32 = digits(text.get(..2)?)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, &text[2..])
        }
        GENERALIZED_TIME => (digits(text.get(..4)?)?, &text[4..]),
        _ => return None,
    };
    let (clock, zone) = match rest.find(['Z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let field = |at: usize| clock.get(at..at + 2).and_then(digits::<u32>);
    let date = NaiveDate::from_ymd_opt(year, field(0)?, field(2)?)?;
    let seconds = if clock.len() >= 10 { field(8)? } else { 0 };
    let at = NaiveDateTime::new(
        date,
        NaiveTime::from_hms_opt(field(4)?, field(6)?, seconds)?,
    );
    let offset_minutes: i64 = match zone.as_bytes().first() {
        None | Some(b'Z') => 0,
        Some(sign) => {
            let hours: i64 = digits(zone.get(1..3)?)?;
            let minutes: i64 = digits(zone.get(3..5)?)?;
            let magnitude = hours * 60 + minutes;
            if *sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    Some(at.and_utc() - chrono::Duration::minutes(offset_minutes))
}

fn digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tag: u8, text: &str) -> Option<String> {
        time(&Element::primitive(tag, text.as_bytes().to_vec()))
            .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
    }

    #[test]
    fn utc_time_years_follow_rfc_5280() {
        assert_eq!(
            at(UTC_TIME, "650101000000Z").as_deref(),
            Some("1965-01-01 00:00:00")
        );
        assert_eq!(
            at(UTC_TIME, "500101000000Z").as_deref(),
            Some("1950-01-01 00:00:00")
        );
        assert_eq!(
            at(UTC_TIME, "991231235959Z").as_deref(),
            Some("1999-12-31 23:59:59")
        );
        assert_eq!(
            at(UTC_TIME, "491231235959Z").as_deref(),
            Some("2049-12-31 23:59:59")
        );
        assert_eq!(
            at(UTC_TIME, "000101000000Z").as_deref(),
            Some("2000-01-01 00:00:00")
        );
    }

    #[test]
    fn generalized_time_offsets_and_short_forms_are_read() {
        assert_eq!(
            at(GENERALIZED_TIME, "99991231235959Z").as_deref(),
            Some("9999-12-31 23:59:59")
        );
        assert_eq!(
            at(GENERALIZED_TIME, "20500101000000.123Z").as_deref(),
            Some("2050-01-01 00:00:00")
        );
        assert_eq!(
            at(UTC_TIME, "2701100900+0900").as_deref(),
            Some("2027-01-10 00:00:00")
        );
        assert_eq!(
            at(UTC_TIME, "270110000000-0130").as_deref(),
            Some("2027-01-10 01:30:00")
        );
        for bad in [
            "",
            "65",
            "651301000000Z",
            "65010100000xZ",
            "６５0101000000Z",
        ] {
            assert_eq!(at(UTC_TIME, bad), None, "{bad}");
        }
        assert_eq!(at(0x04, "650101000000Z"), None);
    }

    #[test]
    fn a_certificate_from_1965_is_read_with_its_dates() {
        let der =
            crate::cert::read_certificate(include_bytes!("testdata/utctime-1965.pem")).unwrap();
        let cert = Certificate::from_der(&der).unwrap();
        assert_eq!(cert.not_before.format("%Y-%m-%d").to_string(), "1965-01-01");
        assert_eq!(cert.not_after.format("%Y-%m-%d").to_string(), "2049-12-31");
        assert!(!cert.ca);
    }

    #[test]
    fn what_is_not_a_certificate_is_none() {
        assert_eq!(Certificate::from_der(&[]), None);
        assert_eq!(Certificate::from_der(&[0x30, 0x00]), None);
        assert_eq!(Certificate::from_der(&[0x30, 0x03, 0x02, 0x01, 0x03]), None);
    }
}

//! The object identifiers the certificate and backup checks look for, named once (const-oid constants).
//! Sources: RFC 7292 (PKCS#12), RFC 8018 (PKCS#5), RFC 5652 (CMS), RFC 5280 and RFC 3279 (X.509),
//! RFC 8017 (RSA), NIST's CSOR registry (AES, SHA-2).

use const_oid::ObjectIdentifier as Oid;

// CMS content types (RFC 5652 / PKCS#7).
pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");

// PKCS#12 bag types (RFC 7292, 4.2) and the certificate type of a CertBag.
pub const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
pub const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
pub const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
pub const SAFE_CONTENTS_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.6");
pub const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");
pub const FRIENDLY_NAME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.20");

// PKCS#12 password-based encryption (RFC 7292, appendix C), pbeWithSHAAnd….
pub const PBE_SHA1_3DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
pub const PBE_SHA1_2DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.4");
pub const PBE_SHA1_RC2_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.5");
pub const PBE_SHA1_RC2_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.6");

// PKCS#5 v2 (RFC 8018): PBES2, PBKDF2 and its pseudo-random functions.
pub const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
pub const PBKDF2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.12");
/// RFC 9579's password-based MAC, which OpenSSL reads from 3.4 on.
pub const PBMAC1: Oid = Oid::new_unwrap("1.2.840.113549.1.5.14");
pub const HMAC_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.2.7");
pub const HMAC_SHA224: Oid = Oid::new_unwrap("1.2.840.113549.2.8");
pub const HMAC_SHA256: Oid = Oid::new_unwrap("1.2.840.113549.2.9");
pub const HMAC_SHA384: Oid = Oid::new_unwrap("1.2.840.113549.2.10");
pub const HMAC_SHA512: Oid = Oid::new_unwrap("1.2.840.113549.2.11");

// Ciphers PBES2 names (NIST CSOR; RFC 8018 B.2.2 for DES-EDE3-CBC).
pub const AES128_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.2");
pub const AES192_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.22");
pub const AES256_CBC: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.1.42");
pub const DES_EDE3_CBC: Oid = Oid::new_unwrap("1.2.840.113549.3.7");

// Digests a PKCS#12 MAC uses (RFC 7292 appendix B; NIST CSOR for SHA-2).
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA224: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.4");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

// Public keys (RFC 8017, RFC 5480).
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");

// X.509 (RFC 5280): the basic constraints and extended key usage extensions, TLS client authentication
// and "any purpose" among the usages.
pub const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub const ANY_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37.0");
pub const CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");

//! The object identifiers the certificate and backup checks look for, named once. Most come from
//! const-oid's database, which is generated from the RFCs' ASN.1 modules (the module says which RFC);
//! the few it lacks are written out here, with their source.
//! Sources: RFC 7292 (PKCS#12), RFC 8018 (PKCS#5), RFC 5652 (CMS), RFC 5280 and RFC 3279 (X.509),
//! RFC 8017 (RSA), NIST's CSOR registry (AES, SHA-2).

use const_oid::db::{rfc2985, rfc5280, rfc5911, rfc5912, rfc6268, rfc7292};
use const_oid::ObjectIdentifier as Oid;

// CMS content types (RFC 5652 / PKCS#7).
pub const DATA: Oid = rfc5911::ID_DATA;
pub const ENCRYPTED_DATA: Oid = rfc5911::ID_ENCRYPTED_DATA;

// PKCS#12 bag types (RFC 7292, 4.2) and the certificate type of a CertBag; the database has neither.
pub const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
pub const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
pub const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
pub const SAFE_CONTENTS_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.6");
pub const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");
pub const FRIENDLY_NAME: Oid = rfc2985::PKCS_9_AT_FRIENDLY_NAME;

// PKCS#12 password-based encryption (RFC 7292, appendix C), pbeWithSHAAnd….
pub const PBE_SHA1_3DES: Oid = rfc7292::PBE_WITH_SHA_AND_3_KEY_TRIPLE_DES_CBC;
pub const PBE_SHA1_2DES: Oid = rfc7292::PBE_WITH_SHA_AND_2_KEY_TRIPLE_DES_CBC;
pub const PBE_SHA1_RC2_128: Oid = rfc7292::PBE_WITH_SHA_AND_128_BIT_RC_2_CBC;
pub const PBE_SHA1_RC2_40: Oid = rfc7292::PBEWITH_SHA_AND_40_BIT_RC_2_CBC;

// PKCS#5 v2 (RFC 8018): PBES2, PBKDF2 and its pseudo-random functions. The database lacks PBES2,
// PBMAC1 and hmacWithSHA1.
pub const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");
pub const PBKDF2: Oid = rfc5911::ID_PBKDF_2;
/// RFC 9579's password-based MAC, which OpenSSL reads from 3.4 on.
pub const PBMAC1: Oid = Oid::new_unwrap("1.2.840.113549.1.5.14");
pub const HMAC_SHA1: Oid = Oid::new_unwrap("1.2.840.113549.2.7");
pub const HMAC_SHA224: Oid = rfc6268::ID_HMAC_WITH_SHA_224;
pub const HMAC_SHA256: Oid = rfc6268::ID_HMAC_WITH_SHA_256;
pub const HMAC_SHA384: Oid = rfc6268::ID_HMAC_WITH_SHA_384;
pub const HMAC_SHA512: Oid = rfc6268::ID_HMAC_WITH_SHA_512;

// Ciphers PBES2 names (NIST CSOR; RFC 8018 B.2.2 for DES-EDE3-CBC).
pub const AES128_CBC: Oid = rfc5911::ID_AES_128_CBC;
pub const AES192_CBC: Oid = rfc5911::ID_AES_192_CBC;
pub const AES256_CBC: Oid = rfc5911::ID_AES_256_CBC;
pub const DES_EDE3_CBC: Oid = rfc5911::DES_EDE_3_CBC;

// Digests a PKCS#12 MAC uses (RFC 7292 appendix B; NIST CSOR for SHA-2).
pub const SHA1: Oid = rfc5912::ID_SHA_1;
pub const SHA224: Oid = rfc5912::ID_SHA_224;
pub const SHA256: Oid = rfc5912::ID_SHA_256;
pub const SHA384: Oid = rfc5912::ID_SHA_384;
pub const SHA512: Oid = rfc5912::ID_SHA_512;

// Public keys (RFC 8017, RFC 5480).
pub const RSA_ENCRYPTION: Oid = rfc5912::RSA_ENCRYPTION;
pub const EC_PUBLIC_KEY: Oid = rfc5912::ID_EC_PUBLIC_KEY;

// X.509 (RFC 5280): the basic constraints and extended key usage extensions, TLS client authentication
// and "any purpose" among the usages.
pub const BASIC_CONSTRAINTS: Oid = rfc5280::ID_CE_BASIC_CONSTRAINTS;
pub const EXTENDED_KEY_USAGE: Oid = rfc5280::ID_CE_EXT_KEY_USAGE;
pub const ANY_EXTENDED_KEY_USAGE: Oid = rfc5280::ANY_EXTENDED_KEY_USAGE;
pub const CLIENT_AUTH: Oid = rfc5280::ID_KP_CLIENT_AUTH;

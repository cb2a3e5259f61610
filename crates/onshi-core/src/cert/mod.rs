//! The terminal's electronic certificate: when it expires and what that means today, whether a backup
//! file really restores it, and a copy of that backup that is proven good.

pub mod backup;
mod ber;
mod certificate;
pub mod copy;
pub mod expiry;
pub mod in_use;
pub mod oids;
pub mod password_input;
mod pkcs12;
pub mod reminder;
pub mod x509;

pub use backup::{verify_backup, BackupError, BackupReport, InUseMatch, Problem, ProblemCode};
pub use expiry::{verdict, CertStatus, Expiry};
pub use password_input::{decode_password_input, PasswordInputError};
pub use x509::{end_entity, inspect, read_certificate, read_certificates, CertError, CertInfo};

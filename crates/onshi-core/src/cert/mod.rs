//! The terminal's electronic certificate: when it expires and what that means today, whether a backup
//! file really restores it, and a copy of that backup that is proven good.

pub mod backup;
mod ber;
pub mod copy;
pub mod expiry;
pub mod in_use;
mod pkcs12;
pub mod reminder;
pub mod x509;

pub use backup::{verify_backup, BackupError, BackupReport, Problem};
pub use expiry::{CertStatus, Expiry};
pub use x509::{inspect, read_certificate, CertError, CertInfo};

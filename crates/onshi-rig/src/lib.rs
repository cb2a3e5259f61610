//! The test rig of オン資アシスタント: real pcscd with vpcd virtual readers that carry real readers'
//! names, and virtual cards that answer like a My Number card, a phone, a licence or a FeliCa card and
//! log every command they receive. See ARCHITECTURE.md, "The rig", for the protocol and its pitfalls.

pub mod pki;
pub mod profile;
pub mod service;
pub mod under_test;
pub mod vcard;

pub use profile::Profile;
pub use service::{Rig, DEFAULT_READERS};
pub use vcard::VirtualCard;

//! The commands the UI may call, one file per area. Every one is listed in build.rs and granted in
//! capabilities/main.json.

pub mod card;
pub mod cert;
pub mod contacts;
pub mod desk_check;
pub mod error;
pub mod guides;
pub mod history;
pub mod mpki;
pub mod readers;
pub mod report;
pub mod resident;
pub mod settings;
pub mod succession;

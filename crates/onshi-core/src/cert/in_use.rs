//! Which certificate the PC uses, for the tray, the notifications and the support report: on Windows the
//! current user's store (the certificate with the latest expiry), else the certificate file the user last
//! opened in the app (its path is remembered; the file is read again each time).

use super::{inspect, read_certificate, CertInfo};
use crate::platform::{certificate_store, PlatformError};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Where the certificate was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "path", rename_all = "kebab-case")]
#[ts(export)]
pub enum Source {
    /// The current user's personal store (Windows).
    Store,
    /// A file the user opened; the path as shown (home written as `~`).
    File(String),
}

/// The certificate in use, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InUse {
    pub source: Source,
    pub certificate: Result<CertInfo, String>,
}

/// The current user's certificates from the OS store (Windows), newest expiry first; the first is the one
/// in use. Elsewhere: `NotAvailable`.
pub fn store_certificates(today: NaiveDate) -> Result<Vec<CertInfo>, PlatformError> {
    let mut infos: Vec<CertInfo> = certificate_store()
        .certificates()?
        .iter()
        .filter_map(|der| inspect(der, today).ok())
        .collect();
    infos.sort_by(|a, b| b.not_after.cmp(&a.not_after));
    Ok(infos)
}

fn from_file(path: &Path, today: NaiveDate) -> Result<CertInfo, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    read_certificate(&bytes)
        .and_then(|der| inspect(&der, today))
        .map_err(|e| e.to_string())
}

/// The certificate in use as of `today`: the store's first, else `remembered_file`'s.
pub fn find(remembered_file: Option<&PathBuf>, today: NaiveDate) -> Option<InUse> {
    if let Some(info) = store_certificates(today)
        .ok()
        .and_then(|infos| infos.into_iter().next())
    {
        return Some(InUse {
            source: Source::Store,
            certificate: Ok(info),
        });
    }
    let path = remembered_file?;
    Some(InUse {
        source: Source::File(crate::app_data::without_home(&path.to_string_lossy())),
        certificate: from_file(path, today),
    })
}

//! A copy of the backup to a USB stick or another folder that is proven good: written to a temporary
//! file beside the target, flushed to the device, given its name without ever replacing a file, then read
//! back and compared by SHA-256. A full or vanished disk leaves no half file behind.

use crate::file_input::{self, InputError};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Backups are kilobytes; this only stops a wrong pick (a disk image, a video) from being copied.
pub const MAX_COPY_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CopyReport {
    /// The file written (a new name, "… (2).p12", when the first was taken).
    pub destination: String,
    pub bytes: u64,
    pub sha256: String,
    /// Read back from the destination and equal to the source.
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CopyError {
    #[error("the file to copy cannot be read: {0}")]
    SourceUnreadable(String),
    #[error("the file is too large to be a backup")]
    TooLarge,
    #[error("the destination folder does not exist or was removed")]
    DestinationMissing,
    #[error("the destination is full")]
    NoSpace,
    #[error("the copy read back differs from the original")]
    Mismatch,
    #[error("the copy failed: {0}")]
    Failed(String),
}

impl crate::error_code::Coded for CopyError {
    fn code(&self) -> crate::error_code::ErrorCode {
        match self {
            CopyError::SourceUnreadable(_) => crate::error_code::ErrorCode::SourceUnreadable,
            CopyError::TooLarge => crate::error_code::ErrorCode::TooLarge,
            CopyError::DestinationMissing => crate::error_code::ErrorCode::DestinationMissing,
            CopyError::NoSpace => crate::error_code::ErrorCode::NoSpace,
            CopyError::Mismatch => crate::error_code::ErrorCode::Mismatch,
            CopyError::Failed(_) => crate::error_code::ErrorCode::Failed,
        }
    }
}

fn write_error(error: io::Error) -> CopyError {
    match error.kind() {
        io::ErrorKind::StorageFull => CopyError::NoSpace,
        io::ErrorKind::NotFound => CopyError::DestinationMissing,
        _ => CopyError::Failed(error.to_string()),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Copies `source` into `dest_dir`, keeping its name unless a file of that name exists.
pub fn copy_verified(source: &Path, dest_dir: &Path) -> Result<CopyReport, CopyError> {
    let original = file_input::read_file(source, MAX_COPY_BYTES).map_err(|error| match error {
        InputError::TooLarge { .. } => CopyError::TooLarge,
        InputError::Unreadable(error) => CopyError::SourceUnreadable(error.to_string()),
    })?;
    let size = original.len() as u64;
    let digest = sha256_hex(&original);
    if !dest_dir.is_dir() {
        return Err(CopyError::DestinationMissing);
    }

    // The temporary file is deleted when dropped, on every error path below.
    let mut temporary = tempfile::Builder::new()
        .prefix(".onshi-copy-")
        .tempfile_in(dest_dir)
        .map_err(write_error)?;
    temporary.write_all(&original).map_err(write_error)?;
    temporary.as_file().sync_all().map_err(write_error)?;

    let name = source
        .file_name()
        .ok_or_else(|| CopyError::SourceUnreadable("no file name".into()))?;
    let mut pending = Some(temporary);
    let mut destination = PathBuf::new();
    for candidate in candidate_names(Path::new(name)) {
        destination = dest_dir.join(candidate);
        match pending
            .take()
            .expect("a temporary file is pending")
            .persist_noclobber(&destination)
        {
            Ok(_) => break,
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
                pending = Some(error.file)
            }
            Err(error) => return Err(write_error(error.error)),
        }
    }
    if pending.is_some() {
        return Err(CopyError::Failed("no free file name".into()));
    }
    sync_directory(dest_dir);

    let same = match file_input::read_file(&destination, size) {
        Ok(read_back) => sha256_hex(&read_back) == digest,
        // Longer than the `size` bytes written: not the copy, and not worth reading whole.
        Err(InputError::TooLarge { .. }) => false,
        Err(InputError::Unreadable(error)) => return Err(write_error(error)),
    };
    if !same {
        let _ = fs::remove_file(&destination);
        return Err(CopyError::Mismatch);
    }
    Ok(CopyReport {
        destination: destination.display().to_string(),
        bytes: size,
        sha256: digest,
        verified: true,
    })
}

/// "backup.p12", then "backup (2).p12" … "backup (99).p12".
fn candidate_names(name: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    let stem = name
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = name
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    std::iter::once(name.to_path_buf())
        .chain((2..=99).map(move |n| PathBuf::from(format!("{stem} ({n}){extension}"))))
}

/// Makes the new name itself durable (Unix; Windows commits names with the file).
fn sync_directory(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_verified_and_never_replaces_a_file() {
        let source_dir = tempfile::tempdir().unwrap();
        let dest = tempfile::tempdir().unwrap();
        let source = source_dir.path().join("電子証明書.p12");
        fs::write(&source, b"backup bytes").unwrap();
        fs::write(dest.path().join("電子証明書.p12"), b"an older backup").unwrap();

        let report = copy_verified(&source, dest.path()).unwrap();
        assert!(report.verified);
        assert!(
            report.destination.ends_with("電子証明書 (2).p12"),
            "{}",
            report.destination
        );
        assert_eq!(
            fs::read(dest.path().join("電子証明書.p12")).unwrap(),
            b"an older backup"
        );
        assert_eq!(fs::read(&report.destination).unwrap(), b"backup bytes");
        assert_eq!(report.sha256, sha256_hex(b"backup bytes"));
        let leftovers: Vec<_> = fs::read_dir(dest.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".onshi-copy-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_missing_source_or_destination_is_said_plainly() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            copy_verified(&dir.path().join("none.p12"), dir.path()),
            Err(CopyError::SourceUnreadable(_))
        ));
        let source = dir.path().join("a.p12");
        fs::write(&source, b"x").unwrap();
        assert_eq!(
            copy_verified(&source, &dir.path().join("gone")),
            Err(CopyError::DestinationMissing)
        );
    }

    #[test]
    fn a_file_too_large_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("disk.img");
        // Sparse: the size is there without the bytes, so nothing is written or read.
        fs::File::create(&source)
            .unwrap()
            .set_len(MAX_COPY_BYTES + 1)
            .unwrap();
        assert_eq!(copy_verified(&source, dir.path()), Err(CopyError::TooLarge));
    }
}

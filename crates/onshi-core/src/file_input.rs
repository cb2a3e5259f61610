//! A file a person picked in a dialog or named on the command line (a certificate, a backup): read only
//! up to the limit its kind allows, so that a wrong pick — a disk image, a video, `/dev/zero`, a file
//! still being written — is refused without filling the memory or waiting for it to end.

use crate::error_code::{Coded, ErrorCode};
use std::io::Read;
use std::path::Path;

/// Why a picked file was not taken in.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Larger than its kind allows; each caller words it as its kind (see `CertError::TooLarge`, …).
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: u64 },
    /// Missing, a folder, no permission, a USB stick pulled out while reading.
    #[error("cannot read the file: {0}")]
    Unreadable(#[from] std::io::Error),
}

impl Coded for InputError {
    fn code(&self) -> ErrorCode {
        match self {
            InputError::TooLarge { .. } => ErrorCode::TooLarge,
            InputError::Unreadable(_) => ErrorCode::Unreadable,
        }
    }
}

/// The bytes of `path`, or `TooLarge` when it holds more than `limit` bytes. The size is asked of the
/// opened file before anything is read, so an absurd pick is refused at once; the read itself then stops
/// one byte past the limit, so a file that grows meanwhile, or one whose size the OS does not know (a
/// pipe, a device), cannot slip more than that into memory.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(InputError::TooLarge { limit });
    }
    // The stated size is only a hint for the buffer: it may be 0 (a pipe) or already out of date.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_up_to_the_limit_is_read_whole_and_one_byte_more_is_refused() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(b"0123456789").unwrap();
        assert_eq!(read_file(file.path(), 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_file(file.path(), 9),
            Err(InputError::TooLarge { limit: 9 })
        ));
        assert_eq!(
            read_file(file.path(), 9).unwrap_err().code(),
            ErrorCode::TooLarge
        );
    }

    #[test]
    fn a_file_without_a_known_size_is_cut_at_the_limit() {
        // /dev/zero says it is empty and never ends: only the read's own bound stops it.
        #[cfg(unix)]
        assert!(matches!(
            read_file(Path::new("/dev/zero"), 4096),
            Err(InputError::TooLarge { limit: 4096 })
        ));
    }

    #[test]
    fn a_missing_file_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_file(&dir.path().join("none.p12"), 10).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Unreadable);
    }
}

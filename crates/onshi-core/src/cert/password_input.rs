//! A backup's password as a console, a script or a text file hands it over on standard input
//! (`onshi backup verify --password-stdin`): UTF-8 with or without a byte-order mark (Notepad writes
//! one), UTF-16 with its mark (PowerShell 5's `>` and `Out-File`), and, where the OS has one, the
//! console's legacy code page (CP932 on a Japanese Windows: `echo パスワード| onshi …` in cmd).
//! One line ending (LF or CRLF) ends the password; every other character is kept as typed.

use zeroize::Zeroizing;

/// More than any password; stops a mistaken pipe of a large file early.
pub const MAX_PASSWORD_INPUT_BYTES: usize = 64 * 1024;

/// Why the input is not a password we can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordInputError {
    /// Neither UTF-8, UTF-16 with a byte-order mark, nor this PC's console code page.
    #[error("the password input is not text in a known encoding")]
    NotText,
    #[error("the password input is too long")]
    TooLong,
}

impl crate::error_code::Coded for PasswordInputError {
    fn code(&self) -> crate::error_code::ErrorCode {
        match self {
            PasswordInputError::NotText => crate::error_code::ErrorCode::PasswordNotText,
            PasswordInputError::TooLong => crate::error_code::ErrorCode::PasswordTooLong,
        }
    }
}

/// The password in `bytes` (all that was read from standard input). `legacy` decodes the OS's console
/// code page where there is one (see `platform::decode_console_text`); it is asked only when the bytes
/// are neither marked UTF-16 nor UTF-8.
pub fn decode_password_input(
    bytes: &[u8],
    legacy: impl Fn(&[u8]) -> Option<String>,
) -> Result<Zeroizing<String>, PasswordInputError> {
    if bytes.len() > MAX_PASSWORD_INPUT_BYTES {
        return Err(PasswordInputError::TooLong);
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        std::str::from_utf8(rest).ok().map(str::to_owned)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Some(text.to_owned())
    } else {
        legacy(bytes)
    };
    let text = Zeroizing::new(text.ok_or(PasswordInputError::NotText)?);
    let line = match text.find('\n') {
        Some(end) => text[..end].strip_suffix('\r').unwrap_or(&text[..end]),
        None => &text[..],
    };
    Ok(Zeroizing::new(line.to_owned()))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_legacy(_: &[u8]) -> Option<String> {
        None
    }

    fn decoded(bytes: &[u8]) -> Result<String, PasswordInputError> {
        decode_password_input(bytes, no_legacy).map(|p| p.to_string())
    }

    #[test]
    fn one_line_ending_goes_and_every_other_character_stays() {
        assert_eq!(decoded(b"secret\n").as_deref(), Ok("secret"));
        assert_eq!(decoded(b"secret\r\n").as_deref(), Ok("secret"));
        assert_eq!(decoded(b"secret").as_deref(), Ok("secret"));
        assert_eq!(decoded(b" two words \t\n").as_deref(), Ok(" two words \t"));
        assert_eq!(decoded(b"first\nsecond\n").as_deref(), Ok("first"));
        assert_eq!(decoded(b"a\rb\n").as_deref(), Ok("a\rb"));
        assert_eq!(decoded(b"").as_deref(), Ok(""));
        assert_eq!(decoded(b"\r\n").as_deref(), Ok(""));
    }

    #[test]
    fn utf8_with_and_without_its_mark() {
        let password = "ひみつのパスワード2025";
        assert_eq!(
            decoded(format!("{password}\r\n").as_bytes()).as_deref(),
            Ok(password)
        );
        let mut marked = vec![0xEF, 0xBB, 0xBF];
        marked.extend_from_slice(format!("{password}\r\n").as_bytes());
        assert_eq!(decoded(&marked).as_deref(), Ok(password));
    }

    #[test]
    fn utf16_as_powershell_writes_it() {
        let password = "ひみつのパスワード2025";
        let mut little = vec![0xFF, 0xFE];
        let mut big = vec![0xFE, 0xFF];
        for unit in format!("{password}\r\n").encode_utf16() {
            little.extend(unit.to_le_bytes());
            big.extend(unit.to_be_bytes());
        }
        assert_eq!(decoded(&little).as_deref(), Ok(password));
        assert_eq!(decoded(&big).as_deref(), Ok(password));
        little.push(0x00);
        assert_eq!(decoded(&little), Err(PasswordInputError::NotText));
    }

    #[test]
    fn other_bytes_go_to_the_console_code_page_or_are_refused() {
        // 「ひみつ」 in Shift_JIS (CP932), as cmd on a Japanese Windows pipes it.
        let cp932 = [0x82, 0xD0, 0x82, 0xDD, 0x82, 0xC2, b'\r', b'\n'];
        assert_eq!(decoded(&cp932), Err(PasswordInputError::NotText));
        let legacy = |bytes: &[u8]| (bytes == cp932).then(|| "ひみつ\r\n".to_owned());
        assert_eq!(
            decode_password_input(&cp932, legacy)
                .map(|p| p.to_string())
                .as_deref(),
            Ok("ひみつ")
        );
        assert_eq!(
            decoded(&vec![b'a'; MAX_PASSWORD_INPUT_BYTES + 1]),
            Err(PasswordInputError::TooLong)
        );
    }
}

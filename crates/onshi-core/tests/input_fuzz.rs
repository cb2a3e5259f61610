//! A small fuzz run on stable Rust over the shapes people hand in: PEM mixtures and Base64-only
//! certificates cut and flipped, and password input bytes of every kind (UTF-16 marks, odd lengths,
//! invalid UTF-8). Nothing may panic; every answer is a value or a named error. Runs on both builds.

use crate::util::xorshift;
use onshi_core::cert::{decode_password_input, read_certificates, PasswordInputError};

#[test]
fn pem_mixtures_never_panic() {
    let certificate = include_str!("../src/cert/testdata/name-utf8.pem");
    let ca = include_str!("../src/cert/testdata/ca.pem");
    let base64_only: String = certificate
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let shapes = [
        format!("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n{certificate}{ca}"),
        format!("Bag Attributes\n    friendlyName: 端末\n{ca}\n{certificate}\ntrailer"),
        base64_only,
    ];
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    for shape in &shapes {
        let bytes = shape.as_bytes();
        assert!(read_certificates(bytes).is_ok(), "{shape}");
        for cut in (0..bytes.len()).step_by(5) {
            let _ = read_certificates(&bytes[..cut]);
        }
        for _ in 0..2000 {
            let mut mutated = bytes.to_vec();
            for _ in 0..(1 + next() % 4) {
                let at = (next() as usize) % mutated.len();
                mutated[at] = match next() % 4 {
                    0 => b'-',
                    1 => b'\n',
                    _ => next() as u8,
                };
            }
            let _ = read_certificates(&mutated);
        }
    }
}

#[test]
fn password_input_of_any_bytes_never_panics() {
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    let prefixes: [&[u8]; 4] = [&[], &[0xFF, 0xFE], &[0xFE, 0xFF], &[0xEF, 0xBB, 0xBF]];
    for _ in 0..20_000 {
        let mut bytes = prefixes[(next() % 4) as usize].to_vec();
        let length = (next() % 24) as usize;
        bytes.extend((0..length).map(|_| match next() % 5 {
            0 => b'\n',
            1 => b'\r',
            2 => 0,
            _ => next() as u8,
        }));
        match decode_password_input(&bytes, |_| None) {
            Ok(password) => assert!(!password.contains('\n'), "{bytes:02x?}"),
            Err(error) => assert_eq!(error, PasswordInputError::NotText, "{bytes:02x?}"),
        }
    }
}

//! `onshi backup verify --password-stdin` with the bytes consoles and editors really send: UTF-8 with a
//! BOM and CRLF (Notepad), UTF-16 little-endian with a BOM (PowerShell 5's `>` and `Out-File`), and CP932
//! (cmd on a Japanese Windows, made here by iconv as the console would). The Windows build runs the same
//! tests under Wine with a Japanese locale, where CP932 is the console's code page and must open the
//! backup; on Linux CP932 is not a known encoding and gets a clear message and exit 2, never silence.

use crate::util::{fed, onshi_command};
use onshi_rig::pki::{Pki, Protection, PASSWORD, TERMINAL_DAYS};
use onshi_rig::under_test::testing_windows;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn verify(backup: &std::path::Path, stdin: &[u8]) -> Output {
    fed(
        onshi_command()
            .args(["backup", "verify", "--password-stdin", "--json"])
            .arg(backup)
            // A Japanese Windows: Wine takes the code pages from the locale.
            .env("LC_ALL", "ja_JP.UTF-8")
            .env("LANG", "ja_JP.UTF-8"),
        stdin,
    )
}

fn cp932(text: &str) -> Vec<u8> {
    let mut iconv = Command::new("iconv")
        .args(["-f", "UTF-8", "-t", "CP932"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("iconv runs");
    iconv
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = iconv.wait_with_output().unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn passwords_in_utf8_with_a_bom_and_in_utf16_open_the_backup() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let backup = pki.backup(Protection::Aes256Sha256).unwrap();
    let mut notepad = vec![0xEF, 0xBB, 0xBF];
    notepad.extend_from_slice(format!("{PASSWORD}\r\n").as_bytes());
    let mut powershell = vec![0xFF, 0xFE];
    for unit in format!("{PASSWORD}\r\n").encode_utf16() {
        powershell.extend(unit.to_le_bytes());
    }
    for (what, bytes) in [
        ("UTF-8 with BOM", notepad),
        ("UTF-16LE with BOM", powershell),
    ] {
        let output = verify(&backup, &bytes);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{what}: {stdout}");
        assert!(stdout.contains("\"usable\": true"), "{what}: {stdout}");
    }
    // A space at the end is part of the password: not trimmed away.
    let output = verify(&backup, format!("{PASSWORD} \n").as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("wrong-password"));
}

#[test]
fn a_cp932_password_opens_on_windows_and_is_named_elsewhere() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let backup = pki.backup(Protection::Aes256Sha256).unwrap();
    let mut bytes = cp932(PASSWORD);
    bytes.extend_from_slice(b"\r\n");
    let output = verify(&backup, &bytes);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if testing_windows() {
        assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
        assert!(stdout.contains("\"usable\": true"), "{stdout}");
    } else {
        assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
        assert!(stdout.contains("password-not-text"), "{stdout}");
        assert!(
            stderr.contains("文字として読み取れませんでした"),
            "{stderr}"
        );
    }
    // Bytes that are text in no encoding: a message, never a silent exit.
    let output = verify(&backup, &[0xFF, 0xFE, 0x41]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!output.stderr.is_empty(), "a message is printed");
}

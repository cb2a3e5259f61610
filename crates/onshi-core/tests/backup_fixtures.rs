//! The backup check over real PKCS#12 files made by OpenSSL in every protection Windows and OpenSSL use,
//! and over the bad inputs staff will meet.

use crate::util::xorshift;
use chrono::{Duration, NaiveDate};
use onshi_core::cert::{verify_backup, BackupError, CertStatus};
use onshi_core::time::now_jst;
use onshi_rig::pki::{Exporter, Pki, Protection, FRIENDLY_NAME, PASSWORD, TERMINAL_DAYS};
use std::fs;
use std::process::Command;

fn today() -> NaiveDate {
    now_jst().date_naive()
}

#[test]
fn every_protection_opens_and_proves_the_key_matches() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let cases = [
        (Protection::Aes256Sha256, "AES-256-CBC (PBES2), MAC SHA-256"),
        (
            Protection::LegacyRc2,
            "RC2-40 (SHA-1) + 3DES (SHA-1), MAC SHA-1",
        ),
        (Protection::TripleDesSha1, "3DES (SHA-1), MAC SHA-1"),
        (Protection::Aes256NoMac, "AES-256-CBC (PBES2)"),
    ];
    for (protection, encryption) in cases {
        let bytes = fs::read(pki.backup(protection).unwrap()).unwrap();
        let report = verify_backup(&bytes, PASSWORD, today())
            .unwrap_or_else(|e| panic!("{protection:?}: {e}"));
        assert!(report.usable, "{protection:?}: {:?}", report.problems);
        assert!(
            report.has_private_key && report.key_matches_certificate,
            "{protection:?}"
        );
        let cert = report.certificate.as_ref().unwrap();
        assert!(cert.subject.contains("1312345678-PC01"), "{}", cert.subject);
        assert!(cert.issuer.contains("Onshi Test CA"));
        assert_eq!(cert.expiry.status, CertStatus::Valid);
        assert_eq!(
            report.friendly_name.as_deref(),
            Some("オンライン資格確認端末")
        );
        assert_eq!(report.chain.len(), 1, "the CA travels with it");
        assert_eq!(
            report.encryption.as_deref(),
            Some(encryption),
            "{protection:?}"
        );
    }
}

/// Whether OpenSSL itself opens the file with the password: the bar the check must meet.
fn openssl_opens(path: &std::path::Path) -> bool {
    Command::new("openssl")
        .args([
            "pkcs12",
            "-info",
            "-noout",
            "-legacy",
            "-passin",
            "env:ONSHI_P12_PASSWORD",
            "-in",
        ])
        .arg(path)
        .env("ONSHI_P12_PASSWORD", PASSWORD)
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn backups_written_by_every_common_tool_open_as_openssl_opens_them() {
    // tool × encryption × verdict: every file OpenSSL opens with the password is a usable backup here.
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let table = [
        (
            Exporter::Nss,
            "AES-256-CBC (PBES2) + AES-128-CBC (PBES2), MAC SHA-256",
        ),
        (
            Exporter::NssLegacy,
            "3DES (SHA-1) + RC2-40 (SHA-1), MAC SHA-256",
        ),
        (Exporter::GnuTls, "AES-128-CBC (PBES2), MAC SHA-256"),
        (Exporter::GnuTlsTripleDes, "3DES (SHA-1), MAC SHA-256"),
    ];
    for (exporter, encryption) in table {
        let path = pki.backup_by(exporter).unwrap();
        assert!(openssl_opens(&path), "{exporter:?}: OpenSSL opens it");
        let bytes = fs::read(&path).unwrap();
        let report = verify_backup(&bytes, PASSWORD, today())
            .unwrap_or_else(|e| panic!("{exporter:?}: {e}"));
        assert!(report.usable, "{exporter:?}: {:?}", report.problems);
        assert!(report.key_matches_certificate, "{exporter:?}");
        assert_eq!(
            report.encryption.as_deref(),
            Some(encryption),
            "{exporter:?}"
        );
        assert_eq!(
            report.friendly_name.as_deref(),
            Some(FRIENDLY_NAME),
            "{exporter:?}"
        );
        assert!(report.certificate.unwrap().subject.contains("テスト医院"));
        assert_eq!(
            verify_backup(&bytes, "ひみつのパスワード2025", today()),
            Err(BackupError::WrongPassword),
            "{exporter:?}: a wrong password stays a wrong password"
        );
    }
    // pk12util writes BER (indefinite lengths): the reason this table exists.
    let nss = fs::read(pki.backup_by(Exporter::Nss).unwrap()).unwrap();
    assert_eq!(&nss[..2], [0x30, 0x80]);
}

#[test]
fn elliptic_curve_keys_are_matched_too() {
    let pki = Pki::new(TERMINAL_DAYS, true).unwrap();
    let report = verify_backup(
        &fs::read(pki.backup(Protection::Aes256Sha256).unwrap()).unwrap(),
        PASSWORD,
        today(),
    )
    .unwrap();
    assert!(
        report.usable && report.key_matches_certificate,
        "{:?}",
        report.problems
    );
}

#[test]
fn a_wrong_password_is_told_apart_from_a_damaged_file_and_a_foreign_one() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let bytes = fs::read(pki.backup(Protection::Aes256Sha256).unwrap()).unwrap();
    assert_eq!(
        verify_backup(&bytes, "ひみつのパスワード2025", today()),
        Err(BackupError::WrongPassword)
    );
    assert_eq!(
        verify_backup(&bytes, "", today()),
        Err(BackupError::WrongPassword)
    );

    let truncated = &bytes[..bytes.len() / 2];
    assert!(matches!(
        verify_backup(truncated, PASSWORD, today()),
        Err(BackupError::Damaged(_))
    ));

    let certificate_pem = fs::read(pki.path("terminal.pem")).unwrap();
    assert_eq!(
        verify_backup(&certificate_pem, PASSWORD, today()),
        Err(BackupError::NotPkcs12)
    );
    let certificate_der = fs::read(pki.path("terminal.der")).unwrap();
    assert_eq!(
        verify_backup(&certificate_der, PASSWORD, today()),
        Err(BackupError::NotPkcs12)
    );

    let camellia = fs::read(pki.backup(Protection::Camellia).unwrap()).unwrap();
    assert!(
        matches!(
            verify_backup(&camellia, PASSWORD, today()),
            Err(BackupError::Unsupported(_))
        ),
        "{:?}",
        verify_backup(&camellia, PASSWORD, today())
    );
}

#[test]
fn a_backup_that_cannot_restore_the_terminal_says_why() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let codes = |path| {
        let report = verify_backup(&fs::read(path).unwrap(), PASSWORD, today()).unwrap();
        assert!(!report.usable);
        report
            .problems
            .iter()
            // As the CLI and the screens receive them.
            .map(|p| serde_json::to_value(p.code).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(pki.backup_without_key().unwrap()), ["no-private-key"]);
    assert_eq!(
        codes(pki.backup_with_wrong_key().unwrap()),
        ["key-mismatch"]
    );

    let good = fs::read(pki.backup(Protection::Aes256Sha256).unwrap()).unwrap();
    let later = today() + Duration::days(i64::from(TERMINAL_DAYS) + 1);
    let expired = verify_backup(&good, PASSWORD, later).unwrap();
    assert!(!expired.usable);
    assert_eq!(
        serde_json::to_value(expired.problems[0].code).unwrap(),
        "expired"
    );
    assert!(expired.problems[0]
        .message
        .ja
        .contains("有効期限が切れています"));
    assert_eq!(
        expired.verdict.code,
        onshi_core::verdict::VerdictCode::BackupNotUsable,
        "a backup that cannot restore is red"
    );
}

#[test]
fn no_input_makes_the_check_panic() {
    // A small fuzz run on stable Rust: every truncation and thousands of byte flips of real files.
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    let files = [
        (pki.backup(Protection::Aes256Sha256).unwrap(), 1500),
        (pki.backup(Protection::LegacyRc2).unwrap(), 1500),
        (pki.backup(Protection::Aes256NoMac).unwrap(), 1500),
        // BER, as pk12util writes it; its 600,000-iteration MAC makes each try slow, so fewer tries.
        (pki.backup_by(Exporter::Nss).unwrap(), 60),
    ];
    for (path, tries) in files {
        let bytes = fs::read(&path).unwrap();
        for cut in (0..bytes.len()).step_by(7) {
            let _ = verify_backup(&bytes[..cut], PASSWORD, today());
        }
        for _ in 0..tries {
            let mut mutated = bytes.clone();
            for _ in 0..(1 + next() % 4) {
                let at = (next() as usize) % mutated.len();
                mutated[at] ^= (next() % 255 + 1) as u8;
            }
            let _ = verify_backup(&mutated, PASSWORD, today());
        }
        // Bytes after the structure, as some Windows exports carry: ignored, whatever they are.
        for _ in 0..(tries / 20).max(3) {
            let mut padded = bytes.clone();
            padded.extend((0..(next() % 64)).map(|_| next() as u8));
            let report = verify_backup(&padded, PASSWORD, today())
                .unwrap_or_else(|e| panic!("{} with bytes after it: {e}", path.display()));
            assert!(report.usable, "{:?}", report.problems);
        }
    }
}

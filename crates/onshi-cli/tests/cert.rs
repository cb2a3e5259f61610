//! `onshi cert inspect`, `onshi backup verify` and `onshi backup copy` over OpenSSL-made fixtures, with the
//! exit codes and JSON fields of docs/CLI.md.

use crate::util::{onshi, onshi_fed, with_json};
use chrono::Duration;
use onshi_rig::pki::{Exporter, Pki, Protection, PASSWORD, TERMINAL_DAYS};
use onshi_rig::under_test::host_path;
use std::path::Path;
use std::process::Command;

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A date counted from today in Japan, as onshi counts it (the machine may be on UTC).
fn date_in(days: i64) -> String {
    (onshi_core::time::now_jst().date_naive() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn cert_inspect_reads_pem_and_der_and_evaluates_any_day() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    for file in ["terminal.pem", "terminal.der"] {
        let (output, doc) = with_json(onshi(&["cert", "inspect", path(&pki.path(file)), "--json"]));
        assert_eq!(output.status.code(), Some(0), "{file}");
        for field in [
            "subject",
            "issuer",
            "serial",
            "not_before",
            "not_after",
            "days_left",
            "status",
            "renewal_opens",
        ] {
            assert!(doc.get(field).is_some(), "{field} missing: {doc}");
        }
        assert_eq!(doc["status"], "valid");
    }
    let file = pki.path("terminal.pem");
    let (output, doc) = with_json(onshi(&[
        "cert",
        "inspect",
        path(&file),
        "--json",
        "--at",
        &date_in(i64::from(TERMINAL_DAYS) - 30),
    ]));
    assert_eq!(
        (output.status.code(), doc["status"].as_str()),
        (Some(0), Some("renewal-window"))
    );
    let (output, doc) = with_json(onshi(&[
        "cert",
        "inspect",
        path(&file),
        "--json",
        "--at",
        &date_in(i64::from(TERMINAL_DAYS) + 2),
    ]));
    assert_eq!(
        (output.status.code(), doc["status"].as_str()),
        (Some(1), Some("expired"))
    );
    let (output, doc) = with_json(onshi(&[
        "cert",
        "inspect",
        path(&file),
        "--json",
        "--at",
        &date_in(-5),
    ]));
    assert_eq!(
        (output.status.code(), doc["status"].as_str()),
        (Some(1), Some("not-yet-valid"))
    );
    let output = onshi(&["cert", "inspect", path(&file)]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("有効です。"));

    let (output, doc) = with_json(onshi(&[
        "cert",
        "inspect",
        path(&pki.path("terminal.key")),
        "--json",
    ]));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(doc["error"], "not-a-certificate");

    // The backup, given where the certificate was expected: named so, with the command to use instead.
    let backup = pki.backup(Protection::Aes256Sha256).unwrap();
    let (output, doc) = with_json(onshi(&["cert", "inspect", path(&backup), "--json"]));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(doc["error"], "is-a-backup");
    assert!(doc["message"]
        .as_str()
        .unwrap()
        .contains("onshi backup verify"));
    let output = onshi(&["cert", "inspect", path(&backup)]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("電子証明書のバックアップ（.p12 / .pfx）です"),
        "{message}"
    );
}

#[test]
fn backup_verify_opens_what_pk12util_and_certtool_write() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let stdin = format!("{PASSWORD}\n");
    for exporter in [
        Exporter::Nss,
        Exporter::NssLegacy,
        Exporter::GnuTls,
        Exporter::GnuTlsTripleDes,
    ] {
        let file = pki.backup_by(exporter).unwrap();
        let args = [
            "backup",
            "verify",
            path(&file),
            "--password-stdin",
            "--json",
        ];
        let (output, doc) = with_json(onshi_fed(&args, stdin.as_bytes()));
        assert_eq!(output.status.code(), Some(0), "{exporter:?}: {doc}");
        assert_eq!(doc["usable"], true, "{exporter:?}");
        let (output, doc) = with_json(onshi_fed(&args, "ちがうパスワード\n".as_bytes()));
        assert_eq!(
            (output.status.code(), doc["error"].as_str()),
            (Some(2), Some("wrong-password")),
            "{exporter:?}"
        );
    }
}

#[test]
fn backup_verify_answers_every_fixture_with_the_right_exit_code() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let stdin = format!("{PASSWORD}\n");
    for protection in [
        Protection::Aes256Sha256,
        Protection::LegacyRc2,
        Protection::TripleDesSha1,
        Protection::Aes256NoMac,
    ] {
        let file = pki.backup(protection).unwrap();
        let (output, doc) = with_json(onshi_fed(
            &[
                "backup",
                "verify",
                path(&file),
                "--password-stdin",
                "--json",
            ],
            stdin.as_bytes(),
        ));
        assert_eq!(output.status.code(), Some(0), "{protection:?}: {doc}");
        assert_eq!(doc["usable"], true);
        assert_eq!(doc["key_matches_certificate"], true);
        assert_eq!(doc["has_private_key"], true);
        assert_eq!(doc["certificate"]["status"], "valid");
        assert!(doc["problems"].as_array().unwrap().is_empty());
        assert!(doc["encryption"].is_string());
    }
    let good = pki.backup(Protection::Aes256Sha256).unwrap();
    let (output, doc) = with_json(onshi_fed(
        &[
            "backup",
            "verify",
            path(&good),
            "--password-stdin",
            "--json",
        ],
        "まちがい\r\n".as_bytes(),
    ));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(doc["error"], "wrong-password");
    assert!(String::from_utf8_lossy(&output.stderr).contains("パスワードが違います"));

    let (output, doc) = with_json(onshi_fed(
        &[
            "backup",
            "verify",
            path(&pki.path("terminal.pem")),
            "--password-stdin",
            "--json",
        ],
        stdin.as_bytes(),
    ));
    assert_eq!(
        (output.status.code(), doc["error"].as_str()),
        (Some(2), Some("not-pkcs12"))
    );

    let camellia = pki.backup(Protection::Camellia).unwrap();
    let (output, doc) = with_json(onshi_fed(
        &[
            "backup",
            "verify",
            path(&camellia),
            "--password-stdin",
            "--json",
        ],
        stdin.as_bytes(),
    ));
    assert_eq!(
        (output.status.code(), doc["error"].as_str()),
        (Some(2), Some("unsupported"))
    );

    let damaged = pki.path("damaged.p12");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() - 200]).unwrap();
    let (output, doc) = with_json(onshi_fed(
        &[
            "backup",
            "verify",
            path(&damaged),
            "--password-stdin",
            "--json",
        ],
        stdin.as_bytes(),
    ));
    assert_eq!(
        (output.status.code(), doc["error"].as_str()),
        (Some(2), Some("damaged"))
    );

    let (output, doc) = with_json(onshi_fed(
        &[
            "backup",
            "verify",
            path(&pki.backup_without_key().unwrap()),
            "--password-stdin",
            "--json",
        ],
        stdin.as_bytes(),
    ));
    assert_eq!(
        (output.status.code(), doc["usable"].as_bool()),
        (Some(1), Some(false))
    );
    assert_eq!(doc["problems"][0]["code"], "no-private-key");

    let later = date_in(i64::from(TERMINAL_DAYS) + 10);
    let (output, doc) = with_json(onshi_fed(
        &[
            "backup",
            "verify",
            path(&good),
            "--password-stdin",
            "--json",
            "--at",
            &later,
        ],
        stdin.as_bytes(),
    ));
    assert_eq!(
        (output.status.code(), doc["problems"][0]["code"].as_str()),
        (Some(1), Some("expired"))
    );
}

#[test]
fn backup_copy_verifies_and_never_overwrites() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let file = pki.backup(Protection::Aes256Sha256).unwrap();
    let usb = tempfile::tempdir().unwrap();
    let (output, first) = with_json(onshi(&[
        "backup",
        "copy",
        path(&file),
        path(usb.path()),
        "--json",
    ]));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(first["verified"], true);
    let (_, second) = with_json(onshi(&[
        "backup",
        "copy",
        path(&file),
        path(usb.path()),
        "--json",
    ]));
    assert_ne!(first["destination"], second["destination"]);
    assert!(second["destination"]
        .as_str()
        .unwrap()
        .ends_with("Aes256Sha256 (2).p12"));
    assert_eq!(
        std::fs::read(host_path(first["destination"].as_str().unwrap())).unwrap(),
        std::fs::read(&file).unwrap()
    );

    let (output, doc) = with_json(onshi(&[
        "backup",
        "copy",
        path(&file),
        path(&usb.path().join("unplugged")),
        "--json",
    ]));
    assert_eq!(
        (output.status.code(), doc["error"].as_str()),
        (Some(2), Some("destination-missing"))
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("USBメモリが差し込まれているか"));
}

#[test]
fn a_full_disk_leaves_no_half_file_and_says_so() {
    assert!(
        std::env::var_os("ONSHI_RIG_NAMESPACE").is_some(),
        "mounts a small tmpfs: run through scripts/rig-namespace.sh"
    );
    let usb = tempfile::tempdir().unwrap();
    let status = Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            "size=32k",
            "onshi-full-usb",
            path(usb.path()),
        ])
        .status()
        .unwrap();
    assert!(status.success(), "mount a 32 KiB tmpfs");
    let source_dir = tempfile::tempdir().unwrap();
    let big = source_dir.path().join("backup.p12");
    std::fs::write(&big, vec![0x42; 256 * 1024]).unwrap();
    let (output, doc) = with_json(onshi(&[
        "backup",
        "copy",
        path(&big),
        path(usb.path()),
        "--json",
    ]));
    let leftovers = std::fs::read_dir(usb.path()).unwrap().count();
    let _ = Command::new("umount").arg(usb.path()).status();
    assert_eq!(
        (output.status.code(), doc["error"].as_str()),
        (Some(1), Some("no-space"))
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("空き容量が足りません"));
    assert_eq!(leftovers, 0, "no partial file left on the stick");
}

#[test]
fn succession_gives_the_last_day_from_dates_or_from_the_certificate() {
    let (output, doc) = with_json(onshi(&[
        "succession",
        "--from",
        "2026-04-01",
        "--not-after",
        "2027-06-01",
        "--json",
    ]));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        (doc["last_day"].as_str(), doc["limited_by"].as_str()),
        (Some("2026-07-30"), Some("120-days"))
    );

    // A certificate that expires in 30 days caps the 120 days.
    let pki = Pki::new(30, false).unwrap();
    let today = date_in(0);
    let (output, doc) = with_json(onshi(&[
        "succession",
        "--from",
        &today,
        "--cert",
        path(&pki.path("terminal.pem")),
        "--json",
    ]));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        (doc["last_day"].as_str(), doc["limited_by"].as_str()),
        (Some(date_in(30).as_str()), Some("certificate"))
    );

    let (output, doc) = with_json(onshi(&["succession", "--from", "2026-04-01", "--json"]));
    assert_eq!(
        (output.status.code(), doc["error"].as_str()),
        (Some(2), Some("missing-expiry"))
    );

    // Expired before the change itself: no last day to look forward to, a new issuance instead.
    let expired_before = [
        "succession",
        "--from",
        "2027-06-01",
        "--not-after",
        "2026-01-01",
    ];
    let (output, doc) = with_json(onshi(&[&expired_before[..], &["--json"]].concat()));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(doc["limited_by"], "already-expired");
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("この電子証明書は使えません"), "{message}");
    assert!(message.contains("新規発行を申請してください"), "{message}");
    let output = onshi(&expired_before);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("までです"),
        "no 'may be used until' for a certificate that cannot be used"
    );
    let output = onshi(&[
        "succession",
        "--from",
        "2026-13-01",
        "--not-after",
        "2027-06-01",
    ]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "clap refuses a bad date with exit 2"
    );
}

// The Windows build has these sources: windows_sources.rs proves them there.
mod only_linux {
    use crate::util::{assert_testing_linux_build, onshi, with_json};

    #[test]
    fn the_windows_sources_say_plainly_that_they_need_windows() {
        assert_testing_linux_build();
        for args in [&["mpki", "--json"][..], &["cert", "list", "--json"][..]] {
            let (output, doc) = with_json(onshi(args));
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            assert_eq!(doc["error"], "not-available");
            assert!(String::from_utf8_lossy(&output.stderr)
                .contains("Windowsの資格確認端末でのみ使えます"));
        }
    }
}

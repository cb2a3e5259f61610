//! `onshi mpki` and `onshi cert list` of the Windows build, against Wine's real registry and certificate
//! store: each test writes what an installed MPKI client or an imported terminal certificate leaves
//! behind (with `wine reg add`, as an installer or Windows' import would), then asks `onshi.exe`.
//! The Linux build has neither source, so there these tests are ignored; `npm run test:windows` runs
//! them with `--include-ignored` against the Windows build (onshi_rig::under_test).
#![cfg(target_os = "linux")]

use onshi_rig::pki::{Pki, TERMINAL_DAYS};
use onshi_rig::under_test::{testing_windows, wine};
use serde_json::Value;
use std::process::{Command, Output};

fn onshi(args: &[&str]) -> (Output, Value) {
    assert!(
        testing_windows(),
        "these tests need the Windows build: run them through npm run test:windows"
    );
    let output = onshi_rig::under_test::onshi(env!("CARGO_BIN_EXE_onshi"))
        .args(args)
        .output()
        .expect("onshi.exe runs under wine");
    let doc = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (output, doc)
}

fn reg(args: &[&str]) {
    let output = wine(std::iter::once("reg").chain(args.iter().copied()));
    assert!(
        output.status.success(),
        "wine reg {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

const MPKI_GUID: &str = "{6F1C3C2A-5B0E-4E4B-9C1D-0A0B0C0D0E0F}";

#[test]
#[ignore = "needs the Windows build under Wine: npm run test:windows"]
fn mpki_is_found_under_every_uninstall_key_and_compared_with_the_latest() {
    let (output, doc) = onshi(&["mpki", "--json"]);
    assert_eq!(doc["installed"], false, "nothing installed yet: {doc}");
    assert_eq!(output.status.code(), Some(1));

    // Per machine in the 64-bit view, per machine in the 32-bit view (WOW6432Node), per user.
    for root in [
        r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
        r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
        r"HKCU\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
    ] {
        let key = format!(r"{root}\{MPKI_GUID}");
        reg(&[
            "add",
            &key,
            "/v",
            "DisplayName",
            "/d",
            "Cybertrust Managed PKI Client",
            "/f",
        ]);
        reg(&["add", &key, "/v", "DisplayVersion", "/d", "2.0.9", "/f"]);

        let (output, doc) = onshi(&["mpki", "--latest", "2.0.10", "--json"]);
        assert_eq!(doc["installed"], true, "{key}: {doc}");
        assert_eq!(doc["version"], "2.0.9", "{key}");
        assert_eq!(doc["latest_known"], "2.0.10");
        assert_eq!(doc["up_to_date"], false, "2.0.10 is newer than 2.0.9");
        assert_eq!(output.status.code(), Some(1), "an update is due");

        let (output, doc) = onshi(&["mpki", "--latest", "2.0.9", "--json"]);
        assert_eq!(doc["up_to_date"], true, "{key}: {doc}");
        assert_eq!(output.status.code(), Some(0));

        let text = onshi_rig::under_test::onshi(env!("CARGO_BIN_EXE_onshi"))
            .args(["mpki", "--latest", "2.0.10"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains("MPKIクライアントを最新版にしてください: 2.0.9 → 2.0.10"),
            "{text}"
        );

        reg(&["delete", &key, "/f"]);
    }
}

/// The SHA-1 thumbprint Windows files a certificate under.
fn thumbprint(pem: &std::path::Path) -> String {
    let output = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha1", "-in"])
        .arg(pem)
        .output()
        .unwrap();
    let line = String::from_utf8(output.stdout).unwrap();
    line.trim()
        .rsplit('=')
        .next()
        .unwrap()
        .replace(':', "")
        .to_uppercase()
}

/// The registry value Windows keeps a store's certificate in: serialized properties, of which
/// CERT_CERT_PROP_ID (32) carries the DER certificate (property id, reserved 1, length, bytes).
fn store_blob(der: &[u8]) -> String {
    let mut blob = Vec::new();
    blob.extend_from_slice(&32u32.to_le_bytes());
    blob.extend_from_slice(&1u32.to_le_bytes());
    blob.extend_from_slice(&(der.len() as u32).to_le_bytes());
    blob.extend_from_slice(der);
    blob.iter().map(|b| format!("{b:02X}")).collect()
}

#[test]
#[ignore = "needs the Windows build under Wine: npm run test:windows"]
fn cert_list_finds_the_terminal_certificate_in_the_current_users_store() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let der = std::fs::read(pki.path("terminal.der")).unwrap();
    let key = format!(
        r"HKCU\Software\Microsoft\SystemCertificates\My\Certificates\{}",
        thumbprint(&pki.path("terminal.pem"))
    );
    reg(&[
        "add",
        &key,
        "/v",
        "Blob",
        "/t",
        "REG_BINARY",
        "/d",
        &store_blob(&der),
        "/f",
    ]);

    let (output, listed) = onshi(&["cert", "list", "--json"]);
    let (_, mut inspected) = onshi(&[
        "cert",
        "inspect",
        pki.path("terminal.der").to_str().unwrap(),
        "--json",
    ]);
    reg(&["delete", &key, "/f"]);
    // How many certificates the file held is the file's, not the certificate's.
    let in_file = inspected
        .as_object_mut()
        .unwrap()
        .remove("certificates_in_file");
    assert_eq!(in_file, Some(1.into()));

    assert_eq!(output.status.code(), Some(0), "{listed}");
    let found = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["subject"] == inspected["subject"])
        .unwrap_or_else(|| panic!("{} not in the store listing {listed}", inspected["subject"]));
    assert_eq!(
        found, &inspected,
        "the store and the file are summarised alike"
    );
    assert!(found["subject"].as_str().unwrap().contains("テスト医院"));
    assert_eq!(found["status"], "valid");
}

//! `onshi backup verify` over PKCS#12 files written by other projects' test suites (Go, .NET — several
//! made on Windows —, Bouncy Castle, node-forge, rust-openssl, RFC 9579), each against OpenSSL's own
//! verdict with the same password, computed here at test time: OpenSSL is the oracle, not a table we
//! wrote. The files are read from shared/ beside the clone (`../shared/testdata/pkcs12-public/`, or
//! `/shared/…` inside the Windows chroot); they are never copied into the repository, so the tests are
//! `needs_shared` (util::shared_testdata).
//!
//! Per file: where OpenSSL opens it, onshi opens it too, with as many certificates, a private key where
//! OpenSSL found one, and "the key matches the certificate" exactly where OpenSSL's public keys match;
//! where OpenSSL refuses it, onshi does not call it usable. The same with a wrong password. An empty
//! password is noted as `no-password`, bytes after the structure as `trailing-bytes`.

use crate::util::{fed, json_or_null, onshi_command};
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// OpenSSL's answer for a file and password: None if it refuses, else the public keys (PEM) of its
/// certificates and of its private keys.
struct OpenSslView {
    cert_keys: Vec<String>,
    private_keys: Vec<String>,
}

fn openssl(args: &[&str], input: &[u8], password: &str) -> Option<Vec<u8>> {
    let mut child = Command::new("openssl")
        .args(args)
        .env("ONSHI_P12_PASSWORD", password)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    out.status.success().then_some(out.stdout)
}

fn pem_blocks(text: &str, label: &str) -> Vec<String> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    text.split(&begin)
        .skip(1)
        .filter_map(|rest| rest.split(&end).next())
        .map(|body| format!("{begin}{body}{end}\n"))
        .collect()
}

fn openssl_view(path: &Path, password: &str) -> Option<OpenSslView> {
    let file = path.to_str().unwrap();
    let pem = openssl(
        &[
            "pkcs12",
            "-in",
            file,
            "-nodes",
            "-legacy",
            "-passin",
            "env:ONSHI_P12_PASSWORD",
        ],
        b"",
        password,
    )?;
    let pem = String::from_utf8_lossy(&pem);
    let public = |args: &[&str], block: &str| {
        openssl(args, block.as_bytes(), "").map(|out| String::from_utf8_lossy(&out).into_owned())
    };
    Some(OpenSslView {
        cert_keys: pem_blocks(&pem, "CERTIFICATE")
            .iter()
            .map(|cert| public(&["x509", "-pubkey", "-noout"], cert).unwrap_or_default())
            .collect(),
        private_keys: pem_blocks(&pem, "PRIVATE KEY")
            .iter()
            .map(|key| public(&["pkey", "-pubout"], key).unwrap_or_default())
            .collect(),
    })
}

fn onshi_verify(path: &Path, password: &str) -> (Option<i32>, Value) {
    let out = fed(
        onshi_command()
            .args(["backup", "verify", "--password-stdin", "--json"])
            .arg(path),
        format!("{password}\n").as_bytes(),
    );
    // Leniently: where OpenSSL refuses a file, whatever onshi prints must not call it usable.
    (out.status.code(), json_or_null(&out))
}

fn codes(doc: &Value, field: &str) -> BTreeSet<String> {
    doc[field]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["code"].as_str().map(str::to_owned))
        .collect()
}

/// Bytes after the outer SEQUENCE, read from its header as OpenSSL's asn1parse shows it.
fn trailing_bytes(bytes: &[u8]) -> usize {
    match bytes.get(1) {
        Some(0x80) | None => 0, // indefinite length: nothing to compare here
        Some(&n) if n < 0x80 => bytes.len().saturating_sub(2 + usize::from(n)),
        Some(&n) => {
            let count = usize::from(n & 0x7F);
            let length = bytes[2..2 + count]
                .iter()
                .fold(0, |l, b| (l << 8) | usize::from(*b));
            bytes.len().saturating_sub(2 + count + length)
        }
    }
}

/// Compares one file and password; returns what disagrees, if anything.
fn disagreement(path: &Path, password: &str) -> Option<String> {
    let name = path.file_name().unwrap().to_string_lossy();
    let reference = openssl_view(path, password);
    let (exit, doc) = onshi_verify(path, password);
    let Some(reference) = reference else {
        // OpenSSL refuses it: onshi must not call it a usable backup.
        return (doc["usable"] == true)
            .then(|| format!("{name} ({password:?}): OpenSSL refuses, onshi says usable: {doc}"));
    };
    if doc.get("error").is_some() || !matches!(exit, Some(0 | 1)) {
        return Some(format!(
            "{name} ({password:?}): OpenSSL opens it, onshi answered {exit:?} {doc}"
        ));
    }
    let mut wrong = Vec::new();
    let certificates = usize::from(!doc["certificate"].is_null())
        + doc["chain"].as_array().map_or(0, Vec::len)
        + doc["older_certificates"].as_array().map_or(0, Vec::len);
    if certificates != reference.cert_keys.len() {
        wrong.push(format!(
            "{certificates} certificates, OpenSSL {}",
            reference.cert_keys.len()
        ));
    }
    if doc["has_private_key"] != !reference.private_keys.is_empty() {
        wrong.push(format!(
            "has_private_key {}, OpenSSL found {} keys",
            doc["has_private_key"],
            reference.private_keys.len()
        ));
    }
    let first_key_matches = reference
        .private_keys
        .first()
        .is_some_and(|key| !key.is_empty() && reference.cert_keys.contains(key));
    if doc["key_matches_certificate"] != first_key_matches {
        wrong.push(format!(
            "key_matches_certificate {}, OpenSSL {first_key_matches}",
            doc["key_matches_certificate"]
        ));
    }
    let notes = codes(&doc, "notes");
    if password.is_empty() != notes.contains("no-password") {
        wrong.push(format!("notes {notes:?} for password {password:?}"));
    }
    let trailing = trailing_bytes(&std::fs::read(path).unwrap()) > 0;
    if trailing != notes.contains("trailing-bytes") {
        wrong.push(format!("notes {notes:?}, trailing bytes: {trailing}"));
    }
    (!wrong.is_empty()).then(|| format!("{name} ({password:?}): {}", wrong.join("; ")))
}

mod needs_shared {
    use super::*;
    use crate::util::shared_testdata;

    #[test]
    fn every_public_file_gets_openssls_verdict() {
        let Some(dir) = shared_testdata("pkcs12-public") else {
            return;
        };
        let manifest: Value =
            serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
        let entries = manifest.as_array().unwrap();
        assert!(
            entries.len() >= 30,
            "the manifest lists {} files",
            entries.len()
        );
        let mut failures = Vec::new();
        for entry in entries {
            let path = dir.join(entry["file"].as_str().unwrap());
            let password = entry["password"].as_str().unwrap();
            failures.extend(disagreement(&path, password));
            failures.extend(disagreement(&path, "not-the-password-1"));
        }
        assert!(
            failures.is_empty(),
            "{} disagreements with OpenSSL:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn the_files_that_showed_the_faults_answer_as_openssl_does() {
        let Some(dir) = shared_testdata("pkcs12-public") else {
            return;
        };
        // Written with an empty password in the encoding Windows and .NET use (no bytes at all).
        for file in [
            "go-windows-azure-tools.pfx",
            "bc-repeatedLocalKeyIdPfx.p12",
            "dotnet-DummyTcpServer.pfx",
        ] {
            let (exit, doc) = onshi_verify(&dir.join(file), "");
            assert!(
                doc.get("error").is_none() && matches!(exit, Some(0 | 1)),
                "{file}: {exit:?} {doc}"
            );
            assert!(
                codes(&doc, "notes").contains("no-password"),
                "{file}: {doc}"
            );
            assert_eq!(doc["key_matches_certificate"], true, "{file}: {doc}");
        }
        // Eight zero bytes after the structure: opened, noted; a wrong password is still "wrong password".
        for (file, password) in [
            (
                "dotnet-testservereku.contoso.com.noRC2.pfx",
                "testcertificate",
            ),
            (
                "dotnet-TestDataCertificates-testservereku.contoso.com.pfx",
                "PLACEHOLDER",
            ),
        ] {
            let path = dir.join(file);
            let (_, doc) = onshi_verify(&path, password);
            assert!(
                codes(&doc, "notes").contains("trailing-bytes"),
                "{file}: {doc}"
            );
            let (exit, doc) = onshi_verify(&path, "wrong");
            assert_eq!(
                (exit, doc["error"].as_str()),
                (Some(2), Some("wrong-password")),
                "{file}: {doc}"
            );
        }
        // PBMAC1 (RFC 9579, OpenSSL 3.4 and later): the valid example opens with its key; the examples that
        // are invalid on purpose do not (a wrong salt is a MAC that does not match; a missing key length is
        // a damaged file).
        let (_, doc) = onshi_verify(&dir.join("rfc9579-a1.p12"), "1234");
        assert_eq!(doc["key_matches_certificate"], true, "{doc}");
        let (_, doc) = onshi_verify(&dir.join("rfc9579-a5.p12"), "1234");
        assert_eq!(doc["error"], "wrong-password", "{doc}");
        let (_, doc) = onshi_verify(&dir.join("rfc9579-a6.p12"), "1234");
        assert_eq!(doc["error"], "damaged", "{doc}");
    }
}

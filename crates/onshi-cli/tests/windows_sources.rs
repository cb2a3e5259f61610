//! `onshi mpki` and `onshi cert list` of the Windows build, against Wine's real registry and certificate
//! store: each test writes what an installed MPKI client or an imported terminal certificate leaves
//! behind (with `wine reg add`, as an installer or Windows' import would), then asks `onshi.exe`.
//! The Linux build has neither source (cert.rs proves it says so), so these tests are `only_windows`:
//! `npm run test:windows` runs them against the Windows build (onshi_rig::under_test).

use crate::util::{onshi, repository};
use onshi_rig::under_test::wine;
use std::path::{Path, PathBuf};
use std::process::Command;

fn reg(args: &[&str]) {
    let output = wine(std::iter::once("reg").chain(args.iter().copied()));
    assert!(
        output.status.success(),
        "wine reg {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

const MPKI_GUID: &str = "{6F1C3C2A-5B0E-4E4B-9C1D-0A0B0C0D0E0F}";

mod only_windows {
    use super::*;
    use crate::util::{assert_testing_windows_build, with_json};
    use onshi_rig::pki::{Pki, TERMINAL_DAYS};

    #[test]
    fn mpki_is_found_under_every_uninstall_key_and_compared_with_the_latest() {
        assert_testing_windows_build();
        let (output, doc) = with_json(onshi(&["mpki", "--json"]));
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

            let (output, doc) = with_json(onshi(&["mpki", "--latest", "2.0.10", "--json"]));
            assert_eq!(doc["installed"], true, "{key}: {doc}");
            assert_eq!(doc["version"], "2.0.9", "{key}");
            assert_eq!(doc["latest_known"], "2.0.10");
            assert_eq!(doc["up_to_date"], false, "2.0.10 is newer than 2.0.9");
            assert_eq!(output.status.code(), Some(1), "an update is due");

            let (output, doc) = with_json(onshi(&["mpki", "--latest", "2.0.9", "--json"]));
            assert_eq!(doc["up_to_date"], true, "{key}: {doc}");
            assert_eq!(output.status.code(), Some(0));

            let text = onshi(&["mpki", "--latest", "2.0.10"]);
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(
                text.contains("MPKIクライアントを最新版にしてください：2.0.9 → 2.0.10"),
                "{text}"
            );

            reg(&["delete", &key, "/f"]);
        }
    }

    /// Builds tests/windows/store-add.c with mingw-w64 (in the Windows chroot) once, into a temporary folder.
    fn store_add_helper(dir: &Path) -> PathBuf {
        let source = repository().join("tests/windows/store-add.c");
        let exe = dir.join("store-add.exe");
        let status = Command::new("x86_64-w64-mingw32-gcc")
            .arg("-O1")
            .arg("-o")
            .arg(&exe)
            .arg(&source)
            .arg("-lcrypt32")
            .status()
            .expect("mingw-w64 (the Windows chroot has it)");
        assert!(status.success(), "store-add.c did not build");
        exe
    }

    /// Puts `der` into the current user's store through crypt32 (the helper), with or without key
    /// provider information; returns the registry key Wine keeps it under, for the clean-up.
    fn store_add(helper: &Path, der: &Path, with_key: bool) -> String {
        let output = wine([
            helper.as_os_str(),
            der.as_os_str(),
            std::ffi::OsStr::new(if with_key { "with-key" } else { "without-key" }),
        ]);
        assert!(
            output.status.success(),
            "store-add: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bytes = std::fs::read(der).unwrap();
        format!(
            r"HKCU\Software\Microsoft\SystemCertificates\My\Certificates\{}",
            onshi_core::cert::in_use::thumbprint(&bytes)
        )
    }

    #[test]
    fn cert_list_picks_the_terminal_certificate_for_a_reason_and_names_the_others() {
        assert_testing_windows_build();
        // After a renewal: the old and the new certificate of one terminal, a newer one whose private key
        // never arrived (a renewal stopped half-way), and another service's certificate that expires last.
        let old = Pki::new(400, false).unwrap();
        let new = Pki::new(TERMINAL_DAYS, false).unwrap();
        let keyless = Pki::new(TERMINAL_DAYS + 200, false).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let foreign = dir.path().join("server.der");
        // Another service's certificate: server authentication only, not a CA (made in two steps, so that
        // openssl.cnf's CA extensions for `req -x509` stay out of it).
        let openssl = |args: &[&str]| {
            let made = Command::new("openssl")
                .current_dir(dir.path())
                .args(args)
                .output()
                .unwrap();
            assert!(
                made.status.success(),
                "{}",
                String::from_utf8_lossy(&made.stderr)
            );
        };
        std::fs::write(
            dir.path().join("server.ext"),
            "extendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        openssl(&[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=Other Service",
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-signkey",
            "server.key",
            "-days",
            "4000",
            "-extfile",
            "server.ext",
            "-outform",
            "DER",
            "-out",
            "server.der",
        ]);
        let helper = store_add_helper(dir.path());
        let keys = [
            store_add(&helper, &old.path("terminal.der"), true),
            store_add(&helper, &new.path("terminal.der"), true),
            store_add(&helper, &keyless.path("terminal.der"), false),
            store_add(&helper, &foreign, true),
        ];

        let (output, listed) = with_json(onshi(&["cert", "list", "--json"]));
        // For people: its standard output as text.
        let text = String::from_utf8_lossy(&onshi(&["cert", "list"]).stdout).into_owned();
        let (_, inspected) = with_json(onshi(&[
            "cert",
            "inspect",
            new.path("terminal.der").to_str().unwrap(),
            "--json",
        ]));
        for key in &keys {
            reg(&["delete", key, "/f"]);
        }

        assert_eq!(output.status.code(), Some(0), "{listed}");
        let roles: Vec<(&str, &str)> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["not_after"].as_str().unwrap(),
                    c["role"].as_str().unwrap(),
                )
            })
            .collect();
        let role_of = |pki: &Pki| {
            let print = onshi_core::cert::in_use::thumbprint(
                &std::fs::read(pki.path("terminal.der")).unwrap(),
            );
            listed
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["thumbprint"] == print.as_str())
                .map(|c| c["role"].clone())
        };
        assert_eq!(role_of(&new), Some("in-use".into()), "{roles:?}");
        assert_eq!(role_of(&old), Some("older".into()), "{roles:?}");
        assert_eq!(
            role_of(&keyless),
            Some("no-private-key".into()),
            "{roles:?}"
        );
        assert!(
            roles.iter().any(|(_, role)| *role == "other-purpose"),
            "{roles:?}"
        );
        // The one in use comes first and is summarised as the file is.
        let first = &listed[0];
        for field in ["subject", "issuer", "serial", "not_after", "status"] {
            assert_eq!(first[field], inspected[field], "{field}");
        }
        assert!(first["subject"].as_str().unwrap().contains("テスト医院"));
        assert!(
            text.contains("更新前の古い電子証明書（削除できます）"),
            "{text}"
        );
        assert!(
            text.contains("秘密鍵がありません（更新が途中で止まった可能性）"),
            "{text}"
        );
        assert!(text.contains("別の用途の証明書"), "{text}");
    }
}

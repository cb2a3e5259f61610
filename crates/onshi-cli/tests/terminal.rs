//! `onshi check` and the terminal around the reader: each area's verdict as the rig's PC shows it — on
//! Linux the adapters (the rig's namespace has one with a global IPv6 prefix) and the clock (Japan time),
//! the Windows-only parts said not to apply; under Wine, a prefix set up as the usual terminal
//! (scripts/windows/terminal-fixture.sh) and then broken one way at a time, as bad mornings break it.
//! And the promise that the checks never open a network socket (strace).

use crate::util::{json, onshi};
use onshi_rig::pki::{Pki, TERMINAL_DAYS};
use onshi_rig::under_test::testing_windows;
use onshi_rig::{Rig, DEFAULT_READERS};
use serde_json::Value;

/// `onshi check --json` with a valid certificate, so that only the terminal's areas vary.
fn check(pki: &Pki) -> (Option<i32>, Value) {
    let file = pki.path("terminal.pem");
    let output = onshi(&["check", "--json", "--cert", file.to_str().unwrap()]);
    (output.status.code(), json(&output))
}

/// The terminal area named `area` of a check's JSON.
fn area<'a>(doc: &'a Value, area: &str) -> &'a Value {
    doc["terminal"]
        .as_array()
        .unwrap_or_else(|| panic!("no terminal areas: {doc}"))
        .iter()
        .find(|a| a["area"] == area)
        .unwrap_or_else(|| panic!("no {area} area: {doc}"))
}

fn code(doc: &Value, name: &str) -> String {
    area(doc, name)["verdict"]["code"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn the_rigs_terminal_answers_area_by_area() {
    let _rig = Rig::start(DEFAULT_READERS).unwrap();
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let (exit, doc) = check(&pki);
    assert_eq!(exit, Some(0), "{doc}");
    assert_eq!(doc["level"], "ok", "{doc}");
    let line = area(&doc, "line");
    assert_eq!(line["verdict"]["code"], "line-ok", "{doc}");
    assert_eq!(code(&doc, "clock"), "clock-ok", "{doc}");
    if testing_windows() {
        // The usual terminal of terminal-fixture.sh, read through Wine's registry and files.
        // The tasks and the root are there (Wine does not say when the tasks last ran: said, not judged).
        assert_eq!(code(&doc, "software"), "software-ok", "{doc}");
        assert!(
            area(&doc, "software")["found"]["ja"]
                .as_str()
                .unwrap()
                .contains("Version=1.4.2"),
            "Version.info is shown as text: {doc}"
        );
        assert_eq!(code(&doc, "link"), "link-ok", "{doc}");
        assert_eq!(code(&doc, "sign-in"), "sign-in-automatic", "{doc}");
    } else {
        assert!(
            line["found"]["ja"]
                .as_str()
                .unwrap()
                .contains("2001:db8:8:30::/64"),
            "the namespace's prefix: {doc}"
        );
        for (name, not_here) in [
            ("software", "software-not-on-this-os"),
            ("link", "link-not-on-this-os"),
            ("sign-in", "sign-in-not-on-this-os"),
        ] {
            assert_eq!(code(&doc, name), not_here, "{doc}");
            assert_eq!(area(&doc, name)["verdict"]["level"], "info", "{doc}");
        }
    }
}

mod only_linux {
    use super::*;
    use crate::util::{assert_testing_linux_build, onshi_command};

    /// The app remembered another prefix at its last good 始業点検 (status.json): the line changed since,
    /// and 回線認証 may be needed again.
    #[test]
    fn a_new_ipv6_prefix_since_the_last_good_check_is_told() {
        assert_testing_linux_build();
        let _rig = Rig::start(DEFAULT_READERS).unwrap();
        let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("jp.onshi-assistant.app");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(
            data.join("status.json"),
            r#"{"line_prefix": {"prefix": "2001:db8:99:1::/64", "since": "2026-12-04T08:31:00+09:00"}}"#,
        )
        .unwrap();
        let file = pki.path("terminal.pem");
        let output = onshi_command()
            .env("XDG_DATA_HOME", home.path())
            .args(["check", "--json", "--cert", file.to_str().unwrap()])
            .output()
            .unwrap();
        let doc = json(&output);
        assert_eq!(output.status.code(), Some(1), "{doc}");
        assert_eq!(code(&doc, "line"), "line-prefix-changed", "{doc}");
        let words = area(&doc, "line")["found"]["ja"].as_str().unwrap();
        assert!(words.contains("2026年12月4日 8:31"), "{words}");
        assert!(words.contains("回線認証"), "{words}");
    }

    /// Configuration only: `onshi check` and `onshi report` open no internet socket (local ones are
    /// fine: AF_UNIX to pcscd, AF_NETLINK to read the adapters).
    #[test]
    fn the_checks_open_no_internet_socket() {
        assert_testing_linux_build();
        let _rig = Rig::start(DEFAULT_READERS).unwrap();
        let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
        let trace = tempfile::tempdir().unwrap();
        let file = pki.path("terminal.pem");
        for (name, args) in [
            (
                "check",
                vec!["check", "--json", "--cert", file.to_str().unwrap()],
            ),
            ("report", vec!["report", "--json"]),
        ] {
            let log = trace.path().join(name);
            let output = std::process::Command::new("strace")
                .args(["-f", "-e", "trace=socket,connect", "-o"])
                .arg(&log)
                .arg(env!("CARGO_BIN_EXE_onshi"))
                .args(&args)
                .output()
                .expect("strace runs (Debian's strace package)");
            assert!(output.status.code().is_some(), "{name} ran to its end");
            let calls = std::fs::read_to_string(&log).unwrap();
            assert!(
                calls.contains("AF_UNIX") || calls.contains("AF_NETLINK"),
                "strace saw the local sockets, so it was watching: {calls}"
            );
            for family in ["AF_INET,", "AF_INET6,", "AF_INET, ", "AF_INET6 "] {
                assert!(
                    !calls.contains(family),
                    "onshi {name} opened an internet socket: {calls}"
                );
            }
        }
    }
}

mod only_windows {
    use super::*;
    use crate::util::{assert_testing_windows_build, onshi_command, repository};
    use onshi_rig::under_test::wine;
    use std::path::PathBuf;

    const WINLOGON: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon";
    const INTERNET: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";

    fn drive_c() -> PathBuf {
        let prefix = std::env::var("WINEPREFIX").unwrap_or_else(|_| "/root/.wine".into());
        PathBuf::from(prefix).join("drive_c")
    }

    fn reg_add(key: &str, name: &str, kind: &str, value: &str) {
        let out = wine(["reg", "add", key, "/v", name, "/t", kind, "/d", value, "/f"]);
        assert!(out.status.success(), "reg add {key} {name}: {out:?}");
    }

    /// The usual terminal, broken one way at a time and put right after each, as read through Wine.
    #[test]
    fn each_bad_morning_is_seen_through_wines_registry_and_files() {
        assert_testing_windows_build();
        let _rig = Rig::start(DEFAULT_READERS).unwrap();
        let pki = Pki::new(TERMINAL_DAYS, false).unwrap();

        // After a power cut the terminal stops at the sign-in screen.
        reg_add(WINLOGON, "AutoAdminLogon", "REG_SZ", "0");
        let (exit, doc) = check(&pki);
        reg_add(WINLOGON, "AutoAdminLogon", "REG_SZ", "1");
        assert_eq!(exit, Some(1), "{doc}");
        assert_eq!(code(&doc, "sign-in"), "sign-in-not-automatic", "{doc}");

        // A request from the レセコン has waited two hours for its result.
        let request = drive_c().join("OQS/Req/OQSsiquc01req_20261207063000.xml");
        std::fs::write(&request, "not read by the check").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        std::fs::File::options()
            .write(true)
            .open(&request)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        let (exit, doc) = check(&pki);
        std::fs::remove_file(&request).unwrap();
        assert_eq!(exit, Some(1), "{doc}");
        assert_eq!(code(&doc, "link"), "link-requests-waiting", "{doc}");

        // A download tool left the proxy off.
        reg_add(INTERNET, "ProxyEnable", "REG_DWORD", "0");
        let (_, doc) = check(&pki);
        reg_add(INTERNET, "ProxyEnable", "REG_DWORD", "1");
        assert_eq!(code(&doc, "line"), "line-proxy-off", "{doc}");

        // The distribution application's folder is gone.
        let distro = drive_c().join("Program Files/OQS/OQSDistroApp");
        let aside = drive_c().join("Program Files/OQS/OQSDistroApp.aside");
        std::fs::rename(&distro, &aside).unwrap();
        let (_, doc) = check(&pki);
        std::fs::rename(&aside, &distro).unwrap();
        assert_eq!(code(&doc, "software"), "software-part-missing", "{doc}");

        // The task that starts the link application was deleted (Wine's Task Scheduler keeps tasks,
        // so presence is read for real; their last run and result it does not give).
        let task = "OQS_exec_comappdelfile_running";
        let out = wine(["schtasks", "/delete", "/tn", task, "/f"]);
        assert!(out.status.success(), "schtasks /delete: {out:?}");
        let (exit, doc) = check(&pki);
        let xml = r"C:\onshi-fixture\task.xml";
        let out = wine(["schtasks", "/create", "/xml", xml, "/tn", task, "/f"]);
        assert!(out.status.success(), "schtasks /create: {out:?}");
        assert_eq!(exit, Some(1), "{doc}");
        assert_eq!(code(&doc, "software"), "software-task-missing", "{doc}");
        let words = area(&doc, "software")["found"]["ja"].as_str().unwrap();
        assert!(words.contains(task), "{words}");

        // The terminal certificate's root is no longer among the trusted roots.
        let sha1 = std::fs::read_to_string(drive_c().join("onshi-fixture/root-ca.sha1")).unwrap();
        let key = format!(r"HKCU\Software\Microsoft\SystemCertificates\Root\Certificates\{sha1}");
        let out = wine(["reg", "delete", &key, "/f"]);
        assert!(out.status.success(), "reg delete {key}: {out:?}");
        let (exit, doc) = check(&pki);
        let out = wine(["reg", "import", r"C:\onshi-fixture\root-ca.reg"]);
        assert!(out.status.success(), "reg import: {out:?}");
        assert_eq!(exit, Some(1), "{doc}");
        assert_eq!(code(&doc, "software"), "software-root-ca-missing", "{doc}");
        let words = area(&doc, "software")["found"]["ja"].as_str().unwrap();
        assert!(words.contains("この証明書は信頼されていない"), "{words}");

        // All put right: the usual terminal again.
        let (exit, doc) = check(&pki);
        assert_eq!(exit, Some(0), "{doc}");
    }

    /// The credentials the 連携アプリ signs in with, stored through CredWriteW with a made-up secret: run
    /// as OQSComApp (Wine takes the user from USER), the check sees their names, and the secret is in
    /// nothing `onshi check` or `onshi report` prints, nor in any file written under the users' folders.
    #[test]
    fn a_credentials_secret_is_never_read_printed_or_written() {
        assert_testing_windows_build();
        const SECRET: &str = "onshi-made-up-secret-5f3a9c";
        const NAMES: [&str; 4] = [
            "OQS_CRYPT_PASS",
            "OQS_LOGIN_KEY",
            "OQS_MEDICAL_INSTITUTION_CODE",
            "OQS_NAS_LOGIN_KEY",
        ];
        let _rig = Rig::start(DEFAULT_READERS).unwrap();
        let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let helper = dir.path().join("cred-write.exe");
        let built = std::process::Command::new("x86_64-w64-mingw32-gcc")
            .arg("-O1")
            .arg("-o")
            .arg(&helper)
            .arg(repository().join("tests/windows/cred-write.c"))
            .status()
            .expect("mingw-w64 (the Windows chroot has it)");
        assert!(built.success(), "cred-write.c did not build");
        let helper = helper.to_str().unwrap();
        for name in NAMES {
            let out = wine([helper, "write", name, SECRET]);
            assert!(out.status.success(), "cred-write {name}: {out:?}");
        }
        let started = std::time::SystemTime::now();
        let file = pki.path("terminal.pem");
        let cert = file.to_str().unwrap();
        let mut printed = Vec::new();
        let mut check_doc = Value::Null;
        for args in [
            vec!["check", "--json", "--cert", cert],
            vec!["check", "--cert", cert],
            vec!["report", "--json"],
            vec!["report"],
        ] {
            let output = onshi_command()
                .env("USER", "OQSComApp")
                .env("LOGNAME", "OQSComApp")
                .args(&args)
                .output()
                .unwrap();
            if args.starts_with(&["check", "--json"]) {
                check_doc = json(&output);
            }
            printed.push((args.join(" "), output));
        }
        for name in NAMES {
            wine([helper, "delete", name]);
        }
        // The names were seen: as OQSComApp the check looked, and found them all.
        let software = area(&check_doc, "software");
        assert_eq!(software["verdict"]["code"], "software-ok", "{check_doc}");
        for (what, output) in &printed {
            for stream in [&output.stdout, &output.stderr] {
                let text = String::from_utf8_lossy(stream);
                assert!(!text.contains(SECRET), "onshi {what} printed the secret");
            }
        }
        // Nothing written since holds it, as text or as UTF-16.
        let utf16: Vec<u8> = SECRET.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut folders = vec![drive_c().join("users")];
        let mut looked = 0;
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                let meta = entry.metadata().unwrap();
                if meta.is_dir() {
                    folders.push(path);
                } else if meta.modified().is_ok_and(|m| m >= started) && meta.len() < 64 << 20 {
                    looked += 1;
                    let bytes = std::fs::read(&path).unwrap_or_default();
                    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
                    assert!(
                        !holds(SECRET.as_bytes()) && !holds(&utf16),
                        "{} holds the secret",
                        path.display()
                    );
                }
            }
        }
        eprintln!("looked through {looked} files written during the checks");
    }
}

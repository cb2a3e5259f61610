//! `onshi check` on the rig, as a monitoring tool runs it: the plugin line's state and perfdata and the
//! exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) for a ready desk, a certificate near or past its
//! expiry, no reader, only a reader unfit for phones, the service stopped, and no certificate to look at.

use crate::util::{json, onshi, onshi_command};
use onshi_rig::pki::{Pki, TERMINAL_DAYS};
use onshi_rig::under_test::testing_windows;
use onshi_rig::{Rig, DEFAULT_READERS};
use serde_json::Value;
use std::process::Output;

const CONTACT_ONLY: &str = "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader";

fn check(cert: &Pki, json: bool) -> Output {
    check_at(cert, json, None)
}

/// `onshi check` as of `at` (YYYY-MM-DD), or today.
fn check_at(cert: &Pki, json: bool, at: Option<&str>) -> Output {
    let file = cert.path("terminal.pem");
    let mut args = vec!["check", "--cert", file.to_str().unwrap()];
    if json {
        args.push("--json");
    }
    if let Some(at) = at {
        args.extend(["--at", at]);
    }
    onshi(&args)
}

/// Fails with every violation when `doc` does not follow the published schema docs/schema/NAME.schema.json
/// (embedded when the test is built: the Windows run executes it inside a chroot where the repository
/// lies elsewhere).
fn assert_conforms(doc: &Value, name: &str) {
    let text = match name {
        "onshi-check" => include_str!("../../../docs/schema/onshi-check.schema.json"),
        "onshi-report" => include_str!("../../../docs/schema/onshi-report.schema.json"),
        other => panic!("no schema {other}"),
    };
    let schema: Value = serde_json::from_str(text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the published schema is valid");
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{doc}");
}

fn line(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn a_monitoring_tool_reads_the_state_from_the_exit_code_and_the_first_word() {
    let _rig = Rig::start(DEFAULT_READERS).unwrap();
    let valid = Pki::new(TERMINAL_DAYS, false).unwrap();

    let ok = check(&valid, false);
    let text = line(&ok);
    assert_eq!(ok.status.code(), Some(0), "{text}");
    assert!(text.starts_with("OK - "), "{text}");
    assert!(
        text.contains("| readers_connected=5 readers_ready=4;1: cert_days_left="),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1, "one line: {text}");
    let doc: Value = serde_json::from_slice(&check(&valid, true).stdout).unwrap();
    assert_eq!(doc["level"], "ok");
    assert_eq!(doc["readers"]["code"], "readers-ready");
    assert_eq!(doc["certificate"]["code"], "certificate-valid");
    assert_eq!(doc["complete"], true);
    assert_conforms(&doc, "onshi-check");

    let near = Pki::new(30, false).unwrap();
    let warned = check(&near, false);
    assert_eq!(warned.status.code(), Some(1), "{}", line(&warned));
    assert!(line(&warned).starts_with("WARNING - "));

    // Expired: the valid certificate seen from the day after its last (newer OpenSSL refuses to make a
    // certificate that ended yesterday).
    let after = (onshi_core::time::now_jst().date_naive()
        + chrono::Duration::days(i64::from(TERMINAL_DAYS) + 2))
    .format("%Y-%m-%d")
    .to_string();
    let critical = check_at(&valid, false, Some(&after));
    assert_eq!(critical.status.code(), Some(2), "{}", line(&critical));
    assert!(line(&critical).starts_with("CRITICAL - "));
}

/// Zabbix's agents put stderr into the item's value and ignore the exit code: whatever the state, the
/// check says it on stdout alone, its state word first, and writes nothing to stderr.
#[test]
fn engines_that_read_only_the_text_get_the_state_word_first_and_nothing_on_stderr() {
    let _rig = Rig::start(&[CONTACT_ONLY]).unwrap();
    let valid = Pki::new(TERMINAL_DAYS, false).unwrap();
    let near = Pki::new(30, false).unwrap();
    let after = (onshi_core::time::now_jst().date_naive()
        + chrono::Duration::days(i64::from(TERMINAL_DAYS) + 2))
    .format("%Y-%m-%d")
    .to_string();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("terminal.cer");
    let (near, valid) = (near.path("terminal.pem"), valid.path("terminal.pem"));
    let (near, valid) = (near.to_str().unwrap(), valid.to_str().unwrap());
    let cases: [(&[&str], i32, &str); 4] = [
        (&["check", "--cert", near], 1, "WARNING - "),
        (&["check", "--cert", valid], 1, "WARNING - "),
        (
            &["check", "--cert", valid, "--at", &after],
            2,
            "CRITICAL - ",
        ),
        (
            &["check", "--cert", missing.to_str().unwrap()],
            1,
            "WARNING - ",
        ),
    ];
    for (args, code, word) in cases {
        for format in ["text", "json", "prometheus", "prtg"] {
            let mut args = args.to_vec();
            args.extend(["--format", format]);
            let output = onshi(&args);
            assert_eq!(
                output.status.code(),
                Some(code),
                "{args:?}: {}",
                line(&output)
            );
            assert!(
                output.stderr.is_empty(),
                "{args:?} wrote to stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let out = line(&output);
            match format {
                "text" => assert!(out.starts_with(word), "{out}"),
                "json" => assert_eq!(
                    json(&output)["state"],
                    word.trim_end_matches(" - ").to_lowercase(),
                    "{out}"
                ),
                "prtg" => assert!(
                    json(&output)["prtg"]["text"]
                        .as_str()
                        .unwrap()
                        .starts_with(word),
                    "{out}"
                ),
                _ => assert!(
                    out.contains(&format!("\nonshi_check_state {code}\n")),
                    "{out}"
                ),
            }
        }
    }
}

/// Every format says what `--json` says: the state, each area's level, the readers and the certificate's
/// last day (Prometheus as the Unix time its last day ends in Japan; PRTG in channels).
#[test]
fn the_prometheus_and_prtg_formats_carry_the_json_figures() {
    let _rig = Rig::start(DEFAULT_READERS).unwrap();
    let near = Pki::new(30, false).unwrap();
    let file = near.path("terminal.pem");
    let run = |format: &str| {
        onshi(&[
            "check",
            "--cert",
            file.to_str().unwrap(),
            "--format",
            format,
            "--lang",
            "en",
        ])
    };
    let doc = json(&run("json"));
    assert_eq!(
        doc,
        json(&onshi(&[
            "check",
            "--cert",
            file.to_str().unwrap(),
            "--json",
            "--lang",
            "en"
        ]))
    );
    assert_eq!(doc["state"], "warning", "{doc}");
    let level = |l: &Value| match l.as_str().unwrap() {
        "info" => -1,
        "ok" => 0,
        "warn" => 1,
        "error" => 2,
        other => panic!("level {other}"),
    };
    let mut areas = vec![
        ("readers".to_owned(), level(&doc["readers"]["level"])),
        (
            "certificate".to_owned(),
            level(&doc["certificate"]["level"]),
        ),
        ("os".to_owned(), level(&doc["os"]["verdict"]["level"])),
    ];
    for area in doc["terminal"].as_array().unwrap() {
        areas.push((
            area["area"].as_str().unwrap().to_owned(),
            level(&area["verdict"]["level"]),
        ));
    }

    let prom = line(&run("prometheus"));
    let sample = |name: &str| -> i64 {
        prom.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} in\n{prom}"))
            .parse()
            .unwrap()
    };
    assert_eq!(sample("onshi_check_state"), 1);
    assert_eq!(
        sample("onshi_readers_ready"),
        doc["readers_ready"].as_i64().unwrap()
    );
    for (area, level) in &areas {
        assert_eq!(
            sample(&format!("onshi_area_level{{area=\"{area}\"}}")),
            *level,
            "{prom}"
        );
    }
    let last_day =
        onshi_core::time::parse_date(doc["certificate_not_after"].as_str().unwrap()).unwrap();
    let ends =
        chrono::DateTime::from_timestamp(sample("onshi_certificate_expiry_timestamp_seconds"), 0)
            .unwrap()
            .with_timezone(&onshi_core::time::jst());
    assert_eq!(ends.date_naive(), last_day.succ_opt().unwrap(), "{prom}");
    assert_eq!(ends.format("%H:%M:%S").to_string(), "00:00:00");

    let prtg = json(&run("prtg"));
    let channels = prtg["prtg"]["result"].as_array().unwrap();
    let channel = |name: &str| {
        channels
            .iter()
            .find(|c| c["channel"] == name)
            .unwrap_or_else(|| panic!("no channel {name}: {prtg}"))["value"]
            .as_i64()
            .unwrap()
    };
    assert_eq!(channel("State"), 1);
    assert_eq!(
        channel("Certificate days left"),
        doc["certificate_days_left"].as_i64().unwrap()
    );
    assert_eq!(
        channel("Card readers ready for phones"),
        doc["readers_ready"].as_i64().unwrap()
    );
    assert_eq!(channel("Certificate level"), 1);
    assert_eq!(channels.len(), 4 + areas.len(), "{prtg}");
    assert!(
        prtg["prtg"]["text"]
            .as_str()
            .unwrap()
            .starts_with("WARNING - "),
        "{prtg}"
    );
}

// One rig per test: sid's pcsc-lite client (the Windows run) answers "unsupported feature" to every call
// of a process whose pcscd was restarted, so no test here restarts it.

#[test]
fn only_a_reader_unfit_for_phones_is_a_warning() {
    let _rig = Rig::start(&[CONTACT_ONLY]).unwrap();
    let valid = Pki::new(TERMINAL_DAYS, false).unwrap();
    let unfit = check(&valid, true);
    assert_eq!(unfit.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&unfit.stdout).unwrap();
    assert_conforms(&doc, "onshi-check");
    assert_eq!(doc["readers"]["code"], "readers-not-ready");
    assert_eq!(doc["readers_ready"], 0);
}

#[test]
fn no_reader_is_a_warning_where_the_service_keeps_running() {
    let _rig = Rig::start(&[]).unwrap();
    let valid = Pki::new(TERMINAL_DAYS, false).unwrap();
    let none = check(&valid, true);
    let doc: Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_conforms(&doc, "onshi-check");
    assert_eq!(doc["readers_connected"], 0, "{doc}");
    // pcscd keeps running with no reader (amber); Windows stops its Smart Card service with the last
    // reader (red), which Wine's winscard may or may not mimic: the state follows the code either way.
    let expected = match doc["readers"]["code"].as_str() {
        Some("readers-none") => 1,
        Some("readers-service-stopped") if testing_windows() => 2,
        other => panic!("no reader read as {other:?}: {doc}"),
    };
    assert_eq!(none.status.code(), Some(expected), "{doc}");
}

#[test]
fn a_stopped_service_is_critical_in_each_os_words() {
    let mut rig = Rig::start(&[CONTACT_ONLY]).unwrap();
    let valid = Pki::new(TERMINAL_DAYS, false).unwrap();
    rig.stop_service();
    let stopped = check(&valid, true);
    assert_eq!(stopped.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&stopped.stdout).unwrap();
    assert_conforms(&doc, "onshi-check");
    let code = if testing_windows() {
        "readers-service-stopped"
    } else {
        "readers-service-unavailable"
    };
    assert_eq!(doc["readers"]["code"], code);
}

#[test]
fn the_support_reports_json_follows_its_published_schema() {
    let _rig = Rig::start(DEFAULT_READERS).unwrap();
    let doc = json(&onshi(&["report", "--json"]));
    assert_conforms(&doc, "onshi-report");
}

// Wine's certificate store is shared by the Windows tests, and with no certificate file given onshi.exe
// looks there; the Linux run covers this.
mod only_linux {
    use super::*;
    use crate::util::assert_testing_linux_build;

    #[test]
    fn with_no_certificate_to_look_at_the_state_is_unknown_not_ok() {
        assert_testing_linux_build();
        let _rig = Rig::start(DEFAULT_READERS).unwrap();
        let empty = tempfile::tempdir().unwrap();
        let output = onshi_command()
            .env("XDG_DATA_HOME", empty.path())
            .env("HOME", empty.path())
            .args(["check", "--lang", "en"])
            .output()
            .unwrap();
        let text = line(&output);
        assert_eq!(output.status.code(), Some(3), "{text}");
        assert!(text.starts_with("UNKNOWN - "), "{text}");
        assert!(
            output.stderr.is_empty(),
            "UNKNOWN on stderr too: {output:?}"
        );
        assert!(!text.contains("cert_days_left"), "{text}");
        // A certificate file that cannot be read is unknown too, and says why.
        let missing = empty.path().join("terminal.cer");
        let output = onshi(&["check", "--cert", missing.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(3));
        assert!(output.stderr.is_empty(), "{output:?}");
        assert!(
            line(&output).contains("電子証明書を読めません"),
            "{}",
            line(&output)
        );
    }
}

mod only_windows {
    use super::*;
    use crate::util::assert_testing_windows_build;

    /// Under Wine: the edition, version and build set in Wine's registry as each kind of terminal has them,
    /// and the deadline `onshi check` gives for it (os_support.toml).
    #[test]
    fn each_windows_edition_gets_its_own_deadline() {
        assert_testing_windows_build();
        const KEY: &str = r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion";
        const NAMES: [&str; 4] = ["ProductName", "EditionID", "CurrentBuild", "DisplayVersion"];
        let query = |name: &str| -> Option<String> {
            let out = onshi_rig::under_test::wine(["reg", "query", KEY, "/v", name]);
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .find(|l| l.trim_start().starts_with(name))
                .and_then(|l| l.split("REG_SZ").nth(1))
                .map(|v| v.trim().to_owned())
        };
        let set = |name: &str, value: &str| {
            let out = onshi_rig::under_test::wine([
                "reg", "add", KEY, "/v", name, "/t", "REG_SZ", "/d", value, "/f",
            ]);
            assert!(out.status.success(), "reg add {name}: {out:?}");
        };
        let saved: Vec<Option<String>> = NAMES.iter().map(|n| query(n)).collect();
        let _rig = Rig::start(DEFAULT_READERS).unwrap();
        let valid = Pki::new(TERMINAL_DAYS, false).unwrap();
        let today = onshi_core::time::now_jst().date_naive();
        for (product, edition, build, display, ends) in [
            (
                "Windows 10 Enterprise LTSC 2019",
                "EnterpriseS",
                "17763",
                "",
                "2029-01-09",
            ),
            (
                "Windows 10 Pro",
                "Professional",
                "19045",
                "22H2",
                "2025-10-14",
            ),
            (
                "Windows 10 Pro",
                "Professional",
                "26100",
                "24H2",
                "2026-10-13",
            ),
            (
                "Windows 10 Pro",
                "Professional",
                "26200",
                "25H2",
                "2027-10-12",
            ),
        ] {
            for (name, value) in NAMES.iter().zip([product, edition, build, display]) {
                set(name, value);
            }
            let output = check(&valid, true);
            let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(doc["os"]["ends"], ends, "{doc}");
            let days_left = (onshi_core::time::parse_date(ends).unwrap() - today).num_days();
            let (code, state) = match days_left {
                d if d < 0 => ("os-support-ended", 1),
                d if d <= 90 => ("os-support-ending-soon", 1),
                _ => ("os-supported", 0),
            };
            assert_eq!(doc["os"]["verdict"]["code"], code, "{doc}");
            assert_eq!(output.status.code(), Some(state), "{doc}");
            if build != "17763" && build != "19045" {
                assert!(
                    doc["os"]["description"]
                        .as_str()
                        .unwrap()
                        .starts_with("Windows 11 Pro"),
                    "{doc}"
                );
            }
        }
        for (name, value) in NAMES.iter().zip(saved) {
            match value {
                Some(value) => set(name, &value),
                None => {
                    let _ = onshi_rig::under_test::wine(["reg", "delete", KEY, "/v", name, "/f"]);
                }
            }
        }
    }
}

//! `onshi history` and `onshi report` over an app data folder laid out as the app writes it, found where
//! the app keeps it (`$XDG_DATA_HOME/jp.onshi-assistant.app` on Linux; under Wine, the prefix's
//! `AppData\Roaming\jp.onshi-assistant.app`), with the rig's readers and a My Number card for the report.

use crate::util::{json, onshi_command};
use onshi_rig::pki::{Pki, TERMINAL_DAYS};
use onshi_rig::under_test::testing_windows;
use onshi_rig::{Profile, Rig};
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

const PASORI: &str = "SONY FeliCa Port/PaSoRi 4.0 00 00";

/// The app's data folder and the user's home, as this test writes them and as `onshi` names them.
struct AppData {
    _temp: tempfile::TempDir,
    env: Vec<(&'static str, PathBuf)>,
    dir: PathBuf,
    /// The home folder on this (Linux) side, and as the program under test writes it.
    home: PathBuf,
    home_seen: String,
}

impl AppData {
    fn new() -> AppData {
        let temp = tempfile::tempdir().unwrap();
        if testing_windows() {
            // Wine answers the known folders from its prefix; the tests of the Windows build run one at
            // a time, so each starts from an empty folder.
            let prefix = std::env::var_os("WINEPREFIX")
                .map(PathBuf::from)
                .unwrap_or_else(|| dirs_home().join(".wine"));
            let user = std::env::var("USER").unwrap_or_else(|_| "root".into());
            let home = prefix.join("drive_c/users").join(&user);
            let dir = home.join("AppData/Roaming/jp.onshi-assistant.app");
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            AppData {
                _temp: temp,
                env: Vec::new(),
                dir,
                home,
                home_seen: format!(r"C:\users\{user}"),
            }
        } else {
            let home = temp.path().join("home");
            let data = temp.path().join("data");
            let dir = data.join("jp.onshi-assistant.app");
            fs::create_dir_all(&dir).unwrap();
            fs::create_dir_all(&home).unwrap();
            AppData {
                env: vec![("XDG_DATA_HOME", data), ("HOME", home.clone())],
                home_seen: home.to_string_lossy().into_owned(),
                _temp: temp,
                dir,
                home,
            }
        }
    }

    /// A path under the home folder, as the program under test writes it.
    fn seen_in_home(&self, relative: &[&str]) -> String {
        let separator = if testing_windows() { "\\" } else { "/" };
        std::iter::once(self.home_seen.clone())
            .chain(relative.iter().map(|part| part.to_string()))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// `onshi ARGS` finding this data folder and home: on Linux through XDG_DATA_HOME and HOME; under Wine
    /// they are the prefix's own.
    fn onshi(&self, args: &[&str]) -> Output {
        let mut command = onshi_command();
        for (key, value) in &self.env {
            command.env(key, value);
        }
        command.args(args).output().expect("onshi runs")
    }
}

fn dirs_home() -> PathBuf {
    PathBuf::from(std::env::var_os("HOME").expect("HOME is set"))
}

fn today() -> String {
    onshi_core::time::now_jst()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

fn write_history(dir: &Path, lines: &[String]) -> PathBuf {
    let history = dir.join("history");
    fs::create_dir_all(&history).unwrap();
    let file = history.join(format!("{}.jsonl", today()));
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    file
}

fn event(time: &str, event: &str, extra: Value) -> String {
    let mut line = json!({ "at": format!("{}T{time}:00.000+09:00", today()), "event": event });
    if let (Some(line), Some(extra)) = (line.as_object_mut(), extra.as_object()) {
        line.extend(extra.clone());
    }
    line.to_string()
}

#[test]
fn history_draws_the_apps_days_and_leaves_a_damaged_file_as_it_is() {
    let data = AppData::new();
    let mut lines = vec![
        event("00:00", "watch-started", json!({})),
        event("00:00", "reader-added", json!({ "reader": PASORI })),
        event("00:01", "reader-removed", json!({ "reader": PASORI })),
        event("00:02", "reader-added", json!({ "reader": PASORI })),
        event(
            "00:03",
            "card-inserted",
            json!({ "reader": PASORI, "card": "type-b" }),
        ),
    ];
    lines.push(r#"{"at":"cut short by a power fai"#.into());
    let file = write_history(&data.dir, &lines);
    let before = fs::read(&file).unwrap();

    let output = data.onshi(&["history", "--days", "2", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let doc = json(&output);
    let days = doc["days"].as_array().unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(
        days[0]["lanes"].as_array().unwrap().len(),
        0,
        "yesterday: nothing"
    );
    let lane = &days[1]["lanes"][0];
    // One lane per device: the PC/SC name without its slot.
    assert_eq!(lane["device"], PASORI.strip_suffix(" 00").unwrap());
    assert_eq!(lane["number"], Value::Null);
    assert_eq!(lane["model"], "sony-rc-s300");
    assert_eq!(lane["smartphone_ready"], true);
    assert_eq!(lane["dropouts"], json!([1]));
    assert_eq!(doc["events"].as_array().unwrap().len(), 5);
    assert_eq!(doc["damaged_files"].as_array().unwrap().len(), 1);
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "onshi only reads the app's files"
    );

    let output = data.onshi(&["history"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("（今日）"), "{text}");
    assert!(text.contains("取り外し・切断1回（00:01）"), "{text}");
    assert!(text.contains('■') && text.contains('×'), "{text}");

    let output = data.onshi(&["history", "--days", "31"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("1から30"));
}

#[test]
fn report_tells_the_help_desk_what_the_pc_sees_and_never_a_uid_an_atr_or_the_home_path() {
    let data = AppData::new();
    let rig = Rig::start(&["SONY FeliCa Port/PaSoRi 4.0"]).unwrap();
    let _card = rig.insert("PaSoRi", Profile::MyNumber).unwrap();

    // The certificate the user opened in the app, kept in a folder of their home.
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let certs = data.home.join("電子証明書");
    fs::create_dir_all(&certs).unwrap();
    fs::copy(pki.path("terminal.pem"), certs.join("terminal.pem")).unwrap();
    let settings = json!({ "settings": {
        "mpki_latest_known": "2.0.5",
        "guide_progress": { "renewal": ["start", "mpki-version"] },
    }});
    fs::write(data.dir.join("settings.json"), settings.to_string()).unwrap();
    let status = json!({
        "certificate_file": data.seen_in_home(&["電子証明書", "terminal.pem"]),
        "backup_check": { "at": "2026-11-20T10:00:00.000+09:00", "verdict": "ok", "not_after": null },
        "read_tests": { PASORI: { "at": "2026-11-29T09:00:00.000+09:00", "outcome": "my-number-card", "card": "type-b" } },
    });
    fs::write(data.dir.join("status.json"), status.to_string()).unwrap();
    // Whom to call, as the IT vendor wrote it for the site (contacts.toml, as in docs/CONTACTS.md).
    fs::write(
        data.dir.join("contacts.toml"),
        "[it_vendor]\nname = \"〇〇メディカルシステム\"\nphone = \"03-1234-5678\"\n",
    )
    .unwrap();
    write_history(
        &data.dir,
        &[
            event("00:00", "reader-added", json!({ "reader": PASORI })),
            event("00:01", "reader-removed", json!({ "reader": PASORI })),
        ],
    );

    // Until pcscd has seen the card, the reader shows empty: ask again for a moment.
    let mut doc = Value::Null;
    let mut output = None;
    for _ in 0..30 {
        let run = data.onshi(&["report", "--json"]);
        doc = json(&run);
        output = Some(run);
        if doc["readers"][0]["card"] == "type-b" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let output = output.unwrap();
    assert_eq!(output.status.code(), Some(0));
    for key in [
        "app_version",
        "os",
        "service",
        "readers",
        "certificate",
        "mpki",
        "backup_check",
        "history",
    ] {
        assert!(doc.get(key).is_some(), "{key} missing: {doc}");
    }
    assert_eq!(doc["app_version"], env!("CARGO_PKG_VERSION"));
    let expected_os = if testing_windows() {
        "Windows"
    } else {
        "Linux"
    };
    assert!(
        doc["os"].as_str().unwrap().contains(expected_os),
        "{}",
        doc["os"]
    );
    assert_eq!(doc["service"], "running");
    let reader = &doc["readers"][0];
    assert_eq!(reader["name"], PASORI);
    assert_eq!(reader["smartphone_ready"], true);
    assert_eq!(reader["card"], "type-b");
    assert_eq!(reader["last_read_test"]["outcome"], "my-number-card");
    let certificate = &doc["certificate"];
    assert!(
        certificate["subject"].as_str().unwrap().contains("CN="),
        "{certificate}"
    );
    assert_eq!(certificate["status"], "valid");
    assert_eq!(certificate["source"]["kind"], "file");
    let shown_path = certificate["source"]["path"].as_str().unwrap();
    assert!(
        shown_path.starts_with('~') && shown_path.ends_with("terminal.pem"),
        "{shown_path}"
    );
    assert_eq!(doc["mpki"]["latest_known"], "2.0.5");
    assert_eq!(doc["backup_check"]["verdict"], "ok");
    assert_eq!(doc["guide_progress"]["renewal"], "mpki-version");
    let history = doc["history"].as_array().unwrap();
    assert_eq!(history.len(), 7);
    assert_eq!(history[6]["reader_dropouts"], 1);

    assert_eq!(doc["contacts"]["it_vendor"]["phone"], "03-1234-5678");
    assert_eq!(doc["shown_on_screen"], Value::Null);

    let text_run = data.onshi(&[
        "report",
        "--shown",
        " エラーコード：E-1021 カードを読み取れません ",
    ]);
    let text = String::from_utf8_lossy(&text_run.stdout).into_owned();
    assert!(text.contains("サポート用レポート"), "{text}");
    assert!(
        text.contains(
            "[画面に表示されたコードとメッセージ]\nエラーコード：E-1021 カードを読み取れません\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("ITベンダー：〇〇メディカルシステム（03-1234-5678）"),
        "{text}"
    );
    assert!(text.contains("\nOS："), "{text}");
    assert!(
        text.contains("最後の読み取りテスト：マイナンバーカード"),
        "{text}"
    );
    let uid: String = Profile::MyNumber
        .uid()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let atr: String = Profile::MyNumber
        .atr()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let json_text = String::from_utf8_lossy(&output.stdout).to_uppercase();
    for shown in [text.to_uppercase(), json_text] {
        assert!(!shown.contains(&uid), "the card's UID leaked: {shown}");
        assert!(!shown.contains(&atr), "the card's ATR leaked: {shown}");
        assert!(
            !shown.contains(&data.home_seen.to_uppercase().replace('\\', "\\\\"))
                && !shown.contains(&data.home_seen.to_uppercase()),
            "the home path leaked: {shown}"
        );
    }
    drop(rig);
}

/// A reader driver a 始業点検 saw change, as the app keeps it in the history: `onshi history` says it
/// beside the drop-outs and the report carries it; the report says what the drivers are now: on Linux
/// libccid's version as its package has it (dpkg), under Wine, which has no smart-card reader device,
/// none or "could not be read", never a version.
#[test]
fn a_changed_reader_driver_is_told_by_history_and_report() {
    let data = AppData::new();
    let change = json!({
        "reader": "Microsoft Usbccid Smartcard Reader (WUDF)",
        "model": "sony-rc-s300",
        "driver": {
            "before": { "version": "10.0.19041.1", "date": "2006-06-21" },
            "after": { "version": "10.0.26100.1", "date": "2024-04-01" },
        },
    });
    write_history(&data.dir, &[event("08:31", "driver-changed", change)]);

    let output = data.onshi(&["history"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    let day = onshi_core::time::date_ja(onshi_core::time::now_jst().date_naive());
    assert!(
        text.contains(&format!(
            "{day}、ソニーPaSoRi 4.0 (RC-S300)のドライバーが変わりました：10.0.19041.1（2006年6月21日） → 10.0.26100.1（2024年4月1日）"
        )),
        "{text}"
    );

    let output = data.onshi(&["report", "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let doc = json(&output);
    let told = &doc["driver_changes"][0];
    assert_eq!(told["change"]["after"]["version"], "10.0.26100.1", "{doc}");
    assert_eq!(told["reader"], "Microsoft Usbccid Smartcard Reader (WUDF)");
    let drivers = &doc["drivers"];
    if testing_windows() {
        let none = drivers["state"] == "seen" && drivers["value"] == json!([]);
        assert!(
            none || drivers["state"] == "unreadable",
            "Wine has no smart-card reader device: {drivers}"
        );
    } else {
        let package = std::process::Command::new("dpkg-query")
            .args(["-W", "-f", "${Version}", "libccid"])
            .output()
            .expect("dpkg-query runs (Debian)");
        let package = String::from_utf8_lossy(&package.stdout).into_owned();
        assert_eq!(drivers["state"], "seen", "{doc}");
        let version = drivers["value"][0]["version"].as_str().unwrap();
        assert!(
            !version.is_empty() && package.starts_with(version),
            "libccid {version} against its package {package}"
        );
        assert_eq!(
            drivers["value"][0]["date"],
            Value::Null,
            "libccid has no date"
        );
    }
    let text = String::from_utf8_lossy(&data.onshi(&["report"]).stdout).into_owned();
    assert!(
        text.contains(
            "のドライバーが変わりました：10.0.19041.1（2006年6月21日） → 10.0.26100.1（2024年4月1日）"
        ),
        "{text}"
    );
}

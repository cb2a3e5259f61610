//! `onshi check`: the read-only check for monitoring tools, in the monitoring-plugin convention
//! (Nagios, Icinga, NRPE, Zabbix's agent, PRTG's and RMM agents' script sensors): one line
//! `STATE - words | perfdata`, and exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. It never touches a card.
//!
//! Engines that ignore the exit code (Zabbix, PRTG) read the text alone, and Zabbix's agents put stderr
//! into the value: so the state word leads the text, and nothing is written to stderr unless the
//! command cannot run at all (docs/MONITORING.md). The state, levels and figures are onshi-core's
//! (`check::CheckReport`); this module only words and formats them: the plugin line, `--json`, the
//! Prometheus textfile-collector format and PRTG's EXE/Script Advanced JSON.

use crate::output::print_json;
use crate::text::Language;
use onshi_core::check::{self, CheckReport, MonitoringState};
use onshi_core::facts::{self, CertificateChoice, Remembered};
use onshi_core::readers::{self, ReadersReport};
use onshi_core::verdict::{Area, Level};
use std::fmt::Write;
use std::path::Path;

/// How `onshi check` prints its outcome. (Plain comments on the variants: clap would print doc comments in
/// English under the Japanese help; the argument's help in cli_lang names each.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    // The plugin line (Nagios, Icinga, NRPE, Zabbix's agent, RMM script sensors).
    Text,
    // The JSON of `--json` (docs/schema/onshi-check.schema.json).
    Json,
    // The Prometheus text format, for node_exporter's / windows_exporter's textfile collector.
    Prometheus,
    // PRTG's EXE/Script Advanced sensor JSON.
    Prtg,
}

/// The plugin convention's words for the states, by exit code.
const STATES: [&str; 4] = ["OK", "WARNING", "CRITICAL", "UNKNOWN"];

/// The state's word: `OK`, `WARNING`, `CRITICAL` or `UNKNOWN`.
pub fn state_word(state: MonitoringState) -> &'static str {
    STATES[usize::from(state.exit_code())]
}

/// The tray's words of a report, with why the certificate could not be read; `|` is kept for the
/// perfdata by the plugin convention, so none is left in them.
fn words(report: &CheckReport, lang: Language) -> String {
    let words: Vec<&str> = report.lines.iter().map(|line| line.get(lang)).collect();
    let mut words = words.join(" / ");
    if let Some(error) = &report.certificate_error {
        words.push_str(&match lang {
            Language::Ja => format!(" （電子証明書を読めません：{error}）"),
            Language::En => format!(" (certificate unreadable: {error})"),
        });
    }
    crate::output::japanese_spacing(&words.replace('|', "/"))
}

/// The plugin line: state, the tray's words, and perfdata (`'label'=value;warn;crit`, thresholds in
/// the plugin range syntax: `90:` warns below 90 days, `0:` is critical below 0).
pub fn plugin_line(report: &CheckReport, lang: Language) -> String {
    let mut perf = format!(
        "readers_connected={} readers_ready={};1:",
        report.readers_connected, report.readers_ready
    );
    if let Some(days) = report.certificate_days_left {
        perf.push_str(&format!(" cert_days_left={days};90:;0:"));
    }
    format!(
        "{} - {} | {perf}",
        state_word(report.state),
        words(report, lang)
    )
}

/// Each area the check judges, by its name in the JSON (`readers`, `certificate`, `os`, then the
/// terminal's areas), with its level.
fn areas(report: &CheckReport) -> Vec<(Area, Level)> {
    let mut areas = vec![
        (Area::Readers, report.readers.level),
        (Area::Certificate, report.certificate.level),
        (Area::Os, report.os.verdict.level),
    ];
    areas.extend(report.terminal.iter().map(|a| (a.area, a.verdict.level)));
    areas
}

/// An area's name as the JSON writes it (`sign-in`).
fn area_id(area: Area) -> String {
    match serde_json::to_value(area) {
        Ok(serde_json::Value::String(name)) => name,
        _ => format!("{area:?}").to_lowercase(),
    }
}

/// An area's name for people, as the app's screens say it (onshi-core's `Area::name`).
fn area_name(area: Area, lang: Language) -> &'static str {
    let (ja, en) = area.name();
    lang.pick(ja, en)
}

/// A level as a number engines can compare: 0 OK, 1 warning (amber), 2 critical (red), and -1 for
/// `info` (not looked at, or unusual without being known wrong), which never changes the state.
pub fn level_number(level: Level) -> i8 {
    match level {
        Level::Info => -1,
        Level::Ok => 0,
        Level::Warn => 1,
        Level::Error => 2,
    }
}

/// The Unix time at which the certificate's last valid day (Japan time) ends: the next day's 00:00
/// JST, which is what `certificate_days_left` counts to.
pub fn expiry_timestamp(report: &CheckReport) -> Option<i64> {
    let last_day = onshi_core::time::parse_date(report.certificate_not_after.as_deref()?)?;
    let end = last_day.succ_opt()?.and_hms_opt(0, 0, 0)?;
    Some(
        end.and_local_timezone(onshi_core::time::jst())
            .single()?
            .timestamp(),
    )
}

/// The Prometheus text exposition format, as node_exporter's (and windows_exporter's) textfile collector
/// reads it from a `.prom` file: gauges only, names in English, the help in English.
pub fn prometheus(report: &CheckReport) -> String {
    let mut out = String::new();
    let mut gauge = |name: &str, help: &str, samples: &[(String, String)]| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (labels, value) in samples {
            let _ = writeln!(out, "{name}{labels} {value}");
        }
    };
    let one = |value: String| vec![(String::new(), value)];
    gauge(
        "onshi_check_state",
        "The state of onshi check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (its exit code).",
        &one(report.state.exit_code().to_string()),
    );
    gauge(
        "onshi_check_complete",
        "1 when the certificate could be looked at, 0 when it could not (the state is then UNKNOWN unless worse).",
        &one(u8::from(report.complete).to_string()),
    );
    let levels: Vec<(String, String)> = areas(report)
        .into_iter()
        .map(|(area, level)| {
            (
                format!("{{area=\"{}\"}}", area_id(area)),
                level_number(level).to_string(),
            )
        })
        .collect();
    gauge(
        "onshi_area_level",
        "Each area's level: 0 OK, 1 warning, 2 critical, -1 information only (not looked at, or unusual).",
        &levels,
    );
    gauge(
        "onshi_readers_connected",
        "Card reader devices connected.",
        &one(report.readers_connected.to_string()),
    );
    gauge(
        "onshi_readers_ready",
        "Card reader devices fit for the smartphone My Number insurance card.",
        &one(report.readers_ready.to_string()),
    );
    if let Some(expiry) = expiry_timestamp(report) {
        gauge(
            "onshi_certificate_expiry_timestamp_seconds",
            "When the terminal's certificate stops being valid: the end of its last valid day, Japan time (Unix time).",
            &one(expiry.to_string()),
        );
    }
    out
}

/// PRTG's EXE/Script Advanced sensor JSON, `{"prtg": {"result": [channels], "text": …}}`: one channel
/// for the state, the certificate's days left, the readers, and each area's level, with limits that
/// turn the sensor amber or red as the state does (PRTG applies a channel's limits when it first sees
/// the channel). `text` is the plugin line's state and words (PRTG keeps 2,000 characters).
pub fn prtg(report: &CheckReport, lang: Language) -> serde_json::Value {
    use serde_json::json;
    let mut result = vec![json!({
        "channel": lang.pick("状態", "State"),
        "value": report.state.exit_code(),
        "unit": "Custom",
        "customunit": "",
        // A WARNING or UNKNOWN check turns the sensor amber; a CRITICAL one turns it red through the
        // channel of the area that is red.
        "warning": u8::from(report.state != MonitoringState::Ok),
    })];
    if let Some(days) = report.certificate_days_left {
        result.push(json!({
            "channel": lang.pick("電子証明書の残り日数", "Certificate days left"),
            "value": days,
            "unit": "Custom",
            "customunit": lang.pick("日", "days"),
            "limitmode": 1,
            "limitminwarning": 90,
            "limitminerror": 0,
        }));
    }
    result.push(json!({
        "channel": lang.pick("接続中のカードリーダー", "Card readers connected"),
        "value": report.readers_connected,
        "unit": "Count",
    }));
    result.push(json!({
        "channel": lang.pick("スマホ対応のカードリーダー", "Card readers ready for phones"),
        "value": report.readers_ready,
        "unit": "Count",
        "limitmode": 1,
        "limitminwarning": 1,
    }));
    for (area, level) in areas(report) {
        result.push(json!({
            "channel": match lang {
                Language::Ja => format!("{}の判定", area_name(area, lang)),
                Language::En => format!("{} level", area_name(area, lang)),
            },
            "value": level_number(level),
            "unit": "Custom",
            "customunit": "",
            "limitmode": 1,
            "limitmaxwarning": 0,
            "limitmaxerror": 1,
        }));
    }
    let text: String = format!("{} - {}", state_word(report.state), words(report, lang))
        .chars()
        .take(2000)
        .collect();
    json!({ "prtg": { "result": result, "text": text } })
}

pub fn run(
    cert: Option<&Path>,
    format: Format,
    at: Option<chrono::NaiveDate>,
    lang: Language,
) -> u8 {
    // The store's certificate (Windows), else the file last chosen in the app, unless one is named.
    let certificate = match cert {
        Some(path) => CertificateChoice::File(path),
        None => CertificateChoice::InUse,
    };
    let dir = onshi_core::app_data::default_dir();
    let facts = facts::gather(
        Remembered::read_only(dir.as_deref()),
        // Listed by gather, at the same time as its other probes.
        || readers::list().unwrap_or_else(|_| ReadersReport::unavailable()),
        certificate,
        crate::cert::now_at(at),
    );
    let checked = check::check(&facts);
    match format {
        Format::Text => crate::say!("{}", plugin_line(&checked, lang)),
        Format::Json => print_json(&checked),
        Format::Prometheus => {
            crate::output::write_raw(&prometheus(&checked));
        }
        Format::Prtg => {
            let doc = serde_json::to_string(&prtg(&checked, lang)).expect("results serialise");
            crate::output::write_raw(&format!("{doc}\n"));
        }
    }
    checked.state.exit_code()
}

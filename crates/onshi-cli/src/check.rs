//! `onshi check`: the read-only check for monitoring tools, in the monitoring-plugin convention
//! (Nagios, Icinga, Zabbix's system.run, PRTG's and RMM agents' script sensors): one line
//! `STATE - words | perfdata`, and exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. It never touches a card.

use crate::output::print_json;
use crate::text::Language;
use onshi_core::check::{self, CheckReport};
use onshi_core::facts::{self, CertificateChoice, Remembered};
use onshi_core::readers::{self, ReadersReport};
use onshi_core::verdict::Level;
use std::path::Path;

/// The plugin convention's states, by exit code.
const STATES: [&str; 4] = ["OK", "WARNING", "CRITICAL", "UNKNOWN"];

/// The state (exit code) of a report: its worst level; UNKNOWN when all looked fine but the certificate
/// could not be looked at, or nothing could be confirmed at all.
pub fn state(report: &CheckReport) -> u8 {
    match report.level {
        Level::Error => 2,
        Level::Warn => 1,
        Level::Ok if !report.complete => 3,
        Level::Info => 3,
        Level::Ok => 0,
    }
}

/// The plugin line: state, the tray's words, and perfdata (`'label'=value;warn;crit`, thresholds in
/// the plugin range syntax: `90:` warns below 90 days, `0:` is critical below 0).
pub fn plugin_line(report: &CheckReport, lang: Language) -> String {
    let words: Vec<&str> = report.lines.iter().map(|line| line.get(lang)).collect();
    let mut words = words.join(" / ");
    if let Some(error) = &report.certificate_error {
        words.push_str(&match lang {
            Language::Ja => format!(" （電子証明書を読めません：{error}）"),
            Language::En => format!(" (certificate unreadable: {error})"),
        });
    }
    let mut perf = format!(
        "readers_connected={} readers_ready={};1:",
        report.readers_connected, report.readers_ready
    );
    if let Some(days) = report.certificate_days_left {
        perf.push_str(&format!(" cert_days_left={days};90:;0:"));
    }
    // The plugin convention keeps '|' for the perfdata.
    let words = words.replace('|', "/");
    format!("{} - {words} | {perf}", STATES[usize::from(state(report))])
}

pub fn run(cert: Option<&Path>, json: bool, at: Option<chrono::NaiveDate>, lang: Language) -> u8 {
    let report = readers::list().unwrap_or_else(|_| ReadersReport::unavailable());
    // The store's certificate (Windows), else the file last chosen in the app, unless one is named.
    let certificate = match cert {
        Some(path) => CertificateChoice::File(path),
        None => CertificateChoice::InUse,
    };
    let dir = onshi_core::app_data::default_dir();
    let facts = facts::gather(
        Remembered::read_only(dir.as_deref()),
        report,
        certificate,
        crate::cert::now_at(at),
    );
    let checked = check::check(&facts);
    if json {
        print_json(&checked);
    } else {
        crate::say!("{}", plugin_line(&checked, lang));
    }
    state(&checked)
}

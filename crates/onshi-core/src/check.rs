//! The read-only check for monitoring tools (`onshi check`): the readers' and the certificate's verdicts
//! (crate::verdict) and the figures a monitoring tool graphs. It never touches a card.

use crate::app::health;
use crate::cert::in_use::{InUse, Source};
use crate::facts::Facts;
use crate::os_support::OsSupport;
use crate::readers::findings::FindingKind;
use crate::text::Text;
use crate::verdict::{Area, Level, Verdict, VerdictCode};
use serde::Serialize;
use ts_rs::TS;

/// What `onshi check --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct CheckReport {
    /// The worse of the two verdicts.
    pub level: Level,
    /// The state a monitoring tool shows (the plugin convention's word and exit code): from `level` and
    /// `complete`, decided here once for the plugin line, `--json` and every other format.
    pub state: MonitoringState,
    /// False when the certificate could not be looked at (none found, or its file unreadable): a
    /// monitoring tool then reports "unknown" rather than "ok".
    pub complete: bool,
    pub readers: Verdict,
    pub certificate: Verdict,
    /// Reader devices connected, and those fit for the smartphone マイナ保険証.
    pub readers_connected: u32,
    pub readers_ready: u32,
    /// The USB view's findings by kind (`usb-only`, `unlisted-reader`).
    pub findings: Vec<FindingKind>,
    /// Days to the certificate's last valid day (negative once expired), and that day (YYYY-MM-DD).
    pub certificate_days_left: Option<i64>,
    pub certificate_not_after: Option<String>,
    /// Where the certificate was read from, and why it could not be, if it could not.
    pub certificate_source: Option<Source>,
    pub certificate_error: Option<String>,
    /// The operating system and its last day of updates (crate::os_support).
    pub os: OsSupport,
    /// The same lines as the tray's, readers then certificate, then the OS and each area of the terminal
    /// around the reader when it needs attention.
    pub lines: Vec<Text>,
    /// The terminal around the reader (crate::terminal), area by area: the most pressing finding of each.
    pub terminal: Vec<CheckArea>,
    /// Why the site's own usual set-up (usual-setup.toml) could not be used, when it could not.
    pub usual_error: Option<String>,
}

/// The monitoring-plugin convention's states: OK, WARNING, CRITICAL, UNKNOWN (exit codes 0 to 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum MonitoringState {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl MonitoringState {
    /// The state of a check whose worst level is `level`: UNKNOWN when all looked fine but the certificate
    /// could not be looked at (`complete` false), or nothing could be confirmed at all (`Info`).
    pub fn of(level: Level, complete: bool) -> Self {
        match level {
            Level::Error => Self::Critical,
            Level::Warn => Self::Warning,
            Level::Ok if !complete => Self::Unknown,
            Level::Info => Self::Unknown,
            Level::Ok => Self::Ok,
        }
    }

    /// The plugin convention's exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    pub fn exit_code(self) -> u8 {
        self as u8
    }
}

/// One area of the terminal around the reader, as `onshi check` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct CheckArea {
    pub area: Area,
    pub verdict: Verdict,
    pub found: Text,
}

/// The terminal around the reader, area by area: each area's most pressing finding (crate::terminal).
pub fn terminal_areas(facts: &Facts) -> Vec<CheckArea> {
    crate::terminal::judge(&facts.terminal, &facts.usual)
        .into_iter()
        .map(|(area, found)| {
            let first = found.into_iter().next().expect("every area has a finding");
            CheckArea {
                area,
                verdict: first.verdict,
                found: first.found,
            }
        })
        .collect()
}

/// Judges the facts for a monitoring tool.
pub fn check(facts: &Facts) -> CheckReport {
    let (source, info, error) = match &facts.certificate {
        Some(InUse {
            source,
            certificate: Ok(info),
        }) => (Some(source.clone()), Some(info), None),
        Some(InUse {
            source,
            certificate: Err(error),
        }) => (Some(source.clone()), None, Some(error.clone())),
        None => (None, None, None),
    };
    let report = &facts.readers;
    let findings = &facts.usb.findings;
    let readers = report.verdict(findings, facts.os);
    let certificate = crate::cert::verdict(info);
    let mut lines = health::assess(report, findings, info, facts.os)
        .with_os(&facts.os_support)
        .lines;
    let terminal = terminal_areas(facts);
    lines.extend(
        terminal
            .iter()
            .filter(|a| a.verdict.level >= Level::Warn)
            .map(|a| a.found.clone()),
    );
    let terminal_level = terminal.iter().map(|a| a.verdict.level).max();
    let level = readers
        .level
        .max(certificate.level)
        .max(facts.os_support.verdict.level)
        .max(terminal_level.unwrap_or(Level::Ok));
    let complete = certificate.code != VerdictCode::CertificateUnknown;
    CheckReport {
        level,
        state: MonitoringState::of(level, complete),
        complete,
        readers,
        certificate,
        readers_connected: report.devices.len() as u32,
        readers_ready: report.devices.iter().filter(|d| d.smartphone_ready).count() as u32,
        findings: findings.iter().map(|f| f.kind).collect(),
        certificate_days_left: info.map(|i| i.expiry.days_left),
        certificate_not_after: info.map(|i| i.not_after.clone()),
        certificate_source: source,
        certificate_error: error,
        os: facts.os_support.clone(),
        lines,
        terminal,
        usual_error: facts.usual_error.as_ref().map(ToString::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::{ReaderInfo, ServiceState};

    use crate::platform::Os;
    use crate::readers::ReadersReport;

    #[test]
    fn an_ended_windows_turns_the_check_amber_and_says_what_to_do() {
        let report = ReadersReport::of(
            ServiceState::Running,
            vec![ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 0")],
        );
        let ended = crate::os_support::windows(
            &crate::platform::WindowsIdentity {
                product: "Windows 10 Pro".into(),
                edition_id: "Professional".into(),
                build: 19045,
                display_version: "22H2".into(),
            },
            crate::time::parse_date("2026-12-01").unwrap(),
        );
        let mut facts = Facts::with_readers(report);
        facts.os = Os::Windows;
        facts.os_support = ended;
        let checked = check(&facts);
        assert_eq!(checked.level, Level::Warn);
        assert!(
            checked.lines[2]
                .ja
                .contains("2025年10月14日に終了しています"),
            "{:?}",
            checked.lines
        );
    }

    #[test]
    fn the_monitoring_state_is_the_worst_level_and_unknown_when_nothing_could_be_confirmed() {
        use MonitoringState as S;
        for (level, complete, state, code) in [
            (Level::Ok, true, S::Ok, 0),
            (Level::Ok, false, S::Unknown, 3),
            (Level::Info, true, S::Unknown, 3),
            (Level::Warn, false, S::Warning, 1),
            (Level::Error, false, S::Critical, 2),
            (Level::Error, true, S::Critical, 2),
        ] {
            assert_eq!(
                MonitoringState::of(level, complete),
                state,
                "{level:?} {complete}"
            );
            assert_eq!(state.exit_code(), code);
        }
    }

    #[test]
    fn without_a_certificate_the_check_is_incomplete_and_the_readers_still_count() {
        let report = ReadersReport::of(
            ServiceState::Running,
            vec![ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 0")],
        );
        let mut facts = Facts::with_readers(report);
        let checked = check(&facts);
        assert!(!checked.complete);
        assert_eq!(checked.level, Level::Ok);
        assert_eq!(checked.state, MonitoringState::Unknown);
        assert_eq!((checked.readers_connected, checked.readers_ready), (1, 1));
        let unreadable = InUse {
            source: Source::File("~/gone.cer".into()),
            certificate: Err("No such file".into()),
        };
        facts.certificate = Some(unreadable);
        let checked = check(&facts);
        assert!(!checked.complete);
        assert_eq!(checked.certificate_error.as_deref(), Some("No such file"));
    }
}

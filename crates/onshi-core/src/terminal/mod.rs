//! The terminal around the reader: the オン資 software, the link with the レセコン, automatic sign-in, the
//! line and the clock. Probes (`probe_*.rs`) read what the OS shows into plain data (`seen.rs`); one rule
//! per area (`software.rs`, `link.rs`, `sign_in.rs`, `line.rs`, `clock.rs`) turns it into findings against
//! the usual set-up (`usual.rs` over `usual_setup.toml`, with a site's own values). Configuration only:
//! nothing here resolves a name, opens a network socket, reads a secret or opens a patient's file.

mod accounts;
mod clock;
mod line;
mod link;
#[cfg(not(windows))]
mod probe_other;
#[cfg(windows)]
mod probe_windows;
pub mod seen;
mod shares;
mod sign_in;
mod software;
mod tasks;
pub mod usual;

pub use line::prefixes;
pub use seen::TerminalSeen;
pub use usual::UsualSetup;

use crate::text::Text;
use crate::verdict::{Area, Level, Verdict, VerdictCode};

/// One finding of an area: its verdict and what was found, in words staff can read to the vendor. An
/// area's less pressing findings reach the screens as these too (`desk_check::AreaResult::also`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Judged {
    pub verdict: Verdict,
    pub found: Text,
}

impl Judged {
    fn new(
        level: Level,
        code: VerdictCode,
        ja: impl Into<String>,
        en: impl Into<String>,
    ) -> Judged {
        Judged {
            verdict: Verdict::of(level, code),
            found: Text::new(ja, en),
        }
    }

    /// An area that was not looked at: not on this OS, or the OS did not answer (its words said).
    fn not_looked_at<T>(
        probe: &seen::Probe<T>,
        code: VerdictCode,
        area_ja: &str,
        area_en: &str,
    ) -> Judged {
        match probe {
            seen::Probe::Unreadable(error) => Judged::new(
                Level::Info,
                code,
                format!("{area_ja}：読み取れませんでした（{error}）"),
                format!("{area_en}: could not be read ({error})"),
            ),
            _ => Judged::new(
                Level::Info,
                code,
                format!("{area_ja}：Windowsの資格確認端末で確認する項目です"),
                format!("{area_en}: checked on the Windows terminal"),
            ),
        }
    }
}

/// An area's findings with its green one first when none of them is something to act on: green for what
/// was looked at, anything neutral said beside it. `ok` words the green one.
fn fine_unless_pressing(mut found: Vec<Judged>, ok: impl FnOnce() -> Judged) -> Vec<Judged> {
    if found.iter().all(|f| f.verdict.level < Level::Warn) {
        found.insert(0, ok());
    }
    found
}

/// Every area's findings, the most pressing first within each area.
pub fn judge(seen: &TerminalSeen, usual: &UsualSetup) -> Vec<(Area, Vec<Judged>)> {
    let mut areas = vec![
        (Area::Software, software::judge(&seen.software, usual)),
        (Area::Link, link::judge(&seen.link, usual)),
        (Area::SignIn, sign_in::judge(&seen.sign_in, usual)),
        (Area::Line, line::judge(&seen.line, usual)),
        (Area::Clock, clock::judge(&seen.clock, usual)),
    ];
    for (_, found) in &mut areas {
        found.sort_by_key(|f| std::cmp::Reverse(f.verdict.level));
    }
    areas
}

/// What the app remembers between checks that the rules compare with.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    pub prefix: Option<seen::RememberedPrefix>,
    /// The last check's time (RFC 3339).
    pub last_check: Option<String>,
}

/// Looks at this PC now (`now` RFC 3339, Japan time).
pub fn look(usual: &UsualSetup, memory: Memory, now: &str) -> TerminalSeen {
    #[cfg(windows)]
    let seen = probe_windows::look(usual, memory, now);
    #[cfg(not(windows))]
    let seen = probe_other::look(usual, memory, now);
    seen
}

/// A quiet morning on a Linux PC, as recorded: one adapter up with an IPv6 prefix, Japan time, the
/// Windows-only parts not applying. The judges' tests start from it and change what they are about.
#[cfg(test)]
pub(crate) fn quiet_linux_morning() -> TerminalSeen {
    use seen::*;
    TerminalSeen {
        software: SoftwareSeen::does_not_apply(),
        link: LinkSeen::does_not_apply(),
        sign_in: SignInSeen::does_not_apply(),
        line: LineSeen {
            adapters: Probe::Seen(vec![Adapter {
                name: "eth0".into(),
                up: true,
                ipv4: true,
                ipv6_prefixes: vec!["2404:1a8:f583:d00::/64".into()],
            }]),
            dns: Probe::DoesNotApply,
            proxy: Probe::DoesNotApply,
            remembered_prefix: None,
        },
        clock: ClockSeen {
            time_zone: Probe::Seen("Asia/Tokyo".into()),
            utc_offset_minutes: 540,
            time_server: Probe::DoesNotApply,
            synchronized: Probe::Seen(true),
            now: "2026-12-07T08:30:00+09:00".into(),
            last_check: None,
        },
    }
}

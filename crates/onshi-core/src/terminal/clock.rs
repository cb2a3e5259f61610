//! 時計: the time zone, the time server as configured, the OS's own word on synchronisation, and the
//! clock going back between two checks. The true time cannot be known offline; the portal's dates are
//! Japan time.

use super::seen::{ClockSeen, Probe};
use super::usual::UsualSetup;
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

pub fn judge(seen: &ClockSeen, usual: &UsualSetup) -> Vec<Judged> {
    let usual = &usual.clock;
    let mut found = Vec::new();
    let zone_name = seen.time_zone.seen().map(String::as_str).unwrap_or("-");
    let zone_known = usual.time_zones.iter().any(|zone| zone == zone_name);
    if seen.utc_offset_minutes != usual.utc_offset_minutes && !zone_known {
        let hours = f64::from(seen.utc_offset_minutes) / 60.0;
        found.push(Judged::new(
            Level::Warn,
            ClockWrongZone,
            format!("時計：タイムゾーンが日本時間ではありません（{zone_name}、UTC{hours:+}）"),
            format!("Clock: the time zone is not Japan's ({zone_name}, UTC{hours:+})"),
        ));
    }
    let went_back = seen.last_check.as_deref().and_then(|last| {
        let last = chrono::DateTime::parse_from_rfc3339(last).ok()?;
        let now = chrono::DateTime::parse_from_rfc3339(&seen.now).ok()?;
        let back = (last - now).num_minutes();
        (back > usual.backwards_tolerance_minutes).then_some(back)
    });
    if let Some(minutes) = went_back {
        found.push(Judged::new(
            Level::Warn,
            ClockWentBack,
            format!("時計：前回の点検より{minutes}分戻っています"),
            format!("Clock: it is {minutes} minutes earlier than at the last check"),
        ));
    }
    if seen.synchronized == Probe::Seen(false) {
        // Not proof of a wrong clock (no time service may be set up here): said, not amber.
        found.push(Judged::new(
            Level::Info,
            ClockNotSynchronized,
            "時計：時刻が同期されていません",
            "Clock: the time is not synchronised",
        ));
    }
    if let Probe::Seen(servers) = &seen.time_server {
        // Windows writes flags after a comma ("ntp.base.oqs-pdl.org,0x9").
        let host = |entry: &String| entry.split(',').next().unwrap_or("").trim().to_owned();
        let usual_server = servers
            .iter()
            .any(|entry| usual.time_servers.contains(&host(entry)));
        if !usual_server {
            let listed = if servers.is_empty() {
                "-".to_owned()
            } else {
                servers.join(" ")
            };
            found.push(Judged::new(
                Level::Info,
                ClockServerUnusual,
                format!("時計：時刻合わせの相手が通常の設定と異なります（{listed}）"),
                format!("Clock: the time server differs from the usual set-up ({listed})"),
            ));
        }
    }
    super::fine_unless_pressing(found, || {
        Judged::new(
            Level::Ok,
            ClockOk,
            format!("時計：日本時間（{zone_name}）"),
            format!("Clock: Japan time ({zone_name})"),
        )
    })
}

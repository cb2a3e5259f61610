//! The probes off Windows (Linux): the time zone, the kernel's own word on clock synchronisation, and the
//! adapters with their global IPv6 prefixes (getifaddrs, over netlink: no network socket). The オン資
//! software, the exchange folder, automatic sign-in, DNS and the proxy are Windows settings: they do not
//! apply here, and say so.

use super::seen::*;
use super::usual::UsualSetup;
use super::Memory;

pub fn look(_usual: &UsualSetup, memory: Memory, now: &str) -> TerminalSeen {
    TerminalSeen {
        software: SoftwareSeen::does_not_apply(),
        link: LinkSeen::does_not_apply(),
        sign_in: SignInSeen::does_not_apply(),
        line: LineSeen {
            adapters: adapters(),
            dns: Probe::DoesNotApply,
            proxy: Probe::DoesNotApply,
            remembered_prefix: memory.prefix,
        },
        clock: ClockSeen {
            time_zone: time_zone(),
            utc_offset_minutes: chrono::Local::now().offset().local_minus_utc() / 60,
            time_server: Probe::DoesNotApply,
            synchronized: synchronized(),
            now: now.to_owned(),
            last_check: memory.last_check,
        },
    }
}

/// The zone's name: `TZ` when set, else /etc/timezone, else where /etc/localtime points.
fn time_zone() -> Probe<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':').trim();
        if !tz.is_empty() {
            return Probe::Seen(tz.to_owned());
        }
    }
    if let Ok(text) = std::fs::read_to_string("/etc/timezone") {
        if !text.trim().is_empty() {
            return Probe::Seen(text.trim().to_owned());
        }
    }
    match std::fs::read_link("/etc/localtime") {
        Ok(target) => {
            let target = target.to_string_lossy();
            let zone = target
                .split_once("zoneinfo/")
                .map_or(target.as_ref(), |(_, zone)| zone);
            Probe::Seen(zone.to_owned())
        }
        Err(error) => Probe::Unreadable(error.to_string()),
    }
}

/// Whether the kernel's clock is marked synchronised (what `timedatectl` calls "System clock
/// synchronized": ntp_adjtime without changing anything, its STA_UNSYNC flag clear).
#[cfg(target_os = "linux")]
fn synchronized() -> Probe<bool> {
    // SAFETY: a zeroed timex with modes 0 asks the kernel to fill it in and change nothing.
    let mut timex: libc::timex = unsafe { std::mem::zeroed() };
    let state = unsafe { libc::ntp_adjtime(&mut timex) };
    if state < 0 {
        return Probe::Unreadable(std::io::Error::last_os_error().to_string());
    }
    Probe::Seen(timex.status & libc::STA_UNSYNC == 0)
}

#[cfg(not(target_os = "linux"))]
fn synchronized() -> Probe<bool> {
    Probe::DoesNotApply
}

/// The adapters other than loopback, each up or not, with IPv4 and its global IPv6 prefixes.
#[cfg(unix)]
fn adapters() -> Probe<Vec<Adapter>> {
    use nix::net::if_::InterfaceFlags;
    let addresses = match nix::ifaddrs::getifaddrs() {
        Ok(addresses) => addresses,
        Err(error) => return Probe::Unreadable(error.to_string()),
    };
    let mut adapters: Vec<Adapter> = Vec::new();
    for entry in addresses {
        if entry.flags.contains(InterfaceFlags::IFF_LOOPBACK) {
            continue;
        }
        let index = match adapters.iter().position(|a| a.name == entry.interface_name) {
            Some(index) => index,
            None => {
                adapters.push(Adapter {
                    name: entry.interface_name.clone(),
                    up: entry.flags.contains(InterfaceFlags::IFF_UP)
                        && entry.flags.contains(InterfaceFlags::IFF_RUNNING),
                    ipv4: false,
                    ipv6_prefixes: Vec::new(),
                });
                adapters.len() - 1
            }
        };
        let adapter = &mut adapters[index];
        let Some(address) = entry.address else {
            continue;
        };
        if address.as_sockaddr_in().is_some() {
            adapter.ipv4 = true;
        } else if let Some(v6) = address.as_sockaddr_in6() {
            if let Some(prefix) = super::line::global_prefix(v6.ip()) {
                if !adapter.ipv6_prefixes.contains(&prefix) {
                    adapter.ipv6_prefixes.push(prefix);
                }
            }
        }
    }
    Probe::Seen(adapters)
}

#[cfg(not(unix))]
fn adapters() -> Probe<Vec<Adapter>> {
    Probe::DoesNotApply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_pc_is_looked_at_for_the_clock_and_the_adapters_only() {
        let seen = look(
            UsualSetup::shipped(),
            Memory::default(),
            "2026-12-07T08:30:00+09:00",
        );
        assert_eq!(seen.software.parts, Probe::DoesNotApply);
        assert_eq!(seen.sign_in.auto_sign_in, Probe::DoesNotApply);
        assert!(matches!(seen.line.adapters, Probe::Seen(_)));
        assert!(matches!(seen.clock.time_zone, Probe::Seen(_)));
    }
}

//! 回線: the adapters as configured (up, IPv4, the global IPv6 prefix), the prefix remembered at the last
//! good check (a new prefix brings back 回線認証), the DNS servers against the known sets, and WinINet's
//! proxy. Configuration only: nothing is resolved, pinged or connected to.

use super::seen::{LineSeen, Probe};
use super::usual::UsualSetup;
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

/// The global IPv6 prefixes of the adapters that are up, in order, without repeats.
pub fn prefixes(seen: &LineSeen) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for adapter in seen.adapters.seen().into_iter().flatten().filter(|a| a.up) {
        for prefix in &adapter.ipv6_prefixes {
            if !all.contains(prefix) {
                all.push(prefix.clone());
            }
        }
    }
    all
}

/// The first 64 bits of a global unicast IPv6 address (2000::/3), written as its prefix.
pub(super) fn global_prefix(address: std::net::Ipv6Addr) -> Option<String> {
    let segments = address.segments();
    if segments[0] & 0xe000 != 0x2000 {
        return None;
    }
    let prefix = std::net::Ipv6Addr::new(
        segments[0],
        segments[1],
        segments[2],
        segments[3],
        0,
        0,
        0,
        0,
    );
    Some(format!("{prefix}/64"))
}

/// An address as written by `std::net` (lower case, shortest form), so that two spellings compare equal.
fn normal(address: &str) -> String {
    address
        .trim()
        .parse::<std::net::IpAddr>()
        .map_or_else(|_| address.trim().to_lowercase(), |ip| ip.to_string())
}

pub fn judge(seen: &LineSeen, usual: &UsualSetup) -> Vec<Judged> {
    let usual = &usual.line;
    let adapters = match &seen.adapters {
        Probe::Seen(adapters) => adapters,
        other => return vec![Judged::not_looked_at(other, LineUnreadable, "回線", "Line")],
    };
    let up: Vec<&str> = adapters
        .iter()
        .filter(|a| a.up)
        .map(|a| a.name.as_str())
        .collect();
    if up.is_empty() {
        return vec![Judged::new(
            Level::Error,
            LineNoAdapterUp,
            "回線：つながっているネットワークアダプターがありません",
            "Line: no network adapter is connected",
        )];
    }
    let mut found = Vec::new();
    let now = prefixes(seen);
    if let Some(remembered) = &seen.remembered_prefix {
        if !now.is_empty() && !now.contains(&remembered.prefix) {
            let since = crate::time::moment_ja(&remembered.since);
            let since_en = crate::time::moment_en(&remembered.since);
            found.push(Judged::new(
                Level::Warn,
                LinePrefixChanged,
                format!("回線：IPv6のアドレス（プレフィックス）が{since}の点検のときから変わっています（{} → {}）。回線認証が必要な場合があります", remembered.prefix, now.join(" ")),
                format!("Line: the IPv6 prefix changed since the check of {} ({} → {}); the line may need its line authentication again", since_en, remembered.prefix, now.join(" ")),
            ));
        }
    }
    if let Probe::Seen(dns) = &seen.dns {
        let dns: Vec<String> = dns.iter().map(|d| normal(d)).collect();
        let known = |set: &[String]| dns.iter().any(|d| set.iter().any(|s| normal(s) == *d));
        if known(&usual.dns_current) {
        } else if known(&usual.dns_old) {
            found.push(Judged::new(
                Level::Warn,
                LineDnsOld,
                format!(
                    "回線：DNSサーバーが以前の設定のままです（{}）",
                    dns.join(" ")
                ),
                format!("Line: the DNS servers are the old set ({})", dns.join(" ")),
            ));
        } else {
            let listed = if dns.is_empty() {
                "-".to_owned()
            } else {
                dns.join(" ")
            };
            found.push(Judged::new(
                Level::Info,
                LineDnsUnusual,
                format!("回線：DNSサーバーが通常の設定と異なります（{listed}）"),
                format!("Line: the DNS servers differ from the usual set-up ({listed})"),
            ));
        }
    }
    if let Probe::Seen(proxy) = &seen.proxy {
        let server = proxy.server.as_deref().unwrap_or("-");
        if !proxy.enabled && proxy.server.as_deref() == Some(usual.proxy_server.as_str()) {
            found.push(Judged::new(
                Level::Warn,
                LineProxyOff,
                format!("回線：プロキシ（{server}）が「使わない」になっています"),
                format!("Line: the proxy ({server}) is switched off"),
            ));
        } else if !proxy.enabled || server != usual.proxy_server {
            let state = if proxy.enabled {
                server
            } else {
                "使わない"
            };
            let state_en = if proxy.enabled { server } else { "off" };
            found.push(Judged::new(
                Level::Info,
                LineProxyUnusual,
                format!("回線：プロキシの設定が通常の設定と異なります（{state}）"),
                format!("Line: the proxy differs from the usual set-up ({state_en})"),
            ));
        } else {
            let missing: Vec<&String> = usual
                .proxy_bypass
                .iter()
                .filter(|b| !proxy.bypass.contains(b))
                .collect();
            if !missing.is_empty() {
                let listed = missing
                    .iter()
                    .map(|m| m.as_str())
                    .collect::<Vec<_>>()
                    .join(";");
                found.push(Judged::new(
                    Level::Info,
                    LineProxyUnusual,
                    format!("回線：プロキシの例外に通常の設定の一部がありません（{listed}）"),
                    format!(
                        "Line: the proxy's exceptions lack part of the usual set-up ({listed})"
                    ),
                ));
            }
        }
    }
    super::fine_unless_pressing(found, || {
        let shown = if now.is_empty() {
            "-".to_owned()
        } else {
            now.join(" ")
        };
        Judged::new(
            Level::Ok,
            LineOk,
            format!(
                "回線：接続中のアダプターは{}（IPv6：{shown}）",
                up.join("、")
            ),
            format!("Line: adapters up {} (IPv6 {shown})", up.join(", ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_global_addresses_give_a_prefix() {
        let prefix = |text: &str| global_prefix(text.parse().unwrap());
        assert_eq!(
            prefix("2404:1a8:f583:d00:1234:5678:9abc:def0").as_deref(),
            Some("2404:1a8:f583:d00::/64")
        );
        assert_eq!(prefix("fe80::1"), None, "link-local");
        assert_eq!(prefix("fd00::1"), None, "unique local");
        assert_eq!(prefix("::1"), None, "loopback");
    }
}

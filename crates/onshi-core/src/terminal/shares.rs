//! The shares the レセコン reaches the exchange folders through (part of レセコンとの連携): the usual share
//! names present, no share named `output` (the 連携アプリ's work folder), no Everyone full control on the
//! exchange folders, and the firewall's rule group 「ファイルとプリンターの共有」 enabled. The usual set-up
//! (TK ONS/ONSCheck.ps1, ONS_ShareCheck.ps1), never "wrong": a site overrides it.

use super::seen::{LinkSeen, Probe};
use super::usual::Link;
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

pub fn judge(seen: &LinkSeen, usual: &Link) -> Vec<Judged> {
    let mut found = Vec::new();
    let mut unread: Vec<(&str, &str, &str)> = Vec::new();
    match &seen.shares {
        Probe::Seen(shares) => {
            let missing: Vec<&str> = usual
                .shares
                .iter()
                .filter(|name| !shares.iter().any(|s| s.name.eq_ignore_ascii_case(name)))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                let ja: Vec<String> = missing.iter().map(|n| format!("「{n}」")).collect();
                found.push(Judged::new(
                    Level::Warn,
                    LinkShareMissing,
                    format!("レセコンとの連携：共有フォルダー{}がありません。レセコンからそのフォルダーに届きません", ja.join("")),
                    format!("Link with the receipt computer: the share {} is missing, so the receipt computer cannot reach that folder", missing.join(", ")),
                ));
            }
            let forbidden = &usual.forbidden_share;
            if let Some(share) = shares
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(forbidden))
            {
                let path = share
                    .path
                    .as_deref()
                    .map(|p| format!("（{p}）"))
                    .unwrap_or_default();
                let path_en = share
                    .path
                    .as_deref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default();
                found.push(Judged::new(
                    Level::Warn,
                    LinkOutputShared,
                    format!("レセコンとの連携：「{}」が共有されています{path}。通常の設定では共有しないフォルダーです", share.name),
                    format!("Link with the receipt computer: \"{}\" is shared{path_en}; the usual set-up does not share it", share.name),
                ));
            }
        }
        Probe::Unreadable(error) => unread.push(("共有フォルダー", "the shares", error)),
        Probe::DoesNotApply => {}
    }
    match &seen.everyone_full_control {
        Probe::Seen(folders) if !folders.is_empty() => found.push(Judged::new(
            Level::Warn,
            LinkEveryoneFullControl,
            format!("レセコンとの連携：{}のアクセス許可で「Everyone」が「フル コントロール」になっています。通常の設定は「Administrators」と「ONSRenkei」だけです", folders.join("、")),
            format!("Link with the receipt computer: Everyone has full control of {}; the usual set-up gives it to Administrators and ONSRenkei only", folders.join(", ")),
        )),
        Probe::Unreadable(error) => unread.push(("フォルダーのアクセス許可", "the folders' permissions", error)),
        _ => {}
    }
    match &seen.firewall_sharing {
        Probe::Seen(false) => found.push(Judged::new(
            Level::Warn,
            LinkFirewallSharingOff,
            format!("レセコンとの連携：ファイアウォールの「{}」が有効になっていません。レセコンから共有フォルダーに届かないことがあります", usual.firewall_group),
            format!("Link with the receipt computer: the firewall's rule group \"{}\" (file and printer sharing) is not enabled, so the receipt computer may not reach the shares", usual.firewall_group),
        )),
        Probe::Unreadable(error) => unread.push(("ファイアウォール", "the firewall", error)),
        _ => {}
    }
    if !unread.is_empty() {
        let ja: Vec<String> = unread
            .iter()
            .map(|(what, _, e)| format!("{what}（{e}）"))
            .collect();
        let en: Vec<String> = unread
            .iter()
            .map(|(_, what, e)| format!("{what} ({e})"))
            .collect();
        found.push(Judged::new(
            Level::Info,
            LinkSharesUnreadable,
            format!("レセコンとの連携：{}を読み取れませんでした", ja.join("、")),
            format!(
                "Link with the receipt computer: could not read {}",
                en.join(", ")
            ),
        ));
    }
    found
}

/// Whether an access mask grants full control (FILE_ALL_ACCESS, or GENERIC_ALL).
// Used by the Windows probe; tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn is_full_control(mask: u32) -> bool {
    const FILE_ALL_ACCESS: u32 = 0x001F_01FF;
    const GENERIC_ALL: u32 = 0x1000_0000;
    mask & FILE_ALL_ACCESS == FILE_ALL_ACCESS || mask & GENERIC_ALL != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::seen::Share;
    use crate::terminal::UsualSetup;

    fn link(shares: &[(&str, &str)]) -> LinkSeen {
        let mut seen = crate::terminal::seen::LinkSeen::does_not_apply();
        seen.shares = Probe::Seen(
            shares
                .iter()
                .map(|(name, path)| Share {
                    name: (*name).into(),
                    path: Some((*path).into()),
                })
                .collect(),
        );
        seen.everyone_full_control = Probe::Seen(Vec::new());
        seen.firewall_sharing = Probe::Seen(true);
        seen
    }

    fn codes(seen: &LinkSeen) -> Vec<crate::verdict::VerdictCode> {
        judge(seen, &UsualSetup::shipped().link)
            .into_iter()
            .map(|f| f.verdict.code)
            .collect()
    }

    const USUAL: [(&str, &str); 4] = [
        ("OQS", r"C:\OQS"),
        ("REQ", r"C:\OQS\Req"),
        ("RES", r"C:\OQS\Res"),
        ("FACE", r"C:\OQS\Face"),
    ];

    #[test]
    fn the_usual_shares_say_nothing_and_each_fault_is_told() {
        assert!(codes(&link(&USUAL)).is_empty());
        // Share names compare as Windows does, without case.
        let lower: Vec<(&str, &str)> =
            vec![("oqs", "x"), ("req", "x"), ("res", "x"), ("face", "x")];
        assert!(codes(&link(&lower)).is_empty());
        assert_eq!(codes(&link(&USUAL[..3])), [LinkShareMissing]);
        let mut with_output = USUAL.to_vec();
        with_output.push(("output", r"C:\ProgramData\OQS\OQSComApp\work\output"));
        assert_eq!(codes(&link(&with_output)), [LinkOutputShared]);
        let mut open = link(&USUAL);
        open.everyone_full_control = Probe::Seen(vec![r"C:\OQS\Req".into()]);
        open.firewall_sharing = Probe::Seen(false);
        assert_eq!(
            codes(&open),
            [LinkEveryoneFullControl, LinkFirewallSharingOff]
        );
    }

    #[test]
    fn what_could_not_be_read_is_said_once_and_never_amber() {
        let mut seen = link(&USUAL);
        seen.shares = Probe::Unreadable("Access is denied. (os error 5)".into());
        seen.firewall_sharing = Probe::Unreadable("Class not registered".into());
        let found = judge(&seen, &UsualSetup::shipped().link);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].verdict.level, Level::Info);
        assert!(found[0]
            .found
            .ja
            .contains("共有フォルダー（Access is denied. (os error 5)）、ファイアウォール"));
    }

    #[test]
    fn full_control_is_all_file_rights_or_generic_all() {
        assert!(is_full_control(0x001F_01FF));
        assert!(is_full_control(0x1000_0000));
        // Modify (read, write, execute, delete) is not full control.
        assert!(!is_full_control(0x0013_01BF));
    }
}

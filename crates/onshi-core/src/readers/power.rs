//! USB selective suspend (Windows' power plan): with it on, Windows may power a quiet USB device down.
//! Beside a reader's drop-outs it is worth a word, as a hint only: whether it causes a given drop-out is a
//! correlation, never known from the PC (TERMINAL.md §4; the setting and its GUIDs:
//! https://mywindowshub.com/how-to-turn-on-off-usb-selective-suspend-in-windows-10/). It is Windows'
//! default, so on its own it is nothing to act on.

use crate::terminal::Judged;
use crate::text::Text;
use crate::verdict::{Level, Verdict, VerdictCode};

/// The hint beside `drop_outs` (readers that left the list in the last days), when selective suspend is
/// on (mains power) and a reader did drop out; None otherwise: never amber, never the cause.
pub fn hint(selective_suspend: Option<bool>, drop_outs: usize, days: i64) -> Option<Judged> {
    if selective_suspend != Some(true) || drop_outs == 0 {
        return None;
    }
    Some(Judged {
        verdict: Verdict::of(Level::Info, VerdictCode::UsbSelectiveSuspendOn),
        found: Text::new(
            format!("カードリーダー：この{days}日間にカードリーダーが{drop_outs}回外れています。電源プランの「USB のセレクティブ サスペンドの設定」が「有効」（Windowsの既定）のため、関係している場合があります（原因とは限りません）。ITベンダーにご相談の際にお伝えください"),
            format!("Card readers: a reader dropped out {drop_outs} times in the last {days} days. The power plan's USB selective suspend is on (Windows' default), which may play a part (not necessarily the cause): mention it to your IT vendor"),
        ),
    })
}

/// Whether USB selective suspend is on in the active power plan, on mains power; None where there is no
/// such setting (not Windows) or it could not be read.
pub fn selective_suspend() -> Option<bool> {
    #[cfg(windows)]
    return windows_setting();
    #[cfg(not(windows))]
    None
}

#[cfg(windows)]
fn windows_setting() -> Option<bool> {
    use windows_sys::core::GUID;
    use windows_sys::Win32::Foundation::LocalFree;
    use windows_sys::Win32::System::Power::{PowerGetActiveScheme, PowerReadACValueIndex};
    // The USB settings subgroup and its selective suspend setting (1 enabled, 0 disabled).
    const USB_SUBGROUP: GUID = GUID::from_u128(0x2a737441_1930_4402_8d77_b2bebba308a3);
    const SELECTIVE_SUSPEND: GUID = GUID::from_u128(0x48e6b7a6_50f5_4782_a5d4_53bb8f07e226);
    // SAFETY: the active scheme's GUID is allocated by the call, read once and freed with LocalFree.
    unsafe {
        let mut scheme: *mut GUID = std::ptr::null_mut();
        if PowerGetActiveScheme(std::ptr::null_mut(), &mut scheme) != 0 || scheme.is_null() {
            return None;
        }
        let mut value = 0u32;
        let status = PowerReadACValueIndex(
            std::ptr::null_mut(),
            scheme,
            &USB_SUBGROUP,
            &SELECTIVE_SUSPEND,
            &mut value,
        );
        LocalFree(scheme.cast());
        (status == 0).then_some(value != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_only_beside_drop_outs_and_never_amber() {
        assert_eq!(hint(Some(true), 0, 7), None, "nothing to explain");
        assert_eq!(hint(Some(false), 3, 7), None);
        assert_eq!(hint(None, 3, 7), None, "not read: nothing said");
        let said = hint(Some(true), 3, 7).unwrap();
        assert_eq!(said.verdict.level, Level::Info);
        assert!(said.found.ja.contains("3回"));
        assert!(said.found.ja.contains("原因とは限りません"));
    }
}

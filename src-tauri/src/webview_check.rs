//! Windows draws the app's window with Microsoft Edge WebView2. Windows 10 and 11 ship it, but it can be
//! removed or broken, Windows 10 Enterprise LTSC comes without it, and the オン資 network often has no
//! internet to fetch it. Only the window needs it: the tray, the reader watch, the notices, the history
//! and the report do not. So the app starts without it and, when the window is asked for, says in a
//! message box (and on stderr) what to install and that the tray keeps watching.

use std::sync::atomic::{AtomicBool, Ordering};

/// Said when WebView2 is missing (Japanese first; one English paragraph for a vendor's engineer).
#[cfg_attr(not(windows), allow(dead_code))]
pub const MISSING_WEBVIEW2: &str = "\
このPCには、画面の表示に必要な「Microsoft Edge WebView2 ランタイム」が見つからないため、\
オン資アシスタントの画面を開けませんでした。

通知領域（画面右下）のオン資アシスタントは動いています。カードリーダーと電子証明書の見守りと\
お知らせは、このまま続けます。

画面を使うには、次の順にお試しください。
1. PCを再起動してから、もう一度開く。
2. 「設定」→「アプリ」で「Microsoft Edge WebView2 Runtime」を選び、「変更」→「修復」を選ぶ。
3. 一覧にない場合は、PCの導入業者（システムベンダー）にWebView2ランタイムの導入をご依頼ください。\
オンライン資格確認の回線はインターネットにつながらないため、このPCから入手できないことがあります。

カードリーダーや電子証明書の確認は、onshi.exe（コマンドライン）でも行えます。

The Microsoft Edge WebView2 Runtime is missing on this PC, so the window cannot open. The app keeps \
watching from the notification area. Repair the runtime in Settings > Apps, or ask the PC's vendor to \
install it (the closed network may have no internet). onshi.exe still works.";

/// The window title of the message.
#[cfg_attr(not(windows), allow(dead_code))]
pub const TITLE: &str = "オン資アシスタント";

/// Whether the window can be drawn now (always on other systems, which draw with WebKitGTK).
pub fn available() -> bool {
    #[cfg(windows)]
    return tauri::webview_version().is_ok();
    #[cfg(not(windows))]
    true
}

/// One message at a time, however often the tray is clicked.
static TELLING: AtomicBool = AtomicBool::new(false);

/// Tells staff the window cannot open and why, without stopping the app: the box is shown on a thread
/// of its own and the tray goes on.
pub fn tell_missing() {
    eprintln!("{MISSING_WEBVIEW2}");
    if TELLING.swap(true, Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(|| {
        #[cfg(windows)]
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Warning)
            .set_title(TITLE)
            .set_description(MISSING_WEBVIEW2)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
        TELLING.store(false, Ordering::SeqCst);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_runtime_what_to_do_and_that_the_tray_goes_on() {
        assert!(MISSING_WEBVIEW2.starts_with("このPCには"));
        assert!(MISSING_WEBVIEW2.contains("「Microsoft Edge WebView2 ランタイム」"));
        assert!(MISSING_WEBVIEW2.contains("見守りと"));
        assert!(MISSING_WEBVIEW2.contains("再起動"));
        assert!(MISSING_WEBVIEW2.contains("「修復」"));
        assert!(MISSING_WEBVIEW2.contains("インターネットにつながらない"));
        assert!(MISSING_WEBVIEW2.contains("onshi.exe"));
        assert!(
            available() || cfg!(windows),
            "other systems draw with WebKit"
        );
    }
}

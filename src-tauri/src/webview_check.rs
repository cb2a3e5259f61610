//! Windows draws the app's window with Microsoft Edge WebView2. Windows 10 and 11 ship it, but it can be
//! removed or broken, and the オン資 network often has no internet to fetch it again. Without it Tauri
//! cannot open a window at all, so the app checks first and, if it is missing, says so in a message box
//! (and on stderr) with what staff can do, instead of crashing or closing without a word.

/// Said when WebView2 is missing (Japanese first; one English line for a vendor's engineer).
#[cfg_attr(not(windows), allow(dead_code))]
pub const MISSING_WEBVIEW2: &str = "\
この PC には、画面の表示に必要な「Microsoft Edge WebView2 ランタイム」が見つかりません。\
オン資アシスタントを起動できませんでした。

次の順にお試しください。
1. PC を再起動してから、もう一度起動する。
2. 「設定」→「アプリ」で「Microsoft Edge WebView2 Runtime」を選び、「変更」→「修復」を選ぶ。
3. 一覧にない場合は、PC の導入業者 (システムベンダー) に WebView2 ランタイムの導入をご依頼ください。\
オンライン資格確認の回線はインターネットにつながらないため、この PC から入手できないことがあります。

カードリーダーや証明書の確認は、onshi.exe (コマンドライン) でも行えます。

The Microsoft Edge WebView2 Runtime is missing on this PC: repair it in Settings > Apps, or ask the \
PC's vendor to install it (the closed network may have no internet). onshi.exe still works.";

/// The window title of the message.
#[cfg_attr(not(windows), allow(dead_code))]
pub const TITLE: &str = "オン資アシスタント";

/// Whether the window can be drawn; when it cannot, tells staff why and what to do first.
pub fn ensure_webview() -> bool {
    #[cfg(windows)]
    if let Err(error) = tauri::webview_version() {
        eprintln!("{MISSING_WEBVIEW2}\n({error})");
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(TITLE)
            .set_description(MISSING_WEBVIEW2)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_runtime_and_what_to_do_without_internet() {
        assert!(MISSING_WEBVIEW2.starts_with("この PC には"));
        assert!(MISSING_WEBVIEW2.contains("「Microsoft Edge WebView2 ランタイム」"));
        assert!(MISSING_WEBVIEW2.contains("再起動"));
        assert!(MISSING_WEBVIEW2.contains("「修復」"));
        assert!(MISSING_WEBVIEW2.contains("インターネットにつながらない"));
        assert!(MISSING_WEBVIEW2.contains("onshi.exe"));
        assert!(
            ensure_webview() || cfg!(windows),
            "other systems draw with WebKit"
        );
    }
}

//! The command line speaks the user's language from the first word: argument errors and `--help` in
//! Japanese by default and in English with `--lang en`, each error with exit code 2.

use crate::util::onshi;

fn refused(args: &[&str]) -> String {
    let output = onshi(args);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn argument_errors_are_japanese_by_default_and_english_on_request() {
    let bad_date = [
        "succession",
        "--from",
        "2026-02-30",
        "--not-after",
        "2027-01-01",
    ];
    let message = refused(&bad_date);
    assert!(
        message.contains("「--from」に指定した「2026-02-30」を読めません"),
        "{message}"
    );
    assert!(message.contains("YYYY-MM-DD"), "{message}");
    let english = refused(&[&bad_date[..], &["--lang", "en"]].concat());
    assert!(english.contains("invalid value '2026-02-30'"), "{english}");

    let message = refused(&["readers", "--bogus"]);
    assert!(
        message.contains("「--bogus」というオプションはありません"),
        "{message}"
    );
    let message = refused(&["succession", "--not-after", "2027-01-01"]);
    assert!(
        message.contains("「--from」を指定してください"),
        "{message}"
    );
    let message = refused(&["succession", "--from"]);
    assert!(
        message.contains("「--from」の値を指定してください"),
        "{message}"
    );
    let message = refused(&["frobnicate"]);
    assert!(
        message.contains("「frobnicate」というコマンドはありません"),
        "{message}"
    );
    for message in [refused(&bad_date), refused(&["readers", "--bogus"])] {
        assert!(
            !message.contains("error:") && !message.contains("Usage"),
            "{message}"
        );
    }
}

#[test]
fn help_is_japanese_by_default_and_english_with_lang_en() {
    let output = onshi(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("使い方：onshi"), "{help}");
    assert!(
        help.contains("コマンド：\n") && help.contains("オプション：\n"),
        "{help}"
    );
    // Every command described in Japanese, the monitoring one too, and no half-width colon after Japanese.
    assert!(help.contains("監視ツール向けの1行"), "{help}");
    assert!(
        !help.contains("One line for monitoring") && !help.contains("コマンド:"),
        "{help}"
    );
    assert!(
        help.contains("承継のあと、旧コードの電子証明書を使える最終日"),
        "{help}"
    );
    assert!(
        !help.contains("Usage:") && !help.contains("Print help"),
        "{help}"
    );

    let output = onshi(&["backup", "verify", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("パスワードを標準入力の1行目から読みます"),
        "{help}"
    );

    let output = onshi(&["--lang", "en", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(
        help.contains("Usage: onshi") && help.contains("List the card readers"),
        "{help}"
    );
}

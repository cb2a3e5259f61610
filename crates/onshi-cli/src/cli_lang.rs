//! The command line itself in the user's language: `--help` and argument errors in Japanese by default,
//! in English with `--lang en`. `--lang` is looked up before clap parses, so that even a mistyped date
//! is explained in the language asked for. Exit code 2 for every argument error, as before.

use crate::exit;
use crate::text::Language;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;
use std::process::ExitCode;

/// The `--lang` given on the command line (Japanese when absent or not one we speak).
pub fn lang_in(args: &[OsString]) -> Language {
    let mut words = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang=") {
            Some(value) => Some(value.to_owned()),
            None if word == "--lang" => words.next().map(|v| v.into_owned()),
            None => None,
        };
        if let Some(value) = value {
            return if value == "en" {
                Language::En
            } else {
                Language::Ja
            };
        }
    }
    Language::Ja
}

/// Japanese help: (subcommand path, argument id or "" for the command itself, text).
const JAPANESE: &[(&str, &str, &str)] = &[
    ("", "", "オン資アシスタント：カードリーダーと電子証明書の確認（オンライン資格確認端末の点検）"),
    ("", "lang", "メッセージの言語：ja（日本語、既定）またはen (English)"),
    ("readers", "", "接続中のカードリーダーと機種、置かれたカードを一覧します。"),
    ("readers", "json", "結果をJSONで標準出力に出します。"),
    ("watch", "", "カードリーダーやカードの出し入れを、起きた順に1行ずつ表示します。"),
    ("watch", "json", "1行に1つのJSONで出します。"),
    ("watch", "seconds", "この秒数が過ぎたら終わります。"),
    ("card-test", "", "カードやスマートフォンを待って、安全な読み取りテストをします（暗証番号・個人情報には触れません）。"),
    ("card-test", "reader", "名前にこの文字を含むカードリーダーだけを使います。"),
    ("card-test", "wait", "カードを待つ秒数（既定：30）。"),
    ("card-test", "json", "結果をJSONで標準出力に出します。"),
    ("cert", "", "電子証明書：ファイルの確認、またはWindowsの証明書ストアの一覧。"),
    ("cert inspect", "", "電子証明書ファイル（DER / PEM）の有効期限と状態を表示します。"),
    ("cert inspect", "file", "電子証明書ファイル（.cer / .crt / .pem）"),
    ("cert inspect", "json", "結果をJSONで標準出力に出します。"),
    ("cert inspect", "at", "この日（YYYY-MM-DD、日本時間）の時点で判定します。"),
    ("cert list", "", "このユーザーの証明書ストアの電子証明書を一覧します（Windows）。"),
    ("cert list", "json", "結果をJSONで標準出力に出します。"),
    ("cert list", "at", "この日（YYYY-MM-DD、日本時間）の時点で判定します。"),
    ("backup", "", "電子証明書のバックアップ（.p12 / .pfx）：確認、または安全なコピー。"),
    ("backup verify", "", "バックアップがパスワードで開け、端末を復元できるかを確かめます。"),
    ("backup verify", "file", "バックアップファイル（.p12 / .pfx）"),
    ("backup verify", "password_stdin", "パスワードを標準入力の1行目から読みます（指定しなければ、表示されない入力欄で尋ねます）。"),
    ("backup verify", "cert", "このPCで使っている電子証明書（.cer / .pem）。バックアップがその電子証明書か、更新前の電子証明書か、別の電子証明書かを確かめます。"),
    ("backup verify", "json", "結果をJSONで標準出力に出します。"),
    ("backup verify", "at", "この日（YYYY-MM-DD、日本時間）の時点で判定します。"),
    ("backup copy", "", "バックアップをフォルダー（USBメモリ）にコピーし、読み戻して一致を確かめます。上書きはしません。"),
    ("backup copy", "file", "バックアップファイル（.p12 / .pfx）"),
    ("backup copy", "dest_dir", "コピー先のフォルダー"),
    ("backup copy", "json", "結果をJSONで標準出力に出します。"),
    ("succession", "", "承継のあと、旧コードの電子証明書を使える最終日（120日、電子証明書の有効期限まで）を計算します。"),
    ("succession", "from", "廃止または承継の届出日（YYYY-MM-DD）"),
    ("succession", "not_after", "電子証明書の有効期限の最終日（YYYY-MM-DD）"),
    ("succession", "cert", "または電子証明書ファイル"),
    ("succession", "json", "結果をJSONで標準出力に出します。"),
    ("history", "", "アプリが記録したカードリーダー・カード・サービスの接続の記録を日ごとに表示します。"),
    ("history", "days", "表示する日数（今日を含めて1〜30日）"),
    ("history", "json", "結果をJSONで標準出力に出します。"),
    ("report", "", "ヘルプデスク向けのサポート用レポート（アプリ・OS・カードリーダー・電子証明書・MPKI・バックアップ・記録）を表示します。"),
    ("report", "json", "結果をJSONで標準出力に出します。"),
    ("report", "shown", "顔認証付きカードリーダーや資格確認端末の画面に表示されたコードとメッセージ。レポートに入ります。"),
    ("check", "", "監視ツール向けの1行：カードリーダー、電子証明書、端末のまわりをOK / WARNING / CRITICAL / UNKNOWNとパフォーマンスデータで表示し、終了コード0 / 1 / 2 / 3で返します。読み取るだけで、カードには触れません。実行できないとき以外、標準エラー出力には何も書きません。"),
    ("check", "cert", "確認する電子証明書ファイル（指定しなければWindowsの証明書ストアのもの、なければアプリで最後に選んだファイル）"),
    ("check", "json", "結果をJSONで標準出力に出します（--format jsonと同じ）。"),
    ("check", "format", "出力の形式：text（監視プラグインの1行、既定）、json、prometheus（textfile collector）、prtg（EXE/Script Advanced）"),
    ("check", "at", "この日（YYYY-MM-DD、日本時間）の時点で判定します。"),
    ("mpki", "", "インストール済みのMPKIクライアントと最新版を比べます（Windows）。"),
    ("mpki", "json", "結果をJSONで標準出力に出します。"),
    ("mpki", "latest", "ポータルサイトの「アプリケーションバージョン情報」にある最新バージョン"),
];

/// The command, its help in `lang`, with the help and version flags worded alike.
pub fn localize(command: Command, lang: Language) -> Command {
    localize_at(command, "", lang)
}

fn localize_at(mut command: Command, path: &str, lang: Language) -> Command {
    let (help, version) = match lang {
        Language::Ja => ("使い方を表示します。", "バージョンを表示します。"),
        Language::En => ("Print help.", "Print the version."),
    };
    command = command
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(help),
        );
    if path.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(version),
        );
    }
    if lang == Language::Ja {
        command = command
            .help_template("{about-with-newline}\n使い方：{usage}\n\n{all-args}")
            .subcommand_help_heading("コマンド")
            .next_help_heading("オプション");
        for (_, id, text) in JAPANESE.iter().filter(|(at, _, _)| *at == path) {
            command = if id.is_empty() {
                command.about(*text)
            } else {
                command.mut_arg(*id, |arg| {
                    let heading = if arg.is_positional() {
                        "引数"
                    } else {
                        "オプション"
                    };
                    arg.help(*text).help_heading(heading)
                })
            };
        }
        command = command.mut_arg("help", |arg| arg.help_heading("オプション"));
        if path.is_empty() {
            // The help text already names ja and en; clap's own note on them would be English.
            command = command
                .mut_arg("version", |arg| arg.help_heading("オプション"))
                .mut_arg("lang", |arg| {
                    arg.hide_default_value(true).hide_possible_values(true)
                });
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let child_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        command = command.mut_subcommand(&name, |sub| localize_at(sub, &child_path, lang));
    }
    command
}

/// Ends the program for a parse result that is not a command to run: help and version print as asked
/// (exit 0); an argument error is explained in `lang` (exit 2).
pub fn finish(error: clap::Error, lang: Language) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp if lang == Language::Ja => {
            // Through the output module: a reader of stdout that has gone (`onshi --help | head`) ends the
            // program quietly, on Windows too, where print! panics (closed_pipe.rs).
            crate::output::write_raw(&japanese_headings(&error.render().to_string()));
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(exit::BAD_INPUT)
        }
        _ => {
            eprintln!("{}", explain(&error, lang));
            ExitCode::from(exit::BAD_INPUT)
        }
    }
}

/// clap ends each heading with a half-width colon; Japanese writes 「コマンド：」 as it writes 「使い方：」.
fn japanese_headings(help: &str) -> String {
    help.lines()
        .map(|line| match line.strip_suffix(':') {
            Some(heading @ ("コマンド" | "オプション" | "引数")) => {
                format!("{heading}：\n")
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// The sentence for an argument error.
pub fn explain(error: &clap::Error, lang: Language) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join("」「"),
        _ => String::new(),
    };
    // "--from <FROM>" is named as "--from".
    let arg = text(ContextKind::InvalidArg)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    let value = text(ContextKind::InvalidValue);
    if lang == Language::En {
        return error.render().to_string().trim_end().to_owned();
    }
    let date_hint = if matches!(arg.as_str(), "--from" | "--not-after" | "--at") {
        "日付はYYYY-MM-DD（例：2026-04-01）の形で、実在する日を指定してください。"
    } else {
        "指定のしかたは「onshi --help」でご確認ください。"
    };
    match error.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            format!("「{arg}」の値を指定してください。{date_hint}")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("「{arg}」に指定した「{value}」を読めません。{date_hint}")
        }
        ErrorKind::UnknownArgument => format!(
            "「{}」というオプションはありません。使えるオプションは「--help」でご確認ください。",
            if value.is_empty() { &arg } else { &value }
        ),
        ErrorKind::InvalidSubcommand => format!(
            "「{}」というコマンドはありません。コマンドの一覧は「onshi --help」でご確認ください。",
            text(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing = text(ContextKind::InvalidArg)
                .split("」「")
                .map(|a| a.split(' ').next().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
                .join("」「");
            format!("「{missing}」を指定してください。")
        }
        ErrorKind::ArgumentConflict => format!(
            "「{arg}」と「{}」は同時に指定できません。",
            text(ContextKind::PriorArg)
                .split(' ')
                .next()
                .unwrap_or_default()
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => {
            format!("「{arg}」の値の数が合いません。{date_hint}")
        }
        _ => format!(
            "コマンドラインを読めません。使い方は「onshi --help」でご確認ください。（{}）",
            error.kind()
        ),
    }
}

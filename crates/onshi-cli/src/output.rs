//! How every command prints: one JSON document on stdout with --json, messages for people on stderr.
//!
//! A help desk pipes `onshi` into `head`, `findstr` or a script that may stop reading early. On Unix the
//! process then ends on SIGPIPE as standard tools do (main restores the default); Windows has no such
//! signal, so a write into a closed pipe ends the program here, quietly, instead of a panic.

use std::io::{ErrorKind, Write};

/// `println!` for the command's results, quiet when the reader of stdout has gone.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::write_line(format_args!($($arg)*))
    };
}

pub fn write_line(line: std::fmt::Arguments<'_>) {
    write_raw(&format!("{}\n", japanese_spacing(&line.to_string())));
}

/// Writes `text` to stdout as it is (a machine format whose every byte counts), quiet when the reader
/// of stdout has gone.
pub fn write_raw(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if matches!(error.kind(), ErrorKind::BrokenPipe) || is_closed_pipe(&error) {
            std::process::exit(0);
        }
        eprintln!("{error}");
        std::process::exit(i32::from(crate::exit::PROBLEM));
    }
}

/// Japanese lines are put together from a label and a value joined by a space (「カードリーダー：」 and
/// 「3」), or a name and a note in parentheses: the space goes where full-width punctuation meets the
/// next word, as Japanese is written (「カードリーダー：3」「対応（1台目）」). English lines have no
/// full-width punctuation and pass unchanged; a line's indent is kept.
pub(crate) fn japanese_spacing(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let (lead, rest) = line.split_at(indent);
    format!("{lead}{}", rest.replace("： ", "：").replace(" （", "（"))
}

/// Windows reports a pipe whose reader left as ERROR_BROKEN_PIPE (109), ERROR_NO_DATA (232) or
/// ERROR_PIPE_NOT_CONNECTED (233, "Pipe not connected").
fn is_closed_pipe(error: &std::io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(109 | 232 | 233))
}

/// Prints `value` as the command's one JSON document.
pub fn print_json(value: &impl serde::Serialize) {
    say!(
        "{}",
        serde_json::to_string_pretty(value).expect("results serialise")
    );
}

/// Reports a failure: `{"error": code, "message": …}` on stdout with --json, and the message on stderr.
pub fn report_error(json: bool, code: onshi_core::error_code::ErrorCode, message: &str) {
    if json {
        print_json(&serde_json::json!({ "error": code, "message": message }));
    }
    eprintln!("{message}");
}

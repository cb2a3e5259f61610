//! A help desk pipes `onshi` into `head` or a script that stops reading early: every command that writes
//! to stdout then ends quietly, as standard tools do (SIGPIPE on Unix; a quiet exit 0 on Windows), with no
//! panic and no backtrace on stderr. The pipe's reader is closed before onshi starts, so every write meets
//! a closed pipe.

use crate::util::onshi_command;
use onshi_rig::pki::{Pki, TERMINAL_DAYS};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

fn quiet_into_a_closed_pipe(args: &[&str]) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = onshi_command()
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("onshi runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let sigpipe = output.status.signal() == Some(libc_sigpipe());
    assert!(
        sigpipe || output.status.code() == Some(0),
        "{args:?}: ended with {:?}: {stderr}",
        output.status
    );
    for noise in ["panicked", "Broken pipe", "backtrace", "Pipe"] {
        assert!(!stderr.contains(noise), "{args:?}: {stderr}");
    }
}

const fn libc_sigpipe() -> i32 {
    13
}

#[test]
fn json_and_text_end_quietly_when_the_reader_has_gone() {
    let pki = Pki::new(TERMINAL_DAYS, false).unwrap();
    let cert = pki.path("terminal.pem");
    let cert = cert.to_str().unwrap();
    let dates = [
        "succession",
        "--from",
        "2026-04-01",
        "--not-after",
        "2027-06-01",
    ];
    quiet_into_a_closed_pipe(&dates);
    quiet_into_a_closed_pipe(&[&dates[..], &["--json"]].concat());
    quiet_into_a_closed_pipe(&["cert", "inspect", cert]);
    quiet_into_a_closed_pipe(&["cert", "inspect", cert, "--json"]);
    quiet_into_a_closed_pipe(&["--help"]);
}

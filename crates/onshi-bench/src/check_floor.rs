//! `onshi check` against its floor: a plain program that does only what no check can skip — list the
//! PC/SC readers and read the same certificate's dates — started as a process each time, alternating with
//! the whole check (every area: readers with the USB view, the certificate, the terminal around the reader,
//! the OS), so that the ratio says what the check's other probes cost on top.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The child mode: `onshi-bench --check-floor CERT`.
pub const FLAG: &str = "--check-floor";

/// The floor itself: the readers listed, the certificate read and its expiry worked out, one line printed.
pub fn child(cert: &Path) {
    let readers = pcsc::Context::establish(pcsc::Scope::User)
        .and_then(|context| context.list_readers_owned())
        .map(|names| names.len())
        .unwrap_or(0);
    let bytes = std::fs::read(cert).expect("the certificate is readable");
    let der = onshi_core::cert::read_certificate(&bytes).expect("a certificate");
    let today = chrono::Local::now().date_naive();
    let info = onshi_core::cert::inspect(&der, today).expect("its dates are readable");
    println!("readers={readers} days_left={}", info.expiry.days_left);
}

/// Medians in ms: (the whole `onshi check`, the floor), `rounds` runs each, alternating.
pub fn measure(onshi: &Path, floor: &Path, cert: &Path, rounds: usize) -> (f64, f64) {
    let time = |command: &mut Command| {
        let started = Instant::now();
        let status = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        // `onshi check` exits 0 to 3 by its verdict; anything else means it did not run.
        assert!(status.code().is_some_and(|code| code <= 3), "{status}");
        started.elapsed().as_secs_f64() * 1000.0
    };
    let (mut ours, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ours.push(time(
            Command::new(onshi)
                .args(["check", "--json", "--cert"])
                .arg(cert),
        ));
        plain.push(time(Command::new(floor).arg(FLAG).arg(cert)));
    }
    ours.sort_by(f64::total_cmp);
    plain.sort_by(f64::total_cmp);
    (ours[rounds / 2], plain[rounds / 2])
}

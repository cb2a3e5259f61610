//! `onshi check` against its floor: a plain program that does only what no check can skip — list the
//! PC/SC readers and read the same certificate's dates (crates/onshi-core/examples/check_floor.rs, built
//! for Linux here and for Windows in the Wine section) — started as a process each time, alternating with
//! the whole check (every area: readers with the USB view, the certificate, the terminal around the reader,
//! the OS), so that the ratio says what the check's other probes cost on top.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The floor's release build (`cargo build --release -p onshi-core --example check_floor`).
pub fn floor_program() -> PathBuf {
    crate::app::sibling("examples").join("check_floor")
}

/// Medians in ms: (the whole `onshi check`, the floor), `rounds` runs each, alternating.
pub fn measure(onshi: &Path, floor: &Path, cert: &Path, rounds: usize) -> (f64, f64) {
    let time = |command: &mut Command, most: i32| {
        let started = Instant::now();
        let status = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("runs");
        // `onshi check` exits 0 to 3 by its verdict, the floor 0; anything else means it did not run.
        assert!(status.code().is_some_and(|code| code <= most), "{status}");
        started.elapsed().as_secs_f64() * 1000.0
    };
    let (mut ours, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        ours.push(time(
            Command::new(onshi)
                .args(["check", "--json", "--cert"])
                .arg(cert),
            3,
        ));
        plain.push(time(Command::new(floor).arg(cert), 0));
    }
    ours.sort_by(f64::total_cmp);
    plain.sort_by(f64::total_cmp);
    (ours[rounds / 2], plain[rounds / 2])
}

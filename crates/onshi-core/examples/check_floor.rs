//! The floor of `onshi check` for `npm run bench` (crates/onshi-bench/src/check_floor.rs): only what no
//! check can skip, listing the PC/SC readers and reading one certificate's dates, as a program of its own,
//! built for Linux and for Windows alike, so that the whole check is measured against the same floor on
//! both (on Windows, under Wine: scripts/windows/bench-check.sh).
//!   check_floor CERTIFICATE
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: check_floor CERTIFICATE");
        return ExitCode::from(2);
    };
    let readers = pcsc::Context::establish(pcsc::Scope::User)
        .and_then(|context| context.list_readers_owned())
        .map(|names| names.len())
        .unwrap_or(0);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("{}: {error}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    let today = chrono::Local::now().date_naive();
    match onshi_core::cert::read_certificate(&bytes)
        .and_then(|der| onshi_core::cert::inspect(&der, today))
    {
        Ok(info) => {
            println!("readers={readers} days_left={}", info.expiry.days_left);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}: {error}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}

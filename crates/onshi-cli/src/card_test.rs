//! `onshi card-test`: waits for a card, runs the safe read test, and says what it found.

use crate::exit;
use crate::output::{print_json, report_error};
use crate::text::{Language, Words};
use onshi_core::card::{self, Holder, ProbeError};
use onshi_core::error_code::Coded;
use std::time::Duration;

/// The seconds left, counted down on the terminal (only when standard error is one).
mod countdown {
    use crate::text::Language;
    use std::io::{IsTerminal, Write};
    use std::sync::mpsc;
    use std::time::Duration;

    pub struct Countdown(Option<(mpsc::Sender<()>, std::thread::JoinHandle<()>)>);

    pub fn start(seconds: u64, lang: Language) -> Countdown {
        if !std::io::stderr().is_terminal() {
            return Countdown(None);
        }
        let (stop, stopped) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            for left in (1..=seconds).rev() {
                let line = match lang {
                    Language::Ja => format!("\r  残り{left}秒 "),
                    Language::En => format!("\r  {left} s left "),
                };
                let _ = std::io::stderr().write_all(line.as_bytes());
                if stopped.recv_timeout(Duration::from_secs(1))
                    != Err(mpsc::RecvTimeoutError::Timeout)
                {
                    break;
                }
            }
            // The line cleared, so that the outcome starts at the margin.
            let _ = std::io::stderr().write_all(b"\r                    \r");
        });
        Countdown(Some((stop, thread)))
    }

    impl Countdown {
        pub fn stop(self) {
            if let Some((stop, thread)) = self.0 {
                let _ = stop.send(());
                let _ = thread.join();
            }
        }
    }
}

pub fn run(reader: Option<&str>, wait: f64, json: bool, lang: Language) -> u8 {
    if !(wait.is_finite() && wait >= 0.0) {
        eprintln!(
            "{}",
            lang.pick(
                "--waitには0以上の秒数を指定してください。",
                "--wait takes a number of seconds, 0 or more."
            )
        );
        return exit::BAD_INPUT;
    }
    let wait_for = Duration::from_secs_f64(wait);
    let limit = card::test_limit(wait_for).as_secs_f64().ceil();
    if !json {
        eprintln!(
            "{}",
            match lang {
                Language::Ja => format!("カードまたはスマートフォンをカードリーダーに置いてください…（最長{limit}秒で終わります）"),
                Language::En => format!("Place a card or phone on the reader… (ends within {limit} seconds)"),
            }
        );
    }
    // Ctrl+C ends the program, and with it the test: nothing to cancel from here.
    let countdown = (!json).then(|| countdown::start(limit as u64, lang));
    let outcome = card::wait_and_probe(reader, wait_for, &card::Cancel::default());
    if let Some(countdown) = countdown {
        countdown.stop();
    }
    match outcome {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                crate::say!("{}", lang.holder(report.holder));
                crate::say!(
                    "  {} {}",
                    lang.pick("カードリーダー：", "Reader:"),
                    report.reader
                );
                crate::say!("  ATR: {}", report.atr);
                crate::say!(
                    "  {}",
                    lang.pick(
                        "個人情報は読み取っていません。",
                        "No personal data was read."
                    )
                );
            }
            if report.holder == Holder::NotMyNumberCard {
                exit::PROBLEM
            } else {
                exit::FINE
            }
        }
        Err(error) => {
            report_error(json, error.code(), &lang.probe_error(&error, wait));
            match error {
                ProbeError::NoService => exit::NO_SERVICE,
                ProbeError::NoCard => exit::NOTHING_CAME,
                _ => exit::PROBLEM,
            }
        }
    }
}

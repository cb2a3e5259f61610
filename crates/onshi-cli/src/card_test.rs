//! `onshi card-test`: waits for a card, runs the safe read test, and says what it found.

use crate::exit;
use crate::output::{print_json, report_error};
use crate::text::{Language, Words};
use onshi_core::card::{self, Holder, ProbeError};
use std::time::Duration;

pub fn run(reader: Option<&str>, wait: f64, json: bool, lang: Language) -> u8 {
    if !(wait.is_finite() && wait >= 0.0) {
        eprintln!(
            "{}",
            lang.pick(
                "--wait には0以上の秒数を指定してください。",
                "--wait takes a number of seconds, 0 or more."
            )
        );
        return exit::BAD_INPUT;
    }
    if !json {
        eprintln!(
            "{}",
            lang.pick(
                "カードまたはスマートフォンをリーダーに置いてください…",
                "Place a card or phone on the reader…"
            )
        );
    }
    let outcome = card::wait_and_probe(reader, Duration::from_secs_f64(wait));
    match outcome {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                crate::say!("{}", lang.holder(report.holder));
                crate::say!("  {} {}", lang.pick("リーダー:", "Reader:"), report.reader);
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

//! `onshi`: the checks of オン資アシスタント on the command line (design/CLI.md). Logic lives in
//! onshi-core; this binary parses arguments, prints, and maps outcomes to exit codes.

mod card_test;
mod readers;
mod text;

use clap::{Parser, Subcommand};
use std::process::ExitCode;
use text::Lang;

/// Exit codes of design/CLI.md.
pub mod exit {
    pub const FINE: u8 = 0;
    pub const PROBLEM: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    pub const NO_SERVICE: u8 = 3;
    pub const NOTHING_CAME: u8 = 4;
}

#[derive(Parser)]
#[command(
    name = "onshi",
    version,
    about = "オン資アシスタント: カードリーダーと電子証明書の確認 (checks for the オンライン資格確認 PC)"
)]
struct Cli {
    /// Language of the messages for people: ja (default) or en.
    #[arg(long, global = true, default_value = "ja")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the card readers, their models and the cards on them.
    Readers {
        /// One JSON document on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Follow readers and cards as they come and go, one line per event.
    Watch {
        /// JSON lines on stdout.
        #[arg(long)]
        json: bool,
        /// Stop after this many seconds.
        #[arg(long = "for")]
        seconds: Option<f64>,
    },
    /// Wait for a card or phone and run the safe read test (no PIN, no personal data).
    CardTest {
        /// Only readers whose name contains this text.
        #[arg(long)]
        reader: Option<String>,
        /// Seconds to wait for a card.
        #[arg(long, default_value_t = 30.0)]
        wait: f64,
        /// One JSON document on stdout.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Readers { json } => readers::list(json, cli.lang),
        Command::Watch { json, seconds } => readers::watch(json, seconds, cli.lang),
        Command::CardTest { reader, wait, json } => {
            card_test::run(reader.as_deref(), wait, json, cli.lang)
        }
    };
    ExitCode::from(code)
}

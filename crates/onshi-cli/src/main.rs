//! `onshi`: the checks of オン資アシスタント on the command line (docs/CLI.md). Logic lives in
//! onshi-core; this binary parses arguments, prints, and maps outcomes to exit codes.

mod card_test;
mod cert;
mod check;
mod cli_lang;
mod history;
mod output;
mod readers;
mod succession;
mod text;

use chrono::NaiveDate;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use text::Language;

/// Exit codes of docs/CLI.md.
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
    about = "オン資アシスタント：カードリーダーと電子証明書の確認（checks for theオンライン資格確認PC）"
)]
struct Cli {
    /// Language of the messages for people: ja (default) or en.
    #[arg(long, global = true, default_value = "ja", value_parser = language_parser())]
    lang: Language,
    #[command(subcommand)]
    command: Command,
}

/// `ja` or `en`, listed as the possible values in help and errors.
fn language_parser() -> impl clap::builder::TypedValueParser<Value = Language> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["ja", "en"])
        .map(|text| text.parse().expect("one of the possible values"))
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
    /// Certificates: inspect a file, or list the Windows store.
    Cert {
        #[command(subcommand)]
        command: CertCommand,
    },
    /// Certificate backups (.p12/.pfx): verify one, or copy it safely.
    Backup {
        #[command(subcommand)]
        command: BackupCommand,
    },
    /// The last day the old-code certificate may be used after a 承継 (120 days, capped by its expiry).
    Succession {
        /// The day of the 廃止 or the 承継届出 (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// The certificate's last valid day (YYYY-MM-DD).
        #[arg(long, conflicts_with = "cert")]
        not_after: Option<NaiveDate>,
        /// Or the certificate file itself.
        #[arg(long)]
        cert: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The app's connection history: readers, cards and the service, day by day.
    History {
        /// How many days, today included (1 to 30).
        #[arg(long, default_value_t = 7)]
        days: i64,
        #[arg(long)]
        json: bool,
    },
    /// The support report for the help desk: app, OS, readers, certificate, MPKI, backup, history.
    Report {
        #[arg(long)]
        json: bool,
        /// The code and message the face-recognition reader or the terminal showed, as read off its screen.
        #[arg(long, value_name = "TEXT")]
        shown: Option<String>,
    },
    /// One line for monitoring tools: readers and certificate, OK/WARNING/CRITICAL/UNKNOWN with perfdata,
    /// exit 0/1/2/3 (the monitoring-plugin convention). Read-only; never touches a card; writes nothing
    /// to stderr unless it cannot run at all.
    Check {
        /// The certificate file to check (else the Windows store's, else the file last chosen in the app).
        #[arg(long, value_name = "FILE")]
        cert: Option<PathBuf>,
        /// One JSON document on stdout (the same as --format json).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// text (the plugin line, default), json, prometheus (textfile collector) or prtg (EXE/Script
        /// Advanced).
        #[arg(long, value_enum, default_value_t = check::Format::Text, hide_default_value = true, hide_possible_values = true)]
        format: check::Format,
        /// Evaluate as of this date (YYYY-MM-DD, Japan time).
        #[arg(long)]
        at: Option<NaiveDate>,
    },
    /// The MPKI client installed on this PC against the latest version (Windows).
    Mpki {
        #[arg(long)]
        json: bool,
        /// The latest version, as the portal's 「アプリケーションバージョン情報」 lists it.
        #[arg(long)]
        latest: Option<String>,
    },
}

#[derive(Subcommand)]
enum CertCommand {
    /// Expiry and status of a DER or PEM certificate.
    Inspect {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Evaluate as of this date (YYYY-MM-DD, Japan time).
        #[arg(long)]
        at: Option<NaiveDate>,
    },
    /// The current user's certificates (Windows).
    List {
        #[arg(long)]
        json: bool,
        /// Evaluate as of this date (YYYY-MM-DD, Japan time).
        #[arg(long)]
        at: Option<NaiveDate>,
    },
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Check that a backup opens with its password and can restore the terminal.
    Verify {
        file: PathBuf,
        /// Read the password from the first line of stdin (else a prompt that does not echo).
        #[arg(long)]
        password_stdin: bool,
        /// The certificate the PC uses (.cer/.pem): say whether the backup holds it, an earlier one, or another.
        #[arg(long, value_name = "FILE")]
        cert: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Evaluate as of this date (YYYY-MM-DD, Japan time).
        #[arg(long)]
        at: Option<NaiveDate>,
    },
    /// Copy a backup to a folder (a USB stick), read it back and compare; never overwrite.
    Copy {
        file: PathBuf,
        dest_dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts. Rust ignores
    // SIGPIPE; the default ends the program quietly when stdout's reader has gone, as standard tools do.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli_lang::lang_in(&args);
    let parsed = cli_lang::localize(Cli::command(), lang)
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return cli_lang::finish(error, lang),
    };
    let code = match cli.command {
        Command::Succession {
            from,
            not_after,
            cert,
            json,
        } => succession::run(from, not_after, cert.as_deref(), json, cli.lang),
        Command::Readers { json } => readers::list(json, cli.lang),
        Command::Watch { json, seconds } => readers::watch(json, seconds, cli.lang),
        Command::CardTest { reader, wait, json } => {
            card_test::run(reader.as_deref(), wait, json, cli.lang)
        }
        Command::Cert {
            command: CertCommand::Inspect { file, json, at },
        } => cert::inspect(&file, json, at, cli.lang),
        Command::Cert {
            command: CertCommand::List { json, at },
        } => cert::list(json, at, cli.lang),
        Command::History { days, json } => history::history(days, json, cli.lang),
        Command::Report { json, shown } => history::report(json, shown.as_deref(), cli.lang),
        Command::Check {
            cert,
            json,
            format,
            at,
        } => {
            let format = if json { check::Format::Json } else { format };
            check::run(cert.as_deref(), format, at, cli.lang)
        }
        Command::Mpki { json, latest } => cert::mpki(json, latest, cli.lang),
        Command::Backup {
            command:
                BackupCommand::Verify {
                    file,
                    password_stdin,
                    cert,
                    json,
                    at,
                },
        } => cert::verify(&file, password_stdin, cert.as_deref(), json, at, cli.lang),
        Command::Backup {
            command:
                BackupCommand::Copy {
                    file,
                    dest_dir,
                    json,
                },
        } => cert::copy(&file, &dest_dir, json, cli.lang),
    };
    ExitCode::from(code)
}

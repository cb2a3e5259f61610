//! `onshi-vcard --port 35963 --profile my-number [--log FILE]`: puts one virtual card on the vpcd reader at
//! PORT and keeps it there until the process ends. Every APDU it receives goes to FILE, in hex.

use clap::Parser;
use onshi_rig::{Profile, VirtualCard};
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// The vpcd port of the reader (slot 0 of the rig's first reader is 35963).
    #[arg(long)]
    port: u16,
    /// my-number, android, iphone, licence, felica or mifare.
    #[arg(long)]
    profile: Profile,
    /// Append every APDU received, in hex, to this file.
    #[arg(long)]
    log: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    match VirtualCard::insert_logging(args.port, args.profile, args.log.as_deref()) {
        Ok(_card) => loop {
            std::thread::park();
        },
        Err(error) => {
            eprintln!(
                "onshi-vcard: cannot reach vpcd on port {}: {error}",
                args.port
            );
            std::process::exit(1);
        }
    }
}

//! `onshi-rig`: runs the rig for the demo and the end-to-end tests, inside scripts/rig-namespace.sh.
//!
//! It starts pcscd with the readers asked for and puts the cards asked for on them, then, with
//! `--control`, takes one command per line on stdin and answers `ok` or `error: …` on stdout:
//!   readers default | readers none | readers NAME;NAME…   restart pcscd with these readers
//!   insert READER PROFILE                                put a card on the reader whose name contains READER
//!   insert READER PROFILE SLOT                           the same on slot SLOT (0 or 1); remove it as READER@SLOT
//!   remove READER                                        take it away
//!   uid READER                                           answer `ok HEX`: the UID the card there gives
//!   stop-service | start-service                         stop or start pcscd
//! Without `--control` it runs until it is killed. It always ends with its pcscd.

use clap::Parser;
use onshi_rig::{Profile, Rig, VirtualCard, DEFAULT_READERS};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};

#[derive(Parser)]
struct Args {
    /// `default`, `none`, or reader names separated by `;`.
    #[arg(long, default_value = "default")]
    readers: String,
    /// Put a card on a reader at start: READER=PROFILE, e.g. `RC-S300=my-number`.
    #[arg(long = "insert")]
    inserts: Vec<String>,
    /// Read commands from stdin (see the file's doc); end when stdin closes.
    #[arg(long)]
    control: bool,
}

fn reader_set(spec: &str) -> Vec<String> {
    match spec.trim() {
        "default" => DEFAULT_READERS.iter().map(|s| s.to_string()).collect(),
        "none" | "" => Vec::new(),
        names => names
            .split(';')
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
    }
}

struct Bench {
    rig: Rig,
    cards: BTreeMap<String, (VirtualCard, Profile)>,
}

impl Bench {
    /// Puts a card of `profile` on `slot` of the reader whose name contains `reader`; it is kept as
    /// READER (slot 0) or READER@SLOT for `remove`.
    fn insert(&mut self, reader: &str, slot: u16, profile: &str) -> Result<Option<String>, String> {
        let profile: Profile = profile.parse()?;
        let card = self
            .rig
            .insert_at(reader, slot, profile)
            .map_err(|e| e.to_string())?;
        let key = match slot {
            0 => reader.to_string(),
            _ => format!("{reader}@{slot}"),
        };
        self.cards.insert(key, (card, profile));
        Ok(None)
    }

    /// Runs one command; `Some(text)` is an answer beyond `ok`.
    fn run(&mut self, line: &str) -> Result<Option<String>, String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["readers", ..] => {
                self.cards.clear();
                let names = reader_set(line.trim_start_matches("readers"));
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                self.rig.restart(&names).map_err(|e| e.to_string())?;
                Ok(None)
            }
            ["insert", reader, profile] => self.insert(reader, 0, profile),
            ["insert", reader, profile, slot] => {
                let slot: u16 = slot.parse().map_err(|_| format!("no slot {slot:?}"))?;
                self.insert(reader, slot, profile)
            }
            ["remove", key] => {
                let (card, _) = self
                    .cards
                    .remove(*key)
                    .ok_or_else(|| format!("no card on {key}"))?;
                let (reader, slot) = match key.rsplit_once('@') {
                    Some((reader, slot)) => (reader, slot.parse().unwrap_or(0)),
                    None => (*key, 0),
                };
                // Wait until pcscd has seen it go, so the next command meets an empty reader.
                self.rig
                    .take_away_from(reader, slot, card)
                    .map_err(|e| e.to_string())?;
                Ok(None)
            }
            ["uid", reader] => {
                let (_, profile) = self
                    .cards
                    .get(*reader)
                    .ok_or_else(|| format!("no card on {reader}"))?;
                Ok(Some(
                    profile.uid().iter().map(|b| format!("{b:02X}")).collect(),
                ))
            }
            ["stop-service"] => {
                self.cards.clear();
                self.rig.stop_service();
                Ok(None)
            }
            ["start-service"] => {
                self.rig.start_service().map_err(|e| e.to_string())?;
                Ok(None)
            }
            _ => Err(format!("unknown command {line:?}")),
        }
    }
}

fn main() {
    let args = Args::parse();
    let names = reader_set(&args.readers);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let rig = match Rig::start(&names) {
        Ok(rig) => rig,
        Err(error) => {
            eprintln!("onshi-rig: {error}");
            std::process::exit(1);
        }
    };
    let mut bench = Bench {
        rig,
        cards: BTreeMap::new(),
    };
    for insert in &args.inserts {
        let line = format!("insert {}", insert.replacen('=', " ", 1));
        if let Err(error) = bench.run(&line) {
            eprintln!("onshi-rig: {error}");
            std::process::exit(1);
        }
    }
    println!("ready");
    if !args.control {
        loop {
            std::thread::park();
        }
    }
    let stdout = io::stdout();
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let answer = match bench.run(&line) {
            Ok(None) => "ok".to_string(),
            Ok(Some(text)) => format!("ok {text}"),
            Err(error) => format!("error: {error}"),
        };
        let mut out = stdout.lock();
        let _ = writeln!(out, "{answer}");
        let _ = out.flush();
    }
}

//! A virtual card: a TCP client of vpcd. Connecting puts the card on the reader; closing takes it away.
//!
//! Frames are a 2-byte big-endian length and a payload. A one-byte payload is a control message from
//! pcscd (`00` power off, `01` power on, `02` reset: no reply; `04`: reply with the ATR); anything longer
//! is an APDU, answered with data and SW1 SW2.

use crate::profile::{Profile, Selection};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const POWER_ON: u8 = 0x01;
const RESET: u8 = 0x02;
const GET_ATR: u8 = 0x04;

/// A card on a virtual reader, answering on a thread of its own until removed or dropped.
pub struct VirtualCard {
    stream: TcpStream,
    log: Arc<Mutex<Vec<Vec<u8>>>>,
    thread: Option<JoinHandle<()>>,
}

impl VirtualCard {
    /// Puts a card on the virtual reader that listens on `port`. Retries for a few seconds, since vpcd
    /// opens its port only once pcscd has loaded the reader.
    pub fn insert(port: u16, profile: Profile) -> io::Result<VirtualCard> {
        VirtualCard::insert_logging(port, profile, None)
    }

    /// As `insert`, also appending every APDU received, in hex, one per line, to `log_file`.
    pub fn insert_logging(
        port: u16,
        profile: Profile,
        log_file: Option<&Path>,
    ) -> io::Result<VirtualCard> {
        let stream = connect_with_retry(port, Duration::from_secs(10))?;
        stream.set_nodelay(true)?;
        let file_log = match log_file {
            Some(path) => Some(BufWriter::new(
                File::options().create(true).append(true).open(path)?,
            )),
            None => None,
        };
        let log = Arc::new(Mutex::new(Vec::new()));
        let reader = stream.try_clone()?;
        let shared = Arc::clone(&log);
        let thread = std::thread::spawn(move || {
            // The loop ends when the socket closes: removal, or vpcd going away with pcscd.
            let _ = serve(reader, profile, &shared, file_log);
        });
        Ok(VirtualCard {
            stream,
            log,
            thread: Some(thread),
        })
    }

    /// Every APDU the card has received so far.
    pub fn commands(&self) -> Vec<Vec<u8>> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Takes the card away and returns every APDU it received.
    pub fn remove(mut self) -> Vec<Vec<u8>> {
        self.close();
        self.commands()
    }

    fn close(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Both);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for VirtualCard {
    fn drop(&mut self) {
        self.close();
    }
}

fn connect_with_retry(port: u16, patience: Duration) -> io::Result<TcpStream> {
    let deadline = Instant::now() + patience;
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => return Ok(stream),
            Err(error) if Instant::now() >= deadline => return Err(error),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

fn serve(
    mut stream: TcpStream,
    profile: Profile,
    log: &Mutex<Vec<Vec<u8>>>,
    mut file_log: Option<BufWriter<File>>,
) -> io::Result<()> {
    let atr = profile.atr();
    let mut selection = Selection::default();
    // A mute card answers the presence poll's GET ATR but spoils the one that follows a power-up: vpcd
    // takes an answer longer than an ATR can be (33 bytes) as a failed power-up and keeps the card
    // (an empty answer would be a removal), so pcscd reports it present and unresponsive.
    let mut powering_up = false;
    loop {
        let mut length = [0u8; 2];
        stream.read_exact(&mut length)?;
        let mut payload = vec![0u8; usize::from(u16::from_be_bytes(length))];
        stream.read_exact(&mut payload)?;
        let reply = match payload.as_slice() {
            [GET_ATR] if profile == Profile::MuteSam && powering_up => {
                powering_up = false;
                vec![0xFF; pcsc::MAX_ATR_SIZE + 1]
            }
            [GET_ATR] => atr.clone(),
            [control] => {
                // Power off, power on and reset all start the card afresh.
                selection = Selection::default();
                powering_up = matches!(*control, POWER_ON | RESET);
                continue;
            }
            apdu => {
                log.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(apdu.to_vec());
                if profile == Profile::LeavingPhone && selection.jpki {
                    // Answered the first command, gone before the next: vpcd sees the connection close
                    // mid-exchange. (The handle holds a clone of the socket, so it must be shut, not
                    // just dropped.)
                    return stream.shutdown(Shutdown::Both);
                }
                if let Some(file) = file_log.as_mut() {
                    let hex: String = apdu.iter().map(|b| format!("{b:02X}")).collect();
                    writeln!(file, "{hex}")?;
                    file.flush()?;
                }
                if profile == Profile::Silent {
                    // No answer: vpcd (and pcscd's exchange) wait until the card is taken away.
                    continue;
                }
                profile.answer(apdu, &mut selection)
            }
        };
        let mut frame = (reply.len() as u16).to_be_bytes().to_vec();
        frame.extend_from_slice(&reply);
        stream.write_all(&frame)?;
    }
}

//! One slot: a port a virtual card connects to, and the exchanges of vpcd's protocol with it.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

const POWER_OFF: u8 = 0x00;
const POWER_ON: u8 = 0x01;
const RESET: u8 = 0x02;
const GET_ATR: u8 = 0x04;

/// A slot's listening port and the card connected to it, if any.
pub struct SlotPort {
    listener: TcpListener,
    card: Option<TcpStream>,
    atr: Vec<u8>,
}

impl SlotPort {
    pub fn listen(port: u16) -> io::Result<SlotPort> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        Ok(SlotPort {
            listener,
            card: None,
            atr: Vec::new(),
        })
    }

    /// The ATR the card gave at the last look.
    pub fn atr(&self) -> &[u8] {
        &self.atr
    }

    /// Whether a card is on the slot: one that connected and still answers GET ATR.
    pub fn card_present(&mut self) -> bool {
        if self.card.is_none() {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    let ready = stream
                        .set_nonblocking(false)
                        .and_then(|()| stream.set_read_timeout(Some(Duration::from_secs(5))))
                        .and_then(|()| stream.set_nodelay(true));
                    if ready.is_err() {
                        return false;
                    }
                    self.card = Some(stream);
                }
                Err(_) => return false,
            }
        }
        match self.exchange(&[GET_ATR]) {
            Ok(atr) if !atr.is_empty() => {
                if atr.len() <= crate::MAX_ATR_SIZE {
                    self.atr = atr;
                }
                true
            }
            _ => self.left(),
        }
    }

    /// Powers the card up (or resets it) and returns its ATR; Err when it gives none that fits.
    pub fn power_up(&mut self, reset: bool) -> Result<Vec<u8>, ()> {
        self.send(&[if reset { RESET } else { POWER_ON }])?;
        match self.exchange(&[GET_ATR]) {
            Ok(atr) if !atr.is_empty() && atr.len() <= crate::MAX_ATR_SIZE => {
                self.atr = atr.clone();
                Ok(atr)
            }
            // An answer too long to be an ATR: the card is there but did not start (a mute card).
            Ok(atr) if !atr.is_empty() => Err(()),
            _ => {
                self.left();
                Err(())
            }
        }
    }

    pub fn power_down(&mut self) -> Result<(), ()> {
        self.send(&[POWER_OFF])
    }

    /// Sends an APDU and returns the card's answer (data and SW1 SW2).
    pub fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, ()> {
        match self.exchange(apdu) {
            Ok(reply) if !reply.is_empty() => Ok(reply),
            _ => {
                self.left();
                Err(())
            }
        }
    }

    /// Forgets the card that closed its connection; always false (no card).
    fn left(&mut self) -> bool {
        self.card = None;
        self.atr.clear();
        false
    }

    fn send(&mut self, payload: &[u8]) -> Result<(), ()> {
        let Some(card) = self.card.as_mut() else {
            return Err(());
        };
        let mut frame = (payload.len() as u16).to_be_bytes().to_vec();
        frame.extend_from_slice(payload);
        if card.write_all(&frame).is_err() {
            self.left();
            return Err(());
        }
        Ok(())
    }

    fn exchange(&mut self, payload: &[u8]) -> io::Result<Vec<u8>> {
        self.send(payload)
            .map_err(|()| io::Error::other("no card"))?;
        let card = self
            .card
            .as_mut()
            .ok_or_else(|| io::Error::other("no card"))?;
        let mut length = [0u8; 2];
        card.read_exact(&mut length)?;
        let mut reply = vec![0u8; usize::from(u16::from_be_bytes(length))];
        card.read_exact(&mut reply)?;
        Ok(reply)
    }
}

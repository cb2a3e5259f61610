//! The safe read test: does the card (or phone) on a reader hold the JPKI application, and whose is it —
//! a My Number card, an Android phone, an iPhone? It sends only the allow-listed commands of `apdu`, reads
//! only EF 0006 (a token name), and never touches a PIN.

use super::apdu::{self, Command, TransmitError};
use crate::readers::atr::{self, CardKind};
use crate::readers::{get_status_change, is_dead_context, ReaderInfo};
use pcsc::{
    Context, Disposition, Protocols, ReaderState, Scope, ShareMode, State, PNP_NOTIFICATION,
};
use serde::{Deserialize, Serialize};
use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// Who holds the JPKI application that answered (docs/CLI.md, `holder`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Holder {
    MyNumberCard,
    SmartphoneAndroid,
    SmartphoneIphone,
    /// The JPKI application answered, but its token name is not one we know.
    JpkiUnknown,
    NotMyNumberCard,
}

/// What the read test found (`onshi card-test --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProbeReport {
    pub reader: String,
    pub atr: String,
    pub kind: CardKind,
    /// The JPKI application answered its SELECT.
    pub jpki: bool,
    pub holder: Holder,
    /// Every command sent, in hex, in order: all of them from the allow-list.
    pub apdus_sent: Vec<String>,
}

/// Why the read test could not finish; each has its own message for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    #[error("the smart-card service is not running")]
    NoService,
    #[error("no card was placed in time")]
    NoCard,
    #[error("the card or phone was taken away during the test")]
    CardRemoved,
    /// A card or phone lies on the reader but does not answer: it cannot be powered up (pcscd's
    /// "unresponsive"), or it gave no answer within [`EXCHANGE_LIMIT`].
    #[error("the card or phone on the reader does not answer")]
    CardSilent,
    /// Stopped by the person who started it (「中止」, Ctrl+C).
    #[error("the read test was stopped")]
    Cancelled,
    #[error("the reader was disconnected")]
    ReaderGone,
    /// SCARD_W_RESET_CARD: on Windows 8 and later a transaction idle for over 5 s is reset; a passing
    /// fault, the card is held again (https://github.com/poreid/poreid/issues/2).
    #[error("the card was reset: hold it to the reader again")]
    CardReset,
    /// SCardTransmit failed with a code outside PC/SC's own (ERROR_GEN_FAILURE, 0x1F, as Windows gives
    /// it): the reader or its USB link, not the card (https://github.com/santigimeno/node-pcsclite/issues/57).
    #[error("the exchange with the reader failed: the reader or its USB link, not the card")]
    ReaderLink,
    #[error("no reader matches {0:?}")]
    NoSuchReader(String),
    /// The reader asked for is a SAM slot: a module built into the device, never a patient's card.
    #[error("{0:?} is a SAM slot (a module inside the reader), not a place for cards")]
    SamSlot(String),
    #[error("the read test failed: {0}")]
    Failed(String),
}

impl crate::error_code::Coded for ProbeError {
    /// A stable code for the UI and scripts.
    fn code(&self) -> crate::error_code::ErrorCode {
        match self {
            ProbeError::NoService => crate::error_code::ErrorCode::NoService,
            ProbeError::NoCard => crate::error_code::ErrorCode::NoCard,
            ProbeError::CardRemoved => crate::error_code::ErrorCode::CardRemoved,
            ProbeError::CardSilent => crate::error_code::ErrorCode::CardSilent,
            ProbeError::Cancelled => crate::error_code::ErrorCode::TestCancelled,
            ProbeError::ReaderGone => crate::error_code::ErrorCode::ReaderGone,
            ProbeError::CardReset => crate::error_code::ErrorCode::CardReset,
            ProbeError::ReaderLink => crate::error_code::ErrorCode::ReaderLink,
            ProbeError::NoSuchReader(_) => crate::error_code::ErrorCode::NoSuchReader,
            ProbeError::SamSlot(_) => crate::error_code::ErrorCode::SamSlot,
            ProbeError::Failed(_) => crate::error_code::ErrorCode::Failed,
        }
    }
}

impl From<pcsc::Error> for ProbeError {
    fn from(error: pcsc::Error) -> ProbeError {
        match error {
            // NotTransacted: the reader lost the card mid-exchange, as when a phone leaves the field.
            pcsc::Error::ResetCard => ProbeError::CardReset,
            pcsc::Error::NoSmartcard
            | pcsc::Error::RemovedCard
            | pcsc::Error::UnpoweredCard
            | pcsc::Error::NotTransacted => ProbeError::CardRemoved,
            // The card is there (pcscd's MUTE state) but could not be powered up.
            pcsc::Error::UnresponsiveCard => ProbeError::CardSilent,
            pcsc::Error::UnknownReader | pcsc::Error::ReaderUnavailable => ProbeError::ReaderGone,
            error if is_dead_context(error) => ProbeError::NoService,
            error => ProbeError::Failed(error.to_string()),
        }
    }
}

impl From<TransmitError> for ProbeError {
    fn from(error: TransmitError) -> ProbeError {
        match error {
            // The pcsc crate answers UnknownError for a code outside PC/SC's ranges: from SCardTransmit
            // that is Windows' own (0x1F, ERROR_GEN_FAILURE), the device's fault.
            TransmitError::Pcsc(pcsc::Error::UnknownError) => ProbeError::ReaderLink,
            TransmitError::Pcsc(error) => error.into(),
            other => ProbeError::Failed(other.to_string()),
        }
    }
}

/// How long the exchange with a card may take, from its connection to the last answer. A My Number
/// card or a phone answers the three commands in well under a second; a card still silent after this
/// will not answer (the read test must always end: issue of a test that ran 45 s).
pub const EXCHANGE_LIMIT: Duration = Duration::from_secs(10);
/// How long the app's read test waits for a card or phone to be placed.
pub const APP_WAIT_FOR_CARD: Duration = Duration::from_secs(15);
/// How often a wait looks whether it was stopped.
const CANCEL_CHECK: Duration = Duration::from_millis(250);

/// The longest a read test waiting `wait` for a card can take before it ends, whatever the card does:
/// the wait, then one exchange. (`card-test --wait 15` ends within 25 s.)
pub fn test_limit(wait: Duration) -> Duration {
    wait + EXCHANGE_LIMIT
}

/// Stops a read test from another thread (「中止」 in the app, Ctrl+C in the CLI). Cloned handles share
/// one flag.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Whether both handles stop the same test.
    pub fn same_as(&self, other: &Cancel) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The holder named by the token in EF 0006 (padding of spaces or zeros ignored).
pub fn holder_from_token(token: &[u8]) -> Holder {
    let end = token
        .iter()
        .rposition(|b| *b != b' ' && *b != 0)
        .map_or(0, |i| i + 1);
    match &token[..end] {
        b"JPKIAPICCTOKEN2" | b"JPKIAPICCTOKEN" => Holder::MyNumberCard,
        b"JPKIAPGPSETOKEN" => Holder::SmartphoneAndroid,
        b"JPKIAPIOSTOKEN" => Holder::SmartphoneIphone,
        _ => Holder::JpkiUnknown,
    }
}

/// Waits up to `wait` for a card on a reader whose name contains `reader_filter` (any reader when None),
/// and returns that reader's name. Blocks in `get_status_change`; does not poll the card.
fn wait_for_card(
    reader_filter: Option<&str>,
    wait: Duration,
    cancel: &Cancel,
) -> Result<String, ProbeError> {
    let context = Context::establish(Scope::User).map_err(ProbeError::from)?;
    let deadline = Instant::now() + wait;
    let mut states = vec![ReaderState::new(PNP_NOTIFICATION(), State::UNAWARE)];
    loop {
        let names = match context.list_readers_owned() {
            Ok(names) => names,
            Err(pcsc::Error::NoReadersAvailable) => Vec::new(),
            Err(error) => return Err(error.into()),
        };
        let (wanted, sam): (Vec<CString>, Vec<CString>) = names
            .into_iter()
            .filter(|name| {
                reader_filter.is_none_or(|filter| name.to_string_lossy().contains(filter))
            })
            .partition(|name| !ReaderInfo::new(&name.to_string_lossy()).is_sam());
        // A SAM slot's module is always there and never answers as a card: never tested.
        if wanted.is_empty() {
            if let (Some(filter), Some(_)) = (reader_filter, sam.first()) {
                return Err(ProbeError::SamSlot(filter.to_owned()));
            }
        }
        states.retain(|s| {
            s.name() == PNP_NOTIFICATION() || wanted.iter().any(|n| n.as_c_str() == s.name())
        });
        for name in &wanted {
            if !states.iter().any(|s| s.name() == name.as_c_str()) {
                states.push(ReaderState::new(name.clone(), State::UNAWARE));
            }
        }
        if let Some(found) = states
            .iter()
            .skip(1)
            .find(|s| s.event_state().contains(State::PRESENT))
        {
            return Ok(found.name().to_string_lossy().into_owned());
        }
        if cancel.is_cancelled() {
            return Err(ProbeError::Cancelled);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(ProbeError::NoCard);
        }
        for state in &mut states {
            state.sync_current_state();
        }
        match get_status_change(&context, left.min(CANCEL_CHECK), &mut states) {
            Ok(()) | Err(pcsc::Error::Timeout) | Err(pcsc::Error::UnknownReader) => {}
            Err(error) => return Err(error.into()),
        }
    }
}

/// Waits up to `wait` for a card on a reader whose name contains `reader_filter` (any reader when None)
/// and runs the read test on it. Always ends within [`test_limit`]`(wait)`: a card that is there but
/// does not answer is `CardSilent`, never a wait that goes on; `cancel` stops it within a quarter second
/// (`Cancelled`).
///
/// pcscd reports a card as present for up to one polling interval after it has left, so a card can be
/// gone before the test's first command: that reader is passed over and the wait goes on (a phone put on
/// another reader right after is tested). Only a card that leaves once the exchange has begun is
/// `CardRemoved`.
pub fn wait_and_probe(
    reader_filter: Option<&str>,
    wait: Duration,
    cancel: &Cancel,
) -> Result<ProbeReport, ProbeError> {
    let deadline = Instant::now() + wait;
    let mut tried_again = false;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let reader = wait_for_card(reader_filter, left, cancel)?;
        match probe_within_limit(reader, cancel) {
            Err(Failure {
                exchanged: false,
                error: ProbeError::CardRemoved,
            }) => {
                if Instant::now() >= deadline {
                    return Err(ProbeError::NoCard);
                }
                // Let the service catch up with the card that left before looking again.
                std::thread::sleep(Duration::from_millis(100));
            }
            // A card or phone met in the instant it arrives can fail the connection itself, before any
            // command (Wine's winscard answers SCARD_E_UNEXPECTED then): once per test, it gets a moment
            // to settle and a second try, if that still starts within the wait (so the test's limit,
            // the wait plus EXCHANGE_LIMIT, holds). Nothing had been sent to it.
            Err(Failure {
                exchanged: false,
                error: ProbeError::Failed(_),
            }) if !tried_again && Instant::now() + SETTLE < deadline => {
                tried_again = true;
                std::thread::sleep(SETTLE);
            }
            outcome => return outcome.map_err(|failure| failure.error),
        }
    }
}

/// How long a card that failed the connection as it arrived is given before the second try.
const SETTLE: Duration = Duration::from_millis(300);

/// Runs the read test on a thread of its own and waits at most [`EXCHANGE_LIMIT`] for it: a card that
/// never answers leaves pcscd waiting, not us. (The thread ends when pcscd gives up or the card is taken
/// away.)
fn probe_within_limit(reader: String, cancel: &Cancel) -> Result<ProbeReport, Failure> {
    let (done, outcome) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("onshi-read-test".into())
        .spawn(move || {
            let _ = done.send(run_probe(&reader));
        });
    let exchange = match spawned {
        Ok(exchange) => exchange,
        Err(error) => {
            return Err(Failure {
                error: ProbeError::Failed(error.to_string()),
                exchanged: false,
            })
        }
    };
    // Once the exchange has answered, its thread is only ending: wait for it, so that it never outlives
    // the test. (A program that exits while it ends can lose its exit code under Wine, where the last
    // thread to end gives the process its code; seen as `onshi card-test` exiting 0 after a FeliCa card.)
    let finished = |result| {
        let _ = exchange.join();
        result
    };
    let limit = Instant::now() + EXCHANGE_LIMIT;
    loop {
        let left = limit.saturating_duration_since(Instant::now());
        let ended = |error| Failure {
            error,
            exchanged: true,
        };
        match outcome.recv_timeout(left.min(CANCEL_CHECK)) {
            Ok(result) => return finished(result),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return finished(Err(ended(ProbeError::Failed(
                    "the read test stopped".into(),
                ))))
            }
            Err(mpsc::RecvTimeoutError::Timeout) if cancel.is_cancelled() => {
                return Err(ended(ProbeError::Cancelled))
            }
            Err(mpsc::RecvTimeoutError::Timeout) if left.is_zero() => {
                return Err(ended(ProbeError::CardSilent))
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Why a test ended, and whether the card had answered anything before it did.
struct Failure {
    error: ProbeError,
    exchanged: bool,
}

/// Runs the read test on the card that is on `reader` now.
fn run_probe(reader: &str) -> Result<ProbeReport, Failure> {
    let early = |error: ProbeError| Failure {
        error,
        exchanged: false,
    };
    let context = Context::establish(Scope::User).map_err(|e| early(e.into()))?;
    let name =
        CString::new(reader).map_err(|_| early(ProbeError::NoSuchReader(reader.to_owned())))?;
    read_test(&context, &name, reader).map_err(|failure| match failure.error {
        // A phone moving off the reader shows up as a garbled or failed exchange: ask the reader.
        ProbeError::Failed(_) if card_left(&context, &name) => Failure {
            error: ProbeError::CardRemoved,
            ..failure
        },
        _ => failure,
    })
}

fn read_test(context: &Context, name: &CString, reader: &str) -> Result<ProbeReport, Failure> {
    let early = |error: ProbeError| Failure {
        error,
        exchanged: false,
    };
    let card = context
        .connect(name, ShareMode::Shared, Protocols::ANY)
        .map_err(|e| early(e.into()))?;
    // Fixed buffers in one SCardStatus call: the two-call "ask the length, then read" form fails under
    // Wine's winscard with "buffer too small" when a card has just arrived.
    let (mut names, mut atr_buffer) = ([0u8; 2048], [0u8; pcsc::MAX_ATR_SIZE]);
    let atr_bytes = card
        .status2(&mut names, &mut atr_buffer)
        .map_err(|e| early(e.into()))?
        .atr()
        .to_vec();
    let mut sent = Vec::new();
    let mut exchanged = false;
    let mut send = |command: Command| {
        sent.push(atr::to_hex(command.bytes()));
        let response = apdu::transmit(&card, command.bytes()).map_err(|error| Failure {
            error: error.into(),
            exchanged,
        })?;
        exchanged = true;
        Ok::<_, Failure>(response)
    };
    let jpki = send(Command::SelectJpki)?.ok();
    let holder = if !jpki {
        Holder::NotMyNumberCard
    } else if send(Command::SelectTokenFile)?.ok() {
        let token = send(Command::ReadToken)?;
        if token.ok() {
            holder_from_token(&token.data)
        } else {
            Holder::JpkiUnknown
        }
    } else {
        Holder::JpkiUnknown
    };
    let _ = card.disconnect(Disposition::LeaveCard);
    Ok(ProbeReport {
        reader: reader.to_owned(),
        atr: atr::to_hex(&atr_bytes),
        kind: atr::classify(&atr_bytes),
        jpki,
        holder,
        apdus_sent: sent,
    })
}

/// Whether the card has left the reader, allowing the service a moment to notice (pcsc-lite polls some
/// readers only every 0.4 s).
fn card_left(context: &Context, reader: &CString) -> bool {
    // Up to 1 s for the card to be seen gone. Other changes come first at times (Wine's winscard reports
    // the failed connection itself as a change, with the card still "present"): wait past them.
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut state = [ReaderState::new(reader.clone(), State::PRESENT)];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        // In short waits, so that an answer Wine's winscard gives too early (a timeout or an unknown
        // error while pcscd has not yet polled the slot) is asked again until the second is up.
        match context.get_status_change(left.min(Duration::from_millis(250)), &mut state) {
            Ok(()) if !state[0].event_state().contains(State::PRESENT) => return true,
            Ok(()) => state[0].sync_current_state(),
            Err(pcsc::Error::Timeout) | Err(pcsc::Error::UnknownError) => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_name_the_holder_whatever_the_padding() {
        assert_eq!(
            holder_from_token(b"JPKIAPICCTOKEN2                 "),
            Holder::MyNumberCard
        );
        assert_eq!(
            holder_from_token(b"JPKIAPGPSETOKEN\0\0\0\0"),
            Holder::SmartphoneAndroid
        );
        assert_eq!(
            holder_from_token(b"JPKIAPIOSTOKEN"),
            Holder::SmartphoneIphone
        );
        assert_eq!(holder_from_token(b"SOMETHINGELSE"), Holder::JpkiUnknown);
        assert_eq!(holder_from_token(b""), Holder::JpkiUnknown);
    }

    #[test]
    fn a_card_taken_away_is_its_own_outcome() {
        assert_eq!(
            ProbeError::from(pcsc::Error::RemovedCard),
            ProbeError::CardRemoved
        );
        assert_eq!(
            ProbeError::from(pcsc::Error::UnresponsiveCard),
            ProbeError::CardSilent,
            "a card there that cannot be powered up is silent, not gone"
        );
        assert_eq!(
            ProbeError::from(pcsc::Error::NoService),
            ProbeError::NoService
        );
        assert_eq!(
            ProbeError::from(pcsc::Error::UnknownReader),
            ProbeError::ReaderGone
        );
        assert_eq!(
            ProbeError::from(pcsc::Error::ResetCard),
            ProbeError::CardReset,
            "a reset is a passing fault: hold the card again"
        );
        assert_eq!(
            ProbeError::from(TransmitError::Pcsc(pcsc::Error::UnknownError)),
            ProbeError::ReaderLink,
            "SCardTransmit's 0x1F is the reader or its link"
        );
    }
}

//! Cards on a reader: what kind a card is from its ATR, and the safe read test.

pub mod apdu;
pub mod atr;
pub mod probe;

pub use atr::{classify, CardKind};
pub use probe::{probe, wait_and_probe, wait_for_card, Holder, ProbeError, ProbeReport};

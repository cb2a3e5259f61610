//! Cards on a reader: what kind a card is from its ATR, and the safe read test.

pub mod apdu;
pub mod atr;
pub mod probe;

pub use atr::{classify, CardKind};
pub use probe::{
    test_limit, wait_and_probe, Cancel, Holder, ProbeError, ProbeReport, EXCHANGE_LIMIT,
};

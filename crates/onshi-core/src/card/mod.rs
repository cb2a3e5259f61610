//! The safe read test of the card or phone on a reader (what kind a card is from its ATR alone is the
//! readers' business: `readers::atr`, re-exported here because every result names it).

pub mod apdu;
pub mod probe;
mod verdict;

pub use crate::readers::atr::{classify, CardKind};
pub use probe::{
    test_limit, wait_and_probe, Cancel, Holder, ProbeError, ProbeReport, EXCHANGE_LIMIT,
};
pub use verdict::read_test_verdict;

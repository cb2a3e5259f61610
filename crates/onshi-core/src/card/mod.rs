//! Cards on a reader: what kind a card is, from its ATR alone.

pub mod atr;

pub use atr::{classify, CardKind};

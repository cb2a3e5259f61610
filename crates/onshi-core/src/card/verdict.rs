//! The read test's verdict, beside the test.

use super::{Holder, ProbeError, ProbeReport};
use crate::verdict::{Level, Verdict, VerdictCode};

/// Green when the JPKI application answered (a card or a phone); amber when a Type B card (what a My
/// Number card is) answered without it, or the test could not finish; neutral for another kind of card
/// (a transit card or a 診察券 left on the reader: nothing is wrong, it is simply not a test). Never red:
/// the desk itself may be fine.
pub fn read_test_verdict(outcome: &Result<ProbeReport, ProbeError>) -> Verdict {
    use VerdictCode::*;
    match outcome {
        Ok(report) if report.holder == Holder::NotMyNumberCard => {
            if report.kind == super::CardKind::TypeB {
                Verdict::of(Level::Warn, CardJpkiSilent)
            } else {
                Verdict::of(Level::Info, CardNotMyNumber)
            }
        }
        Ok(_) => Verdict::of(Level::Ok, CardMyNumber),
        Err(_) => Verdict::of(Level::Warn, CardTestFailed),
    }
}

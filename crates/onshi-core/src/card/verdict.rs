//! The read test's verdict, beside the test.

use super::{Holder, ProbeError, ProbeReport};
use crate::verdict::{Level, Verdict, VerdictCode};

/// Green when the JPKI application answered (a card or a phone), amber when a card answered without it
/// or the test could not finish. Never red: the desk itself may be fine.
pub fn read_test_verdict(outcome: &Result<ProbeReport, ProbeError>) -> Verdict {
    use VerdictCode::*;
    match outcome {
        Ok(report) if report.holder == Holder::NotMyNumberCard => {
            Verdict::of(Level::Warn, CardNotMyNumber)
        }
        Ok(_) => Verdict::of(Level::Ok, CardMyNumber),
        Err(_) => Verdict::of(Level::Warn, CardTestFailed),
    }
}

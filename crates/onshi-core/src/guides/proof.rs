//! When a guide's live check is met. A step's check must be proven by what happened while that step was
//! open: a read test run minutes earlier on another reader, with a plastic card, must not tick the step
//! that asks for a phone on the new reader. So each check accepts only evidence that is
//! - **fresh**: obtained at or after the moment the step was opened;
//! - **on the right reader**: for the read-test checks, a reader fit for the smartphone マイナ保険証 (the
//!   one the smartphone guide connects);
//! - **of the right kind**: a phone for `card:smartphone`, a usable certificate for `cert:usable`, and so on.
//!
//! The two checks about the readers as they are now (`reader:smartphone-ready`, `card:on-ready-reader`) are
//! read from the live report, which is always of this moment.

use super::GuideCheck;
use crate::card::Holder;
use crate::readers::ReadersReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Something the app saw for real, and when: milliseconds since the Unix epoch (the clock JavaScript's
/// `Date.now()` and the app share).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evidence {
    #[ts(type = "number")]
    pub at_ms: u64,
    pub proof: Proof,
}

/// What was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export, tag = "kind", rename_all = "kebab-case")]
pub enum Proof {
    /// A read test that answered (a failed one proves nothing).
    ReadTest {
        /// The reader was one fit for the smartphone マイナ保険証 (`ReaderInfo::smartphone_ready`).
        reader_smartphone_ready: bool,
        holder: Holder,
    },
    /// A certificate opened on 「電子証明書」, valid or in its renewal window.
    CertificateUsable,
    /// A backup checked with its password and found usable.
    BackupVerified,
    /// A verified copy of the backup was made.
    BackupCopied,
    /// The installed MPKI client was found up to date.
    MpkiUpToDate,
}

impl Evidence {
    /// Evidence seen now (the app's clock).
    pub fn now(proof: Proof) -> Evidence {
        let at_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as u64);
        Evidence { at_ms, proof }
    }
}

/// Whether `check` is met for a step opened at `opened_at_ms`, from the evidence seen so far and the
/// readers as they are now.
pub fn met(
    check: GuideCheck,
    opened_at_ms: u64,
    evidence: &[Evidence],
    readers: &ReadersReport,
) -> bool {
    let ready = || readers.readers.iter().filter(|r| r.smartphone_ready);
    match check {
        GuideCheck::ReaderSmartphoneReady => ready().next().is_some(),
        GuideCheck::CardOnReadyReader => ready().any(|reader| reader.card.is_some()),
        _ => evidence
            .iter()
            .filter(|seen| seen.at_ms >= opened_at_ms)
            .any(|seen| proves(check, &seen.proof)),
    }
}

/// Whether one piece of evidence is of the kind `check` asks for.
fn proves(check: GuideCheck, proof: &Proof) -> bool {
    match (check, proof) {
        (
            GuideCheck::CardMyNumber,
            Proof::ReadTest {
                reader_smartphone_ready: true,
                holder,
            },
        ) => *holder != Holder::NotMyNumberCard,
        (
            GuideCheck::CardSmartphone,
            Proof::ReadTest {
                reader_smartphone_ready: true,
                holder,
            },
        ) => matches!(holder, Holder::SmartphoneAndroid | Holder::SmartphoneIphone),
        (GuideCheck::CertUsable, Proof::CertificateUsable)
        | (GuideCheck::BackupVerified, Proof::BackupVerified)
        | (GuideCheck::BackupCopied, Proof::BackupCopied)
        | (GuideCheck::MpkiUpToDate, Proof::MpkiUpToDate) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::ServiceState;

    const OPENED: u64 = 1_000_000;

    fn read_test(at_ms: u64, ready: bool, holder: Holder) -> Evidence {
        Evidence {
            at_ms,
            proof: Proof::ReadTest {
                reader_smartphone_ready: ready,
                holder,
            },
        }
    }

    fn no_readers() -> ReadersReport {
        ReadersReport::of(ServiceState::Running, Vec::new())
    }

    /// Each evidence-backed check: its own proof ticks it when fresh, not when stale.
    #[test]
    fn every_check_wants_fresh_evidence() {
        let cases = [
            (
                GuideCheck::CardMyNumber,
                Proof::ReadTest {
                    reader_smartphone_ready: true,
                    holder: Holder::MyNumberCard,
                },
            ),
            (
                GuideCheck::CardSmartphone,
                Proof::ReadTest {
                    reader_smartphone_ready: true,
                    holder: Holder::SmartphoneIphone,
                },
            ),
            (GuideCheck::CertUsable, Proof::CertificateUsable),
            (GuideCheck::BackupVerified, Proof::BackupVerified),
            (GuideCheck::BackupCopied, Proof::BackupCopied),
            (GuideCheck::MpkiUpToDate, Proof::MpkiUpToDate),
        ];
        for (check, proof) in cases {
            let stale = Evidence {
                at_ms: OPENED - 60_000,
                proof: proof.clone(),
            };
            assert!(
                !met(check, OPENED, std::slice::from_ref(&stale), &no_readers()),
                "{check:?}: a result from before the step was opened ticked it"
            );
            let fresh = Evidence {
                at_ms: OPENED + 5_000,
                proof,
            };
            assert!(
                met(check, OPENED, &[stale, fresh], &no_readers()),
                "{check:?}"
            );
        }
    }

    #[test]
    fn the_phone_step_wants_a_phone_on_a_reader_fit_for_phones() {
        let after = OPENED + 1;
        let not_proof = [
            read_test(after, true, Holder::MyNumberCard),
            read_test(after, true, Holder::NotMyNumberCard),
            read_test(after, true, Holder::JpkiUnknown),
            read_test(after, false, Holder::SmartphoneAndroid),
        ];
        for seen in &not_proof {
            assert!(
                !met(
                    GuideCheck::CardSmartphone,
                    OPENED,
                    std::slice::from_ref(seen),
                    &no_readers()
                ),
                "{seen:?} ticked the phone step"
            );
        }
        assert!(met(
            GuideCheck::CardSmartphone,
            OPENED,
            &[read_test(after, true, Holder::SmartphoneAndroid)],
            &no_readers()
        ));
        // The My Number check takes a phone too, but never a licence, nor a test on another reader.
        assert!(met(
            GuideCheck::CardMyNumber,
            OPENED,
            &[read_test(after, true, Holder::SmartphoneAndroid)],
            &no_readers()
        ));
        assert!(!met(
            GuideCheck::CardMyNumber,
            OPENED,
            &[read_test(after, false, Holder::MyNumberCard)],
            &no_readers()
        ));
    }

    #[test]
    fn proofs_of_another_kind_tick_nothing() {
        let seen = [Evidence {
            at_ms: OPENED + 1,
            proof: Proof::BackupVerified,
        }];
        for check in [
            GuideCheck::BackupCopied,
            GuideCheck::CertUsable,
            GuideCheck::MpkiUpToDate,
            GuideCheck::CardMyNumber,
        ] {
            assert!(!met(check, OPENED, &seen, &no_readers()), "{check:?}");
        }
    }

    #[test]
    fn the_reader_checks_read_the_readers_as_they_are() {
        let mut pasori = crate::readers::ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 00 00");
        let contact = crate::readers::ReaderInfo::new(
            "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 00 00",
        );
        assert!(pasori.smartphone_ready && !contact.smartphone_ready);
        let only_contact = ReadersReport::of(ServiceState::Running, vec![contact.clone()]);
        assert!(!met(
            GuideCheck::ReaderSmartphoneReady,
            OPENED,
            &[],
            &only_contact
        ));
        let both = ReadersReport::of(ServiceState::Running, vec![contact, pasori.clone()]);
        assert!(met(GuideCheck::ReaderSmartphoneReady, OPENED, &[], &both));
        assert!(!met(GuideCheck::CardOnReadyReader, OPENED, &[], &both));
        pasori.card = Some(crate::readers::CardInfo::from_atr(
            &crate::readers::atr::from_hex("3B8880010000000071718100").unwrap(),
        ));
        let with_card = ReadersReport::of(ServiceState::Running, vec![pasori]);
        assert!(met(GuideCheck::CardOnReadyReader, OPENED, &[], &with_card));
    }
}

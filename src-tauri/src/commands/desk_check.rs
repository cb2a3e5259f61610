//! 「始業点検」: every check, as onshi-core joins them (desk_check.rs), shown area by area as its probes answer; the run is kept in the
//! history as its level only, for the support report's "last check", after any reader driver it saw changed
//! since the last one ("driver changed on …"). A card or phone already on a
//! reader is read-tested as on 「診断」 (allow-listed commands only, recorded the same way).

use super::error::{off_runtime, CommandError};
use crate::history_log::HistoryLog;
use crate::readers_watch::ReadersState;
use onshi_core::app::history::{HistoryEvent, HistoryEventKind, HistoryOutcome};
use onshi_core::desk_check::{self, DeskCheck, DeskCheckStep, Headline};
use onshi_core::facts::{CertificateChoice, Facts};
use onshi_core::lock::LockExt;
use onshi_core::readers::ReadersReport;
use onshi_core::time::now_jst;
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};

/// The 始業点検 last shown with the facts it judged, so that an answer to an eye question judges only the
/// eyes again (no probe runs again, no card is read again).
#[derive(Default)]
pub struct LastDeskCheck(std::sync::Mutex<Option<(DeskCheck, Facts)>>);

impl LastDeskCheck {
    /// The last check with its eyes judged again from `answers`; None before any check ran, or when
    /// the last one ran on another day than `answered_at` (the screen then runs today's).
    pub fn answer_eyes(
        &self,
        answers: &std::collections::BTreeMap<
            onshi_core::app::status::EyeQuestionId,
            onshi_core::app::status::EyeAnswer,
        >,
        answered_at: &str,
    ) -> Option<DeskCheck> {
        let mut last = self.0.lock_or_recover();
        let (check, facts) = last.as_mut()?;
        if desk_check::answer_eyes(check, facts, answers, answered_at) {
            Some(check.clone())
        } else {
            *last = None;
            None
        }
    }
}

/// The card is on the reader already: this only covers pcscd's and the card's own start-up.
const CARD_ALREADY_THERE: Duration = Duration::from_secs(3);

/// Runs the 始業点検; `on_step` is sent the check under way as each probe answers (the screen fills in
/// area by area), the finished check is the answer.
#[tauri::command]
pub async fn desk_check(
    app: AppHandle,
    on_step: Channel<DeskCheckStep>,
) -> Result<DeskCheck, CommandError> {
    // Off the main thread: the read test and the store take a moment, and the window must not freeze.
    off_runtime(move || check(&app, &on_step)).await
}

fn check(app: &AppHandle, on_step: &Channel<DeskCheckStep>) -> DeskCheck {
    let report = app.state::<ReadersState>().current();
    // A card or phone on a reader is read-tested beside the other probes: a phone that stalls holds up
    // only its own area.
    let read_test = desk_check::reader_to_test(&report)
        .map(str::to_owned)
        .map(|reader| {
            move || {
                let outcome = onshi_core::card::wait_and_probe(
                    Some(&reader),
                    CARD_ALREADY_THERE,
                    &onshi_core::card::Cancel::default(),
                );
                super::card::remember(
                    &reader,
                    &outcome,
                    &app.state::<crate::app_status::AppStatus>(),
                    &app.state::<HistoryLog>(),
                );
                (reader, outcome)
            }
        });
    let (checked, facts) = desk_check::run_in_steps(
        crate::app_status::remembered(app),
        report,
        read_test,
        now_jst(),
        |step| {
            // The window closed meanwhile: the check still finishes and is recorded.
            let _ = on_step.send(step);
        },
    );
    let driver_events = app
        .state::<crate::app_status::AppStatus>()
        .update(|status| desk_check::remember(&checked, &facts, status));
    for event in &driver_events {
        app.state::<HistoryLog>().record(event);
    }
    *app.state::<LastDeskCheck>().0.lock_or_recover() = Some((checked.clone(), facts.clone()));
    let mut event = HistoryEvent::at(checked.at.clone(), HistoryEventKind::DeskCheck);
    event.outcome = Some(HistoryOutcome::DeskCheck(checked.level));
    app.state::<HistoryLog>().record(&event);
    checked
}

/// The home screen's first line: the 始業点検's verdict without its read test (nothing is sent to a card,
/// nothing recorded), so that it can be asked whenever the home screen shows or the readers change.
#[tauri::command]
pub async fn desk_summary(app: AppHandle) -> Result<Headline, CommandError> {
    off_runtime(move || {
        let report = app.state::<ReadersState>().current();
        let (checked, facts) = look(&app, report);
        desk_check::headline(&checked, facts.status.last_desk_check_at.as_deref())
    })
    .await
}

/// Every check but the read test, joined by onshi-core over the facts gathered now (a fresh look at USB
/// and the certificate, so that the result is of this moment, not of the last change).
fn look(app: &AppHandle, report: ReadersReport) -> (DeskCheck, Facts) {
    let facts = onshi_core::facts::gather(
        crate::app_status::remembered(app),
        // The watch's picture, already in hand.
        move || report,
        CertificateChoice::InUse,
        now_jst(),
    );
    (desk_check::run(&facts, None), facts)
}

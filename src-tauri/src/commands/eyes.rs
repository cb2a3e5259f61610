//! 「目で確認する項目」 on 「始業点検」: staff's yes/no answer to what the app cannot see, kept in
//! `status.json` for today's 始業点検 and home's line, and in the history for the support report.

use crate::app_status::AppStatus;
use crate::history_log::HistoryLog;
use onshi_core::app::history::{EyeOutcome, HistoryEvent, HistoryEventKind, HistoryOutcome};
use onshi_core::app::status::{EyeAnswer, EyeQuestionId};
use tauri::{AppHandle, Manager};

/// Keeps the answer (「はい」 = as usual) with the time it was given, and answers the 始業点検 on screen
/// with only its eyes judged again (None before any 始業点検 ran in this window, or when the one shown
/// ran before midnight: the screen runs one).
#[tauri::command]
pub fn eyes_answer(
    app: AppHandle,
    question: EyeQuestionId,
    normal: bool,
) -> Option<onshi_core::desk_check::DeskCheck> {
    let at = onshi_core::time::rfc3339_jst(onshi_core::time::now_jst());
    let mut answers = Default::default();
    app.state::<AppStatus>().update(|status| {
        status.eye_answers.insert(
            question,
            EyeAnswer {
                at: at.clone(),
                normal,
            },
        );
        answers = status.eye_answers.clone();
    });
    let mut event = HistoryEvent::at(at.clone(), HistoryEventKind::EyeCheck);
    event.outcome = Some(HistoryOutcome::Eyes(EyeOutcome::of(question, normal)));
    app.state::<HistoryLog>().record(&event);
    // The tray follows: a 「いいえ」 turns it amber for the rest of the day.
    use crate::resident::ResidentExt;
    app.resident()
        .send(onshi_core::app::resident::Event::EyesAnswered);
    app.state::<crate::commands::desk_check::LastDeskCheck>()
        .answer_eyes(&answers, &at)
}

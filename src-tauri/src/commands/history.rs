//! The timeline on 「カードリーダー診断」: today and the days before, one lane per reader.

use super::error::{off_runtime, CommandError};
use crate::history_log::HistoryLog;
use onshi_core::app::history::{driver_line, timelines, usb_dropout_hint, DayTimeline};
use onshi_core::error_code::ErrorCode;
use onshi_core::platform::Os;
use onshi_core::text::Text;
use onshi_core::time::{minute_of_day, now_jst};
use serde::Serialize;
use tauri::{AppHandle, Manager};

/// The connection history for the timeline.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryView {
    /// Oldest first; the last is today.
    pub days: Vec<DayTimeline>,
    /// The USB hint in this OS's words, for days with repeated drop-outs.
    pub hint: Text,
    /// Beside the drop-outs: each reader driver a 始業点検 saw change in these days, in words, oldest first.
    pub driver_changes: Vec<Text>,
    /// Damaged history files moved aside while reading.
    pub damaged_files: Vec<String>,
}

/// The last `days` days (today included, at most 30) of the connection history.
#[tauri::command]
pub async fn history_timeline(app: AppHandle, days: i64) -> Result<HistoryView, CommandError> {
    // Off the async runtime: up to a month of history files is read.
    off_runtime(move || view(&app.state::<HistoryLog>(), days)).await?
}

fn view(log: &HistoryLog, days: i64) -> Result<HistoryView, CommandError> {
    let now = now_jst();
    let days = days.clamp(1, onshi_core::app::history::KEEP_DAYS);
    let loaded = log
        .history()
        .load(now.date_naive(), days, true)
        .map_err(|e| CommandError::new(ErrorCode::Unreadable, e))?;
    let hint = usb_dropout_hint(Os::current());
    Ok(HistoryView {
        days: timelines(&loaded.events, now.date_naive(), days, minute_of_day(now)),
        hint: Text::new(hint.ja, hint.en),
        driver_changes: loaded.events.iter().filter_map(driver_line).collect(),
        damaged_files: loaded
            .damaged
            .iter()
            .map(|p| onshi_core::app_data::without_home(&p.display().to_string()))
            .collect(),
    })
}

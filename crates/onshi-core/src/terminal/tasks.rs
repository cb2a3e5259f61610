//! The scheduled tasks that start the 連携・配信アプリ at start-up (part of オン資のソフト): each registered,
//! its stored password accepted (0x8007052E says it is not, since the account's password changed), and run
//! since the PC started. Sources: TK ReconfigTask.ps1; the error: https://techstromy.com/?p=11658.

use super::seen::{Probe, Tasks};
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

/// "The user name or password is incorrect" as a task's last result (HRESULT_FROM_WIN32(1326)).
pub const PASSWORD_REFUSED: u32 = 0x8007_052E;

/// A last run this many minutes before the start still counts (the two clocks are read apart).
const START_SLACK_MINUTES: i64 = 1;

pub fn judge(tasks: &Probe<Tasks>) -> Vec<Judged> {
    let tasks = match tasks {
        Probe::Seen(tasks) => tasks,
        Probe::Unreadable(error) => {
            return vec![Judged::new(
                Level::Info,
                SoftwareTasksUnreadable,
                format!("オン資のソフト：タスク スケジューラから読み取れませんでした（{error}）"),
                format!("Eligibility software: Task Scheduler could not be read ({error})"),
            )]
        }
        Probe::DoesNotApply => return Vec::new(),
    };
    let mut missing = Vec::new();
    let mut refused = Vec::new();
    let mut not_started = Vec::new();
    let mut unread = Vec::new();
    for task in &tasks.tasks {
        if !task.registered {
            missing.push(task.name.as_str());
            continue;
        }
        if task.last_result == Probe::Seen(PASSWORD_REFUSED) {
            refused.push(task.name.as_str());
            continue;
        }
        let running = task.state.as_deref() == Some("running");
        match &task.last_run_minutes {
            Probe::Seen(last) if !running => {
                let since_start = last.is_some_and(|m| m <= tasks.up_minutes + START_SLACK_MINUTES);
                if !since_start {
                    not_started.push((
                        task.name.as_str(),
                        task.state.as_deref() == Some("disabled"),
                    ));
                }
            }
            Probe::Seen(_) => {}
            Probe::Unreadable(error) => unread.push((task.name.as_str(), error.as_str())),
            Probe::DoesNotApply => {}
        }
        if let Probe::Unreadable(error) = &task.last_result {
            if !unread.iter().any(|(name, _)| *name == task.name) {
                unread.push((task.name.as_str(), error.as_str()));
            }
        }
    }
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("「{n}」"))
            .collect::<Vec<_>>()
            .join("")
    };
    let mut found = Vec::new();
    if !missing.is_empty() {
        found.push(Judged::new(
            Level::Warn,
            SoftwareTaskMissing,
            format!(
                "オン資のソフト：タスク スケジューラにタスク{}が登録されていません。連携アプリケーション・配信アプリケーションがPCの起動時に自動で起動しません",
                quoted(&missing)
            ),
            format!(
                "Eligibility software: the scheduled task {} is not registered, so the link and distribution applications do not start with the PC",
                missing.join(", ")
            ),
        ));
    }
    if !refused.is_empty() {
        found.push(Judged::new(
            Level::Warn,
            SoftwareTaskPasswordRefused,
            format!(
                "オン資のソフト：タスク{}が「ユーザー名またはパスワードが正しくありません」（0x8007052E）で失敗しています。タスクに保存されたパスワードが古いため、連携アプリケーション・配信アプリケーションが起動していません",
                quoted(&refused)
            ),
            format!(
                "Eligibility software: the scheduled task {} failed with 0x8007052E (unknown user name or bad password): the password stored with it is out of date, so the link and distribution applications did not start",
                refused.join(", ")
            ),
        ));
    }
    if !not_started.is_empty() {
        let names: Vec<&str> = not_started.iter().map(|(name, _)| *name).collect();
        let disabled = not_started.iter().any(|(_, disabled)| *disabled);
        let (why_ja, why_en) = if disabled {
            (
                "（タスクが「無効」になっています）",
                " (the task is disabled)",
            )
        } else {
            ("", "")
        };
        found.push(Judged::new(
            Level::Warn,
            SoftwareTaskNotStarted,
            format!(
                "オン資のソフト：タスク{}がPCの起動後に実行されていません{why_ja}。連携アプリケーション・配信アプリケーションが起動していないおそれがあります",
                quoted(&names)
            ),
            format!(
                "Eligibility software: the scheduled task {} has not run since the PC started{why_en}, so the link and distribution applications may not be running",
                names.join(", ")
            ),
        ));
    }
    if !unread.is_empty() {
        let names: Vec<&str> = unread.iter().map(|(name, _)| *name).collect();
        let error = unread[0].1;
        found.push(Judged::new(
            Level::Info,
            SoftwareTasksUnreadable,
            format!(
                "オン資のソフト：タスク{}は登録されていますが、前回の実行は読み取れませんでした（{error}）",
                quoted(&names)
            ),
            format!(
                "Eligibility software: the scheduled task {} is registered, but its last run could not be read ({error})",
                names.join(", ")
            ),
        ));
    }
    found
}

/// Minutes from an OLE Automation date (local time, days since 1899-12-30, as Task Scheduler gives
/// `LastRunTime`) to `now`; None for a zero date (no time given).
// Used by the Windows probe; tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn minutes_since(ole_date: f64, now: chrono::NaiveDateTime) -> Option<i64> {
    if ole_date < 2.0 || !ole_date.is_finite() {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (ole_date * 86_400.0).round() as i64;
    let at = epoch.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)?;
    Some((now - at).num_minutes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::seen::TaskSeen;

    fn task(name: &str, last_run: Option<i64>, result: u32) -> TaskSeen {
        TaskSeen {
            name: name.into(),
            registered: true,
            state: Some("ready".into()),
            last_run_minutes: Probe::Seen(last_run),
            last_result: Probe::Seen(result),
        }
    }

    fn codes(tasks: Vec<TaskSeen>, up_minutes: i64) -> Vec<crate::verdict::VerdictCode> {
        judge(&Probe::Seen(Tasks { up_minutes, tasks }))
            .into_iter()
            .map(|f| f.verdict.code)
            .collect()
    }

    #[test]
    fn tasks_that_ran_since_the_start_say_nothing() {
        assert!(codes(vec![task("a", Some(55), 0), task("b", Some(60), 0)], 60).is_empty());
        // The two clocks read a moment apart.
        assert!(codes(vec![task("a", Some(61), 0)], 60).is_empty());
    }

    #[test]
    fn each_fault_is_told_once_with_its_tasks() {
        let mut gone = task("gone", None, 0);
        gone.registered = false;
        let mut off = task("off", Some(3000), 0);
        off.state = Some("disabled".into());
        let found = judge(&Probe::Seen(Tasks {
            up_minutes: 60,
            tasks: vec![
                gone,
                task("refused", Some(58), PASSWORD_REFUSED),
                task("stale", Some(3000), 0),
                task("never", None, 0x0004_1303),
                off,
            ],
        }));
        let codes: Vec<_> = found.iter().map(|f| f.verdict.code).collect();
        assert_eq!(
            codes,
            [
                SoftwareTaskMissing,
                SoftwareTaskPasswordRefused,
                SoftwareTaskNotStarted
            ]
        );
        assert!(found[2].found.ja.contains("「stale」「never」「off」"));
        assert!(found[2].found.ja.contains("「無効」"));
        assert!(found[1].found.ja.contains("0x8007052E"));
    }

    #[test]
    fn a_running_task_has_started_and_an_unread_last_run_is_said_not_judged() {
        let mut running = task("running", None, 0x0004_1301);
        running.state = Some("running".into());
        assert!(codes(vec![running], 5).is_empty());
        let mut unread = task("unread", None, 0);
        unread.last_run_minutes = Probe::Unreadable("not implemented".into());
        unread.last_result = Probe::Unreadable("not implemented".into());
        let found = judge(&Probe::Seen(Tasks {
            up_minutes: 5,
            tasks: vec![unread],
        }));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].verdict.code, SoftwareTasksUnreadable);
        assert_eq!(found[0].verdict.level, Level::Info);
    }

    #[test]
    fn an_ole_date_is_minutes_ago() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(8, 30, 0)
            .unwrap();
        // 2026-12-07 08:00 is day 46363 since 1899-12-30, plus 8/24.
        let days = (chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
            - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
        .num_days() as f64;
        assert_eq!(minutes_since(days + 8.0 / 24.0, now), Some(30));
        assert_eq!(minutes_since(0.0, now), None);
    }
}

//! `onshi history` and `onshi report`: the app's connection history and the support report, read from the
//! app's data folder without changing anything in it.

use crate::exit;
use crate::output::{print_json, report_error};
use crate::text::{Language, Words};
use onshi_core::app::history::{
    timelines, usb_dropout_hint, DayTimeline, History, Lane, KEEP_DAYS,
};
use onshi_core::error_code::ErrorCode;
use onshi_core::time::{minute_of_day, now_jst};
use onshi_core::{app_data, support};
use onshi_core::{
    platform::Os,
    readers::{self, ReadersReport},
};
use std::path::PathBuf;

/// Half-hour cells: 48 to a day.
const CELL_MINUTES: u16 = 30;

fn data_dir(json: bool, lang: Language) -> Option<PathBuf> {
    let dir = app_data::default_dir();
    if dir.is_none() {
        report_error(
            json,
            ErrorCode::NoDataFolder,
            lang.pick(
                "アプリのデータフォルダーが見つかりません。",
                "The app's data folder cannot be found.",
            ),
        );
    }
    dir
}

/// One lane as a row of cells: ■ connected, × a drop-out, · not connected, blank after now.
fn cells(lane: &Lane, until: u16) -> String {
    (0..24 * 60 / CELL_MINUTES)
        .map(|i| {
            let (from, to) = (i * CELL_MINUTES, (i + 1) * CELL_MINUTES);
            if from >= until {
                ' '
            } else if lane.dropouts.iter().any(|m| (from..to).contains(m)) {
                '×'
            } else if lane.connected.iter().any(|s| s.from < to && s.to > from) {
                '■'
            } else {
                '·'
            }
        })
        .collect()
}

fn print_day(day: &DayTimeline, today: &str, lang: Language) {
    let is_today = day.date == today;
    crate::say!(
        "{}{}",
        lang.date(&day.date),
        if is_today {
            lang.pick(" （今日）", " (today)")
        } else {
            ""
        }
    );
    if day.lanes.is_empty() && day.service_down.is_empty() {
        crate::say!("  {}", lang.pick("記録はありません", "nothing recorded"));
        return;
    }
    for lane in &day.lanes {
        let label = lane.label.as_ref().map(|label| label.get(lang));
        let ready = if lane.smartphone_ready {
            lang.pick(" [スマホ対応]", " [smartphone-ready]")
        } else {
            ""
        };
        crate::say!(
            "  {}{}{ready}: {}",
            label.unwrap_or(lang.pick("機種不明", "unknown model")),
            lang.number(lane.number),
            lane.device
        );
        let times: Vec<String> = lane
            .dropouts
            .iter()
            .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
            .collect();
        let dropouts = match (times.len(), lang) {
            (0, _) => String::new(),
            (n, Language::Ja) => format!("  取り外し・切断{n}回（{}）", times.join(", ")),
            (n, Language::En) => format!("  dropped out {n}× ({})", times.join(", ")),
        };
        crate::say!("    |{}|{dropouts}", cells(lane, day.until));
    }
    for span in &day.service_down {
        crate::say!(
            "  {}: {:02}:{:02}–{:02}:{:02}",
            lang.pick("スマートカードサービス停止", "smart-card service down"),
            span.from / 60,
            span.from % 60,
            span.to / 60,
            span.to % 60
        );
    }
}

/// `onshi history [--days N] [--json]`.
pub fn history(days: i64, json: bool, lang: Language) -> u8 {
    if !(1..=KEEP_DAYS).contains(&days) {
        let message = lang.pick(
            "--daysには1から30までの日数を指定してください。",
            "Give --days a number of days from 1 to 30.",
        );
        report_error(json, ErrorCode::BadDays, message);
        return exit::BAD_INPUT;
    }
    let Some(dir) = data_dir(json, lang) else {
        return exit::PROBLEM;
    };
    let now = now_jst();
    let today = now.date_naive();
    let loaded = match History::new(&dir).load(today, days, false) {
        Ok(loaded) => loaded,
        Err(error) => {
            report_error(json, ErrorCode::Unreadable, &error.to_string());
            return exit::PROBLEM;
        }
    };
    let drawn = timelines(&loaded.events, today, days, minute_of_day(now));
    let damaged: Vec<String> = loaded
        .damaged
        .iter()
        .map(|p| app_data::without_home(&p.to_string_lossy()))
        .collect();
    if json {
        print_json(&serde_json::json!({
            "days": drawn,
            "events": loaded.events,
            "damaged_files": damaged,
        }));
        return exit::FINE;
    }
    crate::say!(
        "{}",
        lang.pick(
            "接続の記録（1マス30分：■ 接続中 / × 取り外し・切断 / · 未接続）",
            "Connection history (one cell per 30 min: ■ connected / × dropped out / · not connected)"
        )
    );
    let today_text = onshi_core::cert::expiry::date_text(today);
    for day in &drawn {
        print_day(day, &today_text, lang);
    }
    if drawn.iter().any(|day| day.repeated_dropouts) {
        let hint = usb_dropout_hint(Os::current());
        crate::say!("");
        crate::say!("{}", lang.pick(hint.ja, hint.en));
    }
    // Beside the drop-outs: a reader's driver that a 始業点検 saw change (a Windows Update, a vendor's
    // installer), which staff and the vendor weigh with them.
    let driver_changes: Vec<_> = loaded
        .events
        .iter()
        .filter_map(onshi_core::app::history::driver_line)
        .collect();
    if !driver_changes.is_empty() {
        crate::say!("");
        crate::say!(
            "{}",
            lang.pick(
                "カードリーダーのドライバーの変更",
                "Card reader driver changes"
            )
        );
        for line in &driver_changes {
            crate::say!("  {}", line.get(lang));
        }
    }
    for path in &damaged {
        eprintln!(
            "{}: {path}",
            lang.pick(
                "読み取れない行のある記録ファイル",
                "A history file with unreadable lines"
            )
        );
    }
    exit::FINE
}

/// `onshi report [--json]`: the support report, with the readers as they are now.
pub fn report(json: bool, shown: Option<&str>, lang: Language) -> u8 {
    let Some(dir) = data_dir(json, lang) else {
        return exit::PROBLEM;
    };
    let facts = onshi_core::facts::gather(
        onshi_core::facts::Remembered::read_only(Some(&dir)),
        // Listed by gather, at the same time as its other probes.
        || readers::list().unwrap_or_else(|_| ReadersReport::unavailable()),
        onshi_core::facts::CertificateChoice::InUse,
        onshi_core::time::now_jst(),
    );
    let built = support::build(facts, env!("CARGO_PKG_VERSION")).with_shown_on_screen(shown);
    if json {
        print_json(&built);
    } else {
        crate::say!("{}", support::to_text(&built, lang).trim_end());
    }
    exit::FINE
}

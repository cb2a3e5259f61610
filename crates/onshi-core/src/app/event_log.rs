//! What the resident app writes to the Windows event log (the Application log), so that an RMM agent or a
//! log collector can alert with no script: an entry when the overall level changes, and one when a check
//! area turns amber or red (or back). One fixed source ([`SOURCE`]) and a fixed table of ids and types
//! (docs/MONITORING.md); the message is the tray's words, Japanese first, then English.
//!
//! Decided here over the tray's [`Health`], nothing written: the app's writer (src-tauri, Windows only)
//! hands each [`Entry`] to ReportEvent as its one insertion string. Where the installer could not
//! register the source (a per-user install), Windows still writes the entry and shows the string under
//! its "description not found" line, so the string is the whole message.

use crate::app::health::Health;
use crate::verdict::{Area, Level};
use std::collections::BTreeMap;

/// The event source, as the installer registers it (packaging/windows/onshi-assistant.nsi).
pub const SOURCE: &str = "OnshiAssistant";

/// The overall level: 100 (nothing needs action), 101 (amber), 102 (red).
pub const OVERALL: u16 = 100;

/// An entry's type, as Event Viewer shows it (情報 / 警告 / エラー).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryType {
    Information,
    Warning,
    Error,
}

/// One entry for the Application log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Within 1–1000: the range `EventCreate.exe`'s message table covers (see the installer).
    pub id: u16,
    pub kind: EntryType,
    /// Japanese, a blank line, English; lines end in CRLF.
    pub message: String,
}

/// The base of an area's ids: +0 no longer needs action, +1 amber, +2 red. Fixed: collectors filter on
/// them, so a number is never given to another area.
pub fn area_base(area: Area) -> u16 {
    match area {
        Area::Readers => 110,
        Area::Certificate => 120,
        Area::Os => 130,
        Area::Software => 140,
        Area::Link => 150,
        Area::SignIn => 160,
        Area::Line => 170,
        Area::Clock => 180,
        // Staff's 「いいえ」 to an eye check turns the tray amber for the day (Health::with_eyes).
        Area::Eyes => 210,
        // Not watched by the resident app (looked at only in 始業点検); kept so that no number moves.
        Area::Mpki => 190,
        Area::ReadTest => 200,
    }
}

/// What was last written, to write only changes.
#[derive(Debug, Default)]
pub struct Logged {
    overall: Option<Level>,
    /// The areas last written as amber or red.
    acting: BTreeMap<Area, Level>,
}

impl Logged {
    /// The entries due now that the tray shows `health`: the overall level when it changed (and the first
    /// one this process sees, so a restart says where things stand), then each area whose level for
    /// action changed (amber, red, or no longer either). A line's words changing alone (a day fewer
    /// left) writes nothing.
    pub fn changes(&mut self, health: &Health) -> Vec<Entry> {
        let mut entries = Vec::new();
        let overall = acting(health.level).unwrap_or(Level::Ok);
        if self.overall != Some(overall) {
            self.overall = Some(overall);
            entries.push(overall_entry(overall, health));
        }
        let now: BTreeMap<Area, (Level, &crate::text::Text)> = health
            .areas
            .iter()
            .filter_map(|a| acting(a.level).map(|level| (a.area, (level, &a.line))))
            .collect();
        for (area, (level, line)) in &now {
            if self.acting.get(area) != Some(level) {
                entries.push(area_entry(*area, *level, line));
            }
        }
        for area in self.acting.keys().filter(|area| !now.contains_key(area)) {
            let line = health
                .areas
                .iter()
                .find(|a| a.area == *area)
                .map(|a| &a.line);
            entries.push(area_back_entry(*area, line));
        }
        self.acting = now
            .into_iter()
            .map(|(area, (level, _))| (area, level))
            .collect();
        entries
    }
}

/// Amber or red; None for what asks no action (green, neutral).
fn acting(level: Level) -> Option<Level> {
    (level >= Level::Warn).then_some(level)
}

fn kind_and_offset(level: Level) -> (EntryType, u16) {
    match level {
        Level::Error => (EntryType::Error, 2),
        Level::Warn => (EntryType::Warning, 1),
        Level::Ok | Level::Info => (EntryType::Information, 0),
    }
}

/// Japanese lines, a blank line, English lines.
fn message(ja: &[&str], en: &[&str]) -> String {
    let mut lines = ja.to_vec();
    lines.push("");
    lines.extend_from_slice(en);
    lines.join("\r\n")
}

fn overall_entry(level: Level, health: &Health) -> Entry {
    let (kind, offset) = kind_and_offset(level);
    let (ja, en) = match level {
        Level::Error => (
            "オン資アシスタント：異常があります",
            "Onshi Assistant: something is wrong",
        ),
        Level::Warn => (
            "オン資アシスタント：注意が必要な項目があります",
            "Onshi Assistant: something needs attention",
        ),
        Level::Ok | Level::Info => (
            "オン資アシスタント：対応が必要な項目はありません",
            "Onshi Assistant: nothing needs action",
        ),
    };
    let mut lines_ja = vec![ja];
    lines_ja.extend(health.lines.iter().map(|line| line.ja.as_str()));
    let mut lines_en = vec![en];
    lines_en.extend(health.lines.iter().map(|line| line.en.as_str()));
    Entry {
        id: OVERALL + offset,
        kind,
        message: message(&lines_ja, &lines_en),
    }
}

fn area_entry(area: Area, level: Level, line: &crate::text::Text) -> Entry {
    let (kind, offset) = kind_and_offset(level);
    let (name_ja, name_en) = area.name();
    let (word_ja, word_en) = match level {
        Level::Error => ("異常", "wrong"),
        _ => ("注意", "needs attention"),
    };
    Entry {
        id: area_base(area) + offset,
        kind,
        message: message(
            &[
                &line.ja,
                &format!("（オン資アシスタント：{name_ja}・{word_ja}）"),
            ],
            &[
                &line.en,
                &format!("(Onshi Assistant: {name_en}, {word_en})"),
            ],
        ),
    }
}

fn area_back_entry(area: Area, line: Option<&crate::text::Text>) -> Entry {
    let (name_ja, name_en) = area.name();
    let head_ja = format!("オン資アシスタント：{name_ja}は対応が必要な状態ではなくなりました");
    let head_en = format!("Onshi Assistant: {name_en} no longer needs action");
    let mut ja = vec![head_ja.as_str()];
    let mut en = vec![head_en.as_str()];
    if let Some(line) = line {
        ja.push(&line.ja);
        en.push(&line.en);
    }
    Entry {
        id: area_base(area),
        kind: EntryType::Information,
        message: message(&ja, &en),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::health::AreaState;
    use crate::text::Text;

    fn health(areas: &[(Area, Level, &str)]) -> Health {
        let areas: Vec<AreaState> = areas
            .iter()
            .map(|(area, level, ja)| AreaState {
                area: *area,
                level: *level,
                line: Text::new(*ja, format!("en: {ja}")),
            })
            .collect();
        Health {
            level: areas.iter().map(|a| a.level).max().unwrap_or(Level::Ok),
            lines: areas.iter().map(|a| a.line.clone()).collect(),
            areas,
        }
    }

    fn ids(entries: &[Entry]) -> Vec<(u16, EntryType)> {
        entries.iter().map(|e| (e.id, e.kind)).collect()
    }

    const READY: (Area, Level, &str) = (Area::Readers, Level::Ok, "接続中1台");
    const VALID: (Area, Level, &str) = (Area::Certificate, Level::Ok, "電子証明書：有効");

    #[test]
    fn the_first_state_is_written_once_and_nothing_again_while_it_stays() {
        let mut logged = Logged::default();
        let first = logged.changes(&health(&[READY, VALID]));
        assert_eq!(ids(&first), [(100, EntryType::Information)]);
        assert_eq!(
            first[0].message,
            "オン資アシスタント：対応が必要な項目はありません\r\n接続中1台\r\n電子証明書：有効\r\n\r\n\
             Onshi Assistant: nothing needs action\r\nen: 接続中1台\r\nen: 電子証明書：有効"
        );
        assert!(logged.changes(&health(&[READY, VALID])).is_empty());
        // The certificate's line changes every day (a day fewer left): its level does not.
        let next_day = (Area::Certificate, Level::Ok, "電子証明書：有効（あと99日）");
        assert!(logged.changes(&health(&[READY, next_day])).is_empty());
    }

    #[test]
    fn a_reader_gone_writes_the_red_overall_and_the_readers_area_then_their_recovery() {
        let mut logged = Logged::default();
        logged.changes(&health(&[READY, VALID]));
        let gone = (
            Area::Readers,
            Level::Error,
            "汎用カードリーダー（スマートフォン用）が見つかりません",
        );
        let entries = logged.changes(&health(&[gone, VALID]));
        assert_eq!(
            ids(&entries),
            [(102, EntryType::Error), (112, EntryType::Error)]
        );
        assert!(entries[0]
            .message
            .starts_with("オン資アシスタント：異常があります\r\n汎用カードリーダー（スマートフォン用）が見つかりません\r\n"));
        assert!(entries[1].message.starts_with(
            "汎用カードリーダー（スマートフォン用）が見つかりません\r\n（オン資アシスタント：カードリーダー・異常）\r\n\r\n"
        ));
        let back = logged.changes(&health(&[READY, VALID]));
        assert_eq!(
            ids(&back),
            [(100, EntryType::Information), (110, EntryType::Information)]
        );
        assert!(back[1].message.starts_with(
            "オン資アシスタント：カードリーダーは対応が必要な状態ではなくなりました\r\n接続中1台\r\n"
        ));
    }

    #[test]
    fn an_area_turning_amber_under_a_red_whole_is_written_alone_and_so_is_amber_to_red() {
        let mut logged = Logged::default();
        let expired = (Area::Certificate, Level::Error, "電子証明書：期限切れ");
        logged.changes(&health(&[READY, expired]));
        let clock = (
            Area::Clock,
            Level::Warn,
            "時計：タイムゾーンが日本ではありません",
        );
        assert_eq!(
            ids(&logged.changes(&health(&[READY, expired, clock]))),
            [(181, EntryType::Warning)],
            "the whole stays red: only the clock's entry"
        );
        let clock_red = (Area::Clock, Level::Error, "時計：大きくずれています");
        assert_eq!(
            ids(&logged.changes(&health(&[READY, expired, clock_red]))),
            [(182, EntryType::Error)]
        );
        // The terminal's area leaves the tray's list once fine: written as no longer needing action,
        // with no line of its own.
        let entries = logged.changes(&health(&[READY, expired]));
        assert_eq!(ids(&entries), [(180, EntryType::Information)]);
        assert_eq!(
            entries[0].message,
            "オン資アシスタント：時計は対応が必要な状態ではなくなりました\r\n\r\nOnshi Assistant: Clock no longer needs action"
        );
    }

    #[test]
    fn neutral_is_no_action_and_every_id_stays_within_eventcreates_table() {
        let mut logged = Logged::default();
        let unknown_os = (
            Area::Os,
            Level::Info,
            "OS：このエディションの期限は表にありません",
        );
        assert_eq!(
            ids(&logged.changes(&health(&[READY, VALID, unknown_os]))),
            [(100, EntryType::Information)]
        );
        let areas = [
            Area::Readers,
            Area::Certificate,
            Area::Mpki,
            Area::Os,
            Area::ReadTest,
            Area::Software,
            Area::Link,
            Area::SignIn,
            Area::Line,
            Area::Clock,
            Area::Eyes,
        ];
        let mut all: Vec<u16> = vec![OVERALL, OVERALL + 1, OVERALL + 2];
        for area in areas {
            all.extend((0..3).map(|offset| area_base(area) + offset));
        }
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count, "no id is shared");
        assert!(all.iter().all(|id| (1..=1000).contains(id)));
    }
}

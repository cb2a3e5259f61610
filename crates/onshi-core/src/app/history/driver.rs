//! A reader's driver seen at another version or date by a 始業点検 than by the last one: the
//! `driver-changed` events of the history (the drivers themselves: readers::driver).

use super::{HistoryEvent, HistoryEventKind};
use crate::readers::driver::{DriverChange, ReaderDriver, RememberedDriver};
use crate::terminal::seen::Probe;
use crate::text::Text;

/// The drivers seen now against those remembered: a `driver-changed` event at `at` for each reader whose
/// version or date differs from what was remembered, and what to remember from now on. A driver seen for
/// the first time is only remembered; one not seen now (its reader unplugged) stays remembered; when the
/// drivers could not be read nothing changes.
pub fn driver_changes(
    remembered: &[RememberedDriver],
    seen: &Probe<Vec<ReaderDriver>>,
    at: &str,
) -> (Vec<HistoryEvent>, Vec<RememberedDriver>) {
    let Some(seen) = seen.seen() else {
        return (Vec::new(), remembered.to_vec());
    };
    let mut keep = remembered.to_vec();
    let mut events = Vec::new();
    for driver in seen {
        let key = driver.key();
        let release = driver.release();
        match keep.iter_mut().find(|r| r.key == key) {
            Some(known) if known.release == release => {}
            Some(known) => {
                events.push(HistoryEvent {
                    reader: Some(driver.device.clone()),
                    model: driver.model.clone(),
                    driver: Some(DriverChange {
                        before: known.release.clone(),
                        after: release.clone(),
                    }),
                    ..HistoryEvent::at(at.to_owned(), HistoryEventKind::DriverChanged)
                });
                known.release = release;
                known.since = at.to_owned();
            }
            None => keep.push(RememberedDriver {
                key,
                release,
                since: at.to_owned(),
            }),
        }
    }
    (events, keep)
}

/// A `driver-changed` event in words (readers::driver::change_line).
pub fn driver_line(event: &HistoryEvent) -> Option<Text> {
    let change = event.driver.as_ref()?;
    Some(crate::readers::driver::change_line(
        &event.at,
        event.reader.as_deref(),
        event.model.as_deref(),
        change,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT_1: &str = "2026-12-01T08:30:00.000+09:00";
    const AT_2: &str = "2026-12-07T08:31:00.000+09:00";

    fn sony(version: &str, date: &str) -> ReaderDriver {
        ReaderDriver {
            device: "Sony FeliCa Port/PaSoRi 4.0".into(),
            usb_id: Some("054C:06C3".into()),
            model: None,
            provider: Some("Sony Corporation".into()),
            version: Some(version.into()),
            date: Some(date.into()),
        }
    }

    #[test]
    fn a_first_sighting_is_remembered_and_told_nowhere() {
        let (events, kept) =
            driver_changes(&[], &Probe::Seen(vec![sony("3.0.0.0", "2019-01-10")]), AT_1);
        assert_eq!(events, []);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].key, "054C:06C3");
        assert_eq!(kept[0].since, AT_1);
    }

    #[test]
    fn a_new_version_or_date_is_one_event_with_both_releases() {
        let (_, kept) =
            driver_changes(&[], &Probe::Seen(vec![sony("3.0.0.0", "2019-01-10")]), AT_1);
        // Unchanged: nothing told, nothing moved.
        let (events, same) = driver_changes(
            &kept,
            &Probe::Seen(vec![sony("3.0.0.0", "2019-01-10")]),
            AT_2,
        );
        assert_eq!(events, []);
        assert_eq!(same, kept);
        // A Windows Update replaced it.
        let (events, after) = driver_changes(
            &kept,
            &Probe::Seen(vec![sony("3.1.0.0", "2024-05-20")]),
            AT_2,
        );
        assert_eq!(events.len(), 1);
        let event = &events[0];
        assert_eq!(event.event, HistoryEventKind::DriverChanged);
        assert_eq!(event.at, AT_2);
        assert_eq!(event.reader.as_deref(), Some("Sony FeliCa Port/PaSoRi 4.0"));
        let change = event.driver.as_ref().unwrap();
        assert_eq!(
            change.before.words(crate::text::Language::En),
            "3.0.0.0 (10 Jan 2019)"
        );
        assert_eq!(
            change.after.words(crate::text::Language::Ja),
            "3.1.0.0（2024年5月20日）"
        );
        assert_eq!(after[0].release.version.as_deref(), Some("3.1.0.0"));
        assert_eq!(after[0].since, AT_2);
        // The same version re-dated counts as well.
        let (events, _) = driver_changes(
            &kept,
            &Probe::Seen(vec![sony("3.0.0.0", "2020-02-02")]),
            AT_2,
        );
        assert_eq!(events.len(), 1);
        // Stored as a history line and read back.
        let line = serde_json::to_string(event).unwrap();
        assert!(line.contains("\"event\":\"driver-changed\""), "{line}");
        let back: HistoryEvent = serde_json::from_str(&line).unwrap();
        assert_eq!(&back, event);
        let words = driver_line(&back).unwrap();
        assert_eq!(
            words.ja,
            "2026年12月7日、Sony FeliCa Port/PaSoRi 4.0のドライバーが変わりました：3.0.0.0（2019年1月10日） → 3.1.0.0（2024年5月20日）"
        );
        assert_eq!(
            words.en,
            "driver changed on 7 Dec 2026 for Sony FeliCa Port/PaSoRi 4.0: 3.0.0.0 (10 Jan 2019) → 3.1.0.0 (20 May 2024)"
        );
    }

    #[test]
    fn an_unplugged_reader_or_an_unreadable_answer_forgets_nothing() {
        let (_, kept) =
            driver_changes(&[], &Probe::Seen(vec![sony("3.0.0.0", "2019-01-10")]), AT_1);
        assert_eq!(
            driver_changes(&kept, &Probe::Seen(vec![]), AT_2),
            (vec![], kept.clone())
        );
        let unreadable = Probe::Unreadable("not implemented".into());
        assert_eq!(
            driver_changes(&kept, &unreadable, AT_2),
            (vec![], kept.clone())
        );
        assert_eq!(
            driver_changes(&kept, &Probe::DoesNotApply, AT_2),
            (vec![], kept)
        );
    }

    #[test]
    fn two_readers_are_remembered_apart() {
        let mut other = sony("1.0", "2020-01-01");
        other.usb_id = Some("072F:B100".into());
        other.device = "Microsoft Usbccid Smartcard Reader (WUDF)".into();
        let (_, kept) = driver_changes(
            &[],
            &Probe::Seen(vec![sony("3.0.0.0", "2019-01-10"), other.clone()]),
            AT_1,
        );
        assert_eq!(kept.len(), 2);
        other.version = Some("1.1".into());
        let (events, _) = driver_changes(
            &kept,
            &Probe::Seen(vec![sony("3.0.0.0", "2019-01-10"), other]),
            AT_2,
        );
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].reader.as_deref(),
            Some("Microsoft Usbccid Smartcard Reader (WUDF)")
        );
    }
}

//! A calendar file (.ics, RFC 5545) with the two days that matter: the day renewal opens, and 30 days
//! before expiry, each with an alarm, so the reminder lives in the calendar staff already use.

use chrono::{Duration, NaiveDate, Utc};

/// One all-day event with an alarm at 09:00.
struct Event {
    id: String,
    day: NaiveDate,
    summary: String,
    description: String,
}

/// An RFC 5545 calendar of all-day events, each with an alarm, lines folded and CRLF-terminated.
fn calendar(events: &[Event]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Onshi Assistant//Reminders//JA".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    for event in events {
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:onshi-{}@onshi-assistant", event.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", event.day.format("%Y%m%d")),
            format!(
                "DTEND;VALUE=DATE:{}",
                (event.day + Duration::days(1)).format("%Y%m%d")
            ),
            format!("SUMMARY:{}", escape(&event.summary)),
            format!("DESCRIPTION:{}", escape(&event.description)),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            // 09:00 on the day: an all-day event starts at midnight.
            "TRIGGER:PT9H".to_string(),
            format!("DESCRIPTION:{}", escape(&event.summary)),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|line| fold(line)).collect()
}

/// The reminder file for a certificate that expires on `not_after`, told apart by its `serial`: the day
/// renewal opens, and 30 days before expiry.
pub fn renewal_reminders(serial: &str, not_after: NaiveDate) -> String {
    let expiry = not_after.format("%Y年%-m月%-d日");
    calendar(&[
        Event {
            id: format!("renewal-opens-{serial}"),
            day: not_after - Duration::days(super::expiry::RENEWAL_WINDOW_DAYS),
            summary: "電子証明書の更新受付が始まります（オンライン資格確認）".into(),
            description: format!(
                "資格確認端末の電子証明書は{expiry}に有効期限を迎えます。今日から更新できます。MPKIクライアントのアイコンを右クリックし、「証明書の更新」から手続きしてください。更新後はバックアップをUSBメモリに保存してください。"
            ),
        },
        Event {
            id: format!("expires-in-30-days-{serial}"),
            day: not_after - Duration::days(30),
            summary: "電子証明書の期限まで30日です（オンライン資格確認）".into(),
            description: format!(
                "資格確認端末の電子証明書は{expiry}に有効期限が切れます。期限が切れると更新できず、新規の発行申請が必要になります。お早めに更新してください。"
            ),
        },
    ])
}

/// The reminder file for the last day the old-code certificate may be used after a 承継: 30 days before,
/// and the day itself.
pub fn succession_reminders(last_day: NaiveDate) -> String {
    let last = last_day.format("%Y年%-m月%-d日");
    let description = format!(
        "承継前の医療機関等コードで取得した電子証明書を使えるのは{last}までです。それまでに新しいアカウントで電子証明書を発行し、資格確認端末に入れてください。正確な日付はポータルサイトでもご確認ください。"
    );
    let key = last_day.format("%Y%m%d");
    calendar(&[
        Event {
            id: format!("succession-30-days-{key}"),
            day: last_day - Duration::days(30),
            summary: "旧コードの電子証明書が使えるのは残り30日です（承継）".into(),
            description: description.clone(),
        },
        Event {
            id: format!("succession-last-day-{key}"),
            day: last_day,
            summary: "旧コードの電子証明書を使える最終日です（承継）".into(),
            description,
        },
    ])
}

/// The reminder file for a summarised certificate; None if its expiry date cannot be read back.
pub fn reminders_for(info: &super::CertInfo) -> Option<String> {
    Some(renewal_reminders(&info.serial, info.not_after_date()?))
}

/// RFC 5545 text escaping.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a character, ending every line with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for ch in line.chars() {
        if width + ch.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += ch.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_all_day_events_with_alarms_on_the_right_days() {
        let ics = renewal_reminders("1DBF", NaiveDate::from_ymd_opt(2027, 4, 9).unwrap());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(
            ics.contains("DTSTART;VALUE=DATE:20270109\r\n"),
            "renewal opens 90 days before"
        );
        assert!(
            ics.contains("DTSTART;VALUE=DATE:20270310\r\n"),
            "30 days before expiry"
        );
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 2);
        assert!(ics.contains("UID:onshi-renewal-opens-1DBF@onshi-assistant"));
    }

    #[test]
    fn the_succession_reminder_marks_30_days_before_and_the_last_day() {
        let ics = succession_reminders(NaiveDate::from_ymd_opt(2026, 7, 30).unwrap());
        assert!(ics.contains("DTSTART;VALUE=DATE:20260630\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260730\r\n"));
    }

    #[test]
    fn long_japanese_lines_fold_at_75_octets_on_character_boundaries() {
        let ics = renewal_reminders("AB", NaiveDate::from_ymd_opt(2027, 4, 9).unwrap());
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("「証明書の更新」から手続きしてください。"));
    }
}

//! Dates and instants as the product shows them: in Japan time, whatever the PC's time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Timelike, Utc};

/// Japan Standard Time (UTC+9, no daylight saving).
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset")
}

/// The current instant in Japan time.
pub fn now_jst() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&jst())
}

/// RFC 3339 with milliseconds and the +09:00 offset, as docs/CLI.md asks for instants.
pub fn rfc3339_jst(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&jst())
        .to_rfc3339_opts(SecondsFormat::Millis, false)
}

/// Minutes since midnight of `at`, in Japan time (for drawing a day).
pub fn minute_of_day(at: DateTime<FixedOffset>) -> u16 {
    let at = at.with_timezone(&jst());
    (at.hour() * 60 + at.minute()) as u16
}

/// Reads a date as the CLI and the app write it: YYYY-MM-DD.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_are_written_in_japan_time_with_milliseconds() {
        let utc = Utc.with_ymd_and_hms(2026, 11, 26, 15, 30, 0).unwrap();
        let text = rfc3339_jst(utc.with_timezone(&jst()));
        assert_eq!(text, "2026-11-27T00:30:00.000+09:00");
        assert_eq!(minute_of_day(utc.with_timezone(&jst())), 30);
    }
}

//! Dates and instants as the product shows them: in Japan time, whatever the PC's time zone.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Timelike, Utc};

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

/// The day (YYYY-MM-DD, Japan time) of an instant as [`rfc3339_jst`] writes it; None for a text too short.
pub fn day_of(rfc3339: &str) -> Option<&str> {
    rfc3339.get(..10)
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

/// A date as Japanese documents write it: 2027年1月10日.
pub fn date_ja(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// A date as English text writes it for a reader anywhere: 30 Jan 2027 (day, month's short name, year; no
/// order to guess, and no hyphen for a line to break at).
pub fn date_en(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A YYYY-MM-DD date as [`date_en`] writes it; another text as it is.
pub fn date_text_en(text: &str) -> String {
    parse_date(text).map_or_else(|| text.to_owned(), date_en)
}

/// A YYYY-MM-DD date in `language`'s way: [`date_text_ja`] or [`date_text_en`].
pub fn date_text(text: &str, language: crate::text::Language) -> String {
    match language {
        crate::text::Language::Ja => date_text_ja(text),
        crate::text::Language::En => date_text_en(text),
    }
}

/// An RFC 3339 instant (as the app stores them) in Japan time, as Japanese documents write it:
/// 2026年12月1日 8:31. A text that is not such an instant is returned as it is.
pub fn moment_ja(text: &str) -> String {
    match DateTime::parse_from_rfc3339(text) {
        Ok(at) => {
            let at = at.with_timezone(&jst());
            format!(
                "{} {}:{:02}",
                date_ja(at.date_naive()),
                at.hour(),
                at.minute()
            )
        }
        Err(_) => text.to_owned(),
    }
}

/// An RFC 3339 instant in Japan time as English readers write it: 1 Dec 2026 8:31. A text that is not
/// such an instant is returned as it is.
pub fn moment_en(text: &str) -> String {
    match DateTime::parse_from_rfc3339(text) {
        Ok(at) => {
            let at = at.with_timezone(&jst());
            format!("{} {}", date_en(at.date_naive()), at.format("%-H:%M"))
        }
        Err(_) => text.to_owned(),
    }
}

/// A YYYY-MM-DD date as [`date_ja`] writes it; another text as it is.
pub fn date_text_ja(text: &str) -> String {
    parse_date(text).map_or_else(|| text.to_owned(), date_ja)
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

    #[test]
    fn dates_and_instants_in_japanese() {
        assert_eq!(date_ja(parse_date("2027-01-10").unwrap()), "2027年1月10日");
        assert_eq!(date_text_en("2027-01-10"), "10 Jan 2027");
        assert_eq!(date_text_en("2030-12-31"), "31 Dec 2030");
        assert_eq!(date_text_en("-"), "-");
        assert_eq!(moment_ja("2026-11-30T23:31:05.000Z"), "2026年12月1日 8:31");
        assert_eq!(
            moment_ja("2026-12-01T08:05:00.000+09:00"),
            "2026年12月1日 8:05"
        );
        assert_eq!(moment_ja("not a time"), "not a time");
        assert_eq!(date_text_ja("2027-01-10"), "2027年1月10日");
    }
}

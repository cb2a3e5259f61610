//! The 120-day rule of the 承継申請: after a new 医療機関等コード, the certificate issued under the old code
//! keeps working, on the PC it was downloaded to, for 120 days from the 廃止 or the 承継届出, and never past
//! its own expiry. The first day is not counted (民法140条), so the last usable day is the date + 120 days,
//! or the certificate's last valid day if that comes first.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// The grace period, in days, after the 廃止 or the 承継届出.
pub const GRACE_DAYS: i64 = 120;

/// What ends the old certificate's use first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum LimitedBy {
    #[serde(rename = "120-days")]
    #[ts(rename = "120-days")]
    Days120,
    Certificate,
    /// The certificate had expired before the change: the old code's certificate cannot be used at all,
    /// and a new issuance application is needed.
    AlreadyExpired,
}

/// `onshi succession --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GracePeriod {
    /// The last day the old-code certificate may be used (YYYY-MM-DD); with `already-expired`, the day
    /// it expired, before `from`.
    pub last_day: String,
    pub limited_by: LimitedBy,
    /// The day the 120 days are counted from.
    pub from: String,
}

/// A calendar date, as the succession functions take it.
pub type Date = NaiveDate;

/// The last usable day, counting 120 days from `from` (廃止 or 承継届出), capped by the certificate's last
/// valid day `not_after`.
pub fn grace_period(from: NaiveDate, not_after: NaiveDate) -> GracePeriod {
    let by_days = from + Duration::days(GRACE_DAYS);
    let (last, limited_by) = if not_after < from {
        (not_after, LimitedBy::AlreadyExpired)
    } else if not_after < by_days {
        (not_after, LimitedBy::Certificate)
    } else {
        (by_days, LimitedBy::Days120)
    };
    GracePeriod {
        last_day: crate::cert::expiry::date_text(last),
        limited_by,
        from: crate::cert::expiry::date_text(from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::time::parse_date(text).unwrap()
    }

    #[test]
    fn the_first_day_is_not_counted() {
        let grace = grace_period(d("2026-04-01"), d("2027-06-01"));
        assert_eq!(grace.last_day, "2026-07-30");
        assert_eq!(grace.limited_by, LimitedBy::Days120);
    }

    #[test]
    fn the_certificate_expiry_caps_the_120_days() {
        let grace = grace_period(d("2026-04-01"), d("2026-05-15"));
        assert_eq!(
            (grace.last_day.as_str(), grace.limited_by),
            ("2026-05-15", LimitedBy::Certificate)
        );
        // Expiring on the 120th day itself: either reason gives the same day; the 120 days are named.
        assert_eq!(
            grace_period(d("2026-04-01"), d("2026-07-30")).limited_by,
            LimitedBy::Days120
        );
    }

    #[test]
    fn serialises_as_the_cli_contract_says() {
        let json = serde_json::to_value(grace_period(d("2026-04-01"), d("2027-06-01"))).unwrap();
        assert_eq!(json["limited_by"], "120-days");
        assert_eq!(json["last_day"], "2026-07-30");
    }

    #[test]
    fn a_certificate_that_expired_before_the_change_cannot_be_used_at_all() {
        let grace = grace_period(d("2027-06-01"), d("2026-01-01"));
        assert_eq!(grace.limited_by, LimitedBy::AlreadyExpired);
        assert_eq!(grace.last_day, "2026-01-01");
        // Valid on the day of the change itself: usable that day, capped by the certificate.
        let grace = grace_period(d("2027-06-01"), d("2027-06-01"));
        assert_eq!(grace.limited_by, LimitedBy::Certificate);
    }
}

//! Dates of the certificate's life, in Japan time: the renewal window (from 90 days before expiry), the
//! MPKI client's own warnings (90, 60, 30 and 15 days before, then daily from 7), and the new expiry a
//! renewal today would give (a flat 3 years 3 months; remaining time is not carried over).

use crate::verdict::{Level, Verdict, VerdictCode};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// Renewal opens this many days before expiry.
pub const RENEWAL_WINDOW_DAYS: i64 = 90;
/// The MPKI client warns on these days before expiry, then every day from 7.
const MPKI_NOTICE_DAYS: [i64; 4] = [90, 60, 30, 15];
const MPKI_DAILY_FROM: i64 = 7;
/// A certificate issued or renewed today is valid for 3 years 3 months.
const VALIDITY_MONTHS: u32 = 39;

/// Where a certificate stands today (docs/CLI.md `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum CertStatus {
    Valid,
    RenewalWindow,
    Expired,
    NotYetValid,
}

impl CertStatus {
    /// The status as a verdict. Not yet valid is red like expired: the system cannot use it today.
    pub const fn verdict(self) -> Verdict {
        use VerdictCode::*;
        match self {
            CertStatus::Valid => Verdict::of(Level::Ok, CertificateValid),
            CertStatus::RenewalWindow => Verdict::of(Level::Warn, CertificateRenewalWindow),
            CertStatus::Expired => Verdict::of(Level::Error, CertificateExpired),
            CertStatus::NotYetValid => Verdict::of(Level::Error, CertificateNotYetValid),
        }
    }
}

/// The certificate's verdict, or "not looked at yet" (which alone turns nothing amber in the tray).
pub fn verdict(info: Option<&super::CertInfo>) -> Verdict {
    match info {
        Some(info) => info.expiry.status.verdict(),
        None => Verdict::of(Level::Info, VerdictCode::CertificateUnknown),
    }
}

/// The certificate's dates as seen from `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Expiry {
    pub status: CertStatus,
    /// The status as a verdict (crate::verdict): its level is the one every screen and the tray show.
    pub verdict: Verdict,
    /// Whole days from today to the last valid day (0 on that day, negative once expired).
    pub days_left: i64,
    /// The first day the renewal can be done (YYYY-MM-DD).
    pub renewal_opens: String,
    /// The expiry a renewal done today would give (YYYY-MM-DD).
    pub renewed_expiry_if_today: String,
    /// Whether the MPKI client shows its expiry warning today.
    pub mpki_warns_today: bool,
    /// The next day the MPKI client will warn, if any (YYYY-MM-DD).
    pub next_mpki_warning: Option<String>,
}

pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Whether the MPKI client warns when `days_left` days remain.
pub fn mpki_warns(days_left: i64) -> bool {
    days_left <= MPKI_DAILY_FROM || MPKI_NOTICE_DAYS.contains(&days_left)
}

/// Evaluates a certificate valid from `not_before` to `not_after` (both Japan dates) as of `today`.
pub fn evaluate(not_before: NaiveDate, not_after: NaiveDate, today: NaiveDate) -> Expiry {
    let days_left = (not_after - today).num_days();
    let status = if today < not_before {
        CertStatus::NotYetValid
    } else if days_left < 0 {
        CertStatus::Expired
    } else if days_left <= RENEWAL_WINDOW_DAYS {
        CertStatus::RenewalWindow
    } else {
        CertStatus::Valid
    };
    let next_mpki_warning = (1..=days_left.max(0))
        .find(|ahead| mpki_warns(days_left - ahead))
        .map(|ahead| date_text(today + chrono::Duration::days(ahead)));
    Expiry {
        status,
        verdict: status.verdict(),
        days_left,
        renewal_opens: date_text(not_after - chrono::Duration::days(RENEWAL_WINDOW_DAYS)),
        renewed_expiry_if_today: date_text(renewed_expiry(today)),
        mpki_warns_today: mpki_warns(days_left),
        next_mpki_warning,
    }
}

/// The expiry of a certificate issued or renewed on `day`.
pub fn renewed_expiry(day: NaiveDate) -> NaiveDate {
    day.checked_add_months(Months::new(VALIDITY_MONTHS))
        .expect("a date 39 months ahead exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_yet_valid_is_red_like_expired() {
        let der = crate::cert::read_certificate(include_bytes!("testdata/name-utf8.pem")).unwrap();
        let before = crate::time::parse_date("2000-01-01").unwrap();
        let info = crate::cert::inspect(&der, before).unwrap();
        assert_eq!(info.expiry.status, CertStatus::NotYetValid);
        assert_eq!(verdict(Some(&info)).level, Level::Error);
        // The tray takes its colour from here too (health.rs's tests).
        assert_eq!(
            verdict(None),
            Verdict::of(Level::Info, VerdictCode::CertificateUnknown)
        );
    }

    fn d(text: &str) -> NaiveDate {
        crate::time::parse_date(text).unwrap()
    }

    #[test]
    fn the_status_follows_the_renewal_window_and_expiry() {
        let (from, to) = (d("2024-01-10"), d("2027-04-09"));
        assert_eq!(
            evaluate(from, to, d("2026-11-27")).status,
            CertStatus::Valid
        );
        assert_eq!(
            evaluate(from, to, d("2027-01-08")).status,
            CertStatus::Valid
        ); // 91 days left
        assert_eq!(
            evaluate(from, to, d("2027-01-09")).status,
            CertStatus::RenewalWindow
        ); // 90 days left
        assert_eq!(evaluate(from, to, d("2027-04-09")).days_left, 0);
        assert_eq!(
            evaluate(from, to, d("2027-04-09")).status,
            CertStatus::RenewalWindow
        );
        assert_eq!(
            evaluate(from, to, d("2027-04-10")).status,
            CertStatus::Expired
        );
        assert_eq!(
            evaluate(from, to, d("2024-01-09")).status,
            CertStatus::NotYetValid
        );
        assert_eq!(
            evaluate(from, to, d("2026-11-27")).renewal_opens,
            "2027-01-09"
        );
    }

    #[test]
    fn mpki_warnings_fall_on_90_60_30_15_then_daily_from_7() {
        let warned: Vec<i64> = (0..=100).filter(|left| mpki_warns(*left)).collect();
        assert_eq!(warned, [0, 1, 2, 3, 4, 5, 6, 7, 15, 30, 60, 90]);
        assert!(mpki_warns(-3), "and after expiry");
        let e = evaluate(d("2024-01-10"), d("2027-04-09"), d("2027-02-01")); // 67 days left
        assert!(!e.mpki_warns_today);
        assert_eq!(e.next_mpki_warning.as_deref(), Some("2027-02-08")); // 60 days left
    }

    #[test]
    fn a_renewal_gives_a_flat_3_years_3_months_from_the_day() {
        assert_eq!(renewed_expiry(d("2026-11-27")), d("2030-02-27"));
        assert_eq!(
            renewed_expiry(d("2026-11-30")),
            d("2030-02-28"),
            "the month's last day when the day is missing"
        );
    }
}

use super::*;
use crate::platform::Os;
use crate::readers::ReadersReport;
use std::time::Instant;

const PASORI: &str = "SONY FeliCa Port/PaSoRi 4.0 00 00";

fn date(text: &str) -> NaiveDate {
    crate::time::parse_date(text).unwrap()
}

fn info_with(days_left: i64) -> CertInfo {
    let der =
        crate::cert::read_certificate(include_bytes!("../../cert/testdata/name-utf8.pem")).unwrap();
    let not_after = crate::time::parse_date("2026-12-29").unwrap();
    crate::cert::inspect(&der, not_after - chrono::Duration::days(days_left)).unwrap()
}

fn readers(names: &[&str]) -> ReadersReport {
    ReadersReport::running(names)
}

#[test]
fn the_certificate_speaks_once_per_stage_then_daily_from_seven_days() {
    let mut notified = BTreeMap::new();
    assert_eq!(certificate(&info_with(120)), None);
    let sixty = certificate(&info_with(58)).unwrap();
    assert!(sixty.key.starts_with("cert-60:"));
    assert!(sixty.admit(&mut notified, date("2026-11-01")));
    assert!(!certificate(&info_with(57))
        .unwrap()
        .admit(&mut notified, date("2026-11-02")));
    let thirty = certificate(&info_with(30)).unwrap();
    assert!(thirty.title.ja.contains("あと30日"));
    assert!(thirty.admit(&mut notified, date("2026-11-29")));

    let week = certificate(&info_with(7)).unwrap();
    assert!(week.admit(&mut notified, date("2026-12-22")));
    assert!(!week.admit(&mut notified, date("2026-12-22")), "once a day");
    assert!(certificate(&info_with(6))
        .unwrap()
        .admit(&mut notified, date("2026-12-23")));

    let expired = certificate(&info_with(-1)).unwrap();
    assert_eq!(expired.screen, Screen::Cert);
    assert!(expired.title.ja.contains("切れています"));
}

#[test]
fn a_renewal_without_a_backup_asks_for_one_every_day() {
    let mut status = Status::default();
    status.see_certificate("01", "2026-12-29", "2026-11-01");
    assert_eq!(backup_missing(&status), None);
    status.see_certificate("02", "2030-03-28", "2026-12-20");
    let alert = backup_missing(&status).unwrap();
    assert_eq!(alert.title.ja, "バックアップを作成してください");
    let mut notified = BTreeMap::new();
    assert!(alert.admit(&mut notified, date("2026-12-20")));
    assert!(!alert.admit(&mut notified, date("2026-12-20")));
    assert!(alert.admit(&mut notified, date("2026-12-21")));
}

#[test]
fn a_reader_gone_for_thirty_seconds_is_told_then_its_return() {
    let start = Instant::now();
    let at = |s: u64| start + Duration::from_secs(s);
    let mut watch = ReaderWatch::new(Os::Windows, false, start);
    assert_eq!(watch.observe(&readers(&[PASORI]), at(1)), None);
    assert!(watch.knows_a_smartphone_reader());

    assert_eq!(watch.observe(&ReadersReport::unavailable(), at(10)), None);
    assert!(
        watch.due(at(30)).is_empty(),
        "20 s: a cable being re-seated"
    );
    let gone = watch.due(at(41));
    assert_eq!(
        gone.len(),
        1,
        "on Windows the lost service is the reader-gone notice only"
    );
    assert_eq!(gone[0].key, "reader-gone");
    assert!(gone[0].body.ja.contains("PaSoRi"));
    assert!(watch.due(at(80)).is_empty(), "told once");

    assert_eq!(watch.next_deadline(), None, "nothing pending once told");
    let back = watch.observe(&readers(&[PASORI]), at(90)).unwrap();
    assert_eq!(back.key, "reader-back");
    assert_eq!(back.screen, Screen::Readers);
}

#[test]
fn with_two_alike_readers_the_one_that_left_is_named_and_told() {
    const PASORI_2: &str = "SONY FeliCa Port/PaSoRi 4.0 01 00";
    let start = Instant::now();
    let at = |s: u64| start + Duration::from_secs(s);
    let mut watch = ReaderWatch::new(Os::Windows, false, start);
    watch.observe(&readers(&[PASORI, PASORI_2]), at(0));
    assert_eq!(watch.observe(&readers(&[PASORI]), at(5)), None);
    let gone = watch.due(at(40));
    assert_eq!(gone.len(), 1, "the other one is still there: {gone:?}");
    assert_eq!(gone[0].key, "reader-gone-2");
    assert!(gone[0].body.ja.contains("（2台目）"), "{}", gone[0].body.ja);
    let back = watch
        .observe(&readers(&[PASORI, PASORI_2]), at(60))
        .unwrap();
    assert_eq!(back.key, "reader-back-2");
    assert!(back.body.ja.contains("（2台目）"));
}

#[test]
fn a_short_absence_says_nothing_and_a_pc_without_such_a_reader_is_left_alone() {
    let start = Instant::now();
    let at = |s: u64| start + Duration::from_secs(s);
    let mut watch = ReaderWatch::new(Os::Other, false, start);
    watch.observe(&readers(&[]), at(0));
    assert!(
        watch.due(at(100)).is_empty(),
        "never had a smartphone-ready reader"
    );

    let mut watch = ReaderWatch::new(Os::Other, true, start);
    watch.observe(&readers(&[]), at(0));
    assert_eq!(
        watch.due(at(31))[0].key,
        "reader-gone",
        "known from before: a login without it"
    );

    let mut watch = ReaderWatch::new(Os::Other, false, start);
    watch.observe(&readers(&[PASORI]), at(0));
    watch.observe(&ReadersReport::unavailable(), at(5));
    watch.observe(&readers(&[PASORI]), at(20));
    assert!(watch.due(at(60)).is_empty());

    watch.observe(&ReadersReport::unavailable(), at(100));
    let keys: Vec<_> = watch.due(at(131)).into_iter().map(|a| a.key).collect();
    assert_eq!(keys, ["reader-gone", "service-lost"]);
}

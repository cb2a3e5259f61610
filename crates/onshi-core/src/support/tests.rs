use super::words::outcome_words;
use super::*;
use crate::app::status::ReadTestCode;
use crate::app::status::Status;
use crate::cert::in_use;
use crate::error_code::ErrorCode;
use crate::facts::Facts;
use crate::readers::usb::UsbReader;
use crate::readers::{CardInfo, ReaderInfo, ReadersReport, UsbView};
use crate::text::Language;

#[test]
fn every_read_test_ending_has_its_own_words() {
    for code in crate::error_code::ErrorCode::READ_TEST {
        let words = outcome_words(ReadTestCode::Stopped(*code), Language::Ja);
        let generic = *code == crate::error_code::ErrorCode::Failed
            || *code == crate::error_code::ErrorCode::NoSuchReader
            || *code == crate::error_code::ErrorCode::SamSlot;
        assert_eq!(
            words.starts_with("読み取れませんでした"),
            generic,
            "{code}: {words}"
        );
    }
    assert!(
        outcome_words(ReadTestCode::Stopped(ErrorCode::CardSilent), Language::Ja)
            .contains("応答しませんでした")
    );
}

#[test]
fn the_report_names_the_card_kind_but_never_its_atr_nor_the_home_folder() {
    let atr = "3B888001000005E0B381A1007F";
    let mut pasori = ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 00 00");
    pasori.card = Some(CardInfo::from_atr(
        &crate::readers::atr::from_hex(atr).unwrap(),
    ));
    let home = dirs::home_dir().unwrap();
    let cert_path = home.join("デスクトップ").join("gone.cer");
    let mut status = Status::default();
    status.read_tests.insert(
        pasori.name.clone(),
        ReadTestOutcome::answered(
            "2026-11-29T09:00:00.000+09:00".into(),
            crate::card::Holder::MyNumberCard,
            crate::card::CardKind::TypeB,
        ),
    );
    let report = report_of(
        ReadersReport::of(ServiceState::Running, vec![pasori]),
        status,
        in_use::find(Some(&cert_path), None, crate::time::now_jst().date_naive()),
    );
    let text = to_text(&report, Language::Ja);
    let json = serde_json::to_string(&report).unwrap();
    let home_text = home.to_string_lossy();
    // JSON writes a Windows path's backslashes doubled.
    let home_in_json = home_text.replace('\\', "\\\\");
    for shown in [&text, &json] {
        assert!(!shown.contains(atr), "{shown}");
        assert!(!shown.contains(&*home_text), "{shown}");
        assert!(!shown.contains(&home_in_json), "{shown}");
    }
    // The codes are for scripts: in the JSON, never in the text a help desk reads.
    assert!(json.contains("my-number-card"), "{json}");
    assert!(!text.contains("my-number-card"), "{text}");
    assert!(
        text.starts_with("オン資アシスタント サポート用レポート\n作成日時："),
        "{text}"
    );
    assert!(
        text.contains("[まとめ]\n- 最後の始業点検：記録なし"),
        "{text}"
    );
    assert!(
        text.contains("最後の読み取りテスト：マイナンバーカード"),
        "{text}"
    );
    let sep = std::path::MAIN_SEPARATOR;
    assert!(
        text.contains(&format!("~{sep}デスクトップ{sep}gone.cer")),
        "{text}"
    );
    assert!(text.contains("読み取れません"), "{text}");
    assert!(text.contains("USB 054C:06C1: SONY RC-S380/S"), "{text}");
    assert!(
        text.contains("! ソニーPaSoRi (RC-S380): USBには接続されていますが"),
        "{text}"
    );
    assert!(json.contains("\"kind\":\"usb-only\""), "{json}");
}

#[test]
fn a_notice_that_went_to_the_balloon_is_in_the_report_in_both_languages() {
    let status = Status {
        notice_fallback: Some(crate::app::notice_route::NoticeFallback {
            at: "2026-12-01T08:12:00.000+09:00".into(),
            reason: crate::app::notice_route::FallbackReason::ToastFailed,
            error: Some("Class not registered".into()),
            balloon_failed: false,
        }),
        ..Status::default()
    };
    let report = report_of(
        ReadersReport::of(ServiceState::Running, Vec::new()),
        status,
        None,
    );
    let ja = to_text(&report, Language::Ja);
    assert!(
        ja.contains("2026年12月1日 8:12：Windowsの通知（トースト）を表示できませんでした。通知領域の吹き出しで表示しました"),
        "{ja}"
    );
    assert!(ja.contains("(Class not registered)"), "{ja}");
    let en = to_text(&report, Language::En);
    assert!(
        en.contains("Windows could not show the toast. It was shown as a notification-area balloon instead."),
        "{en}"
    );
}

/// The report of a PC with these readers, a Sony RC-S380 stuck on USB beside them, this status and this
/// certificate.
fn report_of(
    readers: ReadersReport,
    status: Status,
    certificate: Option<in_use::InUse>,
) -> SupportReport {
    let mut facts = Facts::with_readers(readers);
    facts.usb = sony_rc_s380_on_usb_only();
    facts.status = status;
    facts.certificate = certificate;
    build(facts, "0.1.0")
}

/// A Sony RC-S380 on USB that PC/SC does not present (Windows without Sony's driver).
fn sony_rc_s380_on_usb_only() -> UsbView {
    use crate::platform::Os;
    use crate::readers::findings::{reconcile, Facts};
    let usb = vec![UsbReader {
        id: "054C:06C1".into(),
        manufacturer: Some("SONY".into()),
        product: Some("RC-S380/S".into()),
        model: Some("sony-rc-s380".into()),
        problem_code: Some(28),
        keyboard_mode: false,
    }];
    let findings = reconcile(&Facts {
        os: Os::Windows,
        service: ServiceState::Running,
        readers: &[],
        usb: &usb,
        smart_card_service: None,
        libccid: None,
    });
    let verdict = ReadersReport::unavailable().verdict(&findings, crate::platform::Os::Linux);
    UsbView {
        usb,
        usb_error: None,
        smart_card_service: None,
        usb_selective_suspend: None,
        drivers: crate::terminal::seen::Probe::DoesNotApply,
        findings,
        verdict,
    }
}

//! The one-glance state of the PC for the tray: the worst of the readers' verdict and the certificate's,
//! and a line in words for each (the tray's tooltip and menu). The same rules as the screens.

use crate::cert::{CertInfo, CertStatus};
use crate::platform::Os;
use crate::readers::findings::{Finding, FindingKind};
use crate::readers::ReadersReport;
use serde::Serialize;
use ts_rs::TS;

use crate::text::Text;
use crate::verdict::{Area, Level, VerdictCode};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Health {
    pub level: Level,
    /// The readers' line, then the certificate's.
    pub lines: Vec<Text>,
    /// The same, area by area with each one's level: the readers and the certificate always, the OS
    /// and the terminal's areas when they add a line. The Windows event log's entries are decided over
    /// these (crate::app::event_log); the tray shows only `level` and `lines`.
    #[serde(skip)]
    #[ts(skip)]
    pub areas: Vec<AreaState>,
}

/// One area as the tray sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaState {
    pub area: Area,
    pub level: Level,
    pub line: Text,
}

/// The readers' verdict, as the home screen gives it. `findings` is the USB view's (see
/// `readers::look_at_usb`): a reader plugged in that the service does not present is amber with its
/// own words, never "no reader connected".
pub fn readers(report: &ReadersReport, findings: &[Finding], os: Os) -> (Level, Text) {
    let verdict = report.verdict(findings, os);
    let ready = report.devices.iter().filter(|d| d.smartphone_ready).count();
    let stuck = findings.iter().find(|f| f.kind == FindingKind::UsbOnly);
    let text = match (verdict.code, stuck) {
        (VerdictCode::ReadersUsbOnly, Some(stuck)) => Text::new(
            format!(
                "「{}」は接続されていますが、使える状態ではありません",
                stuck.device.ja
            ),
            format!("\"{}\" is plugged in but not available", stuck.device.en),
        ),
        (VerdictCode::ReadersUsbOnlyBesideReady, Some(stuck)) => Text::new(
            format!(
                "使える状態ではない汎用カードリーダーがあります（「{}」）",
                stuck.device.ja
            ),
            format!(
                "A reader is plugged in but not available (\"{}\")",
                stuck.device.en
            ),
        ),
        (VerdictCode::ReadersServiceStopped, _) => Text::new(
            "汎用カードリーダー（スマートフォン用）が見つかりません",
            "No smartphone card reader found",
        ),
        (VerdictCode::ReadersServiceUnavailable, _) => Text::new(
            "スマートカードサービスが動いていません",
            "The smart-card service is not running",
        ),
        (VerdictCode::ReadersNone, _) => Text::new(
            "汎用カードリーダー（スマートフォン用）が接続されていません",
            "The smartphone card reader is not connected",
        ),
        (VerdictCode::ReadersNotReady, _) => Text::new(
            "スマートフォンに対応した汎用カードリーダーがありません",
            "No card reader fit for smartphones is connected",
        ),
        _ => Text::new(
            format!(
                "汎用カードリーダー：接続中{}台（スマートフォン対応{ready}台）",
                report.devices.len()
            ),
            format!(
                "Smartphone card readers: {} connected ({ready} fit for smartphones)",
                report.devices.len()
            ),
        ),
    };
    (verdict.level, text)
}

/// The certificate's verdict; None when no certificate is known yet (that alone turns nothing amber).
pub fn certificate(info: &CertInfo) -> (Level, Text) {
    let days = info.expiry.days_left;
    let until = crate::time::date_text_en(&info.not_after);
    let until_ja = crate::time::date_text_ja(&info.not_after);
    let level = info.expiry.status.verdict().level;
    let text = match info.expiry.status {
        CertStatus::Expired => Text::new(
            format!("電子証明書：期限切れ（{until_ja}）"),
            format!("Certificate: expired ({until})"),
        ),
        CertStatus::RenewalWindow => Text::new(
            format!("電子証明書：有効期限まであと{days}日（{until_ja}）更新してください"),
            format!("Certificate: {days} days left ({until}), please renew"),
        ),
        CertStatus::NotYetValid => Text::new(
            format!(
                "電子証明書：まだ有効期間前です（{}）",
                crate::time::date_text_ja(&info.not_before)
            ),
            format!(
                "Certificate: not valid until {}",
                crate::time::date_text_en(&info.not_before)
            ),
        ),
        CertStatus::Valid => Text::new(
            format!("電子証明書：有効（あと{days}日、{until_ja}まで）"),
            format!("Certificate: valid ({days} days left, until {until})"),
        ),
    };
    (level, text)
}

impl Health {
    /// With the OS's deadline (crate::os_support): a line and its level, only when it needs attention,
    /// so a supported Windows adds nothing to the tray.
    pub fn with_os(mut self, os: &crate::os_support::OsSupport) -> Health {
        if os.verdict.level != Level::Ok {
            self.add(Area::Os, os.verdict.level, crate::os_support::line(os));
        }
        self
    }

    /// Adds an area's line: the whole takes the worse level.
    fn add(&mut self, area: Area, level: Level, line: Text) {
        self.level = self.level.max(level);
        self.lines.push(line.clone());
        self.areas.push(AreaState { area, level, line });
    }
}

impl Health {
    /// With the terminal around the reader: each area that staff must act on (amber or red) adds its
    /// most pressing finding and its level; what is neutral or fine adds nothing to the tray.
    pub fn with_terminal(
        mut self,
        areas: &[(crate::verdict::Area, Vec<crate::terminal::Judged>)],
    ) -> Health {
        for (area, found) in areas {
            if let Some(first) = found.first().filter(|f| f.verdict.level >= Level::Warn) {
                self.add(*area, first.verdict.level, first.found.clone());
            }
        }
        self
    }
}

impl Health {
    /// With today's answers to 「目で確認する項目」: a 「いいえ」 adds its line and amber; answers not given
    /// yet or all 「はい」 add nothing (the tray speaks only of what staff must act on).
    pub fn with_eyes(mut self, (verdict, line): (crate::verdict::Verdict, Text)) -> Health {
        if verdict.level >= Level::Warn {
            self.add(Area::Eyes, verdict.level, line);
        }
        self
    }
}

/// The worst of both, with both lines.
pub fn assess(
    report: &ReadersReport,
    findings: &[Finding],
    cert: Option<&CertInfo>,
    os: Os,
) -> Health {
    let (readers_level, readers_line) = readers(report, findings, os);
    let (cert_level, cert_line) = match cert {
        Some(info) => certificate(info),
        None => (
            Level::Ok,
            Text::new(
                "電子証明書：まだ確認していません",
                "Certificate: not checked yet",
            ),
        ),
    };
    let mut health = Health {
        level: Level::Info,
        lines: Vec::new(),
        areas: Vec::new(),
    };
    health.add(Area::Readers, readers_level, readers_line);
    health.add(Area::Certificate, cert_level, cert_line);
    health
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::ServiceState;

    fn report(names: &[&str]) -> ReadersReport {
        ReadersReport::running(names)
    }

    #[test]
    fn the_worst_state_wins_and_each_line_says_why() {
        let pasori = "SONY FeliCa Port/PaSoRi 4.0 00 00";
        let good = assess(&report(&[pasori]), &[], None, Os::Windows);
        assert_eq!(good.level, Level::Ok);
        assert!(good.lines[0].ja.contains("スマートフォン対応1台"));

        let contact = "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader 00 00";
        assert_eq!(
            assess(&report(&[contact]), &[], None, Os::Windows).level,
            Level::Warn
        );

        let gone = assess(&ReadersReport::unavailable(), &[], None, Os::Windows);
        assert_eq!(gone.level, Level::Error);
        assert_eq!(
            gone.lines[0].ja,
            "汎用カードリーダー（スマートフォン用）が見つかりません"
        );
        assert!(!gone.lines[0].ja.contains("pcscd"));

        let der = crate::cert::read_certificate(include_bytes!("../cert/testdata/name-utf8.pem"))
            .unwrap();
        let far_future = crate::time::parse_date("2000-01-01").unwrap();
        let info = crate::cert::inspect(&der, far_future).unwrap();
        let worst = assess(&report(&[pasori]), &[], Some(&info), Os::Windows);
        // Red, as on 「電子証明書」 (both take it from crate::verdict): the system cannot use it today.
        assert_eq!(worst.level, Level::Error, "not yet valid turns it red");
    }

    #[test]
    fn a_reader_plugged_in_but_not_presented_is_amber_and_named_not_missing() {
        use crate::readers::findings::{reconcile, Facts};
        use crate::readers::usb::UsbReader;
        let usb = [UsbReader {
            id: "054C:0DC9".into(),
            manufacturer: None,
            product: None,
            model: Some("sony-rc-s300".into()),
            problem_code: Some(31),
            keyboard_mode: false,
        }];
        let unavailable = ReadersReport::unavailable();
        let findings = reconcile(&Facts {
            os: Os::Windows,
            service: ServiceState::Unavailable,
            readers: &[],
            usb: &usb,
            smart_card_service: None,
            libccid: None,
        });
        let health = assess(&unavailable, &findings, None, Os::Windows);
        assert_eq!(health.level, Level::Warn);
        assert_eq!(
            health.lines[0].ja,
            "「ソニーPaSoRi 4.0 (RC-S300)」は接続されていますが、使える状態ではありません"
        );
        assert_ne!(
            health.lines[0].ja,
            "汎用カードリーダー（スマートフォン用）が見つかりません"
        );
    }

    #[test]
    fn the_terminal_turns_the_tray_amber_only_for_what_staff_must_act_on() {
        let ready = assess(
            &report(&["SONY FeliCa Port/PaSoRi 4.0 0"]),
            &[],
            None,
            Os::Windows,
        );
        let usual = crate::terminal::UsualSetup::shipped();
        let mut seen = crate::terminal::quiet_linux_morning();
        let quiet = crate::terminal::judge(&seen, usual);
        let same = ready.clone().with_terminal(&quiet);
        assert_eq!(same, ready, "neutral and fine areas add nothing");
        seen.clock.utc_offset_minutes = 0;
        seen.clock.time_zone = crate::terminal::seen::Probe::Seen("UTC".into());
        let wrong = ready
            .clone()
            .with_terminal(&crate::terminal::judge(&seen, usual));
        assert_eq!(wrong.level, Level::Warn);
        assert!(wrong.lines.last().unwrap().ja.contains("タイムゾーン"));
    }
}

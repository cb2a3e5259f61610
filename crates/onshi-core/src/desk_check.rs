//! 始業点検: every check the app can run without touching a card, joined into one result before the
//! first patient: the overall level, then per area what was found, what to try first and whom to call
//! (`desk_guidance.toml`). The verdicts are crate::verdict's; this only joins them and adds the guidance.

use crate::cert::CertInfo;
use crate::health::{self, Text};
use crate::os_support::OsSupport;
use crate::readers::advice::Os;
use crate::readers::{ReadersReport, UsbView};
use crate::verdict::{self, Level, Verdict, VerdictCode};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// An area of the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Area {
    Readers,
    Certificate,
    /// The MPKI client (Windows: installed, and the latest version known).
    Mpki,
    Os,
}

/// Whom staff call when the first step does not help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Contact {
    /// The IT vendor that set up the terminal.
    ItVendor,
    /// The card reader's maker.
    ReaderMaker,
    /// The 医療機関等向け総合ポータルサイト's help desk, 0800-080-4583.
    PortalHelpDesk,
    /// The patient's 市区町村 (the patient's own card).
    Municipality,
}

/// One area's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AreaResult {
    pub area: Area,
    pub verdict: Verdict,
    /// What was found, in the tray's words.
    pub found: Text,
    /// For an amber or red verdict: the first thing to try, and whom to call if it does not help.
    pub try_first: Option<Text>,
    pub call: Option<Contact>,
}

/// The whole 始業点検.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeskCheck {
    /// When it ran (RFC 3339, Japan time).
    pub at: String,
    /// The worst area's level.
    pub level: Level,
    pub areas: Vec<AreaResult>,
}

/// One rule of `desk_guidance.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Guidance {
    pub code: VerdictCode,
    pub try_ja: String,
    pub try_en: String,
    pub call: Contact,
    pub source: String,
}

#[derive(Deserialize)]
struct GuidanceFile {
    rule: Vec<Guidance>,
}

/// The rules shipped with the app.
pub fn guidance() -> &'static [Guidance] {
    static RULES: OnceLock<Vec<Guidance>> = OnceLock::new();
    RULES.get_or_init(|| {
        toml::from_str::<GuidanceFile>(include_str!("desk_guidance.toml"))
            .expect("the embedded desk_guidance.toml is valid")
            .rule
    })
}

fn result(area: Area, verdict: Verdict, found: Text) -> AreaResult {
    let rule = guidance().iter().find(|rule| rule.code == verdict.code);
    let needed = verdict.level != Level::Ok;
    AreaResult {
        area,
        verdict,
        found,
        try_first: rule
            .filter(|_| needed)
            .map(|rule| Text::new(rule.try_ja.clone(), rule.try_en.clone())),
        call: rule.filter(|_| needed).map(|rule| rule.call),
    }
}

/// Runs the 始業点検 over what the app knows now.
pub fn run(
    report: &ReadersReport,
    usb: &UsbView,
    certificate: Option<&CertInfo>,
    mpki: Option<&crate::mpki::MpkiStatus>,
    os_support: &OsSupport,
    os: Os,
    at: String,
) -> DeskCheck {
    let (_, readers_found) = health::readers(report, &usb.findings, os);
    let cert_found = match certificate {
        Some(info) => health::certificate(info).1,
        None => Text::new(
            "電子証明書: まだ確認していません。「電子証明書」で証明書を選んでください",
            "Certificate: not checked yet. Choose it under 「電子証明書」",
        ),
    };
    let mut areas = vec![
        result(
            Area::Readers,
            verdict::readers(report, &usb.findings, os),
            readers_found,
        ),
        result(
            Area::Certificate,
            // Not looked at yet turns nothing amber in the tray, but a 始業点検 that could not see the
            // certificate is not "all fine".
            match certificate {
                Some(_) => verdict::certificate(certificate),
                None => Verdict {
                    level: Level::Warn,
                    code: VerdictCode::CertificateUnknown,
                },
            },
            cert_found,
        ),
    ];
    // Only where the installed apps can be read (Windows).
    if let Some(mpki) = mpki {
        let version = mpki.version.as_deref().unwrap_or("-");
        let found = match mpki.verdict.code {
            VerdictCode::MpkiNotInstalled => Text::new(
                "MPKI クライアント: インストールされていません",
                "MPKI client: not installed",
            ),
            VerdictCode::MpkiUpToDate => Text::new(
                format!("MPKI クライアント: {version} (最新)"),
                format!("MPKI client: {version} (the latest)"),
            ),
            VerdictCode::MpkiOutdated => Text::new(
                format!(
                    "MPKI クライアント: {version} (最新は {})",
                    mpki.latest_known.as_deref().unwrap_or("-")
                ),
                format!(
                    "MPKI client: {version} (the latest is {})",
                    mpki.latest_known.as_deref().unwrap_or("-")
                ),
            ),
            _ => Text::new(
                format!("MPKI クライアント: {version} (最新バージョンと未比較)"),
                format!("MPKI client: {version} (not compared with the latest yet)"),
            ),
        };
        areas.push(result(Area::Mpki, mpki.verdict, found));
    }
    areas.push(result(
        Area::Os,
        os_support.verdict,
        crate::os_support::line(os_support),
    ));
    DeskCheck {
        at,
        level: areas
            .iter()
            .map(|a| a.verdict.level)
            .max()
            .unwrap_or(Level::Ok),
        areas,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::{ReaderInfo, ServiceState};

    /// Every code that can be amber or red somewhere.
    const NOT_GREEN: [VerdictCode; 14] = [
        VerdictCode::MpkiNotInstalled,
        VerdictCode::MpkiOutdated,
        VerdictCode::MpkiLatestUnknown,
        VerdictCode::CertificateUnknown,
        VerdictCode::ReadersServiceStopped,
        VerdictCode::ReadersServiceUnavailable,
        VerdictCode::ReadersUsbOnly,
        VerdictCode::ReadersNone,
        VerdictCode::ReadersNotReady,
        VerdictCode::CertificateRenewalWindow,
        VerdictCode::CertificateExpired,
        VerdictCode::CertificateNotYetValid,
        VerdictCode::OsSupportEndingSoon,
        VerdictCode::OsSupportEnded,
    ];

    #[test]
    fn every_amber_and_red_code_says_what_to_try_and_whom_to_call() {
        for code in NOT_GREEN {
            let rules: Vec<_> = guidance().iter().filter(|r| r.code == code).collect();
            assert_eq!(rules.len(), 1, "{code:?}: one rule");
            assert!(!rules[0].try_ja.is_empty() && !rules[0].try_en.is_empty());
            assert!(!rules[0].source.is_empty());
        }
    }

    #[test]
    fn a_desk_without_a_reader_is_amber_with_the_first_step_and_the_vendor() {
        let os_support = crate::os_support::this_pc(crate::time::now_jst().date_naive());
        let empty = ReadersReport::of(ServiceState::Running, Vec::new());
        let usb = UsbView {
            usb: Vec::new(),
            usb_error: None,
            smart_card_service: None,
            findings: Vec::new(),
            verdict: verdict::readers(&empty, &[], Os::Other),
        };
        let checked = run(
            &empty,
            &usb,
            None,
            None,
            &os_support,
            Os::Other,
            "now".into(),
        );
        assert_eq!(checked.level, Level::Warn);
        let readers = &checked.areas[0];
        assert_eq!(readers.verdict.code, VerdictCode::ReadersNone);
        assert!(readers.try_first.as_ref().unwrap().ja.contains("USB"));
        assert_eq!(readers.call, Some(Contact::ItVendor));

        let ready = ReadersReport::of(
            ServiceState::Running,
            vec![ReaderInfo::new("SONY FeliCa Port/PaSoRi 4.0 0")],
        );
        let der =
            crate::cert::read_certificate(include_bytes!("cert/testdata/store-terminal-new.pem"))
                .unwrap();
        let info =
            crate::cert::inspect(&der, crate::time::parse_date("2027-06-01").unwrap()).unwrap();
        let checked = run(
            &ready,
            &usb,
            Some(&info),
            None,
            &os_support,
            Os::Other,
            "now".into(),
        );
        assert_eq!(checked.level, Level::Ok, "{checked:?}");
        assert!(checked
            .areas
            .iter()
            .all(|a| a.try_first.is_none() && a.call.is_none()));
        let unseen = run(
            &ready,
            &usb,
            None,
            None,
            &os_support,
            Os::Other,
            "now".into(),
        );
        assert_eq!(
            unseen.areas[1].verdict.code,
            VerdictCode::CertificateUnknown
        );
        assert_eq!(
            unseen.level,
            Level::Warn,
            "a check that could not see the certificate is not all fine"
        );
    }
}

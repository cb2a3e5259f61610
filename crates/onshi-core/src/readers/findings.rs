//! The USB view and the PC/SC view of the card readers, joined: a reader that is plugged in but that the
//! smart-card service does not present (the most common desk failure: staff see 「カードリーダーが
//! 接続されていません」 and replug it for ten minutes), with its likely causes in order and what to do
//! for each; and a reader the service presents that the catalog does not list. The words and their
//! sources are data (findings.toml); the order of the causes is decided here, once, for the CLI, the app
//! and the report.

use super::catalog::{self, Driver};
use super::libccid::SupportedReaders;
use super::usb::UsbReader;
use super::{ReaderInfo, ServiceState};
use crate::platform::{ServiceStart, SmartCardService};
use crate::text::{Language, Text};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// What kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum FindingKind {
    /// On USB, but the smart-card service does not present it as a reader.
    UsbOnly,
    /// The smart-card service presents a reader that is not a listed model.
    UnlistedReader,
}

/// One finding, with the likely causes, most likely first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Finding {
    pub kind: FindingKind,
    /// The reader as staff know it: the catalog's name, else the device's own product name, else the
    /// name the smart-card service gives it.
    pub device: Text,
    /// "VID:PID" when the reader was found on USB.
    pub usb_id: Option<String>,
    /// Windows: the device's Device Manager problem code.
    pub problem_code: Option<u32>,
    pub causes: Vec<Cause>,
}

/// A likely cause and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct Cause {
    /// A stable code: `device-problem`, `usbccid-code-31`, `vendor-driver-needed`,
    /// `smart-card-service-disabled`, `driver-not-started` (Windows); `pcscd-not-running`,
    /// `no-linux-driver`, `libccid-missing`, `libccid-too-old`, `reader-not-started` (Linux);
    /// `keyboard-mode` (either: a listed reader that shows itself as a USB keyboard); `unlisted-reader`.
    pub code: String,
    pub message: Text,
    /// What to do, in order.
    pub steps: Vec<Text>,
}

use crate::platform::Os;

/// What the two views and the OS say, gathered by the caller (see `readers::look`).
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub os: Os,
    /// Whether the smart-card service answered.
    pub service: ServiceState,
    /// The readers it presents.
    pub readers: &'a [ReaderInfo],
    /// The readers on USB.
    pub usb: &'a [UsbReader],
    /// Windows: the Smart Card service's start type and state.
    pub smart_card_service: Option<SmartCardService>,
    /// Linux: libccid's list as installed; None when libccid is not installed.
    pub libccid: Option<&'a SupportedReaders>,
}

/// Every finding, USB-only readers first, then unlisted ones.
pub fn reconcile(facts: &Facts) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Each PC/SC device pairs with one USB device at most: two PaSoRi on USB and one presented is one
    // reader left on USB only.
    let mut paired: Vec<&str> = Vec::new();
    for device in facts.usb {
        match presented_as(device, facts, &paired) {
            Some(reader) => {
                paired.push(&reader.device);
                if reader.model.is_none() {
                    findings.push(unlisted(&reader.name, Some(device)));
                }
            }
            None => findings.push(usb_only(device, facts)),
        }
    }
    // An unlisted PC/SC device with no USB device seen: one finding per device, not per slot.
    let mut told: Vec<&str> = Vec::new();
    for reader in facts.readers {
        let device = reader.device.as_str();
        if reader.model.is_none() && !paired.contains(&device) && !told.contains(&device) {
            told.push(device);
            findings.push(unlisted(&reader.name, None));
        }
    }
    findings
}

/// The PC/SC reader (of a device not yet paired) that is this USB device, if the service presents it.
fn presented_as<'a>(
    device: &UsbReader,
    facts: &Facts<'a>,
    paired: &[&str],
) -> Option<&'a ReaderInfo> {
    if facts.service != ServiceState::Running {
        return None;
    }
    let mut free = facts
        .readers
        .iter()
        .filter(|reader| !paired.contains(&reader.device.as_str()));
    if let Some(model) = &device.model {
        return free.find(|reader| reader.model.as_ref() == Some(model));
    }
    // An unlisted reader: pcsc-lite names it with libccid's friendly name; Windows with the product string.
    let libccid_name = device
        .vid_pid()
        .and_then(|(vid, pid)| facts.libccid.and_then(|list| list.name_of(vid, pid)));
    let names: Vec<&str> = libccid_name
        .into_iter()
        .chain(device.product.as_deref())
        .collect();
    free.find(|reader| {
        reader.model.is_none() && names.iter().any(|name| reader.name.contains(name))
    })
}

fn usb_only(device: &UsbReader, facts: &Facts) -> Finding {
    let model = device
        .vid_pid()
        .and_then(|(vid, pid)| catalog::by_usb_id(vid, pid))
        .map(|(model, _)| model);
    let vendor_driver = model.filter(|m| m.driver == Driver::Vendor);
    let mut causes = Vec::new();
    // Typing what it reads as a keyboard: no driver or service will make it a PC/SC reader.
    if device.keyboard_mode {
        causes.push(cause("keyboard-mode", &[]));
    }
    match facts.os {
        Os::Windows => {
            if let Some(model) = vendor_driver {
                causes.push(cause(
                    "vendor-driver-needed",
                    &[("driver", driver_words(model))],
                ));
            }
            match device.problem_code {
                Some(31) if vendor_driver.is_none() => causes.push(cause("usbccid-code-31", &[])),
                Some(code) => causes.push(cause(
                    "device-problem",
                    &[("problem", (code.to_string(), code.to_string()))],
                )),
                None => {}
            }
            if facts
                .smart_card_service
                .is_some_and(|service| service.start == ServiceStart::Disabled)
            {
                causes.push(cause("smart-card-service-disabled", &[]));
            }
            if causes.is_empty() {
                causes.push(cause("driver-not-started", &[]));
            }
        }
        Os::Linux | Os::Other => {
            if facts.service != ServiceState::Running {
                causes.push(cause("pcscd-not-running", &[]));
            }
            if vendor_driver.is_some() {
                causes.push(cause("no-linux-driver", &[]));
            } else if let Some((vid, pid)) = device.vid_pid() {
                match facts.libccid {
                    None => causes.push(cause("libccid-missing", &[])),
                    Some(list) if list.name_of(vid, pid).is_none() => {
                        let version = list.version.clone().unwrap_or_else(|| "?".into());
                        causes.push(cause(
                            "libccid-too-old",
                            &[
                                ("version", (version.clone(), version)),
                                ("id", (device.id.clone(), device.id.clone())),
                            ],
                        ));
                    }
                    Some(_) => {}
                }
            }
            if causes.is_empty() {
                causes.push(cause("reader-not-started", &[]));
            }
        }
    }
    let (device_ja, device_en) = device_names(device);
    Finding {
        kind: FindingKind::UsbOnly,
        device: Text::new(device_ja, device_en),
        usb_id: Some(device.id.clone()),
        problem_code: device.problem_code,
        causes,
    }
}

fn unlisted(name: &str, device: Option<&UsbReader>) -> Finding {
    Finding {
        kind: FindingKind::UnlistedReader,
        device: Text::new(name, name),
        usb_id: device.map(|d| d.id.clone()),
        problem_code: None,
        causes: vec![cause(
            "unlisted-reader",
            &[("name", (name.to_owned(), name.to_owned()))],
        )],
    }
}

/// The catalog's names for the device, else its own strings, else its id.
fn device_names(device: &UsbReader) -> (String, String) {
    let model = device
        .vid_pid()
        .and_then(|(vid, pid)| catalog::by_usb_id(vid, pid))
        .map(|(model, _)| model);
    if let Some(model) = model {
        return (model.label_ja.clone(), model.label_en.clone());
    }
    let own: Vec<&str> = [device.manufacturer.as_deref(), device.product.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let text = if own.is_empty() {
        device.id.clone()
    } else {
        own.join(" ")
    };
    (text.clone(), text)
}

fn driver_words(model: &catalog::Model) -> (String, String) {
    (
        model.vendor_driver_ja.clone().unwrap_or_default(),
        model.vendor_driver_en.clone().unwrap_or_default(),
    )
}

#[derive(Debug, Deserialize)]
struct CauseText {
    code: String,
    /// Read by the data's own test: every cause names its OS and its source.
    #[cfg_attr(not(test), allow(dead_code))]
    os: String,
    #[cfg_attr(not(test), allow(dead_code))]
    source: String,
    ja: String,
    en: String,
    steps_ja: Vec<String>,
    steps_en: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct CauseFile {
    cause: Vec<CauseText>,
}

fn texts() -> &'static [CauseText] {
    static TEXTS: OnceLock<Vec<CauseText>> = OnceLock::new();
    TEXTS.get_or_init(|| crate::embedded::data!(CauseFile, "findings").cause)
}

/// The cause `code` worded, with `{name}` placeholders filled (Japanese, English).
fn cause(code: &str, values: &[(&str, (String, String))]) -> Cause {
    let text = texts()
        .iter()
        .find(|t| t.code == code)
        .unwrap_or_else(|| panic!("findings.toml has no cause {code}"));
    let fill = |template: &str, language: Language| {
        values
            .iter()
            .fold(template.to_owned(), |out, (key, (ja, en))| {
                out.replace(&format!("{{{key}}}"), language.pick(ja, en))
            })
    };
    let both = |ja: &str, en: &str| Text::new(fill(ja, Language::Ja), fill(en, Language::En));
    Cause {
        code: code.to_owned(),
        message: both(&text.ja, &text.en),
        steps: text
            .steps_ja
            .iter()
            .zip(&text.steps_en)
            .map(|(ja, en)| both(ja, en))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's JSON of findings.toml reads as the TOML it came from.
    #[test]
    fn the_embedded_findings_is_the_toml() {
        crate::embedded::same_as_toml!(CauseFile, "findings", include_str!("findings.toml"));
    }

    fn usb(id: &str, product: &str, problem_code: Option<u32>) -> UsbReader {
        let (vid, pid) = id.split_once(':').unwrap();
        let model = catalog::by_usb_id(
            u16::from_str_radix(vid, 16).unwrap(),
            u16::from_str_radix(pid, 16).unwrap(),
        )
        .map(|(m, _)| m.id.clone());
        UsbReader {
            id: id.into(),
            manufacturer: None,
            product: Some(product.into()),
            model,
            keyboard_mode: false,
            problem_code,
        }
    }

    #[test]
    fn a_listed_reader_in_keyboard_mode_is_named_so_first() {
        let mut device = usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", None);
        device.keyboard_mode = true;
        for os in [Os::Windows, Os::Linux] {
            let devices = [device.clone()];
            let found = reconcile(&facts(os, &[], &devices, None));
            assert_eq!(codes(&found[0])[0], "keyboard-mode", "{os:?}");
            assert!(found[0].causes[0].message.ja.contains("キーボード"));
        }
    }

    fn libccid_without(id: (u16, u16)) -> SupportedReaders {
        let mut readers = vec![
            (0x054C, 0x0DC9, "SONY FeliCa RC-S300/P".to_owned()),
            (0x31AA, 0x3000, "Circle CIR315 Dual & 1S".to_owned()),
            (0x072F, 0xB100, "ACS ACR39U ICC Reader".to_owned()),
        ];
        readers.retain(|(vid, pid, _)| (*vid, *pid) != id);
        SupportedReaders::of(Some("1.4.34".into()), readers)
    }

    fn codes(finding: &Finding) -> Vec<&str> {
        finding.causes.iter().map(|c| c.code.as_str()).collect()
    }

    fn facts<'a>(
        os: Os,
        readers: &'a [ReaderInfo],
        usb: &'a [UsbReader],
        libccid: Option<&'a SupportedReaders>,
    ) -> Facts<'a> {
        Facts {
            os,
            service: ServiceState::Running,
            readers,
            usb,
            smart_card_service: None,
            libccid,
        }
    }

    #[test]
    fn a_reader_on_both_views_is_no_finding() {
        let readers = [ReaderInfo::new("SONY FeliCa RC-S300/P (0303109) 00 00")];
        let devices = [usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", None)];
        let list = libccid_without((0, 0));
        assert_eq!(
            reconcile(&facts(Os::Linux, &readers, &devices, Some(&list))),
            []
        );
    }

    #[test]
    fn two_alike_on_usb_and_one_presented_leave_one_on_usb_only() {
        let readers = [ReaderInfo::new("SONY FeliCa RC-S300/P (0303109) 00 00")];
        let devices = [
            usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", None),
            usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", None),
        ];
        let list = libccid_without((0, 0));
        let found = reconcile(&facts(Os::Linux, &readers, &devices, Some(&list)));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, FindingKind::UsbOnly);
        // Both slots of one unlisted device are one finding.
        let slots = [
            ReaderInfo::new("Foo Dual [Foo Dual] (0001) 00 00"),
            ReaderInfo::new("Foo Dual [Foo Dual] (0001) 00 01"),
        ];
        let found = reconcile(&facts(Os::Linux, &slots, &[], Some(&list)));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, FindingKind::UnlistedReader);
    }

    #[test]
    fn linux_causes_come_in_order() {
        let devices = [usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", None)];
        let old = libccid_without((0x054C, 0x0DC9));
        let full = libccid_without((0, 0));
        let case = |service, libccid| {
            let mut f = facts(Os::Linux, &[], &devices, libccid);
            f.service = service;
            let found = reconcile(&f);
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].kind, FindingKind::UsbOnly);
            assert_eq!(found[0].device.ja, "ソニーPaSoRi 4.0 (RC-S300)");
            codes(&found[0]).join(" ")
        };
        assert_eq!(
            case(ServiceState::Unavailable, Some(&full)),
            "pcscd-not-running"
        );
        assert_eq!(case(ServiceState::Running, None), "libccid-missing");
        assert_eq!(case(ServiceState::Running, Some(&old)), "libccid-too-old");
        assert_eq!(
            case(ServiceState::Running, Some(&full)),
            "reader-not-started"
        );
        let found = reconcile(&facts(Os::Linux, &[], &devices, Some(&old)));
        assert!(found[0].causes[0].message.ja.contains("libccid 1.4.34"));
        assert!(found[0].causes[0].message.ja.contains("054C:0DC9"));
    }

    #[test]
    fn a_sony_reader_that_needs_sonys_driver_says_so() {
        let devices = [usb("054C:06C1", "RC-S380/S", Some(28))];
        let list = libccid_without((0, 0));
        let linux = reconcile(&facts(Os::Linux, &[], &devices, Some(&list)));
        assert_eq!(codes(&linux[0]), ["no-linux-driver"]);
        let windows = reconcile(&facts(Os::Windows, &[], &devices, None));
        assert_eq!(
            codes(&windows[0]),
            ["vendor-driver-needed", "device-problem"]
        );
        assert!(windows[0].causes[0]
            .message
            .ja
            .contains("ソニーの「NFCポートソフトウェア」"));
        assert!(windows[0].causes[1].message.ja.contains("エラー コード28"));
    }

    #[test]
    fn windows_problem_codes_and_the_service_are_causes() {
        let devices = [usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", Some(31))];
        let found = reconcile(&facts(Os::Windows, &[], &devices, None));
        assert_eq!(codes(&found[0]), ["usbccid-code-31"]);
        assert!(found[0].causes[0].steps[0]
            .ja
            .contains("RetryDeviceInitialize"));
        assert_eq!(found[0].problem_code, Some(31));
        for (start, expected) in [
            (ServiceStart::Disabled, "smart-card-service-disabled"),
            (ServiceStart::Manual, "driver-not-started"),
            (ServiceStart::Automatic, "driver-not-started"),
            (ServiceStart::NotInstalled, "driver-not-started"),
        ] {
            let devices = [usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", None)];
            let mut f = facts(Os::Windows, &[], &devices, None);
            f.smart_card_service = Some(SmartCardService {
                start,
                running: false,
                device_enumeration: crate::platform::ServiceSeen {
                    start: ServiceStart::Manual,
                    running: false,
                },
            });
            assert_eq!(codes(&reconcile(&f)[0]), [expected], "{start:?}");
        }
        for code in [10, 28, 43] {
            let devices = [usb("054C:0DC9", "FeliCa Port/PaSoRi 4.0", Some(code))];
            let found = reconcile(&facts(Os::Windows, &[], &devices, None));
            assert_eq!(codes(&found[0]), ["device-problem"], "{code}");
            assert!(found[0].causes[0].message.ja.contains(&code.to_string()));
        }
    }

    #[test]
    fn unlisted_readers_are_named_with_their_usb_id_when_paired() {
        let readers = [ReaderInfo::new("ACS ACR39U ICC Reader 00 00")];
        let devices = [usb("072F:B100", "ACR39U ICC Reader", None)];
        let list = libccid_without((0, 0));
        let found = reconcile(&facts(Os::Linux, &readers, &devices, Some(&list)));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, FindingKind::UnlistedReader);
        assert_eq!(found[0].usb_id.as_deref(), Some("072F:B100"));
        // Without a USB view (a remote session, no permission) the reader is still named.
        let alone = reconcile(&facts(Os::Linux, &readers, &[], Some(&list)));
        assert_eq!(
            (alone[0].kind, alone[0].usb_id.clone()),
            (FindingKind::UnlistedReader, None)
        );
    }

    #[test]
    fn every_cause_has_words_steps_and_a_known_source() {
        let sources = [
            "ms-device-manager",
            "ms-usbccid-31",
            "ms-scardsvr",
            "catalog",
            "libccid",
            "keyboard-mode",
        ];
        for text in texts() {
            assert!(sources.contains(&text.source.as_str()), "{}", text.code);
            assert!(
                ["windows", "linux", "any"].contains(&text.os.as_str()),
                "{}",
                text.code
            );
            assert!(!text.ja.is_empty() && !text.en.is_empty(), "{}", text.code);
            assert!(
                !text.steps_ja.is_empty() && text.steps_ja.len() == text.steps_en.len(),
                "{}",
                text.code
            );
        }
    }
}

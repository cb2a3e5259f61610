//! Each reader's driver: its version and date as the OS keeps them, remembered at every 始業点検 so that
//! "a Windows Update changed the reader's driver" can be read in the history ("driver changed on …").
//!
//! - Windows: the devices of the SmartCardReader setup class (SetupAPI, the device properties
//!   DEVPKEY_Device_DriverVersion, _DriverDate, _DriverProvider and the device's name), matched to the
//!   readers on USB by the vendor and product ids in their instance id. The PC/SC name is not the
//!   device's name there (the inbox CCID driver's devices are all 「Microsoft Usbccid Smartcard Reader
//!   (WUDF)」), so the USB id is the key.
//! - Linux: pcscd's CCID driver, libccid, serves every CCID reader; its version is the one written in the
//!   bundle's Info.plist (`readers::libccid`), with no date. Other pcscd drivers carry no version we can
//!   read, so they are not claimed. Without libccid: "does not apply".
//!
//! The decision (what changed since the last 始業点検) is `app::history::driver_changes`, pure and tested
//! from recorded facts.

use crate::terminal::seen::Probe;
use crate::text::{Language, Text};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One reader's driver as the OS shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct ReaderDriver {
    /// The device's name as the OS shows it (Windows' friendly name or description; `libccid`).
    pub device: String,
    /// "VID:PID" in upper-case hex, when the device is on USB (Windows).
    pub usb_id: Option<String>,
    /// The catalog model of that id.
    pub model: Option<String>,
    /// Who made the driver (DEVPKEY_Device_DriverProvider: 「Microsoft」, 「Sony Corporation」 …).
    pub provider: Option<String>,
    pub version: Option<String>,
    /// The driver's own date (its INF's DriverVer), YYYY-MM-DD; None where the OS keeps none.
    pub date: Option<String>,
}

impl ReaderDriver {
    /// What a reader's driver is remembered by: its USB id, else its name.
    pub fn key(&self) -> String {
        self.usb_id.clone().unwrap_or_else(|| self.device.clone())
    }

    pub fn release(&self) -> DriverRelease {
        DriverRelease {
            version: self.version.clone(),
            date: self.date.clone(),
        }
    }
}

/// A driver's version and date, as compared between two checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct DriverRelease {
    pub version: Option<String>,
    pub date: Option<String>,
}

impl DriverRelease {
    /// "10.0.19041.1（2006年6月21日）" / "10.0.19041.1 (21 Jun 2006)", the version alone where there is no
    /// date (libccid), 「不明」/"unknown" when neither is known.
    pub fn words(&self, language: Language) -> String {
        let date = self
            .date
            .as_deref()
            .map(|date| crate::time::date_text(date, language));
        match (&self.version, date, language) {
            (Some(version), Some(date), Language::Ja) => format!("{version}（{date}）"),
            (Some(version), Some(date), Language::En) => format!("{version} ({date})"),
            (Some(version), None, _) => version.clone(),
            (None, Some(date), _) => date,
            (None, None, Language::Ja) => "不明".into(),
            (None, None, Language::En) => "unknown".into(),
        }
    }
}

/// The change a history event of kind `driver-changed` carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct DriverChange {
    pub before: DriverRelease,
    pub after: DriverRelease,
}

/// A reader's driver as remembered at the last 始業点検 (in `status.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedDriver {
    /// [`ReaderDriver::key`].
    pub key: String,
    pub release: DriverRelease,
    /// When this release was first seen (RFC 3339, Japan time).
    pub since: String,
}

/// A driver change seen at `at` on `reader` (the device's name; its catalog `model`'s label when known),
/// in words: "driver changed on 7 Dec 2026 for …: 1.0 (10 Jan 2019) → 1.1 (20 May 2024)".
pub fn change_line(
    at: &str,
    reader: Option<&str>,
    model: Option<&str>,
    change: &DriverChange,
) -> Text {
    let day = crate::time::day_of(at).unwrap_or(at);
    let (ja, en) = model
        .and_then(crate::readers::catalog::by_id)
        .map(|model| (model.label_ja.as_str(), model.label_en.as_str()))
        .unwrap_or((reader.unwrap_or("?"), reader.unwrap_or("?")));
    let (before, after) = (&change.before, &change.after);
    Text::new(
        format!(
            "{}、{ja}のドライバーが変わりました：{} → {}",
            crate::time::date_text_ja(day),
            before.words(Language::Ja),
            after.words(Language::Ja)
        ),
        format!(
            "driver changed on {} for {en}: {} → {}",
            crate::time::date_text_en(day),
            before.words(Language::En),
            after.words(Language::En)
        ),
    )
}

/// The drivers seen now, in words for `onshi readers`, the report and the hint beside drop-outs.
pub fn seen_lines(seen: &Probe<Vec<ReaderDriver>>) -> Vec<Text> {
    match seen {
        Probe::DoesNotApply => vec![Text::new(
            "カードリーダーのドライバーの版：この環境では対象外です",
            "Card readers' driver version: does not apply here",
        )],
        Probe::Unreadable(error) => vec![Text::new(
            format!("カードリーダーのドライバーの版を読み取れませんでした（{error}）"),
            format!("The card readers' driver versions could not be read ({error})"),
        )],
        Probe::Seen(drivers) if drivers.is_empty() => vec![Text::new(
            "カードリーダーのドライバーは見つかりませんでした（版を読み取れたものはありません）",
            "No card reader driver was found (no version could be read)",
        )],
        Probe::Seen(drivers) => drivers
            .iter()
            .map(|driver| {
                let (id_ja, id_en) = driver
                    .usb_id
                    .as_deref()
                    .map(|id| (format!("（USB {id}）"), format!(" (USB {id})")))
                    .unwrap_or_default();
                let (by_ja, by_en) = driver
                    .provider
                    .as_deref()
                    .map(|by| (format!("、提供元：{by}"), format!(", by {by}")))
                    .unwrap_or_default();
                let release = driver.release();
                Text::new(
                    format!(
                        "カードリーダーのドライバー「{}」{id_ja}：{}{by_ja}",
                        driver.device,
                        release.words(Language::Ja)
                    ),
                    format!(
                        "Card reader driver \"{}\"{id_en}: {}{by_en}",
                        driver.device,
                        release.words(Language::En)
                    ),
                )
            })
            .collect(),
    }
}

/// The readers' drivers now (see the module's notes per OS).
pub fn read() -> Probe<Vec<ReaderDriver>> {
    #[cfg(windows)]
    {
        match crate::platform::reader_drivers() {
            Ok(found) => Probe::Seen(
                found
                    .into_iter()
                    .map(|found| {
                        let ids = usb_ids(&found.instance_id);
                        ReaderDriver {
                            device: found.name,
                            usb_id: ids.map(|(v, p)| format!("{v:04X}:{p:04X}")),
                            model: ids
                                .and_then(|(v, p)| crate::readers::catalog::by_usb_id(v, p))
                                .map(|(model, _)| model.id.clone()),
                            provider: found.provider,
                            version: found.version,
                            date: found.date.and_then(filetime_date),
                        }
                    })
                    .collect(),
            ),
            Err(error) => Probe::Unreadable(error),
        }
    }
    #[cfg(not(windows))]
    {
        match crate::readers::libccid::installed() {
            Some(libccid) => Probe::Seen(vec![ReaderDriver {
                device: "libccid".into(),
                usb_id: None,
                model: None,
                provider: None,
                version: libccid.version.clone(),
                date: None,
            }]),
            None => Probe::DoesNotApply,
        }
    }
}

/// The vendor and product ids in a device instance id (`USB\VID_054C&PID_0DC9\…`,
/// `USB\VID_072F&PID_223B&MI_00\…`); None for a device not on USB.
pub fn usb_ids(instance_id: &str) -> Option<(u16, u16)> {
    let upper = instance_id.to_ascii_uppercase();
    let hex_after = |tag: &str| {
        let start = upper.find(tag)? + tag.len();
        u16::from_str_radix(upper.get(start..start + 4)?, 16).ok()
    };
    Some((hex_after("VID_")?, hex_after("PID_")?))
}

/// A FILETIME (100-ns ticks since 1601-01-01 UTC) as its UTC day, YYYY-MM-DD: Windows keeps a driver's
/// INF date as that day's midnight UTC. None for zero or a time out of range.
pub fn filetime_date(ticks: u64) -> Option<String> {
    const TICKS_1601_TO_1970: i64 = 116_444_736_000_000_000;
    if ticks == 0 {
        return None;
    }
    let since_1970 = i64::try_from(ticks).ok()? - TICKS_1601_TO_1970;
    let seconds = since_1970.div_euclid(10_000_000);
    chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sony(version: &str, date: &str) -> ReaderDriver {
        ReaderDriver {
            device: "Sony FeliCa Port/PaSoRi 4.0".into(),
            usb_id: Some("054C:06C3".into()),
            model: crate::readers::catalog::by_usb_id(0x054C, 0x06C3).map(|(m, _)| m.id.clone()),
            provider: Some("Sony Corporation".into()),
            version: Some(version.into()),
            date: Some(date.into()),
        }
    }

    #[test]
    fn usb_ids_come_from_the_instance_id() {
        assert_eq!(
            usb_ids(r"USB\VID_054C&PID_0DC9\0303109"),
            Some((0x054C, 0x0DC9))
        );
        assert_eq!(
            usb_ids(r"USB\VID_072F&PID_223B&MI_00\7&1a2b&0&0000"),
            Some((0x072F, 0x223B))
        );
        assert_eq!(
            usb_ids(r"usb\vid_04e6&pid_5116\5&2f3"),
            Some((0x04E6, 0x5116))
        );
        assert_eq!(usb_ids(r"ROOT\SMARTCARDREADER\0000"), None);
    }

    /// The Unix epoch is FILETIME 116444736000000000 (Microsoft's "Converting a time_t value to a
    /// FILETIME"); Windows' inbox drivers carry the INF date 6/21/2006.
    #[test]
    fn filetime_days_are_utc_days() {
        assert_eq!(
            filetime_date(116_444_736_000_000_000).as_deref(),
            Some("1970-01-01")
        );
        let inbox = 116_444_736_000_000_000u64 + 1_150_848_000 * 10_000_000;
        assert_eq!(filetime_date(inbox).as_deref(), Some("2006-06-21"));
        assert_eq!(filetime_date(0), None);
    }

    fn one_ja() -> String {
        seen_lines(&Probe::Seen(vec![sony("3.0.0.0", "2019-01-10")]))[0]
            .ja
            .clone()
    }

    #[test]
    fn what_was_not_read_is_never_a_version() {
        assert_eq!(
            one_ja(),
            "カードリーダーのドライバー「Sony FeliCa Port/PaSoRi 4.0」（USB 054C:06C3）：3.0.0.0（2019年1月10日）、提供元：Sony Corporation"
        );
        let lines = seen_lines(&Probe::Unreadable("no SetupAPI".into()));
        assert!(lines[0].en.contains("could not be read"));
        assert!(seen_lines(&Probe::Seen(vec![]))[0]
            .en
            .contains("No card reader driver"));
        assert!(seen_lines(&Probe::DoesNotApply)[0]
            .en
            .contains("does not apply"));
        let one = seen_lines(&Probe::Seen(vec![sony("3.0.0.0", "2019-01-10")]));
        assert_eq!(
            one[0].en,
            "Card reader driver \"Sony FeliCa Port/PaSoRi 4.0\" (USB 054C:06C3): 3.0.0.0 (10 Jan 2019), by Sony Corporation"
        );
    }
}

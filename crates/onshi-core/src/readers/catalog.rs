//! The catalog of known reader models (`catalog.toml`, embedded at build time) and name matching.

use crate::text::Text;
use serde::Deserialize;
use std::sync::OnceLock;

/// One reader model of the catalog.
#[derive(Debug, Clone, Deserialize)]
pub struct Model {
    /// A stable id, used by the CLI's `model` field and by guides.
    pub id: String,
    /// Substrings stable across the OS's names for this model.
    #[serde(rename = "match")]
    pub patterns: Vec<String>,
    pub label_ja: String,
    pub label_en: String,
    /// Fit for the smartphone マイナ保険証.
    pub smartphone_ready: bool,
    /// What to do instead, for a model that does not fit.
    #[serde(default)]
    pub advice_ja: Option<String>,
    #[serde(default)]
    pub advice_en: Option<String>,
    /// The model's USB ids, each with its source (see catalog.toml's header).
    #[serde(default)]
    pub usb: Vec<UsbId>,
    /// What no public source settles about the model's ids, said plainly instead of guessed.
    #[serde(default)]
    pub usb_unconfirmed: Option<String>,
    /// Which driver makes it a PC/SC reader.
    pub driver: Driver,
    /// The maker's driver, for `Driver::Vendor` ("ソニーの「NFCポートソフトウェア」").
    #[serde(default)]
    pub vendor_driver_ja: Option<String>,
    #[serde(default)]
    pub vendor_driver_en: Option<String>,
    /// The device's PC/SC readers in slot order.
    pub slots: Vec<Slot>,
    /// The slot order is not settled by a public source.
    #[serde(default)]
    pub slots_unconfirmed: bool,
}

/// One USB id of a model.
impl Model {
    /// The model's name for people.
    pub fn label(&self) -> Text {
        Text::new(&self.label_ja, &self.label_en)
    }

    /// What to do instead, when the model is known not to fit.
    pub fn advice(&self) -> Option<Text> {
        Some(Text::new(self.advice_ja.clone()?, self.advice_en.clone()?))
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct UsbId {
    /// "VID:PID" in upper-case hex, e.g. "054C:0DC9".
    pub id: String,
    /// The name the source gives it (libccid's friendly name, which pcsc-lite shows).
    pub name: String,
    /// `libccid` or `nfcpy` (see catalog.toml).
    pub source: String,
}

impl UsbId {
    /// The vendor and product ids.
    pub fn vid_pid(&self) -> Option<(u16, u16)> {
        let (vid, pid) = self.id.split_once(':')?;
        Some((
            u16::from_str_radix(vid, 16).ok()?,
            u16::from_str_radix(pid, 16).ok()?,
        ))
    }
}

/// How a reader becomes a PC/SC reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Driver {
    /// Standard CCID: Windows' own usbccid, Linux's libccid.
    Ccid,
    /// Only through the maker's driver.
    Vendor,
}

/// A slot of a reader device.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Deserialize,
    serde::Serialize,
    ts_rs::TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename_all = "kebab-case")]
pub enum Slot {
    Contactless,
    Contact,
    /// A secure access module socket inside the device: its card is always there and never a patient's.
    Sam,
}

#[derive(Debug, Deserialize)]
struct CatalogFile {
    model: Vec<Model>,
}

/// Parses a catalog from its TOML text.
pub fn parse(text: &str) -> Result<Vec<Model>, toml::de::Error> {
    Ok(toml::from_str::<CatalogFile>(text)?.model)
}

/// The catalog shipped with the app: catalog.toml, which build.rs turned into JSON (a TOML parse at each
/// start cost more than the rest of a reader listing).
pub fn models() -> &'static [Model] {
    static MODELS: OnceLock<Vec<Model>> = OnceLock::new();
    MODELS.get_or_init(|| crate::embedded::data!(CatalogFile, "catalog").model)
}

/// The model with this catalog id ("sony-rc-s300").
pub fn by_id(id: &str) -> Option<&'static Model> {
    models().iter().find(|model| model.id == id)
}

/// The model with this USB id, and the id's entry.
pub fn by_usb_id(vendor_id: u16, product_id: u16) -> Option<(&'static Model, &'static UsbId)> {
    models().iter().find_map(|model| {
        model
            .usb
            .iter()
            .find(|usb| usb.vid_pid() == Some((vendor_id, product_id)))
            .map(|usb| (model, usb))
    })
}

/// The first model whose pattern appears in `reader_name`, ignoring case.
pub fn recognise(reader_name: &str) -> Option<&'static Model> {
    let name = reader_name.to_lowercase();
    models().iter().find(|model| {
        model
            .patterns
            .iter()
            .any(|pattern| name.contains(&pattern.to_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON that build.rs made reads as the TOML it came from, model for model.
    #[test]
    fn the_embedded_catalog_is_catalog_toml() {
        crate::embedded::same_as_toml!(CatalogFile, "catalog", include_str!("catalog.toml"));
        assert_eq!(
            format!("{:?}", models()),
            format!("{:?}", parse(include_str!("catalog.toml")).unwrap())
        );
        assert!(models().len() > 5);
    }

    fn id_of(name: &str) -> Option<&'static str> {
        recognise(name).map(|model| model.id.as_str())
    }

    #[test]
    fn windows_names_of_the_faq_are_recognised_as_ready() {
        for name in [
            "SONY FeliCa Port/PaSoRi 4.0 0",
            "Circle USBNFC4 0",
            "Circle CIR315 CL 0",
        ] {
            let model = recognise(name).unwrap_or_else(|| panic!("{name} not recognised"));
            assert!(model.smartphone_ready, "{name}");
        }
    }

    #[test]
    fn linux_names_carry_interface_serial_and_slot() {
        assert_eq!(
            id_of("SONY FeliCa RC-S300/P (0303109) 00 00"),
            Some("sony-rc-s300")
        );
        assert_eq!(
            id_of("SONY FeliCa RC-S300/S (0411234) 01 00"),
            Some("sony-rc-s300")
        );
        assert_eq!(
            id_of("Circle CIR315 CL [CIR315 CL] (0001) 00 00"),
            Some("circle-cir315")
        );
    }

    #[test]
    fn cir315_devices_with_several_slots_are_not_sent_to_a_side_they_lack() {
        for (name, id) in [
            (
                "Circle CIR315 Dual & 1S [CIR315 Dual & 1S] (CC1A2B3C) 00 00",
                "circle-cir315-dual",
            ),
            ("Circle CIR315 Dual & 1S 0", "circle-cir315-dual"),
            (
                "Circle CIR315 DI [CIR315 DI] (0001) 00 01",
                "circle-cir315-di",
            ),
        ] {
            let model = recognise(name).unwrap();
            assert_eq!(model.id, id, "{name}");
            assert!(
                !model.advice_ja.as_deref().unwrap().contains("CL"),
                "{name}"
            );
            assert!(model.slots.len() > 1 && model.slots_unconfirmed, "{name}");
        }
    }

    #[test]
    fn usb_ids_find_their_model() {
        assert_eq!(
            by_usb_id(0x054C, 0x0DC9).map(|(m, _)| m.id.as_str()),
            Some("sony-rc-s300")
        );
        assert_eq!(
            by_usb_id(0x31AA, 0x3002).map(|(m, _)| m.id.as_str()),
            Some("circle-cir315")
        );
        let (rcs380, id) = by_usb_id(0x054C, 0x06C1).unwrap();
        assert_eq!(
            (rcs380.id.as_str(), rcs380.driver, id.source.as_str()),
            ("sony-rc-s380", Driver::Vendor, "nfcpy")
        );
        assert!(rcs380.vendor_driver_ja.is_some());
        assert_eq!(by_usb_id(0x072F, 0xB100).map(|(m, _)| m.id.as_str()), None);
    }

    /// The oracle for every id sourced from libccid is libccid's own list, as the OS installed it.
    #[cfg(target_os = "linux")]
    #[test]
    fn every_libccid_id_is_in_the_installed_libccid_list_with_its_name() {
        let Some(plist) = crate::readers::libccid::installed() else {
            panic!("libccid is not installed (Debian: apt install libccid); its list is this test's reference");
        };
        for model in models() {
            for usb in model.usb.iter().filter(|usb| usb.source == "libccid") {
                let (vid, pid) = usb.vid_pid().unwrap();
                assert_eq!(
                    plist.name_of(vid, pid),
                    Some(usb.name.as_str()),
                    "{} {}",
                    model.id,
                    usb.id
                );
            }
            for usb in model.usb.iter().filter(|usb| usb.source != "libccid") {
                let (vid, pid) = usb.vid_pid().unwrap();
                assert_eq!(
                    plist.name_of(vid, pid),
                    None,
                    "{} {} is said not to be CCID",
                    model.id,
                    usb.id
                );
            }
        }
    }

    #[test]
    fn the_contact_side_of_a_cir315_is_not_ready_and_says_what_to_do() {
        let model = recognise("Circle CIR315 0").unwrap();
        assert_eq!(model.id, "circle-cir315-contact");
        assert!(!model.smartphone_ready);
        assert!(model.advice_ja.as_deref().unwrap().contains("CL"));
    }

    #[test]
    fn unknown_readers_are_not_guessed() {
        assert_eq!(id_of("Generic Smart Card Reader Interface 0"), None);
        assert_eq!(id_of(""), None);
    }

    #[test]
    fn every_model_is_complete() {
        for model in models() {
            assert!(!model.patterns.is_empty(), "{}", model.id);
            assert!(
                !model.label_ja.is_empty() && !model.label_en.is_empty(),
                "{}",
                model.id
            );
            assert!(!model.slots.is_empty(), "{} has slots", model.id);
            assert!(
                !model.usb.is_empty() || model.usb_unconfirmed.is_some(),
                "{}: USB ids, or why they are unknown",
                model.id
            );
            for usb in &model.usb {
                assert!(usb.vid_pid().is_some(), "{} {}", model.id, usb.id);
                assert!(
                    ["libccid", "nfcpy"].contains(&usb.source.as_str()),
                    "{} {}",
                    model.id,
                    usb.source
                );
            }
            if model.driver == Driver::Vendor {
                assert!(
                    model.vendor_driver_ja.is_some() && model.vendor_driver_en.is_some(),
                    "{}",
                    model.id
                );
            }
            if !model.smartphone_ready {
                assert!(
                    model.advice_ja.is_some() && model.advice_en.is_some(),
                    "{} needs advice",
                    model.id
                );
            }
        }
    }
}

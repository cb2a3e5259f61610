//! One device, one row: which PC/SC readers are slots of the same reader device, what each slot is
//! (contactless, contact, SAM), and how two identical devices are told apart ("1台目 / 2台目").
//!
//! The PC/SC name is all there is to go on, and each OS shapes it its own way:
//! - pcsc-lite (Linux) names every slot "FRIENDLY NAME [interface] (serial) NN SS": NN numbers the
//!   devices that share a name, SS is the slot of that device ("ACS ACR1281 1S Dual Reader 00 02" is
//!   slot 2 of the first such device; public pcsc_scan logs, acshk/acsccid#4). The device is the name
//!   without " SS".
//! - Windows names a reader "FRIENDLY NAME N", N numbering readers of the same name; its inbox CCID
//!   driver puts the slot's interface in the name ("ACS ACR1252 1S CL Reader PICC 0" beside "… SAM 0",
//!   acshk/acsccid#10), so the device is the name without that word.
//!
//! A slot's role comes from such a word when there is one ("PICC" contactless, "SAM"; not "ICC", which
//! contact readers carry in their product names, e.g. "ACS ACR39U ICC Reader"), else from the catalog's
//! slot order (flagged when no public source settles that order).

use super::catalog::{Model, Slot};

/// Where a PC/SC name puts its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The device's key: the same for every slot of one device, different for two devices.
    pub device: String,
    /// The slot number pcsc-lite gives (SS), or None where the name has none (Windows).
    pub slot_index: Option<u8>,
    /// The slot's role as the name says it, if it does.
    pub marked: Option<Slot>,
}

/// The role a word of a reader name gives its slot.
fn marker(word: &str) -> Option<Slot> {
    let bare = word.trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    let upper = bare.to_ascii_uppercase();
    match upper.as_str() {
        "PICC" => Some(Slot::Contactless),
        _ if upper.starts_with("SAM") && upper[3..].chars().all(|c| c.is_ascii_digit()) => {
            Some(Slot::Sam)
        }
        _ => None,
    }
}

/// Two upper-case hex digits, as pcsc-lite writes NN and SS.
fn hex_pair(word: &str) -> Option<u8> {
    (word.len() == 2 && word.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| u8::from_str_radix(word, 16).ok())
        .flatten()
}

/// Reads a PC/SC reader name.
pub fn place(name: &str) -> Place {
    let mut words: Vec<&str> = name.split(' ').collect();
    let mut slot_index = None;
    if words.len() >= 3 {
        let n = words.len();
        if let (Some(_), Some(slot)) = (hex_pair(words[n - 2]), hex_pair(words[n - 1])) {
            slot_index = Some(slot);
            words.pop();
        }
    }
    let marked = words.iter().rev().find_map(|word| marker(word));
    let device = words
        .iter()
        .filter_map(|word| match marker(word) {
            // Keep a bracket the marker word closed or opened: "[… PICC]" stays "[…]".
            Some(_) => {
                let brackets: String = word
                    .chars()
                    .filter(|c| matches!(c, '[' | ']' | '(' | ')'))
                    .collect();
                (!brackets.is_empty()).then_some(brackets)
            }
            None => Some((*word).to_owned()),
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ]", "]")
        .replace("[ ", "[");
    Place {
        device,
        slot_index,
        marked,
    }
}

/// The slot's role: what the name says, else the catalog's slot at this index (a one-slot model's
/// only slot), else unknown. The flag is true when the role rests on a slot order no public source
/// settles (catalog `slots_unconfirmed`).
pub fn slot_of(place: &Place, model: Option<&Model>) -> (Option<Slot>, bool) {
    if let Some(marked) = place.marked {
        return (Some(marked), false);
    }
    let Some(model) = model else {
        return (None, false);
    };
    let index = match (model.slots.len(), place.slot_index) {
        (1, None) => 0,
        (_, Some(index)) => usize::from(index),
        (_, None) => return (None, false),
    };
    match model.slots.get(index) {
        Some(slot) => (
            Some(*slot),
            model.slots.len() > 1 && model.slots_unconfirmed,
        ),
        None => (None, false),
    }
}

/// The number the OS puts at the end of a device's key: pcsc-lite's NN (hex) or Windows' N.
fn device_index(device: &str) -> Option<u32> {
    let last = device.rsplit(' ').next()?;
    hex_pair(last).map(u32::from).or_else(|| last.parse().ok())
}

/// What makes two devices "the same kind": the catalog model, or for an unknown reader its name
/// without the OS's index, interface and serial parts.
pub fn kind_of(device: &str, model: Option<&Model>) -> String {
    if let Some(model) = model {
        return model.id.clone();
    }
    let mut words: Vec<&str> = device.split(' ').collect();
    if device_index(device).is_some() && words.len() > 1 {
        words.pop();
    }
    let name = words.join(" ");
    name.split(['[', '('])
        .next()
        .unwrap_or(&name)
        .trim()
        .to_owned()
}

/// "1台目 / 2台目": for devices given as (key, kind), the 1-based number of each among the devices of
/// its kind, in the OS's order (its index, then the key), or None when it is the only one of its kind.
pub fn numbers(devices: &[(String, String)]) -> Vec<Option<u32>> {
    devices
        .iter()
        .map(|(key, kind)| {
            let mut same: Vec<&String> = devices
                .iter()
                .filter(|(_, other)| other == kind)
                .map(|(other_key, _)| other_key)
                .collect();
            if same.len() < 2 {
                return None;
            }
            same.sort_by_key(|k| (device_index(k), (*k).clone()));
            same.dedup();
            same.iter().position(|k| *k == key).map(|i| i as u32 + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::catalog;

    fn slot(name: &str) -> (Option<Slot>, bool) {
        slot_of(&place(name), catalog::recognise(name))
    }

    #[test]
    fn pcsc_lite_slots_of_one_device_share_its_key() {
        let names = [
            "Circle CIR315 Dual & 1S [CIR315 Dual & 1S] (CC1A2B3C) 00 00",
            "Circle CIR315 Dual & 1S [CIR315 Dual & 1S] (CC1A2B3C) 00 01",
            "Circle CIR315 Dual & 1S [CIR315 Dual & 1S] (CC1A2B3C) 00 02",
        ];
        let places: Vec<Place> = names.iter().map(|n| place(n)).collect();
        assert!(places.iter().all(|p| p.device == places[0].device));
        assert_eq!(
            places.iter().map(|p| p.slot_index).collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2)]
        );
        // The catalog's order, flagged as one no public source settles.
        assert_eq!(slot(names[0]), (Some(Slot::Contact), true));
        assert_eq!(slot(names[1]), (Some(Slot::Contactless), true));
        assert_eq!(slot(names[2]), (Some(Slot::Sam), true));
    }

    #[test]
    fn two_identical_readers_are_two_devices_numbered_in_the_os_order() {
        for (first, second) in [
            (
                "SONY FeliCa Port/PaSoRi 4.0 0",
                "SONY FeliCa Port/PaSoRi 4.0 1",
            ),
            (
                "SONY FeliCa RC-S300/P (0411234) 00 00",
                "SONY FeliCa RC-S300/P (0303109) 01 00",
            ),
        ] {
            let (a, b) = (place(first), place(second));
            assert_ne!(a.device, b.device);
            let kind = |p: &Place, name: &str| kind_of(&p.device, catalog::recognise(name));
            let devices = [
                (b.device.clone(), kind(&b, second)),
                (a.device.clone(), kind(&a, first)),
            ];
            assert_eq!(numbers(&devices), [Some(2), Some(1)], "{first}");
        }
    }

    #[test]
    fn windows_names_say_the_slot_and_group_by_the_rest() {
        let picc = place("ACS ACR1252 1S CL Reader PICC 0");
        let sam = place("ACS ACR1252 1S CL Reader SAM 0");
        assert_eq!(picc.device, "ACS ACR1252 1S CL Reader 0");
        assert_eq!(picc.device, sam.device);
        assert_eq!(
            (picc.marked, sam.marked),
            (Some(Slot::Contactless), Some(Slot::Sam))
        );
        assert_eq!(
            slot("ACS ACR1252 1S CL Reader SAM 0"),
            (Some(Slot::Sam), false)
        );
        let linux = place("ACS ACR1252 Dual Reader [ACR1252 Dual Reader SAM] 00 01");
        assert_eq!(
            linux.device,
            "ACS ACR1252 Dual Reader [ACR1252 Dual Reader] 00"
        );
        assert_eq!(linux.marked, Some(Slot::Sam));
        let contact = place("ACS ACR39U ICC Reader 00 00");
        assert_eq!(contact.marked, None);
        assert_eq!(contact.device, "ACS ACR39U ICC Reader 00");
    }

    #[test]
    fn a_one_slot_model_is_its_slot_and_an_unknown_reader_is_not_guessed() {
        assert_eq!(
            slot("SONY FeliCa Port/PaSoRi 4.0 0"),
            (Some(Slot::Contactless), false)
        );
        assert_eq!(
            slot("SONY FeliCa RC-S300/P (0303109) 00 00"),
            (Some(Slot::Contactless), false)
        );
        assert_eq!(slot("Generic Smart Card Reader Interface 0"), (None, false));
        // A slot the catalog does not have (the rig's driver opens two for every reader).
        assert_eq!(slot("SONY FeliCa Port/PaSoRi 4.0 00 01"), (None, false));
        // Words that only look like markers are not.
        assert_eq!(place("Samsung Reader 0").marked, None);
    }

    #[test]
    fn unknown_readers_of_one_kind_are_numbered_without_their_serials() {
        let a = place("Foo Reader [Foo] (0001) 00 00").device;
        let b = place("Foo Reader [Foo] (0002) 01 00").device;
        assert_eq!(kind_of(&a, None), "Foo Reader");
        assert_eq!(kind_of(&a, None), kind_of(&b, None));
        assert_eq!(kind_of("Bar 0", None), "Bar");
        let lone = [(a.clone(), kind_of(&a, None))];
        assert_eq!(numbers(&lone), [None]);
    }
}

//! The card readers the OS sees on USB, whether or not the smart-card service presents them: listed with
//! nusb (sysfs on Linux, SetupAPI on Windows, without opening any device), plus on Windows the device's
//! Device Manager problem code (cfgmgr32). A reader is a device whose USB id is in the catalog or that
//! has a smart-card (CCID, class 0Bh) interface. The serial number is never read into this list.

use super::catalog;
use nusb::MaybeFuture;
use serde::Serialize;
use ts_rs::TS;

/// The USB interface class of smart-card readers (USB-IF: "Smart Card", CCID).
const SMART_CARD_CLASS: u8 = 0x0B;
/// USB HID (a keyboard, among others).
const HID_CLASS: u8 = 0x03;

/// A card reader on USB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[ts(export)]
pub struct UsbReader {
    /// "VID:PID" in upper-case hex ("054C:0DC9").
    pub id: String,
    /// The device's own strings, as it reports them.
    pub manufacturer: Option<String>,
    pub product: Option<String>,
    /// The catalog model of this id, or null for a reader the catalog does not list.
    pub model: Option<String>,
    /// Windows: the Device Manager problem code (CM_PROB_*, e.g. 28 = no driver, 31 = driver failed to
    /// load); null when the device works or elsewhere.
    pub problem_code: Option<u32>,
    /// A listed reader that shows itself as a USB keyboard (HID, class 0x03) with no smart-card (CCID,
    /// 0x0B) interface: it types what it reads and is no PC/SC reader
    /// (https://github.com/L1L1/cardpeek/issues/131).
    pub keyboard_mode: bool,
}

impl UsbReader {
    /// The vendor and product ids.
    pub fn vid_pid(&self) -> Option<(u16, u16)> {
        let (vid, pid) = self.id.split_once(':')?;
        Some((
            u16::from_str_radix(vid, 16).ok()?,
            u16::from_str_radix(pid, 16).ok()?,
        ))
    }
}

/// Why the USB devices could not be listed (no sysfs, no permission, no SetupAPI).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the USB devices could not be listed: {0}")]
pub struct UsbError(pub String);

/// Every card reader on USB now, in bus order.
pub fn inventory() -> Result<Vec<UsbReader>, UsbError> {
    let devices = nusb::list_devices()
        .wait()
        .map_err(|error| UsbError(error.to_string()))?;
    Ok(devices
        .filter_map(|device| {
            let (vid, pid) = (device.vendor_id(), device.product_id());
            let model = catalog::by_usb_id(vid, pid).map(|(model, _)| model.id.clone());
            let ccid = device.class() == SMART_CARD_CLASS
                || device.interfaces().any(|i| i.class() == SMART_CARD_CLASS);
            if model.is_none() && !ccid {
                return None;
            }
            let hid = device.interfaces().any(|i| i.class() == HID_CLASS);
            let vendor_driver = catalog::by_usb_id(vid, pid)
                .is_some_and(|(model, _)| model.driver == catalog::Driver::Vendor);
            Some(UsbReader {
                keyboard_mode: model.is_some() && !ccid && hid && !vendor_driver,
                id: format!("{vid:04X}:{pid:04X}"),
                manufacturer: device.manufacturer_string().map(str::to_owned),
                product: device.product_string().map(str::to_owned),
                model,
                problem_code: problem_code(&device),
            })
        })
        .collect())
}

#[cfg(windows)]
fn problem_code(device: &nusb::DeviceInfo) -> Option<u32> {
    crate::platform::device_problem_code(device.instance_id())
}

#[cfg(not(windows))]
fn problem_code(_device: &nusb::DeviceInfo) -> Option<u32> {
    None
}

//! The rig's own pcsc-lite reader driver (IFD handler, API 3.0, pcsc-lite's `ifdhandler.h`), for a
//! reader with more slots than Debian's vpcd opens (it is built with two): a three-slot device such as
//! the Circle CIR315 Dual & 1S (contact, contactless, SAM), which pcsc-lite then names
//! "NAME 00 00", "NAME 00 01", "NAME 00 02" like any multi-slot reader.
//!
//! reader.conf gives `DEVICENAME onshi-rig-ifd:PORT:SLOTS`. Slot N listens on 127.0.0.1:PORT+N and speaks
//! vpcd's protocol, so the rig's virtual cards (`onshi_rig::VirtualCard`) serve both drivers: a card
//! connects to put itself on the slot and closes to leave; frames are a 2-byte big-endian length and a
//! payload; one byte is a control message (00 power off, 01 power on, 02 reset: no reply; 04: reply
//! with the ATR), anything longer an APDU answered with data and SW1 SW2. As with vpcd, an empty ATR
//! reply means the card left, and a reply longer than an ATR can be is a power-up that failed with the
//! card still there (pcscd then calls it unresponsive).
//!
//! Test equipment only: never shipped, never loaded outside the rig's private pcscd.

mod slot;

use slot::SlotPort;
use std::collections::HashMap;
use std::ffi::{c_char, c_long, c_uchar, c_ulong, CStr};
use std::sync::{LazyLock, Mutex, MutexGuard};

type Dword = c_ulong;
type ResponseCode = c_long;

const IFD_SUCCESS: ResponseCode = 0;
const IFD_ERROR_TAG: ResponseCode = 600;
const IFD_ERROR_NOT_SUPPORTED: ResponseCode = 606;
const IFD_ERROR_POWER_ACTION: ResponseCode = 608;
const IFD_COMMUNICATION_ERROR: ResponseCode = 612;
const IFD_NOT_SUPPORTED: ResponseCode = 614;
const IFD_ICC_PRESENT: ResponseCode = 615;
const IFD_ICC_NOT_PRESENT: ResponseCode = 616;
const IFD_ERROR_INSUFFICIENT_BUFFER: ResponseCode = 618;

const IFD_POWER_UP: Dword = 500;
const IFD_POWER_DOWN: Dword = 501;
const IFD_RESET: Dword = 502;

const TAG_IFD_ATR: Dword = 0x0303;
const TAG_IFD_SLOT_THREAD_SAFE: Dword = 0x0FAC;
const TAG_IFD_THREAD_SAFE: Dword = 0x0FAD;
const TAG_IFD_SLOTS_NUMBER: Dword = 0x0FAE;
const TAG_IFD_SIMULTANEOUS_ACCESS: Dword = 0x0FAF;

/// The longest ATR (ISO 7816-3), as pcsc-lite's MAX_ATR_SIZE.
pub const MAX_ATR_SIZE: usize = 33;

/// pcscd's `SCARD_IO_HEADER`.
#[repr(C)]
pub struct ScardIoHeader {
    protocol: Dword,
    length: Dword,
}

/// Each reader's slot count, by reader (the Lun's upper half), and each slot's port, by Lun.
struct Driver {
    slots_of_reader: HashMap<Dword, u8>,
    ports: HashMap<Dword, SlotPort>,
}

fn driver() -> MutexGuard<'static, Driver> {
    static DRIVER: LazyLock<Mutex<Driver>> = LazyLock::new(|| {
        Mutex::new(Driver {
            slots_of_reader: HashMap::new(),
            ports: HashMap::new(),
        })
    });
    DRIVER.lock().unwrap_or_else(|e| e.into_inner())
}

/// "onshi-rig-ifd:PORT:SLOTS" → (PORT, SLOTS).
fn parse_device_name(name: &str) -> Option<(u16, u8)> {
    let mut parts = name.strip_prefix("onshi-rig-ifd:")?.split(':');
    let port = parts.next()?.parse().ok()?;
    let slots = parts.next()?.parse().ok().filter(|n| (1..=8).contains(n))?;
    Some((port, slots))
}

/// # Safety
/// `device_name` is a NUL-terminated string (pcscd passes reader.conf's DEVICENAME).
#[no_mangle]
pub unsafe extern "C" fn IFDHCreateChannelByName(
    lun: Dword,
    device_name: *const c_char,
) -> ResponseCode {
    if device_name.is_null() {
        return IFD_COMMUNICATION_ERROR;
    }
    let name = CStr::from_ptr(device_name).to_string_lossy();
    let Some((port, slots)) = parse_device_name(&name) else {
        return IFD_COMMUNICATION_ERROR;
    };
    let slot = (lun & 0xFFFF) as u16;
    if slot >= u16::from(slots) {
        return IFD_COMMUNICATION_ERROR;
    }
    match SlotPort::listen(port + slot) {
        Ok(listening) => {
            let mut driver = driver();
            driver.slots_of_reader.insert(lun >> 16, slots);
            driver.ports.insert(lun, listening);
            IFD_SUCCESS
        }
        Err(_) => IFD_COMMUNICATION_ERROR,
    }
}

#[no_mangle]
pub extern "C" fn IFDHCreateChannel(_lun: Dword, _channel: Dword) -> ResponseCode {
    // The rig always names its device (IFDHCreateChannelByName).
    IFD_NOT_SUPPORTED
}

#[no_mangle]
pub extern "C" fn IFDHCloseChannel(lun: Dword) -> ResponseCode {
    driver().ports.remove(&lun);
    IFD_SUCCESS
}

/// # Safety
/// `length` and `value` are valid for `*length` bytes, as pcscd passes them.
#[no_mangle]
pub unsafe extern "C" fn IFDHGetCapabilities(
    lun: Dword,
    tag: Dword,
    length: *mut Dword,
    value: *mut c_uchar,
) -> ResponseCode {
    if length.is_null() || value.is_null() {
        return IFD_COMMUNICATION_ERROR;
    }
    let driver = driver();
    let answer: Vec<u8> = match tag {
        TAG_IFD_ATR => match driver.ports.get(&lun) {
            Some(port) => port.atr().to_vec(),
            None => return IFD_COMMUNICATION_ERROR,
        },
        TAG_IFD_SLOTS_NUMBER => vec![*driver.slots_of_reader.get(&(lun >> 16)).unwrap_or(&1)],
        TAG_IFD_SIMULTANEOUS_ACCESS => vec![16],
        // One call at a time: pcscd serialises the slots of this reader.
        TAG_IFD_THREAD_SAFE | TAG_IFD_SLOT_THREAD_SAFE => vec![0],
        _ => return IFD_ERROR_TAG,
    };
    drop(driver);
    if (*length as usize) < answer.len() {
        return IFD_ERROR_INSUFFICIENT_BUFFER;
    }
    std::ptr::copy_nonoverlapping(answer.as_ptr(), value, answer.len());
    *length = answer.len() as Dword;
    IFD_SUCCESS
}

#[no_mangle]
pub extern "C" fn IFDHSetCapabilities(
    _lun: Dword,
    _tag: Dword,
    _length: Dword,
    _value: *mut c_uchar,
) -> ResponseCode {
    IFD_NOT_SUPPORTED
}

#[no_mangle]
pub extern "C" fn IFDHSetProtocolParameters(
    _lun: Dword,
    _protocol: Dword,
    _flags: c_uchar,
    _pts1: c_uchar,
    _pts2: c_uchar,
    _pts3: c_uchar,
) -> ResponseCode {
    IFD_SUCCESS
}

/// # Safety
/// `atr` is valid for MAX_ATR_SIZE bytes and `atr_length` for one write, as pcscd passes them.
#[no_mangle]
pub unsafe extern "C" fn IFDHPowerICC(
    lun: Dword,
    action: Dword,
    atr: *mut c_uchar,
    atr_length: *mut Dword,
) -> ResponseCode {
    let mut driver = driver();
    let Some(port) = driver.ports.get_mut(&lun) else {
        return IFD_COMMUNICATION_ERROR;
    };
    let outcome = match action {
        IFD_POWER_DOWN => port.power_down().map(|()| Vec::new()),
        IFD_POWER_UP | IFD_RESET => port.power_up(action == IFD_RESET),
        _ => return IFD_ERROR_NOT_SUPPORTED,
    };
    let bytes = match outcome {
        Ok(bytes) => bytes,
        Err(()) => {
            if !atr_length.is_null() {
                *atr_length = 0;
            }
            return IFD_ERROR_POWER_ACTION;
        }
    };
    if !atr_length.is_null() && !atr.is_null() {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), atr, bytes.len());
        *atr_length = bytes.len() as Dword;
    }
    IFD_SUCCESS
}

/// # Safety
/// The buffers are valid for their lengths, as pcscd passes them; `recv_pci` may be null.
#[no_mangle]
pub unsafe extern "C" fn IFDHTransmitToICC(
    lun: Dword,
    _send_pci: ScardIoHeader,
    tx_buffer: *const c_uchar,
    tx_length: Dword,
    rx_buffer: *mut c_uchar,
    rx_length: *mut Dword,
    recv_pci: *mut ScardIoHeader,
) -> ResponseCode {
    if tx_buffer.is_null() || rx_buffer.is_null() || rx_length.is_null() {
        return IFD_COMMUNICATION_ERROR;
    }
    let command = std::slice::from_raw_parts(tx_buffer, tx_length as usize);
    let mut driver = driver();
    let Some(port) = driver.ports.get_mut(&lun) else {
        return IFD_COMMUNICATION_ERROR;
    };
    let Ok(reply) = port.transmit(command) else {
        *rx_length = 0;
        return IFD_COMMUNICATION_ERROR;
    };
    if (*rx_length as usize) < reply.len() {
        *rx_length = 0;
        return IFD_ERROR_INSUFFICIENT_BUFFER;
    }
    std::ptr::copy_nonoverlapping(reply.as_ptr(), rx_buffer, reply.len());
    *rx_length = reply.len() as Dword;
    if !recv_pci.is_null() {
        (*recv_pci).length = 0;
    }
    IFD_SUCCESS
}

/// # Safety
/// `bytes_returned` is valid for one write or null.
#[no_mangle]
pub unsafe extern "C" fn IFDHControl(
    _lun: Dword,
    _control_code: Dword,
    _tx_buffer: *const c_uchar,
    _tx_length: Dword,
    _rx_buffer: *mut c_uchar,
    _rx_length: Dword,
    bytes_returned: *mut Dword,
) -> ResponseCode {
    if !bytes_returned.is_null() {
        *bytes_returned = 0;
    }
    IFD_ERROR_NOT_SUPPORTED
}

#[no_mangle]
pub extern "C" fn IFDHICCPresence(lun: Dword) -> ResponseCode {
    let mut driver = driver();
    match driver.ports.get_mut(&lun).map(SlotPort::card_present) {
        Some(true) => IFD_ICC_PRESENT,
        Some(false) => IFD_ICC_NOT_PRESENT,
        None => IFD_COMMUNICATION_ERROR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_name_gives_port_and_slots() {
        assert_eq!(parse_device_name("onshi-rig-ifd:35963:3"), Some((35963, 3)));
        assert_eq!(parse_device_name("onshi-rig-ifd:35963:0"), None);
        assert_eq!(parse_device_name("/dev/null:0x8C7B"), None);
    }
}

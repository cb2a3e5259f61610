//! The terminal's accounts: NetUserGetInfo level 3 (the "never expires" flag, the password's age, Windows'
//! own expired flag) and NetUserModalsGet level 0 (the PC's maximum age). Never a password.

use super::super::seen::{AccountSeen, Probe};
use windows_sys::Win32::NetworkManagement::NetManagement::{
    NERR_UserNotFound, NetApiBufferFree, NetUserGetInfo, NetUserModalsGet, UF_DONT_EXPIRE_PASSWD,
    USER_INFO_3, USER_MODALS_INFO_0,
};

const DAY_SECONDS: u32 = 86_400;
/// lmaccess.h's TIMEQ_FOREVER: passwords never expire on this PC.
const TIMEQ_FOREVER: u32 = u32::MAX;

pub fn accounts(names: &[String]) -> Probe<Vec<AccountSeen>> {
    let mut buffer: *mut u8 = std::ptr::null_mut();
    // SAFETY: each buffer NetApi hands back is read as the level asked for, then freed once.
    unsafe {
        let status = NetUserModalsGet(std::ptr::null(), 0, &mut buffer);
        if status != 0 {
            return Probe::Unreadable(os_words(status));
        }
        let max = (*(buffer as *const USER_MODALS_INFO_0)).usrmod0_max_passwd_age;
        NetApiBufferFree(buffer.cast());
        let max_age_days = (max != TIMEQ_FOREVER).then_some(i64::from(max / DAY_SECONDS));
        let mut seen = Vec::new();
        for name in names {
            let wide: Vec<u16> = name.encode_utf16().chain([0]).collect();
            let mut buffer: *mut u8 = std::ptr::null_mut();
            let status = NetUserGetInfo(std::ptr::null(), wide.as_ptr(), 3, &mut buffer);
            if status == NERR_UserNotFound {
                seen.push(AccountSeen {
                    name: name.clone(),
                    found: false,
                    never_expires: false,
                    expired: false,
                    password_age_days: 0,
                    max_age_days,
                });
                continue;
            }
            if status != 0 {
                return Probe::Unreadable(os_words(status));
            }
            let info = &*(buffer as *const USER_INFO_3);
            seen.push(AccountSeen {
                name: name.clone(),
                found: true,
                never_expires: info.usri3_flags & UF_DONT_EXPIRE_PASSWD != 0,
                expired: info.usri3_password_expired != 0,
                password_age_days: i64::from(info.usri3_password_age / DAY_SECONDS),
                max_age_days,
            });
            NetApiBufferFree(buffer.cast());
        }
        Probe::Seen(seen)
    }
}

/// The OS's words for a status; the network management codes (NERR_*, 2100 and up) have none in the
/// system's message table, so they are named by number.
pub(super) fn os_words(status: u32) -> String {
    if (2100..2999).contains(&status) {
        format!("NetApi error {status}")
    } else {
        std::io::Error::from_raw_os_error(status as i32).to_string()
    }
}

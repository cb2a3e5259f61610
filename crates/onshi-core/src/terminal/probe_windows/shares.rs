//! The shares (NetShareEnum: level 2 with their paths, which needs an administrator; else level 0, the
//! names only), Everyone's rights on the exchange folders (GetNamedSecurityInfoW, the DACL's allow
//! entries), and the firewall's sharing rule group (INetFwPolicy2). Read only.

use super::super::seen::{Probe, Share};
use windows_sys::Win32::NetworkManagement::NetManagement::NetApiBufferFree;
use windows_sys::Win32::Storage::FileSystem::{NetShareEnum, SHARE_INFO_0, SHARE_INFO_2};

const MAX_PREFERRED_LENGTH: u32 = u32::MAX;
const ACCESS_DENIED: u32 = 5;

pub fn shares() -> Probe<Vec<Share>> {
    match enumerate(2) {
        Err(ACCESS_DENIED) => enumerate(0),
        other => other,
    }
    .map_err(super::accounts::os_words)
    .map_or_else(Probe::Unreadable, Probe::Seen)
}

fn enumerate(level: u32) -> Result<Vec<Share>, u32> {
    let mut buffer: *mut u8 = std::ptr::null_mut();
    let (mut read, mut total) = (0u32, 0u32);
    // SAFETY: the buffer NetShareEnum hands back holds `read` entries of the level asked for; it is read,
    // then freed once.
    unsafe {
        let status = NetShareEnum(
            std::ptr::null(),
            level,
            &mut buffer,
            MAX_PREFERRED_LENGTH,
            &mut read,
            &mut total,
            std::ptr::null_mut(),
        );
        if status != 0 {
            if !buffer.is_null() {
                NetApiBufferFree(buffer.cast());
            }
            return Err(status);
        }
        let mut shares = Vec::new();
        for index in 0..read as usize {
            shares.push(if level == 2 {
                let info = &*(buffer as *const SHARE_INFO_2).add(index);
                Share {
                    name: super::wide_text(info.shi2_netname),
                    path: Some(super::wide_text(info.shi2_path)),
                }
            } else {
                let info = &*(buffer as *const SHARE_INFO_0).add(index);
                Share {
                    name: super::wide_text(info.shi0_netname),
                    path: None,
                }
            });
        }
        if !buffer.is_null() {
            NetApiBufferFree(buffer.cast());
        }
        Ok(shares)
    }
}

/// The folders among `folders` whose DACL allows Everyone (S-1-1-0) full control. A folder that does not
/// exist is left to the folder check.
pub fn everyone_full_control(folders: &[String]) -> Probe<Vec<String>> {
    let mut open = Vec::new();
    for folder in folders {
        if !std::path::Path::new(folder).is_dir() {
            continue;
        }
        match everyone_has_full_control(folder) {
            Ok(true) => open.push(folder.clone()),
            Ok(false) => {}
            Err(error) => return Probe::Unreadable(error),
        }
    }
    Probe::Seen(open)
}

fn everyone_has_full_control(folder: &str) -> Result<bool, String> {
    use windows_sys::Win32::Foundation::LocalFree;
    use windows_sys::Win32::Security::Authorization::{
        ConvertSidToStringSidW, GetNamedSecurityInfoW, SE_FILE_OBJECT,
    };
    use windows_sys::Win32::Security::{
        GetAce, ACCESS_ALLOWED_ACE, ACL, DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR,
    };
    const ACCESS_ALLOWED_ACE_TYPE: u8 = 0;
    let wide: Vec<u16> = folder.encode_utf16().chain([0]).collect();
    let mut dacl: *mut ACL = std::ptr::null_mut();
    let mut descriptor: PSECURITY_DESCRIPTOR = std::ptr::null_mut();
    // SAFETY: the DACL points into the descriptor, which is read while held and freed once with
    // LocalFree; each ACE is read as its header's type says; each SID string is freed with LocalFree.
    unsafe {
        let status = GetNamedSecurityInfoW(
            wide.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut dacl,
            std::ptr::null_mut(),
            &mut descriptor,
        );
        if status != 0 {
            return Err(std::io::Error::from_raw_os_error(status as i32).to_string());
        }
        let mut full = false;
        // A null DACL gives everyone every right.
        if dacl.is_null() {
            full = true;
        } else {
            for index in 0..u32::from((*dacl).AceCount) {
                let mut ace: *mut core::ffi::c_void = std::ptr::null_mut();
                if GetAce(dacl, index, &mut ace) == 0 || ace.is_null() {
                    continue;
                }
                let allowed = &*(ace as *const ACCESS_ALLOWED_ACE);
                if allowed.Header.AceType != ACCESS_ALLOWED_ACE_TYPE
                    || !super::super::shares::is_full_control(allowed.Mask)
                {
                    continue;
                }
                let sid = std::ptr::addr_of!(allowed.SidStart) as *mut core::ffi::c_void;
                let mut text: windows_sys::core::PWSTR = std::ptr::null_mut();
                if ConvertSidToStringSidW(sid, &mut text) != 0 {
                    let everyone = super::wide_text(text) == "S-1-1-0";
                    LocalFree(text.cast());
                    if everyone {
                        full = true;
                        break;
                    }
                }
            }
        }
        LocalFree(descriptor.cast());
        Ok(full)
    }
}

/// Whether the firewall's rule group `group` is enabled for the current profiles (the group as Windows
/// names it in the PC's language, or its indirect string).
pub fn firewall_group(group: &str) -> Probe<bool> {
    use windows::core::BSTR;
    use windows::Win32::NetworkManagement::WindowsFirewall::{INetFwPolicy2, NetFwPolicy2};
    use windows::Win32::System::Com::{
        CoCreateInstance, CoInitializeEx, CoUninitialize, CLSCTX_INPROC_SERVER,
        COINIT_MULTITHREADED,
    };
    // SAFETY: COM is initialised for the read and uninitialised only when this call initialised it; the
    // policy is released before that.
    unsafe {
        let init = CoInitializeEx(None, COINIT_MULTITHREADED);
        let result = (|| -> windows::core::Result<bool> {
            let policy: INetFwPolicy2 =
                CoCreateInstance(&NetFwPolicy2, None, CLSCTX_INPROC_SERVER)?;
            Ok(policy
                .get_IsRuleGroupCurrentlyEnabled(&BSTR::from(group))?
                .as_bool())
        })();
        if init.is_ok() {
            CoUninitialize();
        }
        match result {
            Ok(enabled) => Probe::Seen(enabled),
            Err(error) => Probe::Unreadable(error.message().to_string()),
        }
    }
}

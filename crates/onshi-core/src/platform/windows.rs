//! Windows adapters, kept to a few obvious lines over winreg and windows-sys. They cannot be compiled on
//! the Linux build machines; the logic they feed (version comparison, certificate summaries) is tested
//! there.

use super::{CertificateStore, InstalledApps, PlatformError};
use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE};
use winreg::RegKey;

const UNINSTALL_KEYS: [&str; 2] = [
    r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall",
    r"SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall",
];

pub struct Registry;

impl InstalledApps for Registry {
    fn version_of(&self, name: &str) -> Result<Option<String>, PlatformError> {
        for root in [HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER] {
            for path in UNINSTALL_KEYS {
                let Ok(uninstall) = RegKey::predef(root).open_subkey(path) else {
                    continue;
                };
                for app in uninstall.enum_keys().flatten() {
                    let Ok(entry) = uninstall.open_subkey(&app) else {
                        continue;
                    };
                    let display: String = entry.get_value("DisplayName").unwrap_or_default();
                    if display.contains(name) {
                        return Ok(entry.get_value::<String, _>("DisplayVersion").ok());
                    }
                }
            }
        }
        Ok(None)
    }
}

pub struct CurrentUserStore;

impl CertificateStore for CurrentUserStore {
    fn certificates(&self) -> Result<Vec<super::StoreEntry>, PlatformError> {
        use windows_sys::Win32::Security::Cryptography::{
            CertCloseStore, CertEnumCertificatesInStore, CertGetCertificateContextProperty,
            CertOpenStore, CERT_CONTEXT, CERT_KEY_PROV_INFO_PROP_ID, CERT_STORE_PROV_SYSTEM_W,
            CERT_STORE_READONLY_FLAG, CERT_SYSTEM_STORE_CURRENT_USER,
        };
        let name: Vec<u16> = "MY\0".encode_utf16().collect();
        let mut entries = Vec::new();
        // SAFETY: the store is checked and closed once; each context is read while the enumeration holds
        // it (CertEnumCertificatesInStore frees the previous one), its bytes copied out.
        unsafe {
            let store = CertOpenStore(
                CERT_STORE_PROV_SYSTEM_W,
                0,
                0,
                CERT_SYSTEM_STORE_CURRENT_USER | CERT_STORE_READONLY_FLAG,
                name.as_ptr().cast(),
            );
            if store.is_null() {
                return Err(PlatformError::Failed(
                    std::io::Error::last_os_error().to_string(),
                ));
            }
            let mut context: *const CERT_CONTEXT = std::ptr::null();
            loop {
                context = CertEnumCertificatesInStore(store, context);
                if context.is_null() {
                    break;
                }
                let encoded = std::slice::from_raw_parts(
                    (*context).pbCertEncoded,
                    (*context).cbCertEncoded as usize,
                );
                let mut size = 0u32;
                let has_private_key = CertGetCertificateContextProperty(
                    context,
                    CERT_KEY_PROV_INFO_PROP_ID,
                    std::ptr::null_mut(),
                    &mut size,
                ) != 0;
                entries.push(super::StoreEntry {
                    der: encoded.to_vec(),
                    has_private_key,
                });
            }
            CertCloseStore(store, 0);
        }
        Ok(entries)
    }
}

/// "Windows 11 Pro 24H2 (build 26100)" from the registry. Windows 11 still says "Windows 10" in
/// ProductName; its build number (22000 and later) tells them apart.
pub fn os_description() -> Option<String> {
    let key = RegKey::predef(HKEY_LOCAL_MACHINE)
        .open_subkey(r"SOFTWARE\Microsoft\Windows NT\CurrentVersion")
        .ok()?;
    let product: String = key.get_value("ProductName").ok()?;
    let build: String = key.get_value("CurrentBuild").unwrap_or_default();
    let display: String = key.get_value("DisplayVersion").unwrap_or_default();
    Some(super::windows_name(&product, &display, &build))
}

/// See `platform::windows_identity`.
pub fn identity() -> Option<super::WindowsIdentity> {
    let key = RegKey::predef(HKEY_LOCAL_MACHINE)
        .open_subkey(r"SOFTWARE\Microsoft\Windows NT\CurrentVersion")
        .ok()?;
    let build: String = key.get_value("CurrentBuild").ok()?;
    Some(super::WindowsIdentity {
        product: key.get_value("ProductName").unwrap_or_default(),
        edition_id: key.get_value("EditionID").unwrap_or_default(),
        build: build.trim().parse().ok()?,
        display_version: key.get_value("DisplayVersion").unwrap_or_default(),
    })
}

/// See `platform::decode_console_text`.
pub fn decode_console_text(bytes: &[u8]) -> Option<String> {
    use windows_sys::Win32::Globalization::{GetACP, MultiByteToWideChar, MB_ERR_INVALID_CHARS};
    use windows_sys::Win32::System::Console::GetConsoleCP;
    if bytes.is_empty() {
        return Some(String::new());
    }
    let length = i32::try_from(bytes.len()).ok()?;
    // SAFETY: plain calls with a valid input slice; the output buffer is sized by the first call.
    unsafe {
        let console = GetConsoleCP();
        let code_page = if console != 0 { console } else { GetACP() };
        let needed = MultiByteToWideChar(
            code_page,
            MB_ERR_INVALID_CHARS,
            bytes.as_ptr(),
            length,
            std::ptr::null_mut(),
            0,
        );
        if needed <= 0 {
            return None;
        }
        let mut wide = vec![0u16; needed as usize];
        let written = MultiByteToWideChar(
            code_page,
            MB_ERR_INVALID_CHARS,
            bytes.as_ptr(),
            length,
            wide.as_mut_ptr(),
            needed,
        );
        String::from_utf16(wide.get(..usize::try_from(written).ok()?)?).ok()
    }
}

/// See `platform::smart_card_service`: the start type from the registry, the state from the SCM; the
/// Smart Card Device Enumeration Service (ScDeviceEnum) beside it alike.
pub fn smart_card_service() -> super::SmartCardService {
    let card = service("SCardSvr");
    super::SmartCardService {
        start: card.start,
        running: card.running,
        device_enumeration: service("ScDeviceEnum"),
    }
}

/// A service's start type (the registry's `Start`) and whether the SCM says it runs.
fn service(name: &str) -> super::ServiceSeen {
    use super::ServiceStart;
    use windows_sys::Win32::System::Services::{
        CloseServiceHandle, OpenSCManagerW, OpenServiceW, QueryServiceStatus, SC_MANAGER_CONNECT,
        SERVICE_QUERY_STATUS, SERVICE_RUNNING, SERVICE_STATUS,
    };
    let start = RegKey::predef(HKEY_LOCAL_MACHINE)
        .open_subkey(format!(r"SYSTEM\CurrentControlSet\Services\{name}"))
        .ok()
        .map(|key| key.get_value::<u32, _>("Start").unwrap_or(3));
    let start = match start {
        None => ServiceStart::NotInstalled,
        Some(0..=2) => ServiceStart::Automatic,
        Some(4) => ServiceStart::Disabled,
        Some(_) => ServiceStart::Manual,
    };
    let wide: Vec<u16> = name.encode_utf16().chain([0]).collect();
    // SAFETY: handles are checked before use and closed once; the status is a plain out-struct.
    let running = unsafe {
        let manager = OpenSCManagerW(std::ptr::null(), std::ptr::null(), SC_MANAGER_CONNECT);
        if manager.is_null() {
            false
        } else {
            let service = OpenServiceW(manager, wide.as_ptr(), SERVICE_QUERY_STATUS);
            let mut status: SERVICE_STATUS = std::mem::zeroed();
            let running = !service.is_null()
                && QueryServiceStatus(service, &mut status) != 0
                && status.dwCurrentState == SERVICE_RUNNING;
            if !service.is_null() {
                CloseServiceHandle(service);
            }
            CloseServiceHandle(manager);
            running
        }
    };
    super::ServiceSeen { start, running }
}

/// See `platform::device_problem_code`.
pub fn device_problem_code(instance_id: &std::ffi::OsStr) -> Option<u32> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
        CM_Get_DevNode_Status, CM_Locate_DevNodeW, CM_LOCATE_DEVNODE_NORMAL, CR_SUCCESS,
        DN_HAS_PROBLEM,
    };
    let wide: Vec<u16> = instance_id.encode_wide().chain(Some(0)).collect();
    let mut devinst = 0u32;
    let (mut status, mut problem) = (0u32, 0u32);
    // SAFETY: a NUL-terminated id and plain out-values.
    unsafe {
        if CM_Locate_DevNodeW(&mut devinst, wide.as_ptr(), CM_LOCATE_DEVNODE_NORMAL) != CR_SUCCESS {
            return None;
        }
        if CM_Get_DevNode_Status(&mut status, &mut problem, devinst, 0) != CR_SUCCESS {
            return None;
        }
    }
    (status & DN_HAS_PROBLEM != 0 && problem != 0).then_some(problem)
}

/// Whether `path` exists under HKEY_CURRENT_USER.
pub fn key_exists_for_user(path: &str) -> bool {
    RegKey::predef(HKEY_CURRENT_USER).open_subkey(path).is_ok()
}

/// See `platform::reader_drivers`: SetupDiGetClassDevsW over the SmartCardReader class (present devices
/// only), each device's properties read with SetupDiGetDevicePropertyW.
pub fn reader_drivers() -> Result<Vec<super::DeviceDriver>, String> {
    use windows_sys::Win32::Devices::DeviceAndDriverInstallation::{
        SetupDiDestroyDeviceInfoList, SetupDiEnumDeviceInfo, SetupDiGetClassDevsW, DIGCF_PRESENT,
        GUID_DEVCLASS_SMARTCARDREADER, SP_DEVINFO_DATA,
    };
    use windows_sys::Win32::Devices::Properties::{
        DEVPKEY_Device_DeviceDesc, DEVPKEY_Device_DriverDate, DEVPKEY_Device_DriverProvider,
        DEVPKEY_Device_DriverVersion, DEVPKEY_Device_FriendlyName, DEVPKEY_Device_InstanceId,
    };
    use windows_sys::Win32::Foundation::{GetLastError, ERROR_NO_MORE_ITEMS};
    // SAFETY: the set is checked before use and destroyed once; SP_DEVINFO_DATA is a plain struct with
    // its size set as SetupAPI requires; every property is read into a buffer of the size it asked for.
    unsafe {
        let set = SetupDiGetClassDevsW(
            &GUID_DEVCLASS_SMARTCARDREADER,
            std::ptr::null(),
            std::ptr::null_mut(),
            DIGCF_PRESENT,
        );
        if set == -1 {
            return Err(std::io::Error::last_os_error().to_string());
        }
        let mut found = Vec::new();
        let mut index = 0;
        let outcome = loop {
            let mut data: SP_DEVINFO_DATA = std::mem::zeroed();
            data.cbSize = std::mem::size_of::<SP_DEVINFO_DATA>() as u32;
            if SetupDiEnumDeviceInfo(set, index, &mut data) == 0 {
                let error = GetLastError();
                break if error == ERROR_NO_MORE_ITEMS {
                    Ok(())
                } else {
                    Err(std::io::Error::from_raw_os_error(error as i32).to_string())
                };
            }
            index += 1;
            let text =
                |key| device_property(set, &data, key).and_then(|bytes| super::utf16_text(&bytes));
            let date = device_property(set, &data, &DEVPKEY_Device_DriverDate)
                .and_then(|bytes| Some(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)));
            found.push(super::DeviceDriver {
                name: text(&DEVPKEY_Device_FriendlyName)
                    .or_else(|| text(&DEVPKEY_Device_DeviceDesc))
                    .unwrap_or_default(),
                instance_id: text(&DEVPKEY_Device_InstanceId).unwrap_or_default(),
                provider: text(&DEVPKEY_Device_DriverProvider),
                version: text(&DEVPKEY_Device_DriverVersion),
                date,
            });
        };
        SetupDiDestroyDeviceInfoList(set);
        outcome.map(|()| found)
    }
}

/// One device property's bytes; None when the device has none.
///
/// # Safety
/// `set` and `data` must come from SetupAPI and still be valid.
unsafe fn device_property(
    set: windows_sys::Win32::Devices::DeviceAndDriverInstallation::HDEVINFO,
    data: &windows_sys::Win32::Devices::DeviceAndDriverInstallation::SP_DEVINFO_DATA,
    key: &windows_sys::Win32::Foundation::DEVPROPKEY,
) -> Option<Vec<u8>> {
    use windows_sys::Win32::Devices::DeviceAndDriverInstallation::SetupDiGetDevicePropertyW;
    let mut kind = 0u32;
    let mut size = 0u32;
    // SAFETY (caller): asked with no buffer first, for the size; then into a buffer of that size.
    unsafe {
        SetupDiGetDevicePropertyW(
            set,
            data,
            key,
            &mut kind,
            std::ptr::null_mut(),
            0,
            &mut size,
            0,
        );
        if size == 0 {
            return None;
        }
        let mut buffer = vec![0u8; size as usize];
        if SetupDiGetDevicePropertyW(
            set,
            data,
            key,
            &mut kind,
            buffer.as_mut_ptr(),
            size,
            &mut size,
            0,
        ) == 0
        {
            return None;
        }
        buffer.truncate(size as usize);
        Some(buffer)
    }
}

//! The probes on Windows, each a few lines over the registry, the file system and two Win32 calls
//! (CredEnumerateW for the credentials' names, GetAdaptersAddresses for the adapters); Task Scheduler, the
//! accounts and the root stores in their own files (`probe_windows/`). Read only; never a password
//! (`DefaultPassword`, a credential's blob, a task's or an account's), never a patient's file's contents,
//! never a socket.

mod accounts;
mod roots;
mod shares;
mod tasks;

use super::seen::*;
use super::usual::UsualSetup;
use super::Memory;
use std::path::Path;
use winreg::enums::{HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE};
use winreg::RegKey;

pub fn look(usual: &UsualSetup, memory: Memory, now: &str) -> TerminalSeen {
    let root = Path::new(&usual.link.root);
    let (adapters, dns) = match adapters() {
        Probe::Seen((adapters, dns)) => (Probe::Seen(adapters), Probe::Seen(dns)),
        Probe::Unreadable(error) => (Probe::Unreadable(error.clone()), Probe::Unreadable(error)),
        Probe::DoesNotApply => (Probe::DoesNotApply, Probe::DoesNotApply),
    };
    TerminalSeen {
        software: SoftwareSeen {
            parts: Probe::Seen(parts(usual)),
            extensions: super::software::crx_files(Path::new(&usual.software.extensions_folder)),
            credentials: credentials(usual),
            tasks: tasks::tasks(&usual.software.tasks),
            root_ca: roots::root_ca(&usual.software.root_ca),
        },
        link: LinkSeen {
            missing_folders: Probe::Seen(
                usual
                    .link
                    .folders
                    .iter()
                    .filter(|folder| !root.join(folder).is_dir())
                    .cloned()
                    .collect(),
            ),
            requests: super::link::count_files(&root.join("Req")),
            results: super::link::count_files(&root.join("Res")),
            shares: shares::shares(),
            everyone_full_control: shares::everyone_full_control(&usual.link.everyone_folders),
            firewall_sharing: shares::firewall_group(&usual.link.firewall_group),
        },
        sign_in: SignInSeen {
            auto_sign_in: auto_sign_in(),
            passwordless: passwordless(),
            screen_saver_lock: screen_saver_lock(),
            accounts: accounts::accounts(&usual.sign_in.accounts),
        },
        line: LineSeen {
            adapters,
            dns,
            proxy: proxy(),
            remembered_prefix: memory.prefix,
        },
        clock: ClockSeen {
            time_zone: string_value(
                HKEY_LOCAL_MACHINE,
                r"SYSTEM\CurrentControlSet\Control\TimeZoneInformation",
                "TimeZoneKeyName",
            ),
            utc_offset_minutes: chrono::Local::now().offset().local_minus_utc() / 60,
            time_server: string_value(
                HKEY_LOCAL_MACHINE,
                r"SYSTEM\CurrentControlSet\Services\W32Time\Parameters",
                "NtpServer",
            )
            .map(|servers| servers.split_whitespace().map(str::to_owned).collect()),
            synchronized: Probe::DoesNotApply,
            now: now.to_owned(),
            last_check: memory.last_check,
        },
    }
}

impl<T> Probe<T> {
    fn map<U>(self, change: impl FnOnce(T) -> U) -> Probe<U> {
        match self {
            Probe::Seen(value) => Probe::Seen(change(value)),
            Probe::Unreadable(error) => Probe::Unreadable(error),
            Probe::DoesNotApply => Probe::DoesNotApply,
        }
    }
}

fn key(root: winreg::HKEY, path: &str) -> Result<RegKey, String> {
    RegKey::predef(root)
        .open_subkey(path)
        .map_err(|error| error.to_string())
}

/// A string value; a missing value reads as an empty string (unset).
fn string_value(root: winreg::HKEY, path: &str, name: &str) -> Probe<String> {
    match key(root, path) {
        Ok(key) => Probe::Seen(key.get_value(name).unwrap_or_default()),
        Err(error) => Probe::Unreadable(error),
    }
}

fn parts(usual: &UsualSetup) -> Vec<InstalledPart> {
    usual
        .software
        .folders
        .iter()
        .map(|folder| {
            let path = Path::new(&folder.path);
            InstalledPart {
                name: folder.name.clone(),
                name_en: folder.name_en.clone(),
                path: folder.path.clone(),
                present: path.is_dir(),
                version_info: super::software::version_info(&path.join("Version.info")),
            }
        })
        .collect()
}

/// The names of the usual credentials the current user holds (CredEnumerateW with the `OQS_*` filter):
/// never a credential's blob. As another user than the usual one, they cannot be seen, and that is said.
fn credentials(usual: &UsualSetup) -> Probe<Credentials> {
    use windows_sys::Win32::Security::Credentials::{CredEnumerateW, CredFree, CREDENTIALW};
    let user = std::env::var("USERNAME").unwrap_or_default();
    if !user.eq_ignore_ascii_case(&usual.software.credentials_user) {
        return Probe::Unreadable(format!("signed in as {user}"));
    }
    let filter: Vec<u16> = "OQS_*\0".encode_utf16().collect();
    let mut count = 0u32;
    let mut list: *mut *mut CREDENTIALW = std::ptr::null_mut();
    let mut names = Vec::new();
    // SAFETY: the list is read while held and freed once; only TargetName, a NUL-terminated string, is
    // read from each entry.
    unsafe {
        if CredEnumerateW(filter.as_ptr(), 0, &mut count, &mut list) == 0 {
            // ERROR_NOT_FOUND: none stored. Anything else (no logon session under a service, …) is the
            // OS not answering, which says nothing of the credentials.
            let error = std::io::Error::last_os_error();
            if error.raw_os_error() != Some(1168) {
                return Probe::Unreadable(error.to_string());
            }
        } else {
            for index in 0..count as usize {
                let credential = *list.add(index);
                let name = (*credential).TargetName;
                let mut length = 0;
                while *name.add(length) != 0 {
                    length += 1;
                }
                names.push(String::from_utf16_lossy(std::slice::from_raw_parts(
                    name, length,
                )));
            }
            CredFree(list.cast());
        }
    }
    Probe::Seen(Credentials { user, names })
}

fn auto_sign_in() -> Probe<AutoSignIn> {
    match key(
        HKEY_LOCAL_MACHINE,
        r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon",
    ) {
        Ok(key) => {
            let enabled: String = key.get_value("AutoAdminLogon").unwrap_or_default();
            let user: Option<String> = key.get_value("DefaultUserName").ok();
            Probe::Seen(AutoSignIn {
                enabled: enabled.trim() == "1",
                user: user.filter(|u| !u.trim().is_empty()),
            })
        }
        Err(error) => Probe::Unreadable(error),
    }
}

fn passwordless() -> Probe<Option<u32>> {
    let path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\PasswordLess\Device";
    match RegKey::predef(HKEY_LOCAL_MACHINE).open_subkey(path) {
        Ok(key) => Probe::Seen(
            key.get_value::<u32, _>("DevicePasswordLessBuildVersion")
                .ok(),
        ),
        // Most editions have no such key: nothing is hidden.
        Err(_) => Probe::Seen(None),
    }
}

fn screen_saver_lock() -> Probe<Option<u32>> {
    match key(HKEY_CURRENT_USER, r"Control Panel\Desktop") {
        Ok(key) => {
            let secure: String = key.get_value("ScreenSaverIsSecure").unwrap_or_default();
            let timeout: String = key.get_value("ScreenSaveTimeOut").unwrap_or_default();
            Probe::Seen(
                (secure.trim() == "1")
                    .then(|| timeout.trim().parse().ok())
                    .flatten(),
            )
        }
        Err(error) => Probe::Unreadable(error),
    }
}

fn proxy() -> Probe<Proxy> {
    match key(
        HKEY_CURRENT_USER,
        r"Software\Microsoft\Windows\CurrentVersion\Internet Settings",
    ) {
        Ok(key) => {
            let enabled: u32 = key.get_value("ProxyEnable").unwrap_or(0);
            let server: Option<String> = key.get_value("ProxyServer").ok();
            let bypass: String = key.get_value("ProxyOverride").unwrap_or_default();
            Probe::Seen(Proxy {
                enabled: enabled != 0,
                server: server.filter(|s| !s.trim().is_empty()),
                bypass: bypass
                    .split(';')
                    .map(str::trim)
                    .filter(|b| !b.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        }
        Err(error) => Probe::Unreadable(error),
    }
}

/// The adapters (GetAdaptersAddresses: the IP helper's table, no socket) other than loopback, and the DNS
/// servers configured on those that are up.
fn adapters() -> Probe<(Vec<Adapter>, Vec<String>)> {
    use windows_sys::Win32::NetworkManagement::IpHelper::{
        GetAdaptersAddresses, GAA_FLAG_SKIP_ANYCAST, GAA_FLAG_SKIP_MULTICAST,
        IP_ADAPTER_ADDRESSES_LH,
    };
    use windows_sys::Win32::NetworkManagement::Ndis::IfOperStatusUp;
    use windows_sys::Win32::Networking::WinSock::{AF_INET, AF_INET6, AF_UNSPEC, SOCKADDR_IN6};
    const LOOPBACK: u32 = 24; // IF_TYPE_SOFTWARE_LOOPBACK
    const BUFFER_OVERFLOW: u32 = 111; // ERROR_BUFFER_OVERFLOW
    let flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST;
    let mut size = 16 * 1024u32;
    let mut buffer: Vec<u64> = Vec::new();
    // SAFETY: the buffer is 8-byte aligned and as large as the call asks; the list is read inside it.
    unsafe {
        let mut status = BUFFER_OVERFLOW;
        for _ in 0..3 {
            buffer.resize((size as usize).div_ceil(8), 0);
            status = GetAdaptersAddresses(
                u32::from(AF_UNSPEC),
                flags,
                std::ptr::null(),
                buffer.as_mut_ptr().cast(),
                &mut size,
            );
            if status != BUFFER_OVERFLOW {
                break;
            }
        }
        if status != 0 {
            return Probe::Unreadable(std::io::Error::from_raw_os_error(status as i32).to_string());
        }
        let mut adapters = Vec::new();
        let mut dns = Vec::new();
        let mut entry = buffer.as_ptr() as *const IP_ADAPTER_ADDRESSES_LH;
        while !entry.is_null() {
            let adapter = &*entry;
            entry = adapter.Next;
            if adapter.IfType == LOOPBACK {
                continue;
            }
            let up = adapter.OperStatus == IfOperStatusUp;
            let mut ipv4 = false;
            let mut prefixes: Vec<String> = Vec::new();
            let mut unicast = adapter.FirstUnicastAddress;
            while !unicast.is_null() {
                let sockaddr = (*unicast).Address.lpSockaddr;
                if !sockaddr.is_null() {
                    match (*sockaddr).sa_family {
                        AF_INET => ipv4 = true,
                        AF_INET6 => {
                            let v6 = &*(sockaddr as *const SOCKADDR_IN6);
                            let ip = std::net::Ipv6Addr::from(v6.sin6_addr.u.Byte);
                            if let Some(prefix) = super::line::global_prefix(ip) {
                                if !prefixes.contains(&prefix) {
                                    prefixes.push(prefix);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                unicast = (*unicast).Next;
            }
            if up {
                let mut server = adapter.FirstDnsServerAddress;
                while !server.is_null() {
                    let sockaddr = (*server).Address.lpSockaddr;
                    if !sockaddr.is_null() {
                        if let Some(address) = socket_address(sockaddr) {
                            dns.push(address);
                        }
                    }
                    server = (*server).Next;
                }
            }
            adapters.push(Adapter {
                name: wide_text(adapter.FriendlyName),
                up,
                ipv4,
                ipv6_prefixes: prefixes,
            });
        }
        Probe::Seen((adapters, dns))
    }
}

/// An IPv4 or IPv6 socket address's address, as text.
///
/// # Safety
/// `sockaddr` points at a SOCKADDR of the family it names.
unsafe fn socket_address(
    sockaddr: *const windows_sys::Win32::Networking::WinSock::SOCKADDR,
) -> Option<String> {
    use windows_sys::Win32::Networking::WinSock::{AF_INET, AF_INET6, SOCKADDR_IN, SOCKADDR_IN6};
    match (*sockaddr).sa_family {
        AF_INET => {
            let v4 = &*(sockaddr as *const SOCKADDR_IN);
            Some(std::net::Ipv4Addr::from(u32::from_be(v4.sin_addr.S_un.S_addr)).to_string())
        }
        AF_INET6 => {
            let v6 = &*(sockaddr as *const SOCKADDR_IN6);
            Some(std::net::Ipv6Addr::from(v6.sin6_addr.u.Byte).to_string())
        }
        _ => None,
    }
}

/// A NUL-terminated UTF-16 string as text.
///
/// # Safety
/// `text` is null or points at a NUL-terminated UTF-16 string.
unsafe fn wide_text(text: *const u16) -> String {
    if text.is_null() {
        return String::new();
    }
    let mut length = 0;
    while *text.add(length) != 0 {
        length += 1;
    }
    String::from_utf16_lossy(std::slice::from_raw_parts(text, length))
}

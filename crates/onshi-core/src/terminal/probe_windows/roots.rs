//! The terminal certificate's root in 「信頼されたルート証明機関」: the current user's and the machine's ROOT
//! stores, looked through by each certificate's subject CN (CertGetNameStringW). Only the stores are read.

use super::super::seen::Probe;
use windows_sys::Win32::Security::Cryptography::{
    CertCloseStore, CertEnumCertificatesInStore, CertGetNameStringW, CertOpenStore, CERT_CONTEXT,
    CERT_NAME_ATTR_TYPE, CERT_STORE_PROV_SYSTEM_W, CERT_STORE_READONLY_FLAG,
    CERT_SYSTEM_STORE_CURRENT_USER, CERT_SYSTEM_STORE_LOCAL_MACHINE,
};

/// Where a root whose subject's CN is `cn` was found: `current-user`, `local-machine`.
pub fn root_ca(cn: &str) -> Probe<Vec<String>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for (label, location) in [
        ("current-user", CERT_SYSTEM_STORE_CURRENT_USER),
        ("local-machine", CERT_SYSTEM_STORE_LOCAL_MACHINE),
    ] {
        match holds(location, cn) {
            Ok(true) => found.push(label.to_owned()),
            Ok(false) => {}
            Err(error) => errors.push(error),
        }
    }
    if found.is_empty() && errors.len() == 2 {
        return Probe::Unreadable(errors.remove(0));
    }
    Probe::Seen(found)
}

fn holds(location: u32, cn: &str) -> Result<bool, String> {
    const COMMON_NAME: &[u8] = b"2.5.4.3\0";
    let name: Vec<u16> = "ROOT\0".encode_utf16().collect();
    // SAFETY: the store is checked and closed once; each context is read while the enumeration holds it.
    unsafe {
        let store = CertOpenStore(
            CERT_STORE_PROV_SYSTEM_W,
            0,
            0,
            location | CERT_STORE_READONLY_FLAG,
            name.as_ptr().cast(),
        );
        if store.is_null() {
            return Err(std::io::Error::last_os_error().to_string());
        }
        let mut context: *const CERT_CONTEXT = std::ptr::null();
        let mut held = false;
        loop {
            context = CertEnumCertificatesInStore(store, context);
            if context.is_null() {
                break;
            }
            let mut text = [0u16; 256];
            let length = CertGetNameStringW(
                context,
                CERT_NAME_ATTR_TYPE,
                0,
                COMMON_NAME.as_ptr().cast(),
                text.as_mut_ptr(),
                text.len() as u32,
            );
            let common = String::from_utf16_lossy(&text[..(length as usize).saturating_sub(1)]);
            if common.trim() == cn {
                held = true;
                // CertEnumCertificatesInStore frees the context it was given; stopping early frees it here.
                windows_sys::Win32::Security::Cryptography::CertFreeCertificateContext(context);
                break;
            }
        }
        CertCloseStore(store, 0);
        Ok(held)
    }
}

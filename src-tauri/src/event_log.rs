//! Windows: writes onshi-core's event-log entries (`app::event_log`: which entry, when, its words) to the
//! Application log under the source `OnshiAssistant`, with the whole message as the one insertion string.
//! RegisterEventSource works whether or not the installer registered the source (a per-user install
//! cannot); Windows then writes the entry all the same and shows the string under "description not
//! found". Elsewhere nothing is written.

use onshi_core::app::event_log::Entry;

/// Writes `entry`; the error says why not (the app says it on stderr and goes on).
#[cfg(windows)]
pub fn write(entry: &Entry) -> Result<(), String> {
    use onshi_core::app::event_log::{EntryType, SOURCE};
    use windows_sys::Win32::System::EventLog::{
        DeregisterEventSource, RegisterEventSourceW, ReportEventW, EVENTLOG_ERROR_TYPE,
        EVENTLOG_INFORMATION_TYPE, EVENTLOG_WARNING_TYPE,
    };
    let wide = |text: &str| -> Vec<u16> { text.encode_utf16().chain([0]).collect() };
    let source = wide(SOURCE);
    let message = wide(&entry.message);
    let kind = match entry.kind {
        EntryType::Information => EVENTLOG_INFORMATION_TYPE,
        EntryType::Warning => EVENTLOG_WARNING_TYPE,
        EntryType::Error => EVENTLOG_ERROR_TYPE,
    };
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the calls; the handle is released below.
    unsafe {
        let log = RegisterEventSourceW(std::ptr::null(), source.as_ptr());
        if log.is_null() {
            return Err(format!(
                "RegisterEventSource: {}",
                std::io::Error::last_os_error()
            ));
        }
        let strings = [message.as_ptr()];
        let written = ReportEventW(
            log,
            kind,
            0,
            u32::from(entry.id),
            std::ptr::null_mut(),
            1,
            0,
            strings.as_ptr(),
            std::ptr::null(),
        );
        let error = std::io::Error::last_os_error();
        DeregisterEventSource(log);
        if written == 0 {
            return Err(format!("ReportEvent: {error}"));
        }
    }
    Ok(())
}

/// Not Windows: there is no Application log to write to.
#[cfg(not(windows))]
pub fn write(_entry: &Entry) -> Result<(), String> {
    Ok(())
}

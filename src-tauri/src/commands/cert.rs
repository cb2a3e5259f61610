//! The 「電子証明書」 screen: a certificate file's expiry, a backup checked with its password, a verified
//! copy to a USB stick, and a calendar reminder. Paths come only from native dialogs (picker.rs).

use super::error::{off_runtime, CommandError};
use crate::app_status::AppStatus;
use crate::picker::{pick, Pick};
use crate::resident::ResidentExt;
use onshi_core::app::resident::Event;
use onshi_core::app::status::BackupCheck;
use onshi_core::cert::in_use::{StoreCertificate, StoreRole};
use onshi_core::cert::CertStatus;
use onshi_core::cert::{self, copy, reminder, BackupReport, CertInfo};
use onshi_core::error_code::ErrorCode;
use onshi_core::file_input::{self, InputError};
use onshi_core::guides::proof::Proof;
use onshi_core::lock::LockExt;
use onshi_core::time::{now_jst, rfc3339_jst};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};
use zeroize::Zeroizing;

/// What the user picked on this screen. Only paths; never a password.
#[derive(Default)]
pub struct CertScreen {
    certificate: Mutex<Option<CertInfo>>,
    backup: Mutex<Option<PathBuf>>,
}

/// A file the user picked in a native dialog, with what the app read from it.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Opened<T> {
    pub file_name: String,
    pub value: T,
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl CertScreen {
    /// The expiry (YYYY-MM-DD) of the certificate opened on this screen, if any.
    pub fn certificate_not_after(&self) -> Option<String> {
        self.certificate
            .lock_or_recover()
            .as_ref()
            .map(|info| info.not_after.clone())
    }
}

/// Asks for a certificate file and summarises it; None when the dialog was cancelled.
#[tauri::command]
pub async fn cert_open(
    app: AppHandle,
    screen: tauri::State<'_, CertScreen>,
) -> Result<Option<Opened<CertInfo>>, CommandError> {
    let picker = app.clone();
    let Some(path) = off_runtime(move || pick(&picker, Pick::Certificate)).await? else {
        return Ok(None);
    };
    let reading = path.clone();
    let read = off_runtime(move || {
        match file_input::read_file(&reading, cert::x509::MAX_CERTIFICATE_BYTES as u64) {
            Ok(bytes) => Ok(cert::read_certificate(&bytes)),
            // Refused before reading, with the code and words the certificate check gives it.
            Err(InputError::TooLarge { .. }) => Ok(Err(cert::CertError::TooLarge)),
            Err(error) => Err(CommandError::from(error)),
        }
    })
    .await??;
    let info = match read {
        // A backup picked where a certificate was expected: keep it as the backup to check, and let
        // the screen offer that check (the error's detail is the file's name).
        Err(cert::CertError::IsABackup) => {
            let name = file_name(&path);
            *screen.backup.lock_or_recover() = Some(path);
            return Err(CommandError::new(ErrorCode::IsABackup, name));
        }
        read => read.and_then(|der| cert::inspect(&der, now_jst().date_naive()))?,
    };
    *screen.certificate.lock_or_recover() = Some(info.clone());
    note_if_usable(&app, &info);
    // Remembered (the path only) so the tray and the notifications follow this certificate.
    app.state::<AppStatus>()
        .update(|status| status.certificate_file = Some(path.clone()));
    app.resident().send(Event::CertificateMayHaveChanged);
    Ok(Some(Opened {
        file_name: file_name(&path),
        value: info,
    }))
}

/// The current user's certificates from the OS store (Windows), each with its role (onshi-core decides),
/// the one in use first; it becomes the certificate on screen. Elsewhere: "not-available", and the file
/// flow is used.
#[tauri::command]
pub async fn cert_from_store(
    app: AppHandle,
    screen: tauri::State<'_, CertScreen>,
) -> Result<Vec<StoreCertificate>, CommandError> {
    let chosen = crate::settings::load(&app)
        .map_err(|e| CommandError::new(ErrorCode::Failed, e))?
        .terminal_certificate;
    let found = off_runtime(move || {
        cert::in_use::store_certificates(chosen.as_deref(), now_jst().date_naive())
    })
    .await??;
    let in_use = found
        .iter()
        .find(|c| c.role == StoreRole::InUse)
        .map(|c| c.info.clone());
    if let Some(info) = &in_use {
        note_if_usable(&app, info);
    }
    *screen.certificate.lock_or_recover() = in_use;
    app.resident().send(Event::CertificateMayHaveChanged);
    Ok(found)
}

/// Keeps `thumbprint` as the terminal's certificate (the staff's choice among several of different
/// subjects) and answers the store again with the roles that follow from it.
#[tauri::command]
pub async fn cert_choose_terminal(
    app: AppHandle,
    thumbprint: String,
    screen: tauri::State<'_, CertScreen>,
) -> Result<Vec<StoreCertificate>, CommandError> {
    let mut settings =
        crate::settings::load(&app).map_err(|e| CommandError::new(ErrorCode::Failed, e))?;
    settings.terminal_certificate = Some(thumbprint);
    crate::settings::save(&app, &settings)
        .map_err(|e| CommandError::new(ErrorCode::Unwritable, e))?;
    cert_from_store(app, screen).await
}

/// The certificate the PC uses (the store, or the file last opened), as the resident last read it; it
/// becomes the certificate on screen, so a window made again from the tray shows it at once.
#[tauri::command]
pub fn cert_current(app: AppHandle, screen: tauri::State<'_, CertScreen>) -> Option<CertInfo> {
    let info = app.resident().certificate()?;
    *screen.certificate.lock_or_recover() = Some(info.clone());
    Some(info)
}

/// Saves a calendar file with the renewal reminders of the certificate on screen.
#[tauri::command]
pub async fn cert_save_reminder(
    app: AppHandle,
    screen: tauri::State<'_, CertScreen>,
) -> Result<Option<String>, CommandError> {
    let info = screen.certificate.lock_or_recover().clone();
    let info = info
        .ok_or_else(|| CommandError::new(ErrorCode::NoCertificate, "no certificate on screen"))?;
    let calendar = reminder::reminders_for(&info)
        .ok_or_else(|| CommandError::new(ErrorCode::Failed, "unreadable expiry date"))?;
    let Some(path) =
        off_runtime(move || pick(&app, Pick::Save("電子証明書の更新.ics".into()))).await?
    else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    off_runtime(move || std::fs::write(&path, calendar))
        .await?
        .map_err(|e| CommandError::new(ErrorCode::Unwritable, e))?;
    Ok(Some(shown))
}

/// Asks for a backup file; its path stays here for the check and the copy.
#[tauri::command]
pub async fn backup_open(
    app: AppHandle,
    screen: tauri::State<'_, CertScreen>,
) -> Result<Option<String>, CommandError> {
    let Some(path) = off_runtime(move || pick(&app, Pick::Backup)).await? else {
        return Ok(None);
    };
    let name = file_name(&path);
    *screen.backup.lock_or_recover() = Some(path);
    Ok(Some(name))
}

fn picked_backup(screen: &CertScreen) -> Result<PathBuf, CommandError> {
    screen
        .backup
        .lock_or_recover()
        .clone()
        .ok_or_else(|| CommandError::new(ErrorCode::NoBackup, "no backup picked"))
}

/// Opens the picked backup with `password` (kept in memory only, wiped after) and checks it.
#[tauri::command]
pub async fn backup_verify(
    app: AppHandle,
    password: String,
    screen: tauri::State<'_, CertScreen>,
) -> Result<BackupReport, CommandError> {
    let password = Zeroizing::new(password);
    let path = picked_backup(&screen)?;
    // Compared with the certificate on screen, else the one the PC uses (the resident's).
    let in_use = screen
        .certificate
        .lock_or_recover()
        .clone()
        .or_else(|| app.resident().certificate());
    let outcome = off_runtime(move || {
        let mut outcome = match file_input::read_file(&path, cert::backup::MAX_BACKUP_BYTES as u64)
        {
            Ok(bytes) => cert::verify_backup(&bytes, &password, now_jst().date_naive()),
            // Refused before reading; still a check that ended "too large", and recorded as one.
            Err(InputError::TooLarge { .. }) => Err(cert::BackupError::TooLarge),
            Err(error) => return Err(CommandError::from(error)),
        };
        if let (Ok(report), Some(in_use)) = (&mut outcome, &in_use) {
            report.compare_with_in_use(in_use);
        }
        Ok::<_, CommandError>(outcome)
    })
    .await??;
    // The verdict and date only, for the report and the "renewed without a backup" notice.
    let check = BackupCheck::of(rfc3339_jst(now_jst()), &outcome);
    app.state::<AppStatus>()
        .update(|status| status.backup_check = Some(check));
    if outcome.as_ref().is_ok_and(|report| report.usable) {
        super::guides::note(&app, Proof::BackupVerified);
    }
    Ok(outcome?)
}

/// Asks for a folder (a USB stick) and copies the picked backup there, verified.
#[tauri::command]
pub async fn backup_copy(
    app: AppHandle,
    screen: tauri::State<'_, CertScreen>,
) -> Result<Option<copy::CopyReport>, CommandError> {
    let source = picked_backup(&screen)?;
    let picker = app.clone();
    let outcome = off_runtime(move || {
        pick(&picker, Pick::Folder).map(|folder| copy::copy_verified(&source, &folder))
    })
    .await?;
    if let Some(Ok(_)) = &outcome {
        super::guides::note(&app, Proof::BackupCopied);
    }
    Ok(outcome.transpose()?)
}

/// A certificate shown on 「電子証明書」 that is valid or in its renewal window proves the renewal
/// guide's first check.
fn note_if_usable(app: &AppHandle, info: &CertInfo) {
    if matches!(
        info.expiry.status,
        CertStatus::Valid | CertStatus::RenewalWindow
    ) {
        super::guides::note(app, Proof::CertificateUsable);
    }
}

//! `onshi cert inspect`, `onshi backup verify`, `onshi backup copy`, `onshi cert list`, `onshi mpki`.

use crate::exit;
use crate::output::{print_json, report_error};
use crate::text::{Language, Words};
use chrono::NaiveDate;
use onshi_core::cert::{self, copy, CertInfo, CertStatus};
use onshi_core::error_code::{Coded, ErrorCode};
use onshi_core::file_input::InputError;
use onshi_core::time::now_jst;
use std::io::Read;
use std::path::Path;
use zeroize::Zeroizing;

/// "Today" in Japan, or the date given with --at.
pub fn today(at: Option<NaiveDate>) -> NaiveDate {
    at.unwrap_or_else(|| now_jst().date_naive())
}

/// Now in Japan, moved to the date given with --at (at the same time of day).
pub fn now_at(at: Option<NaiveDate>) -> chrono::DateTime<chrono::FixedOffset> {
    let now = now_jst();
    match at {
        Some(date) => date
            .and_time(now.time())
            .and_local_timezone(onshi_core::time::jst())
            .single()
            .unwrap_or(now),
        None => now,
    }
}

/// A file named on the command line, refused before it is read when it holds more than `limit` bytes.
/// `too_large` is the refusal in the words of the file's kind (`cert_error`, `backup_error`), so the
/// message and the code are the ones the check gives a file too large.
fn read_file(
    path: &Path,
    limit: usize,
    too_large: &str,
    json: bool,
    lang: Language,
) -> Result<Vec<u8>, u8> {
    onshi_core::file_input::read_file(path, limit as u64).map_err(|error| {
        match error {
            InputError::TooLarge { .. } => report_error(json, ErrorCode::TooLarge, too_large),
            InputError::Unreadable(error) => eprintln!(
                "{}: {} ({error})",
                lang.pick("ファイルを読めません", "cannot read the file"),
                path.display()
            ),
        }
        exit::BAD_INPUT
    })
}

/// A certificate file (`cert inspect`, `backup verify --cert`).
fn read_certificate_file(path: &Path, json: bool, lang: Language) -> Result<Vec<u8>, u8> {
    let too_large = lang.cert_error(&cert::CertError::TooLarge);
    read_file(
        path,
        cert::x509::MAX_CERTIFICATE_BYTES,
        too_large,
        json,
        lang,
    )
}

fn print_certificate(info: &CertInfo, lang: Language) {
    crate::say!("  {} {}", lang.pick("発行先：", "Subject:"), info.subject);
    crate::say!("  {} {}", lang.pick("発行者：", "Issuer: "), info.issuer);
    crate::say!(
        "  {} {}",
        lang.pick("シリアル番号：", "Serial: "),
        info.serial
    );
    crate::say!(
        "  {} {} 〜 {}",
        lang.pick("有効期間：", "Valid:  "),
        lang.date(&info.not_before),
        lang.date(&info.not_after)
    );
    crate::say!("  {}", lang.cert_status(info));
}

pub fn inspect(path: &Path, json: bool, at: Option<NaiveDate>, lang: Language) -> u8 {
    let bytes = match read_certificate_file(path, json, lang) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    // A file may hold a chain: the terminal's (end-entity) certificate is the one shown.
    let certificates = cert::read_certificates(&bytes);
    let count = certificates.as_ref().map_or(0, Vec::len);
    let info =
        match certificates.and_then(|all| cert::inspect(&all[cert::end_entity(&all)], today(at))) {
            Ok(info) => info,
            Err(error) => {
                report_error(json, error.code(), lang.cert_error(&error));
                return exit::BAD_INPUT;
            }
        };
    if json {
        let mut doc = serde_json::to_value(&info).unwrap_or_default();
        doc["certificates_in_file"] = count.into();
        print_json(&doc);
    } else {
        crate::say!("{}", lang.pick("電子証明書", "Certificate"));
        print_certificate(&info, lang);
        if count > 1 {
            crate::say!(
                "  {}",
                match lang {
                    Language::Ja => format!("このファイルには電子証明書が{count}枚入っています。CAの証明書ではないもの（端末の電子証明書）を表示しています。"),
                    Language::En => format!("This file holds {count} certificates; the one shown is the one that is not a CA's (the terminal's)."),
                }
            );
        }
    }
    match info.expiry.status {
        CertStatus::Valid | CertStatus::RenewalWindow => exit::FINE,
        CertStatus::Expired | CertStatus::NotYetValid => exit::PROBLEM,
    }
}

/// The password: the first line of stdin (UTF-8 with or without its mark, UTF-16 with its mark, or the
/// console's code page on Windows), or typed at a prompt that does not echo. Never an argument.
fn password(from_stdin: bool, json: bool, lang: Language) -> Result<Zeroizing<String>, u8> {
    if from_stdin {
        let mut bytes = Zeroizing::new(Vec::new());
        let limit = cert::password_input::MAX_PASSWORD_INPUT_BYTES as u64 + 1;
        if let Err(error) = std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
            eprintln!(
                "{} ({error})",
                lang.pick(
                    "標準入力からパスワードを読めませんでした。",
                    "Could not read the password from standard input."
                )
            );
            return Err(exit::BAD_INPUT);
        }
        return cert::decode_password_input(&bytes, onshi_core::platform::decode_console_text)
            .map_err(|error| {
                report_error(json, error.code(), lang.password_input_error(error));
                exit::BAD_INPUT
            });
    }
    rpassword::prompt_password(lang.pick("バックアップのパスワード：", "Backup password: "))
        .map(Zeroizing::new)
        .map_err(|_| {
            eprintln!(
                "{}",
                lang.pick(
                    "パスワードを入力できません。--password-stdinをお使いください。",
                    "Cannot prompt for the password; use --password-stdin."
                )
            );
            exit::BAD_INPUT
        })
}

pub fn verify(
    path: &Path,
    password_stdin: bool,
    in_use: Option<&Path>,
    json: bool,
    at: Option<NaiveDate>,
    lang: Language,
) -> u8 {
    let too_large = lang.backup_error(&cert::BackupError::TooLarge);
    let bytes = match read_file(path, cert::backup::MAX_BACKUP_BYTES, too_large, json, lang) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    // The certificate in use is read before the password is asked for: a bad file fails first.
    let in_use = match in_use {
        None => None,
        Some(cert_path) => {
            let cert_bytes = match read_certificate_file(cert_path, json, lang) {
                Ok(bytes) => bytes,
                Err(code) => return code,
            };
            match cert::read_certificate(&cert_bytes).and_then(|der| cert::inspect(&der, today(at)))
            {
                Ok(info) => Some(info),
                Err(error) => {
                    report_error(json, error.code(), lang.cert_error(&error));
                    return exit::BAD_INPUT;
                }
            }
        }
    };
    let password = match password(password_stdin, json, lang) {
        Ok(password) => password,
        Err(code) => return code,
    };
    match cert::verify_backup(&bytes, &password, today(at)) {
        Ok(mut report) => {
            if let Some(in_use) = &in_use {
                report.compare_with_in_use(in_use);
            }
            if json {
                print_json(&report);
            } else {
                crate::say!("{}", lang.backup_verdict(report.verdict.code));
                if let Some(info) = &report.certificate {
                    print_certificate(info, lang);
                }
                let words = |problem: &cert::Problem| problem.message.get(lang).to_owned();
                for problem in &report.problems {
                    crate::say!("  ! {}", words(problem));
                }
                for note in &report.notes {
                    crate::say!("  * {}", words(note));
                }
                for older in &report.older_certificates {
                    crate::say!(
                        "  {} {} ({} {})",
                        lang.pick(
                            "更新前の電子証明書も入っています：",
                            "Also holds an earlier certificate:"
                        ),
                        older.subject,
                        lang.pick("有効期限", "expiry"),
                        lang.date(&older.not_after)
                    );
                }
                if let Some(encryption) = &report.encryption {
                    crate::say!("  {} {encryption}", lang.pick("保護方式：", "Protection:"));
                }
            }
            if report.usable {
                exit::FINE
            } else {
                exit::PROBLEM
            }
        }
        Err(error) => {
            report_error(json, error.code(), lang.backup_error(&error));
            exit::BAD_INPUT
        }
    }
}

pub fn copy(path: &Path, destination: &Path, json: bool, lang: Language) -> u8 {
    match copy::copy_verified(path, destination) {
        Ok(report) => {
            if json {
                print_json(&report);
            } else {
                crate::say!(
                    "{}",
                    lang.pick(
                        "コピーして、読み戻して中身が同じことを確かめました。",
                        "Copied, read back and found identical."
                    )
                );
                crate::say!("  {}", report.destination);
                crate::say!("  SHA-256 {}", report.sha256);
            }
            exit::FINE
        }
        Err(error) => {
            report_error(json, error.code(), lang.copy_error(&error));
            match error {
                copy::CopyError::SourceUnreadable(_)
                | copy::CopyError::TooLarge
                | copy::CopyError::DestinationMissing => exit::BAD_INPUT,
                _ => exit::PROBLEM,
            }
        }
    }
}

fn not_available(json: bool, lang: Language) -> u8 {
    let message = lang.pick(
        "この確認はWindowsの資格確認端末でのみ使えます。電子証明書ファイルやバックアップファイルは「onshi cert inspect」「onshi backup verify」で確認できます。",
        "This check works only on the Windows terminal. Check certificate or backup files with \"onshi cert inspect\" or \"onshi backup verify\".",
    );
    report_error(json, ErrorCode::NotAvailable, message);
    exit::BAD_INPUT
}

/// `onshi cert list`: the current user's certificates (Windows), each with its role; the one in use
/// first. The staff's choice among several is read from the app's settings.
pub fn list(json: bool, at: Option<NaiveDate>, lang: Language) -> u8 {
    use onshi_core::cert::in_use::{self, StoreRole};
    let chosen = onshi_core::app_data::default_dir()
        .and_then(|dir| onshi_core::app::settings::read_saved(&dir).terminal_certificate);
    let found = match in_use::store_certificates(chosen.as_deref(), today(at)) {
        Ok(found) => found,
        Err(onshi_core::platform::PlatformError::NotAvailable) => return not_available(json, lang),
        Err(error) => {
            report_error(json, error.code(), &error.to_string());
            return exit::PROBLEM;
        }
    };
    if json {
        print_json(&found);
    } else {
        for certificate in &found {
            let role = match certificate.role {
                StoreRole::InUse => lang.pick(
                    "端末の電子証明書（使用中）",
                    "the terminal's certificate (in use)",
                ),
                StoreRole::Candidate => lang.pick(
                    "端末の電子証明書の候補（どれを使うかアプリで選んでください）",
                    "a candidate for the terminal's certificate (choose one in the app)",
                ),
                StoreRole::Older => lang.pick(
                    "更新前の古い電子証明書（削除できます）",
                    "an earlier certificate from before the renewal (can be deleted)",
                ),
                StoreRole::NoPrivateKey => lang.pick(
                    "秘密鍵がありません（更新が途中で止まった可能性）",
                    "no private key (a renewal may have stopped half-way)",
                ),
                StoreRole::OtherPurpose => {
                    lang.pick("別の用途の証明書", "a certificate for another purpose")
                }
                StoreRole::Authority => {
                    lang.pick("認証局の証明書", "a certificate authority's certificate")
                }
            };
            crate::say!("{} [{role}]", certificate.info.subject);
            crate::say!(
                "  {} {}",
                lang.pick("拇印：", "Thumbprint:"),
                certificate.thumbprint
            );
            print_certificate(&certificate.info, lang);
        }
    }
    exit::FINE
}

/// `onshi mpki`: the installed MPKI client's version against the latest the user read on the portal.
pub fn mpki(json: bool, latest: Option<String>, lang: Language) -> u8 {
    use onshi_core::mpki;
    let installed = match onshi_core::platform::installed_apps().version_of(mpki::DISPLAY_NAME) {
        Ok(version) => version,
        Err(onshi_core::platform::PlatformError::NotAvailable) => return not_available(json, lang),
        Err(error) => {
            report_error(json, error.code(), &error.to_string());
            return exit::PROBLEM;
        }
    };
    let status = mpki::status(installed, latest);
    if json {
        print_json(&status);
    } else {
        match (&status.version, status.up_to_date) {
            (None, _) => crate::say!(
                "{}",
                lang.pick(
                    "MPKIクライアントはインストールされていません。",
                    "The MPKI client is not installed."
                )
            ),
            (Some(version), Some(true)) => crate::say!(
                "{} {version}",
                lang.pick(
                    "MPKIクライアントは最新です：",
                    "The MPKI client is up to date:"
                )
            ),
            (Some(version), Some(false)) => crate::say!(
                "{} {version} → {}",
                lang.pick(
                    "MPKIクライアントを最新版にしてください：",
                    "Update the MPKI client:"
                ),
                status.latest_known.as_deref().unwrap_or_default()
            ),
            (Some(version), None) => crate::say!(
                "{} {version} ({})",
                lang.pick("MPKIクライアント：", "MPKI client:"),
                lang.pick(
                    "最新版は --latestで指定してください",
                    "give the latest with --latest"
                )
            ),
        }
    }
    match (status.installed, status.up_to_date) {
        (true, Some(false)) | (false, _) => exit::PROBLEM,
        _ => exit::FINE,
    }
}

//! オン資のソフト: the 連携・配信アプリ and the face-recognition library in their folders (each
//! `Version.info` shown as text), the library's Edge extensions, and the credentials the 連携アプリ signs in
//! with, by name only.

use super::seen::{Probe, SoftwareSeen};
use super::usual::UsualSetup;
use super::Judged;
use crate::verdict::{Level, VerdictCode::*};

pub fn judge(seen: &SoftwareSeen, usual: &UsualSetup) -> Vec<Judged> {
    let usual = &usual.software;
    let parts = match &seen.parts {
        Probe::Seen(parts) => parts,
        other => {
            return vec![Judged::not_looked_at(
                other,
                SoftwareNotOnThisOs,
                "オン資のソフト",
                "Eligibility software",
            )]
        }
    };
    let mut found = Vec::new();
    let missing: Vec<&super::seen::InstalledPart> = parts.iter().filter(|p| !p.present).collect();
    if !missing.is_empty() {
        let ja: Vec<String> = missing
            .iter()
            .map(|p| format!("「{}」（{}）", p.name, p.path))
            .collect();
        let en: Vec<String> = missing
            .iter()
            .map(|p| format!("{} ({})", p.name_en, p.path))
            .collect();
        found.push(Judged::new(
            Level::Warn,
            SoftwarePartMissing,
            format!("オン資のソフト：{}が見つかりません", ja.join("、")),
            format!("Eligibility software: {} not found", en.join(", ")),
        ));
    }
    if seen.extensions.seen().is_some_and(Vec::is_empty) {
        found.push(Judged::new(
            Level::Warn,
            SoftwareExtensionsMissing,
            format!(
                "オン資のソフト：Edgeの拡張機能（{}）が見つかりません",
                usual.extensions_folder
            ),
            format!(
                "Eligibility software: no Edge extensions in {}",
                usual.extensions_folder
            ),
        ));
    }
    match &seen.credentials {
        Probe::Seen(credentials) => {
            let absent: Vec<&String> = usual
                .credentials
                .iter()
                .filter(|name| !credentials.names.contains(name))
                .collect();
            if !absent.is_empty() {
                let names = absent.iter().map(|n| n.as_str()).collect::<Vec<_>>().join("、");
                found.push(Judged::new(
                    Level::Warn,
                    SoftwareCredentialMissing,
                    format!("オン資のソフト：資格情報（{names}）が登録されていません"),
                    format!("Eligibility software: the credentials {names} are not stored"),
                ));
            }
        }
        _ => found.push(Judged::new(
            Level::Info,
            SoftwareCredentialsNotVisible,
            format!("オン資のソフト：資格情報は「{}」のサインイン中にだけ確認できます", usual.credentials_user),
            format!("Eligibility software: the credentials can only be checked while \"{}\" is signed in", usual.credentials_user),
        )),
    }
    found.extend(super::tasks::judge(&seen.tasks));
    found.extend(root_ca(&seen.root_ca, &usual.root_ca));
    // Each Version.info as it reads, after its part's name in the line's language.
    let versions = |name: fn(&super::seen::InstalledPart) -> &str, separator: &str| -> String {
        parts
            .iter()
            .filter_map(|p| Some(format!("{} {}", name(p), p.version_info.as_deref()?.trim())))
            .collect::<Vec<_>>()
            .join(separator)
    };
    super::fine_unless_pressing(found, || {
        Judged::new(
            Level::Ok,
            SoftwareOk,
            format!(
                "オン資のソフト：そろっています（{}）",
                versions(|p| &p.name, "、")
            ),
            format!(
                "Eligibility software: all present ({})",
                versions(|p| &p.name_en, ", ")
            ),
        )
    })
}

/// The terminal certificate's root in the trusted root stores (https://onlineseikyu.jp/?qanda-cat=si1, Q8).
fn root_ca(seen: &Probe<Vec<String>>, name: &str) -> Option<Judged> {
    match seen {
        Probe::Seen(stores) if stores.is_empty() => Some(Judged::new(
            Level::Warn,
            SoftwareRootCaMissing,
            format!("オン資のソフト：「信頼されたルート証明機関」に「{name}」がありません。端末の電子証明書に「この証明書は信頼されていない」と表示され、使えないことがあります"),
            format!("Eligibility software: \"{name}\" is not among the trusted root certification authorities; the terminal certificate may show 「この証明書は信頼されていない」 (this certificate is not trusted) and fail"),
        )),
        Probe::Unreadable(error) => Some(Judged::new(
            Level::Info,
            SoftwareRootCaUnreadable,
            format!("オン資のソフト：「信頼されたルート証明機関」を読み取れませんでした（{error}）"),
            format!("Eligibility software: the trusted root certification authorities could not be read ({error})"),
        )),
        _ => None,
    }
}

/// The most of a `Version.info` that is shown: a few lines of text, never a large file read whole.
// Used by the Windows probes; tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
const VERSION_INFO_MOST: u64 = 4096;

/// A `Version.info` as text (UTF-8, else the PC's legacy code page, CP932 on a Japanese PC); None when
/// there is none or it is empty.
// Used by the Windows probes; tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn version_info(path: &std::path::Path) -> Option<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(VERSION_INFO_MOST)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8(bytes.clone())
        .ok()
        .or_else(|| crate::platform::decode_console_text(&bytes))
        .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
    let text = text.trim_start_matches('\u{feff}').trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The `.crx` files' names in `folder` (none when the folder is missing).
// Used by the Windows probes; tested on every platform.
#[cfg_attr(not(windows), allow(dead_code))]
pub(super) fn crx_files(folder: &std::path::Path) -> Probe<Vec<String>> {
    match std::fs::read_dir(folder) {
        Ok(entries) => Probe::Seen(
            entries
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.to_ascii_lowercase().ends_with(".crx"))
                .collect(),
        ),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Probe::Seen(Vec::new()),
        Err(error) => Probe::Unreadable(error.to_string()),
    }
}

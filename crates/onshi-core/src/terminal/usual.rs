//! The usual set-up (`usual_setup.toml`, each value with its source), and a site's own values over it: a
//! vendor puts `usual-setup.toml` in the app's data folder with only the keys that differ at that site (an
//! IPsec+IKE line's proxy and time server, other adapter names). A finding that does not match says
//! "differs from the usual set-up", never "wrong".

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

/// The site's file in the app's data folder.
pub const SITE_FILE: &str = "usual-setup.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsualSetup {
    pub software: Software,
    pub link: Link,
    pub sign_in: SignIn,
    pub line: Line,
    pub clock: Clock,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Folder {
    pub name: String,
    pub name_en: String,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Software {
    pub folders: Vec<Folder>,
    pub extensions_folder: String,
    pub credentials: Vec<String>,
    pub credentials_user: String,
    /// The scheduled tasks that start the 連携・配信アプリ (Task Scheduler's names, in its root folder).
    pub tasks: Vec<String>,
    /// The terminal certificate's root, by its subject's CN.
    pub root_ca: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub root: String,
    pub folders: Vec<String>,
    pub request_stale_minutes: i64,
    /// The usual share names, the one that must not be shared, the folders no Everyone full control may
    /// reach, and the firewall's rule group for sharing.
    pub shares: Vec<String>,
    pub forbidden_share: String,
    pub everyone_folders: Vec<String>,
    pub firewall_group: String,
    pub results_pile: u32,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub user: String,
    pub passwordless_hides_checkbox: u32,
    pub screen_saver_timeout_seconds: u32,
    /// The terminal's accounts whose passwords must not run out.
    pub accounts: Vec<String>,
    pub password_expiry_warning_days: i64,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub dns_current: Vec<String>,
    pub dns_old: Vec<String>,
    pub proxy_server: String,
    pub proxy_bypass: Vec<String>,
    pub adapters: Vec<String>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    pub time_servers: Vec<String>,
    pub time_zones: Vec<String>,
    pub utc_offset_minutes: i32,
    pub backwards_tolerance_minutes: i64,
    pub source: String,
}

const SHIPPED: &str = include_str!("usual_setup.toml");

/// Why a site's file was not used (the shipped values are, and the finding says so).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{SITE_FILE}: {0}")]
pub struct SiteFileError(pub String);

impl UsualSetup {
    /// The values shipped with the app.
    pub fn shipped() -> &'static UsualSetup {
        static SHIPPED_SETUP: OnceLock<UsualSetup> = OnceLock::new();
        SHIPPED_SETUP.get_or_init(|| crate::embedded::data!(UsualSetup, "usual_setup"))
    }

    /// The shipped values with the site's file over them, when `data_dir` has one; a file that cannot be
    /// read or does not fit is named in the error and the shipped values are used.
    pub fn for_site(data_dir: Option<&Path>) -> (UsualSetup, Option<SiteFileError>) {
        let Some(path) = data_dir.map(|dir| dir.join(SITE_FILE)) else {
            return (UsualSetup::shipped().clone(), None);
        };
        match std::fs::read_to_string(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (UsualSetup::shipped().clone(), None)
            }
            Err(error) => (
                UsualSetup::shipped().clone(),
                Some(SiteFileError(error.to_string())),
            ),
            Ok(text) => match UsualSetup::with_site(&text) {
                Ok(setup) => (setup, None),
                Err(error) => (UsualSetup::shipped().clone(), Some(error)),
            },
        }
    }

    /// The shipped values with `site` (TOML, only the keys that differ) over them.
    pub fn with_site(site: &str) -> Result<UsualSetup, SiteFileError> {
        let mut base: toml::Table = toml::from_str(SHIPPED).expect("usual_setup.toml is valid");
        let site: toml::Table = toml::from_str(site).map_err(|e| SiteFileError(e.to_string()))?;
        merge(&mut base, site);
        toml::Value::Table(base)
            .try_into()
            .map_err(|e: toml::de::Error| SiteFileError(e.to_string()))
    }
}

/// Puts `over`'s keys into `base`, table by table; any other value replaces the one before.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over_inner)) => {
                merge(inner, over_inner)
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's JSON of usual_setup.toml reads as the TOML it came from.
    #[test]
    fn the_embedded_usual_setup_is_the_toml() {
        crate::embedded::same_as_toml!(UsualSetup, "usual_setup", include_str!("usual_setup.toml"));
    }

    #[test]
    fn the_shipped_set_up_reads_and_every_part_names_its_source() {
        let setup = UsualSetup::shipped();
        assert_eq!(setup.clock.utc_offset_minutes, 540);
        assert!(setup
            .clock
            .time_servers
            .contains(&"ntp.base.oqs-pdl.org".to_owned()));
        for source in [
            &setup.software.source,
            &setup.link.source,
            &setup.sign_in.source,
            &setup.line.source,
            &setup.clock.source,
        ] {
            assert!(!source.is_empty());
        }
    }

    #[test]
    fn a_site_changes_only_the_keys_it_names() {
        let site = "[line]\nproxy_server = \"proxy.healthcare-on-demand.jp:8080\"\n[clock]\ntime_servers = [\"ntp.healthcare-on-demand.jp\"]\n";
        let setup = UsualSetup::with_site(site).unwrap();
        assert_eq!(
            setup.line.proxy_server,
            "proxy.healthcare-on-demand.jp:8080"
        );
        assert_eq!(setup.clock.time_servers, ["ntp.healthcare-on-demand.jp"]);
        // Everything else is as shipped.
        assert_eq!(
            setup.line.dns_current,
            UsualSetup::shipped().line.dns_current
        );
        assert_eq!(setup.software, UsualSetup::shipped().software);
    }

    #[test]
    fn a_broken_site_file_is_named_and_the_shipped_values_are_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SITE_FILE), "[line\nproxy_server = 1").unwrap();
        let (setup, error) = UsualSetup::for_site(Some(dir.path()));
        assert_eq!(&setup, UsualSetup::shipped());
        assert!(error.unwrap().to_string().starts_with(SITE_FILE));
        // A value of the wrong type is refused the same way, and so is a misspelt key.
        assert!(UsualSetup::with_site("[clock]\nutc_offset_minutes = \"nine\"").is_err());
        assert!(UsualSetup::with_site("[line]\nproxy_sever = \"proxy.example:8080\"").is_err());
        // No file: the shipped values, no error.
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(UsualSetup::for_site(Some(empty.path())).1, None);
    }
}

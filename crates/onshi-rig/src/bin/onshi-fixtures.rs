//! `onshi-fixtures DIR`: certificate and backup files made by OpenSSL for the end-to-end tests and the demo:
//! healthy.pem (3 years 3 months), renewal.pem (60 days left), expired.pem (expired yesterday), and
//! backup.p12 (the healthy one with its key and CA, protected by onshi_rig::pki::PASSWORD).

use onshi_rig::pki::{Pki, Protection, TERMINAL_DAYS};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let made = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        for (name, days) in [("healthy", TERMINAL_DAYS), ("renewal", 60), ("expired", -1)] {
            let pki = Pki::new(days, false)?;
            std::fs::copy(pki.path("terminal.pem"), dir.join(format!("{name}.pem")))?;
            if name == "healthy" {
                std::fs::copy(
                    pki.backup(Protection::Aes256Sha256)?,
                    dir.join("backup.p12"),
                )?;
            }
        }
        Ok(())
    })();
    if let Err(error) = made {
        eprintln!("onshi-fixtures: {error}");
        std::process::exit(1);
    }
}

//! Certificate and backup fixtures made by the real OpenSSL command line, the way the CA's and Windows'
//! tools make them: a CA, a terminal certificate signed by it, and PKCS#12 backups in every protection
//! Windows and OpenSSL produce. Passwords reach OpenSSL through the environment, never its arguments.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The password of every backup here: Japanese, as staff may well choose.
pub const PASSWORD: &str = "ひみつのパスワード2026";
/// 3 years 3 months, in days, as the terminal certificate is issued.
pub const TERMINAL_DAYS: i32 = 1186;

/// How a backup is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protection {
    /// OpenSSL 3's default, and Windows' "AES256-SHA256": PBES2 AES-256-CBC, HMAC-SHA-256.
    Aes256Sha256,
    /// OpenSSL's -legacy: RC2-40 for the certificates, 3DES for the key, SHA-1 MAC (old Windows exports).
    LegacyRc2,
    /// Windows' "TripleDES-SHA1".
    TripleDesSha1,
    /// As Aes256Sha256 with 600,000 PBKDF2 iterations (the benchmark's file).
    Aes256Iter600k,
    /// No MAC at all.
    Aes256NoMac,
    /// Camellia: valid PKCS#12, but not a cipher any Windows export uses.
    Camellia,
}

/// Tools other than OpenSSL that write backups, by default or with an older cipher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exporter {
    /// NSS's pk12util (Firefox, Thunderbird): BER with indefinite lengths, AES, MAC SHA-256.
    Nss,
    /// pk12util with 3DES for the key and RC2-40 for the certificates.
    NssLegacy,
    /// GnuTLS's certtool: DER, PBES2 AES-128.
    GnuTls,
    /// certtool with --pkcs-cipher 3des-pkcs12.
    GnuTlsTripleDes,
}

/// A folder of fixtures; removed when dropped.
pub struct Pki {
    dir: tempfile::TempDir,
}

/// The name every fixture gives the certificate and key.
pub const FRIENDLY_NAME: &str = "オンライン資格確認端末";

/// Runs a fixture tool in `dir`; its error output becomes the error. The password is in the environment
/// for OpenSSL's `env:` arguments; the other tools read it from a file.
fn run(dir: &Path, program: &str, args: &[&str]) -> io::Result<()> {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("ONSHI_P12_PASSWORD", PASSWORD)
        .output()
        .map_err(|e| io::Error::other(format!("{program}: {e} (npm test installs it)")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "{program} {}: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )))
    }
}

fn openssl(dir: &Path, args: &[&str]) -> io::Result<()> {
    run(dir, "openssl", args)
}

impl Pki {
    /// A CA and a terminal certificate valid from today for `days` days (-1: expired yesterday), with RSA
    /// 2048 keys (or P-256).
    pub fn new(days: i32, ec: bool) -> io::Result<Pki> {
        let pki = Pki {
            dir: tempfile::tempdir()?,
        };
        let dir = pki.dir.path();
        let key_algorithm: &[&str] = if ec {
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        } else {
            &["-newkey", "rsa:2048"]
        };
        let mut ca = vec![
            "req", "-x509", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
            "-utf8",
        ];
        ca.extend_from_slice(key_algorithm);
        ca.extend_from_slice(&[
            "-subj",
            "/C=JP/O=オンライン請求ネットワーク関連システム共通認証局 (テスト)/CN=Onshi Test CA",
        ]);
        openssl(dir, &ca)?;
        let mut csr = vec![
            "req",
            "-new",
            "-nodes",
            "-keyout",
            "terminal.key",
            "-out",
            "terminal.csr",
            "-utf8",
        ];
        csr.extend_from_slice(key_algorithm);
        csr.extend_from_slice(&["-subj", "/C=JP/O=テスト医院/CN=1312345678-PC01"]);
        openssl(dir, &csr)?;
        let days = days.to_string();
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                "terminal.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "terminal.pem",
                "-days",
                &days,
            ],
        )?;
        openssl(
            dir,
            &[
                "x509",
                "-in",
                "terminal.pem",
                "-outform",
                "DER",
                "-out",
                "terminal.der",
            ],
        )?;
        // A second key, for a backup whose key belongs to another certificate.
        openssl(
            dir,
            &[
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                "other.key",
            ],
        )?;
        Ok(pki)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The terminal certificate with its key and the CA, protected as asked.
    pub fn backup(&self, protection: Protection) -> io::Result<PathBuf> {
        let name = format!("{protection:?}.p12");
        let mut args = vec![
            "pkcs12",
            "-export",
            "-in",
            "terminal.pem",
            "-inkey",
            "terminal.key",
            "-certfile",
            "ca.pem",
            "-name",
            FRIENDLY_NAME,
            "-passout",
            "env:ONSHI_P12_PASSWORD",
            "-out",
            &name,
        ];
        let extra: &[&str] = match protection {
            Protection::Aes256Sha256 => &[],
            Protection::LegacyRc2 => &["-legacy"],
            Protection::TripleDesSha1 => &[
                "-keypbe",
                "PBE-SHA1-3DES",
                "-certpbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
            Protection::Aes256Iter600k => &["-iter", "600000"],
            Protection::Aes256NoMac => &["-nomac"],
            Protection::Camellia => &[
                "-keypbe",
                "CAMELLIA-256-CBC",
                "-certpbe",
                "CAMELLIA-256-CBC",
            ],
        };
        args.extend_from_slice(extra);
        openssl(self.dir.path(), &args)?;
        Ok(self.path(&name))
    }

    /// The same certificate, key and CA exported by another tool, with the same password and name.
    pub fn backup_by(&self, exporter: Exporter) -> io::Result<PathBuf> {
        let dir = self.dir.path();
        let name = format!("{exporter:?}.p12");
        // Tools that read their password from a file get it there, not on their command line.
        fs::write(dir.join("password.txt"), format!("{PASSWORD}\n"))?;
        match exporter {
            Exporter::Nss | Exporter::NssLegacy => {
                let db = dir.join("nssdb");
                if !db.exists() {
                    fs::create_dir(&db)?;
                    let db_arg = format!("sql:{}", db.display());
                    run(dir, "certutil", &["-N", "-d", &db_arg, "--empty-password"])?;
                    let source = self.backup(Protection::Aes256Sha256)?;
                    let source = source.to_string_lossy();
                    run(
                        dir,
                        "pk12util",
                        &["-i", &source, "-d", &db_arg, "-w", "password.txt"],
                    )?;
                }
                let db_arg = format!("sql:{}", db.display());
                let mut args = vec![
                    "-o",
                    &name,
                    "-n",
                    FRIENDLY_NAME,
                    "-d",
                    &db_arg,
                    "-w",
                    "password.txt",
                ];
                if exporter == Exporter::NssLegacy {
                    args.extend([
                        "-c",
                        "PKCS #12 V2 PBE With SHA-1 And 3KEY Triple DES-CBC",
                        "-C",
                        "PKCS #12 V2 PBE With SHA-1 And 40 Bit RC2 CBC",
                    ]);
                }
                run(dir, "pk12util", &args)?;
            }
            Exporter::GnuTls | Exporter::GnuTlsTripleDes => {
                // certtool takes the password only as an argument: a test password, never a user's.
                let mut args = vec![
                    "--load-certificate",
                    "terminal.pem",
                    "--load-privkey",
                    "terminal.key",
                    "--load-ca-certificate",
                    "ca.pem",
                    "--to-p12",
                    "--outder",
                    "--outfile",
                    &name,
                    "--p12-name",
                    FRIENDLY_NAME,
                    "--password",
                    PASSWORD,
                ];
                if exporter == Exporter::GnuTlsTripleDes {
                    args.extend(["--pkcs-cipher", "3des-pkcs12"]);
                }
                run(dir, "certtool", &args)?;
            }
        }
        Ok(self.path(&name))
    }

    /// A backup with the certificates only (what an export "without the private key" gives).
    pub fn backup_without_key(&self) -> io::Result<PathBuf> {
        openssl(
            self.dir.path(),
            &[
                "pkcs12",
                "-export",
                "-nokeys",
                "-in",
                "terminal.pem",
                "-certfile",
                "ca.pem",
                "-passout",
                "env:ONSHI_P12_PASSWORD",
                "-out",
                "nokey.p12",
            ],
        )?;
        Ok(self.path("nokey.p12"))
    }

    /// A backup whose key belongs to another certificate: OpenSSL's -inkey refuses a key that does not
    /// match, but -nocerts with -certfile puts any certificate beside any key.
    pub fn backup_with_wrong_key(&self) -> io::Result<PathBuf> {
        openssl(
            self.dir.path(),
            &[
                "pkcs12",
                "-export",
                "-nocerts",
                "-inkey",
                "other.key",
                "-certfile",
                "terminal.pem",
                "-passout",
                "env:ONSHI_P12_PASSWORD",
                "-out",
                "mismatch.p12",
            ],
        )?;
        Ok(self.path("mismatch.p12"))
    }
}

//! A private pcscd whose vpcd readers carry real readers' names.
//!
//! pcscd serves one socket per machine (/run/pcscd), so the rig refuses to run unless the caller is in a
//! mount namespace of its own (scripts/rig-namespace.sh), where that folder is a private tmpfs. A test can
//! then start, kill and restart pcscd without touching the PC's real smart-card service.

use crate::{Profile, VirtualCard};
use std::fs;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The readers of the demo and of most tests: the three models of the source FAQ by their Windows
/// names, the RC-S300 by its Linux name, and a contact reader that cannot read a phone.
pub const DEFAULT_READERS: &[&str] = &[
    "SONY FeliCa Port/PaSoRi 4.0",
    "Circle CIR315 CL",
    "Circle USBNFC4",
    "SONY FeliCa RC-S300/P (0303109)",
    "NTT Communications Corp. SCR3310-NTTCom USB SmartCard Reader",
];

/// The vpcd port of the first reader; each entry opens its slots on consecutive ports (vpcd: two, port and
/// port + 1).
const FIRST_PORT: u16 = 0x8C7B;
/// Debian's vpcd opens two slots per reader; a reader asking for another count ("NAME|3") is served by
/// the rig's own driver (crates/onshi-rig-ifd).
const VPCD_SLOTS: u16 = 2;
/// The separator of a slot count in a reader given to the rig: "Circle CIR315 Dual & 1S|3".
pub const SLOTS_SEPARATOR: char = '|';
const VPCD_DRIVER: &str = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
/// Set by scripts/rig-namespace.sh once /run/pcscd is private.
pub const NAMESPACE_MARK: &str = "ONSHI_RIG_NAMESPACE";

/// One rig at a time per process: tests that use it take turns.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A running private pcscd with virtual readers.
pub struct Rig {
    dir: tempfile::TempDir,
    /// Each reader's friendly name and its slot count.
    readers: Vec<(String, u16)>,
    pcscd: Option<Child>,
    _turn: MutexGuard<'static, ()>,
}

impl Rig {
    /// Starts pcscd with `readers` (friendly names) and waits until every slot is listed.
    pub fn start(readers: &[&str]) -> io::Result<Rig> {
        if std::env::var_os(NAMESPACE_MARK).is_none() {
            return Err(io::Error::other(
                "the rig runs only inside its own namespace: use scripts/rig-namespace.sh (npm test does)",
            ));
        }
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let mut rig = Rig {
            dir: tempfile::tempdir()?,
            readers: Vec::new(),
            pcscd: None,
            _turn: turn,
        };
        rig.restart(readers)?;
        Ok(rig)
    }

    /// Stops pcscd and starts it again with another set of readers.
    pub fn restart(&mut self, readers: &[&str]) -> io::Result<()> {
        self.stop_service();
        self.readers = readers
            .iter()
            .map(|spec| parse_reader(spec))
            .collect::<io::Result<_>>()?;
        self.write_config()?;
        self.start_service()
    }

    /// The slot names pcsc-lite gives the rig's readers ("NAME 00 00", "NAME 00 01"): each entry has a
    /// driver of its own, so the driver's reader index is always 00.
    pub fn slot_names(&self) -> Vec<String> {
        self.readers
            .iter()
            .flat_map(|(name, slots)| (0..*slots).map(move |slot| format!("{name} 00 {slot:02X}")))
            .collect()
    }

    /// The first port of each reader, in order.
    fn first_ports(&self) -> Vec<u16> {
        self.readers
            .iter()
            .scan(FIRST_PORT, |next, (_, slots)| {
                let first = *next;
                *next += (*slots).max(VPCD_SLOTS);
                Some(first)
            })
            .collect()
    }

    /// The vpcd port of slot 0 of the first reader whose name contains `reader`.
    pub fn port_of(&self, reader: &str) -> io::Result<u16> {
        Ok(self.slot(reader, 0)?.0)
    }

    /// The vpcd port and the pcsc-lite name of a slot (0 or 1) of the reader whose name contains `reader`.
    fn slot(&self, reader: &str, slot: u16) -> io::Result<(u16, String)> {
        let index = self
            .readers
            .iter()
            .position(|(name, _)| name.contains(reader))
            .ok_or_else(|| io::Error::other(format!("no rig reader matches {reader:?}")))?;
        let (name, slots) = &self.readers[index];
        if slot >= *slots {
            return Err(io::Error::other(format!("{name} has {slots} slots")));
        }
        let port = self.first_ports()[index] + slot;
        Ok((port, format!("{name} 00 {slot:02X}")))
    }

    /// Puts a card on slot 0 of the reader whose name contains `reader`, and waits until pcscd sees it
    /// (it polls vpcd every 0.4 s), so a test acts on a state the service already knows.
    pub fn insert(&self, reader: &str, profile: Profile) -> io::Result<VirtualCard> {
        self.insert_at(reader, 0, profile)
    }

    /// As `insert`, on slot 0 or 1.
    pub fn insert_at(&self, reader: &str, slot: u16, profile: Profile) -> io::Result<VirtualCard> {
        let (port, name) = self.slot(reader, slot)?;
        let card = VirtualCard::insert(port, profile)?;
        wait_for_slot(&name, true)?;
        Ok(card)
    }

    /// Takes a card away from slot 0 and waits until pcscd has seen it go; returns every APDU it received.
    pub fn take_away(&self, reader: &str, card: VirtualCard) -> io::Result<Vec<Vec<u8>>> {
        self.take_away_from(reader, 0, card)
    }

    /// As `take_away`, from slot 0 or 1.
    pub fn take_away_from(
        &self,
        reader: &str,
        slot: u16,
        card: VirtualCard,
    ) -> io::Result<Vec<Vec<u8>>> {
        let received = card.remove();
        wait_for_slot(&self.slot(reader, slot)?.1, false)?;
        Ok(received)
    }

    /// Ends pcscd with SIGKILL, as a crash would, leaving its socket and pid file behind.
    pub fn kill_service(&mut self) {
        if let Some(mut child) = self.pcscd.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Ends pcscd politely (SIGTERM), as `systemctl stop pcscd` would.
    pub fn stop_service(&mut self) {
        if let Some(mut child) = self.pcscd.take() {
            // SAFETY: kill(2) on our own child's pid has no memory effects.
            unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts pcscd with the current readers and waits until all their slots are listed.
    pub fn start_service(&mut self) -> io::Result<()> {
        let log = fs::File::create(self.dir.path().join("pcscd.log"))?;
        let mut command = Command::new("pcscd");
        // SAFETY: prctl is async-signal-safe; it asks the kernel to end pcscd when the thread that
        // started it ends, so a rig killed by a signal (no Drop) leaves no pcscd behind.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
        if pcscd_has_polkit() {
            // The rig's pcscd serves only its own tests; in the Windows chroot there is no polkit to ask,
            // and a pcscd that asks refuses every client ("Access was denied …").
            command.arg("--disable-polkit");
        }
        if std::env::var_os("ONSHI_RIG_PCSCD_DEBUG").is_some() {
            // pcscd's own log in the failure messages, for debugging the rig.
            command.arg("--debug");
        }
        let child = command
            .args(["--foreground", "--config"])
            .arg(self.config_dir())
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        self.pcscd = Some(child);
        self.wait_until_listed(Duration::from_secs(15))
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("reader.conf.d")
    }

    fn write_config(&self) -> io::Result<()> {
        let conf = self.config_dir();
        let _ = fs::remove_dir_all(&conf);
        fs::create_dir_all(&conf)?;
        for ((index, (name, slots)), port) in
            self.readers.iter().enumerate().zip(self.first_ports())
        {
            let entry = if *slots == VPCD_SLOTS {
                // Entries that share one vpcd file break each other: each gets its own copy.
                let driver = self.dir.path().join(format!("libifdvpcd-{index}.so"));
                if !driver.exists() {
                    fs::copy(VPCD_DRIVER, &driver)?;
                }
                format!(
                    "FRIENDLYNAME \"{name}\"\nDEVICENAME /dev/null:0x{port:X}\nLIBPATH {}\nCHANNELID 0x{port:X}\n",
                    driver.display()
                )
            } else {
                format!(
                    "FRIENDLYNAME \"{name}\"\nDEVICENAME onshi-rig-ifd:{port}:{slots}\nLIBPATH {}\nCHANNELID 0\n",
                    own_driver()?.display()
                )
            };
            fs::write(conf.join(format!("reader-{index:02}")), entry)?;
        }
        Ok(())
    }

    fn wait_until_listed(&mut self, patience: Duration) -> io::Result<()> {
        let wanted: usize = self
            .readers
            .iter()
            .map(|(_, slots)| usize::from(*slots))
            .sum();
        let deadline = Instant::now() + patience;
        loop {
            if let Some(child) = self.pcscd.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    return Err(io::Error::other(format!(
                        "pcscd ended at start ({status}): {}",
                        self.pcscd_log()
                    )));
                }
            }
            // Ready means pcscd answers (a context can be had) and lists every slot.
            let listed = pcsc::Context::establish(pcsc::Scope::User)
                .and_then(|context| context.list_readers_owned())
                .map(|names| names.len());
            if listed == Ok(wanted) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let listed = match listed {
                    Ok(count) => format!("{count} of {wanted} readers"),
                    Err(error) => format!("no readers ({error})"),
                };
                return Err(io::Error::other(format!(
                    "pcscd listed {listed}: {}",
                    self.pcscd_log()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What pcscd wrote, for failure messages.
    pub fn pcscd_log(&self) -> String {
        fs::read_to_string(self.dir.path().join("pcscd.log")).unwrap_or_default()
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        self.stop_service();
    }
}

/// "NAME" (vpcd's two slots) or "NAME|SLOTS" (1 to 8 slots).
fn parse_reader(spec: &str) -> io::Result<(String, u16)> {
    match spec.rsplit_once(SLOTS_SEPARATOR) {
        None => Ok((spec.to_owned(), VPCD_SLOTS)),
        Some((name, slots)) => match slots.trim().parse::<u16>() {
            Ok(slots @ 1..=8) => Ok((name.to_owned(), slots)),
            _ => Err(io::Error::other(format!(
                "{spec:?}: a slot count from 1 to 8 follows '|'"
            ))),
        },
    }
}

/// The rig's own driver (crates/onshi-rig-ifd), built by Cargo beside the program or test running now:
/// ONSHI_RIG_IFD, else libonshi_rig_ifd.so in the program's folder or its deps/ folder.
fn own_driver() -> io::Result<PathBuf> {
    if let Some(path) = std::env::var_os("ONSHI_RIG_IFD") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe()?;
    let dir = exe.parent().unwrap_or(Path::new("."));
    let places = [dir.to_path_buf(), dir.join("deps"), dir.join("..")];
    places
        .iter()
        .map(|place| place.join("libonshi_rig_ifd.so"))
        .find(|path| path.is_file())
        .ok_or_else(|| {
            io::Error::other(format!(
                "the rig's driver libonshi_rig_ifd.so is not beside {} (cargo build -p onshi-rig-ifd)",
                exe.display()
            ))
        })
}

/// Whether this pcscd was built to ask polkit (its help then offers `--disable-polkit`).
fn pcscd_has_polkit() -> bool {
    static ANSWER: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ANSWER.get_or_init(|| {
        Command::new("pcscd")
            .arg("--help")
            .output()
            .map(|out| {
                String::from_utf8_lossy(&out.stdout).contains("--disable-polkit")
                    || String::from_utf8_lossy(&out.stderr).contains("--disable-polkit")
            })
            .unwrap_or(false)
    })
}

/// Waits until pcscd reports the slot with (or without) a card, for at most five seconds.
fn wait_for_slot(slot_name: &str, card_present: bool) -> io::Result<()> {
    let slot = std::ffi::CString::new(slot_name).map_err(io::Error::other)?;
    let context = pcsc::Context::establish(pcsc::Scope::User).map_err(io::Error::other)?;
    let mut states = [pcsc::ReaderState::new(slot, pcsc::State::UNAWARE)];
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        match context.get_status_change(Duration::from_millis(500), &mut states) {
            Ok(()) | Err(pcsc::Error::Timeout) => {}
            // pcsc-lite 2.5 (Debian sid, the Windows chroot) registers a waiting client before it sends
            // the reader states; a change signalled in between is read as part of them: as their size
            // ("unsupported feature") or inside the names ("unknown reader", for a slot listed at
            // start). The call fails and the connection stays usable: ask again after a moment
            // (Debian 12's 1.9.9 sends the states first).
            Err(pcsc::Error::UnsupportedFeature | pcsc::Error::UnknownReader)
                if Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            Err(error) => return Err(io::Error::other(error)),
        }
        if states[0].event_state().contains(pcsc::State::PRESENT) == card_present {
            return Ok(());
        }
        if Instant::now() >= deadline {
            let what = if card_present { "arrive" } else { "leave" };
            return Err(io::Error::other(format!(
                "pcscd did not see the card {what} on {slot_name}"
            )));
        }
        states[0].sync_current_state();
    }
}

//! The time to list the USB devices: our inventory (nusb, then the catalog and the smart-card class check)
//! against a plain walk of sysfs that reads each device's ids and strings by hand, the least any listing
//! must do on Linux. Both run in a child process under umockdev-run with the repository's fake readers
//! (tests/usb/*.umockdev), so the bus holds the same devices on every machine; the child alternates the
//! two and prints the samples, and the parent writes the medians.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The flag that makes `onshi-bench` the child: `onshi-bench --usb-listing ROUNDS`.
pub const CHILD_FLAG: &str = "--usb-listing";

/// Medians in milliseconds, and how many readers each saw.
pub struct Listing {
    pub ours_ms: f64,
    pub plain_ms: f64,
    pub view_ms: f64,
    pub ours_readers: usize,
    pub plain_devices: usize,
    pub fake_devices: usize,
}

/// Runs this binary again under umockdev-run with every tests/usb/*.umockdev file, `rounds` times each.
pub fn measure(rounds: usize) -> Listing {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/usb");
    let mut devices: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/usb is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "umockdev"))
        .collect();
    devices.sort();
    let mut command = Command::new("umockdev-run");
    for device in &devices {
        command.arg("-d").arg(device);
    }
    let output = command
        .arg("--")
        .arg(std::env::current_exe().expect("its own path"))
        .args([CHILD_FLAG, &rounds.to_string()])
        .output()
        .expect("umockdev-run runs (Debian: umockdev)");
    assert!(
        output.status.success(),
        "the USB listing child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let field = |name: &str| -> Vec<f64> {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{name} ")))
            .unwrap_or_else(|| panic!("the child printed {name}"))
            .split(' ')
            .map(|v| v.parse().expect("a number"))
            .collect()
    };
    let median = |mut samples: Vec<f64>| {
        samples.sort_by(f64::total_cmp);
        crate::percentile(&samples, 0.5)
    };
    Listing {
        ours_ms: median(field("ours")),
        plain_ms: median(field("plain")),
        view_ms: median(field("view")),
        ours_readers: field("ours_readers")[0] as usize,
        plain_devices: field("plain_devices")[0] as usize,
        fake_devices: devices.len(),
    }
}

/// The child: alternates the two listings and the whole USB view, printing one line of samples each.
pub fn child(rounds: usize) {
    let report = onshi_core::readers::ReadersReport::unavailable();
    let (mut ours, mut plain, mut view) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ours_readers, mut plain_devices) = (0, 0);
    for _ in 0..rounds {
        let started = Instant::now();
        ours_readers = onshi_core::readers::usb::inventory()
            .expect("nusb lists the fake bus")
            .len();
        ours.push(started.elapsed().as_secs_f64() * 1000.0);

        let started = Instant::now();
        plain_devices = plain_sysfs_walk();
        plain.push(started.elapsed().as_secs_f64() * 1000.0);

        let started = Instant::now();
        std::hint::black_box(onshi_core::readers::look_at_usb(&report));
        view.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let line = |samples: &[f64]| {
        samples
            .iter()
            .map(|v| format!("{v:.4}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    println!("ours {}", line(&ours));
    println!("plain {}", line(&plain));
    println!("view {}", line(&view));
    println!("ours_readers {ours_readers}");
    println!("plain_devices {plain_devices}");
}

/// Reads idVendor, idProduct, manufacturer and product of every device under /sys/bus/usb/devices; the
/// count of devices with ids.
fn plain_sysfs_walk() -> usize {
    let Ok(entries) = std::fs::read_dir("/sys/bus/usb/devices") else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let read = |name: &str| std::fs::read_to_string(path.join(name)).ok();
        if read("idVendor").is_some() && read("idProduct").is_some() {
            std::hint::black_box((read("manufacturer"), read("product")));
            count += 1;
        }
    }
    count
}

//! `onshi-bench OUT.md [--idle-seconds 60] [--latency-samples 100] [--placements 1000]`
//!
//! Measures, side by side in one run on the rig (inside scripts/rig-namespace.sh):
//! - card-insertion latency: our watcher against a plain SCardGetStatusChange loop watching the same
//!   reader, both woken by the same insertion; the figure is our added latency;
//! - CPU of each while idle, as two threads of this process over the same interval;
//! - resident memory with the watcher running, across many placements;
//! - the desktop app against a bare Tauri 2 app: start to first screen, memory with WebKit, and the app
//!   resident in the tray (app.rs; needs an X display and a session bus, which scripts/bench.sh gives);
//! - the time to list the USB devices, against a plain sysfs walk (usb_listing.rs, under umockdev-run);
//! - `onshi check` against its floor (check_floor.rs); `onshi-bench --check-floor-row [ROUNDS]` measures
//!   that row alone, on the rig, and prints it (build the floor first: `cargo build --release -p onshi-core
//!   --example check_floor`);
//! - the resident app on Windows under Wine, next to Wine's notepad (wine.rs; measured by scripts/bench.sh).

mod app;
mod check_floor;
mod goals;
mod plain;
mod proc_stats;
mod usb_listing;
mod wine;

use onshi_core::readers::{WatchEventKind, Watcher};
use onshi_rig::{Profile, Rig, VirtualCard, DEFAULT_READERS};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Options {
    out: String,
    idle_seconds: u64,
    latency_samples: usize,
    placements: usize,
    app_rounds: usize,
    resident_seconds: u64,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    Options {
        out: args
            .first()
            .cloned()
            .unwrap_or_else(|| "BENCHMARKS.md".into()),
        idle_seconds: value("--idle-seconds", 60),
        latency_samples: value("--latency-samples", 100) as usize,
        placements: value("--placements", 1000) as usize,
        app_rounds: value("--app-rounds", 15) as usize,
        resident_seconds: value("--resident-seconds", 60),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Added latency of the watcher over the plain loop, in milliseconds, one sample per insertion.
fn latency(rig: &Rig, samples: usize) -> Vec<f64> {
    const READER: &str = "SONY FeliCa Port/PaSoRi 4.0";
    let slot = format!("{READER} 00 00");
    let (ours_tx, ours) = mpsc::channel();
    let watched = slot.clone();
    let watcher = Watcher::start(move |event| {
        if event.event == WatchEventKind::CardInserted && event.reader.as_deref() == Some(&watched)
        {
            let _ = ours_tx.send(Instant::now());
        }
    });
    let (plain_tx, plain) = mpsc::channel();
    let plain_loop = plain::Loop::start(&slot, plain_tx);
    std::thread::sleep(Duration::from_millis(500));
    let mut added = Vec::with_capacity(samples);
    for _ in 0..samples {
        let card = VirtualCard::insert(rig.port_of(READER).unwrap(), Profile::MyNumber).unwrap();
        let theirs = plain
            .recv_timeout(Duration::from_secs(5))
            .expect("the plain loop saw the card");
        let mine = ours
            .recv_timeout(Duration::from_secs(5))
            .expect("the watcher saw the card");
        // Signed: negative when the watcher happened to report first.
        added.push(
            mine.saturating_duration_since(theirs).as_secs_f64() * 1000.0
                - theirs.saturating_duration_since(mine).as_secs_f64() * 1000.0,
        );
        rig.take_away(READER, card).unwrap();
    }
    watcher.stop();
    plain_loop.stop();
    added
}

/// CPU seconds used by the watcher's thread and by the plain loop's thread over the same idle interval.
fn idle_cpu(seconds: u64) -> (f64, f64) {
    let watcher = Watcher::start(|_| {});
    let (tx, _rx) = mpsc::channel();
    let plain_loop = plain::Loop::start_all(tx);
    std::thread::sleep(Duration::from_secs(1));
    let before = (
        proc_stats::thread_cpu("onshi-reader-wa"),
        proc_stats::thread_cpu("plain-loop"),
    );
    std::thread::sleep(Duration::from_secs(seconds));
    let after = (
        proc_stats::thread_cpu("onshi-reader-wa"),
        proc_stats::thread_cpu("plain-loop"),
    );
    watcher.stop();
    plain_loop.stop();
    (after.0 - before.0, after.1 - before.1)
}

/// Resident memory (KiB) with the watcher running: after a warm-up, then after all placements.
fn memory(rig: &Rig, placements: usize) -> (u64, u64, usize) {
    let (tx, seen) = mpsc::channel();
    let watcher = Watcher::start(move |event| {
        if event.event == WatchEventKind::CardInserted {
            let _ = tx.send(());
        }
    });
    let per_slot = placements.div_ceil(DEFAULT_READERS.len() * 2);
    let run = |rounds: usize| {
        std::thread::scope(|scope| {
            for reader in DEFAULT_READERS {
                for slot in 0..2 {
                    scope.spawn(move || {
                        for _ in 0..rounds {
                            let card = rig.insert_at(reader, slot, Profile::Android).unwrap();
                            rig.take_away_from(reader, slot, card).unwrap();
                        }
                    });
                }
            }
        });
    };
    run(2);
    let warm = proc_stats::rss_kib();
    run(per_slot);
    let after = proc_stats::rss_kib();
    watcher.stop();
    (warm, after, seen.try_iter().count())
}

/// Seconds to verify a 600,000-iteration backup: `onshi backup verify` against `openssl pkcs12`, each run
/// five times, alternating, in the same run.
fn backup_verify_vs_openssl(onshi: &str) -> (f64, f64) {
    use onshi_rig::pki::{Pki, Protection, PASSWORD, TERMINAL_DAYS};
    use std::process::{Command, Stdio};
    let pki = Pki::new(TERMINAL_DAYS, false).expect("openssl makes the fixture");
    let file = pki
        .backup(Protection::Aes256Iter600k)
        .expect("openssl makes the 600k backup");
    let time = |command: &mut Command, stdin: &[u8]| {
        use std::io::Write;
        let started = Instant::now();
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("runs");
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        assert!(child.wait().unwrap().success(), "the backup verifies");
        started.elapsed().as_secs_f64()
    };
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        ours.push(time(
            Command::new(onshi)
                .args(["backup", "verify", "--password-stdin", "--json"])
                .arg(&file),
            format!("{PASSWORD}\n").as_bytes(),
        ));
        theirs.push(time(
            Command::new("openssl")
                .args([
                    "pkcs12",
                    "-noout",
                    "-passin",
                    "env:ONSHI_P12_PASSWORD",
                    "-in",
                ])
                .arg(&file)
                .env("ONSHI_P12_PASSWORD", PASSWORD),
            b"",
        ));
    }
    ours.sort_by(f64::total_cmp);
    theirs.sort_by(f64::total_cmp);
    (percentile(&ours, 0.5), percentile(&theirs, 0.5))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(usb_listing::CHILD_FLAG) {
        let rounds = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(50);
        usb_listing::child(rounds);
        return;
    }
    // Only the check-against-its-floor row, on the rig (`onshi-bench --check-floor-row [ROUNDS]`, inside
    // scripts/rig-namespace.sh): the whole bench takes long, and this row is what a change to the check moves.
    if args.get(1).map(String::as_str) == Some("--check-floor-row") {
        let rounds = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(15);
        let _rig = Rig::start(DEFAULT_READERS)
            .expect("the rig starts (run inside scripts/rig-namespace.sh)");
        let pki = onshi_rig::pki::Pki::new(onshi_rig::pki::TERMINAL_DAYS, false)
            .expect("openssl makes the certificate");
        let (check_ms, floor_ms) = check_floor::measure(
            &app::sibling("onshi"),
            &check_floor::floor_program(),
            &pki.path("terminal.pem"),
            rounds,
        );
        println!(
            "| {check_ms:.1} ms | {floor_ms:.1} ms | {:.2}× | ≤ 1.5× |",
            check_ms / floor_ms
        );
        return;
    }
    // Only the Windows section, from a wine-memory line (scripts/bench.sh --wine-only).
    if args.get(1).map(String::as_str) == Some("--wine-section") {
        let line = args.get(2).map(String::as_str).unwrap_or_default();
        let row = wine::parse(line).unwrap_or_else(|| panic!("not a wine-memory line: {line}"));
        print!("{}", wine::section(&row));
        return;
    }
    let options = options();
    let rig =
        Rig::start(DEFAULT_READERS).expect("the rig starts (run inside scripts/rig-namespace.sh)");
    eprintln!("latency: {} insertions…", options.latency_samples);
    let mut added = latency(&rig, options.latency_samples);
    added.sort_by(f64::total_cmp);
    eprintln!("idle CPU: {} s…", options.idle_seconds);
    let (ours_cpu, plain_cpu) = idle_cpu(options.idle_seconds);
    eprintln!("memory: {} placements…", options.placements);
    let (warm, after, inserted) = memory(&rig, options.placements);

    eprintln!("backup verify against openssl…");
    let onshi = app::sibling("onshi");
    let (ours_verify, openssl_verify) =
        backup_verify_vs_openssl(onshi.to_str().expect("a UTF-8 path"));

    eprintln!("onshi check against its floor: 15 rounds each…");
    let pki = onshi_rig::pki::Pki::new(onshi_rig::pki::TERMINAL_DAYS, false)
        .expect("openssl makes the certificate");
    let (check_ms, floor_ms) = check_floor::measure(
        &onshi,
        &check_floor::floor_program(),
        &pki.path("terminal.pem"),
        15,
    );

    eprintln!("listing the USB devices: 50 rounds under umockdev…");
    let usb = usb_listing::measure(50);

    eprintln!(
        "the app against a bare Tauri 2 app: {} starts each…",
        options.app_rounds
    );
    let ours_app = app::sibling("onshi-assistant");
    let bare_app = app::sibling("onshi-bare-app");
    let home_page = std::env::var_os("ONSHI_BENCH_HOME_PAGE")
        .map(std::path::PathBuf::from)
        .expect("ONSHI_BENCH_HOME_PAGE names the saved home screen (scripts/bench.sh)");
    let started = app::compare(&ours_app, &bare_app, &home_page, options.app_rounds);
    let mut ours_start = started.ours_start.clone();
    let mut bare_start = started.bare_start.clone();
    ours_start.sort_by(f64::total_cmp);
    bare_start.sort_by(f64::total_cmp);
    let (ours_start, bare_start) = (percentile(&ours_start, 0.5), percentile(&bare_start, 0.5));
    eprintln!("resident, window closed: {} s…", options.resident_seconds);
    let close_window =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/lib/close_window.py");
    let resident = app::resident(&ours_app, &close_window, options.resident_seconds);
    let mib = |kib: u64| kib as f64 / 1024.0;
    let memory_row = |name: &str, m: &proc_stats::TreeMemory| {
        format!(
            "| {name} | {} | {:.1} MiB | {:.1} MiB | {:.1} MiB | {:.1} MiB |\n",
            m.processes,
            mib(m.private_dirty),
            mib(m.uss),
            mib(m.pss),
            mib(m.rss)
        )
    };

    let wine_line = std::env::var("ONSHI_BENCH_WINE").expect(
        "ONSHI_BENCH_WINE carries the Windows figures measured under Wine (scripts/bench.sh)",
    );
    let wine = wine::parse(&wine_line)
        .unwrap_or_else(|| panic!("ONSHI_BENCH_WINE is not a wine-memory line: {wine_line}"));
    let machine = proc_stats::machine();
    // The ratios the sections show and the goals table judges, worked out once.
    let start_ratio = ours_start / bare_start;
    let window_dirty_ratio =
        started.ours_memory.private_dirty as f64 / started.bare_home_memory.private_dirty as f64;
    let window_pss_ratio = started.ours_memory.pss as f64 / started.bare_home_memory.pss as f64;
    let check_ratio = check_ms / floor_ms;
    let report = format!(
        "# Benchmarks\n\n\
         Run with `npm run bench` on {date}, on {machine}. Every figure comes from one run in which our\n\
         watcher (onshi-core `readers::Watcher`) and a plain `SCardGetStatusChange` loop (`crates/onshi-bench/src/plain.rs`)\n\
         watched the same readers of the rig (pcscd + vpcd) at the same time.\n\n\
         ## Issue 31's goals against this run\n\n\
         {goals}\n\
         ## Card-insertion latency added by the watcher\n\n\
         {n} insertions on one reader; for each, the time the watcher reported `card-inserted` minus the time the\n\
         plain loop saw the card. (pcscd itself polls vpcd every 0.4 s; that part is common to both.)\n\n\
         | median | 90th percentile | max | goal |\n| --- | --- | --- | --- |\n\
         | {median:.2} ms | {p90:.2} ms | {max:.2} ms | median ≤ 10 ms |\n\n\
         ## CPU while idle\n\n\
         Both threads over the same {idle} s with 10 idle reader slots, from /proc (user + system time, in ticks\n\
         of 0.01 s). Our watcher also wakes as a safety net, 2 s after a change and\n\
         doubling up to 32 s while nothing changes; that costs less than one tick.\n\n\
         | our watcher | plain loop | goal |\n| --- | --- | --- |\n\
         | {ours_cpu:.3} s | {plain_cpu:.3} s | indistinguishable |\n\n\
         ## Memory over {placements} placements\n\n\
         Resident memory of the process with the watcher running, after a warm-up of 20 placements and after\n\
         {placements} more (spread over 10 slots at once); the watcher reported {inserted} insertions.\n\n\
         | after warm-up | after {placements} placements | growth |\n| --- | --- | --- |\n\
         | {warm} KiB | {after} KiB | {growth} KiB |\n\n\
         ## Backup verify against OpenSSL\n\n\
         A PKCS#12 backup made by OpenSSL with 600,000 PBKDF2 iterations (AES-256-CBC, HMAC-SHA-256), verified\n\
         five times by each, alternating; medians of the whole command's wall time.\n\n\
         | `onshi backup verify` | `openssl pkcs12 -noout` | ratio | goal |\n| --- | --- | --- | --- |\n\
         | {ours_verify:.3} s | {openssl_verify:.3} s | {ratio:.2}× | ≤ 1.2× |\n\n\
         ## `onshi check` against its floor\n\n\
         The whole check (readers with the USB view, the certificate file, the terminal around the reader, the\n\
         OS) against a plain program that only lists the rig's PC/SC readers and reads the same certificate's\n\
         dates (`crates/onshi-core/examples/check_floor.rs`), each a fresh process, 15 runs alternating, medians.\n\n\
         | `onshi check --json` | floor | ratio | goal |\n| --- | --- | --- | --- |\n\
         | {check_ms:.1} ms | {floor_ms:.1} ms | {check_ratio:.2}× | ≤ 1.5× |\n\n\
         ## Listing the USB devices\n\n\
         The USB view runs when a device arrives or leaves, when the PC/SC picture changes, and on request.\n\
         In a child process under umockdev-run with the {fake_devices} fake readers of tests/usb, alternating, 50\n\
         rounds each, medians: our inventory (nusb, the catalog, the smart-card class check; it found\n\
         {ours_readers} readers) against a plain walk of /sys/bus/usb/devices reading each device's ids and\n\
         strings ({plain_devices} devices), and the whole USB view (inventory, libccid's list, the findings).\n\n\
         | our inventory | plain sysfs walk | ratio | whole USB view |\n| --- | --- | --- | --- |\n\
         | {usb_ours:.2} ms | {usb_plain:.2} ms | {usb_ratio:.2}× | {usb_view:.2} ms |\n\n\
         ## The app against a bare Tauri 2 app\n\n\
         `crates/onshi-bare-app`: one window and one static page, built from the same lockfile with the same tauri\n\
         features, in release. Each app started {rounds} times, alternating, on the same Xvfb display, from a\n\
         fresh home; \"first screen\" is its page's load event (both print it). Medians.\n\n\
         | オン資アシスタント | bare Tauri 2 app | ratio | goal |\n| --- | --- | --- | --- |\n\
         | {ours_start:.3} s | {bare_start:.3} s | {start_ratio:.2}× | ≤ 1.05× |\n\n\
         Memory 3 s after each first screen, each figure the median of the {rounds} starts (two looks at the\n\
         same open window differ by up to a tenth), the app and its WebKit processes together (private dirty: pages\n\
         only these processes hold and have written: heap, stacks, relocated library data; USS: all pages only\n\
         they hold, with clean file pages the kernel can drop; PSS: shared pages split; RSS: counted whole).\n\
         The third row is the bare app showing our home screen, saved from the running app as static HTML\n\
         with the styles it uses (tests/bench/save-home.e2e.js): the same page without our code, so the\n\
         ratio measures what the app itself adds to an open window.\n\n\
         | | processes | private dirty | USS | PSS | RSS |\n| --- | --- | --- | --- | --- | --- |\n\
         {ours_memory}{bare_memory}{bare_home_memory}\n\
         | window open, ratio | private dirty | PSS | goal |\n| --- | --- | --- | --- |\n\
         | オン資アシスタント ÷ bare app with our home page | {window_dirty_ratio:.2}× | {window_pss_ratio:.2}× | ≤ 1.05× |\n\n\
         Where the private dirty memory lies, process by process (each the median of the starts): the app's own\n\
         process (Rust, GTK, the web view's side in it), WebKit's web process (the page: its DOM, styles and\n\
         script) and its network process.\n\n\
         | private dirty | the app's own process | WebKit's web process | WebKit's network process | other |\n\
         | --- | --- | --- | --- | --- |\n\
         {dirty_by_part}\n\
         ## Resident in the tray\n\n\
         オン資アシスタント started, its window closed with the close button (the window and its web view are\n\
         destroyed, not hidden, and the heap it freed handed back), 10 s later; then, once the window has\n\
         been closed a minute, the app starts a copy of itself straight into the tray and ends (WebKitGTK keeps\n\
         its network process and what it loaded for the window for the life of a process): that copy,\n\
         there {afresh_after:.0} s after the close, 10 s later; and started as at login (`--autostart`, never a\n\
         window), 10 s after its start:\n\n\
         | | processes | private dirty | USS | PSS | RSS |\n| --- | --- | --- | --- | --- | --- |\n\
         {with_window}{window_closed}{started_afresh}{login_start}\n\
         Goal: resident ≤ 20 MB. CPU over {resident_seconds} idle seconds of the copy, with its reader watch, its USB hot-plug watch and\n\
         resident's thread running, next to a plain status-change loop watching the same 10 reader slots\n\
         at the same time (ticks of 0.01 s):\n\n\
         | オン資アシスタント (whole process) | plain loop | goal |\n| --- | --- | --- |\n\
         | {resident_app_cpu:.2} s | {resident_plain_cpu:.2} s | indistinguishable |\n\n\
         The same interval finer, from each thread's schedstat (ns on the CPU): the app {app_ms:.1} ms\n\
         ({app_threads}), the plain loop {plain_ms:.1} ms. The app's threads that did not run at all:\n\
         {asleep}.\n\n\
         {wine_section}",
        wine_section = wine::section(&wine),
        date = chrono::Local::now().format("%Y-%m-%d"),
        n = added.len(),
        median = percentile(&added, 0.5),
        p90 = percentile(&added, 0.9),
        max = added.last().copied().unwrap_or_default(),
        idle = options.idle_seconds,
        placements = options.placements,
        growth = after as i64 - warm as i64,
        ratio = ours_verify / openssl_verify,
        fake_devices = usb.fake_devices,
        ours_readers = usb.ours_readers,
        plain_devices = usb.plain_devices,
        usb_ours = usb.ours_ms,
        usb_plain = usb.plain_ms,
        usb_ratio = usb.ours_ms / usb.plain_ms,
        usb_view = usb.view_ms,
        rounds = options.app_rounds,
        ours_memory = memory_row("オン資アシスタント", &started.ours_memory),
        bare_memory = memory_row("bare Tauri 2 app", &started.bare_memory),
        bare_home_memory = memory_row(
            "bare Tauri 2 app, our home screen as static HTML",
            &started.bare_home_memory
        ),
        dirty_by_part = [
            "オン資アシスタント",
            "bare Tauri 2 app",
            "bare Tauri 2 app, our home screen as static HTML",
        ]
        .iter()
        .zip(&started.dirty_by_part)
        .map(|(name, parts)| {
            let mib = |kib: u64| format!("{:.1} MiB", kib as f64 / 1024.0);
            format!(
                "| {name} | {} | {} | {} | {} |\n",
                mib(parts[0]),
                mib(parts[1]),
                mib(parts[2]),
                mib(parts[3])
            )
        })
        .collect::<String>(),
        goals = goals::table(&goals::Figures {
            start: start_ratio,
            window_dirty: window_dirty_ratio,
            window_pss: window_pss_ratio,
            resident_linux_mib: resident
                .started_afresh
                .private_dirty
                .max(resident.login_start.private_dirty) as f64
                / 1024.0,
            wine_written: wine.written_ratio(),
            wine_private: wine.private_ratio(),
            check_linux: check_ratio,
            check_wine: wine.check.map(|check| check.ratio()),
        }),
        with_window = memory_row("window open", &resident.with_window),
        window_closed = memory_row("window just closed (same process)", &resident.window_closed),
        started_afresh = memory_row("resident, started afresh a minute after the close", &resident.started_afresh),
        afresh_after = resident.afresh_after.as_secs_f64(),
        login_start = memory_row("login start (resident, no window yet)", &resident.login_start),
        resident_seconds = options.resident_seconds,
        resident_app_cpu = resident.app_cpu,
        resident_plain_cpu = resident.plain_cpu,
        app_ms = resident.app_threads_ns.iter().map(|(_, ns)| *ns).sum::<u64>() as f64 / 1e6,
        app_threads = resident
            .app_threads_ns
            .iter()
            .map(|(name, ns)| format!("`{name}` {:.1}", *ns as f64 / 1e6))
            .collect::<Vec<_>>()
            .join(", "),
        plain_ms = resident.plain_ns as f64 / 1e6,
        asleep = resident
            .app_threads_asleep
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    std::fs::write(&options.out, &report).expect("BENCHMARKS.md is writable");
    print!("{report}");
}

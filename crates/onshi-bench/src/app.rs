//! The desktop app against a bare Tauri 2 app (crates/onshi-bare-app, same lockfile, same tauri features),
//! side by side in one run on the same X display: start to first screen, and memory with the WebKit
//! processes; then オン資アシスタント resident in the tray with its window closed: memory, and CPU over an idle
//! minute with its reader watch running, next to a plain status-change loop watching the same readers.

use crate::plain;
use crate::proc_stats::{self, TreeMemory};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// One started app: its process, and how long it took to its first screen.
pub struct Started {
    child: Child,
    pub first_screen: Duration,
    _home: tempfile::TempDir,
}

impl Started {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Ends the app and every process it started (WebKit's), and waits for them.
    pub fn stop(mut self) {
        stop_tree(self.pid());
        let _ = self.child.wait();
    }
}

/// Ends `root` and its descendants, children first, and waits (up to 10 s) for them to go.
fn stop_tree(root: u32) {
    let tree = proc_stats::tree(root);
    for pid in tree.iter().rev() {
        // SIGTERM via the kill command: no libc dependency for one call.
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while tree
        .iter()
        .any(|pid| Path::new(&format!("/proc/{pid}")).exists())
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts `program` with a fresh home and data folder and waits for it to say `first-screen`.
pub fn start(program: &Path) -> Started {
    start_with(program, &[], true, &[])
}

fn start_with(
    program: &Path,
    args: &[&str],
    wait_for_screen: bool,
    env: &[(&str, &Path)],
) -> Started {
    let home = tempfile::tempdir().expect("a temporary home");
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("ONSHI_BENCH", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{} starts: {e}", program.display()));
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.trim() == "first-screen" {
                let _ = tx.send(Instant::now());
            }
        }
    });
    let shown = if wait_for_screen {
        rx.recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{} showed no first screen", program.display()))
    } else {
        started
    };
    Started {
        child,
        first_screen: shown - started,
        _home: home,
    }
}

pub struct Comparison {
    pub ours_start: Vec<f64>,
    pub bare_start: Vec<f64>,
    pub ours_memory: TreeMemory,
    pub bare_memory: TreeMemory,
    /// The bare app showing our home screen saved as static HTML (tests/bench/save-home.e2e.js).
    pub bare_home_start: Vec<f64>,
    pub bare_home_memory: TreeMemory,
    /// Private dirty KiB by part (proc_stats::tree_memory_by_part), each the median of the rounds:
    /// ours, the bare app, the bare app with our home page.
    pub dirty_by_part: [[u64; 4]; 3],
}

/// `rounds` starts of each app, alternating (the bare app with its own page, the bare app with our home
/// screen as static HTML from `home_page`, ours); memory 3 s after each first screen, each figure the
/// median of the rounds: two looks at the same open window differ by up to a tenth, more than the 5 %
/// the goal allows, so one look each would compare noise.
pub fn compare(ours: &Path, bare: &Path, home_page: &Path, rounds: usize) -> Comparison {
    let mut comparison = Comparison {
        ours_start: Vec::new(),
        bare_start: Vec::new(),
        ours_memory: TreeMemory::default(),
        bare_memory: TreeMemory::default(),
        bare_home_start: Vec::new(),
        bare_home_memory: TreeMemory::default(),
        dirty_by_part: [[0; 4]; 3],
    };
    // Per app, in the order of `dirty_by_part`: ours, the bare app, the bare app with our home page.
    let mut samples: [Vec<(TreeMemory, [u64; 4])>; 3] = Default::default();
    let own_page: &[(&str, &Path)] = &[];
    let our_home: &[(&str, &Path)] = &[("ONSHI_BARE_PAGE", home_page)];
    for _ in 0..rounds {
        for (program, env, starts, which) in [
            (bare, own_page, &mut comparison.bare_start, 1),
            (bare, our_home, &mut comparison.bare_home_start, 2),
            (ours, own_page, &mut comparison.ours_start, 0),
        ] {
            let app = start_with(program, &[], true, env);
            starts.push(app.first_screen.as_secs_f64());
            std::thread::sleep(Duration::from_secs(3));
            samples[which].push(proc_stats::tree_memory_by_part(app.pid()));
            app.stop();
            std::thread::sleep(Duration::from_millis(500));
        }
    }
    let memory = |which: usize| {
        let trees: Vec<TreeMemory> = samples[which].iter().map(|(tree, _)| *tree).collect();
        TreeMemory::median(&trees)
    };
    comparison.ours_memory = memory(0);
    comparison.bare_memory = memory(1);
    comparison.bare_home_memory = memory(2);
    for (medians, samples) in comparison.dirty_by_part.iter_mut().zip(&samples) {
        for (part, median) in medians.iter_mut().enumerate() {
            *median = proc_stats::median(samples.iter().map(|(_, parts)| parts[part]));
        }
    }
    comparison
}

pub struct Resident {
    pub with_window: TreeMemory,
    /// The same process, 10 s after its window closed.
    pub window_closed: TreeMemory,
    /// The copy the app started of itself once the window had been closed a while.
    pub started_afresh: TreeMemory,
    /// How long after the close the copy was there.
    pub afresh_after: Duration,
    /// Started as at login (`--autostart`): never a window.
    pub login_start: TreeMemory,
    /// CPU seconds over the idle interval: the app's whole process tree, and the plain loop's thread.
    pub app_cpu: f64,
    pub plain_cpu: f64,
    /// The same interval in ns on the CPU, per thread name of the app (largest first), and the plain loop's.
    pub app_threads_ns: Vec<(String, u64)>,
    /// The app's threads that used no CPU at all over the interval (the USB hot-plug watch among them
    /// when it runs), by name.
    pub app_threads_asleep: Vec<String>,
    pub plain_ns: u64,
}

/// オン資アシスタント started, its window closed with the close button; then the copy it starts of itself
/// (after the app's own wait, not shortened here), watched for `seconds`; then a login start.
pub fn resident(ours: &Path, close_window: &Path, seconds: u64) -> Resident {
    let app = start(ours);
    std::thread::sleep(Duration::from_secs(3));
    let with_window = proc_stats::tree_memory(app.pid());
    let closed = Command::new("/usr/bin/python3")
        .arg(close_window)
        .arg("オン資アシスタント")
        .status()
        .expect("python3 runs the close-button script");
    assert!(closed.success(), "the window was closed");
    let closed_at = Instant::now();
    // The window and its WebKit processes go; give them time to leave.
    std::thread::sleep(Duration::from_secs(10));
    let window_closed = proc_stats::tree_memory(app.pid());
    assert!(
        Path::new(&format!("/proc/{}", app.pid())).exists(),
        "the app stays resident with its window closed"
    );
    let fresh = loop {
        let others: Vec<u32> = proc_stats::running(ours)
            .into_iter()
            .filter(|pid| *pid != app.pid())
            .collect();
        let predecessor_gone = !Path::new(&format!("/proc/{}/exe", app.pid())).exists();
        if let ([fresh], true) = (others.as_slice(), predecessor_gone) {
            break *fresh;
        }
        assert!(
            closed_at.elapsed() < Duration::from_secs(180),
            "the app started afresh within 3 minutes of its window closing"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let afresh_after = closed_at.elapsed();
    std::thread::sleep(Duration::from_secs(10));
    let started_afresh = proc_stats::tree_memory(fresh);

    let (tx, _rx) = mpsc::channel();
    let plain_loop = plain::Loop::start_all(tx);
    std::thread::sleep(Duration::from_secs(1));
    let before = (
        proc_stats::tree_cpu(fresh),
        proc_stats::thread_cpu("plain-loop"),
        proc_stats::tree_threads_ns(fresh),
        proc_stats::thread_ns("plain-loop"),
    );
    std::thread::sleep(Duration::from_secs(seconds));
    let after = (
        proc_stats::tree_cpu(fresh),
        proc_stats::thread_cpu("plain-loop"),
        proc_stats::tree_threads_ns(fresh),
        proc_stats::thread_ns("plain-loop"),
    );
    plain_loop.stop();
    stop_tree(fresh);
    // (The first app's home stays until its copy has ended.)
    app.stop();

    let login = start_with(ours, &["--autostart"], false, &[]);
    std::thread::sleep(Duration::from_secs(10));
    let login_start = proc_stats::tree_memory(login.pid());
    login.stop();
    Resident {
        with_window,
        window_closed,
        started_afresh,
        afresh_after,
        login_start,
        app_cpu: after.0 - before.0,
        plain_cpu: after.1 - before.1,
        app_threads_ns: proc_stats::threads_delta_ns(&before.2, &after.2),
        app_threads_asleep: {
            let busy = proc_stats::threads_delta_ns(&before.2, &after.2);
            let mut asleep: Vec<String> = after
                .2
                .values()
                .map(|(name, _)| name.clone())
                .filter(|name| !busy.iter().any(|(busy, _)| busy == name))
                .collect();
            asleep.sort();
            asleep.dedup();
            asleep
        },
        plain_ns: after.3 - before.3,
    }
}

/// The release builds next to this program.
pub fn sibling(name: &str) -> PathBuf {
    std::env::current_exe()
        .expect("own path")
        .with_file_name(name)
}

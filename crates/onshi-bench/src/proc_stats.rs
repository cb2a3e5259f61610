//! Figures from /proc for this process: per-thread CPU time, resident memory, the machine.

use std::fs;

const TICKS_PER_SECOND: f64 = 100.0; // USER_HZ on Linux

/// The fields of a /proc `stat` file after the ")" that closes the name (field 3, the state, first).
fn stat_fields(stat: &str) -> Vec<&str> {
    stat.rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default()
}

/// User + system CPU ticks (fields 14 and 15) of one /proc `stat` file; 0 when it is gone.
fn cpu_ticks(stat_path: &str) -> u64 {
    let stat = fs::read_to_string(stat_path).unwrap_or_default();
    let fields = stat_fields(&stat);
    let field = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(14) + field(15)
}

/// This process's threads (their /proc task folders) whose names start with `name` (names are cut to
/// 15 bytes).
fn own_threads(name: &str) -> Vec<std::path::PathBuf> {
    fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
        .map(|task| task.path())
        .filter(|task| {
            fs::read_to_string(task.join("comm")).is_ok_and(|comm| comm.trim().starts_with(name))
        })
        .collect()
}

/// User + system CPU seconds of this process's threads named `name`.
pub fn thread_cpu(name: &str) -> f64 {
    let ticks: u64 = own_threads(name)
        .iter()
        .map(|task| cpu_ticks(&task.join("stat").to_string_lossy()))
        .sum();
    ticks as f64 / TICKS_PER_SECOND
}

/// Resident set size of this process, KiB.
pub fn rss_kib() -> u64 {
    fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// "N cores, MODEL, Linux VERSION".
pub fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string());
    let cores = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!(
        "{cores} cores, {}, Linux {}",
        model.unwrap_or_else(|| "unknown CPU".into()),
        kernel.trim()
    )
}

/// Memory of a process tree (KiB), summed from each process's /proc/PID/smaps_rollup.
#[derive(Debug, Clone, Copy, Default)]
pub struct TreeMemory {
    pub processes: usize,
    /// Resident set: counts shared libraries once per process.
    pub rss: u64,
    /// Proportional set: shared pages split between the processes that share them.
    pub pss: u64,
    /// Unique set: pages no other process shares (what ending the tree would give back).
    pub uss: u64,
    /// Of those, the pages written (heap, stacks, relocated library data): memory only swap could free.
    pub private_dirty: u64,
}

impl TreeMemory {
    /// Each figure's median over `samples` (taken alone: the row need not be one of the samples).
    pub fn median(samples: &[TreeMemory]) -> TreeMemory {
        let of = |field: fn(&TreeMemory) -> u64| median(samples.iter().map(field));
        TreeMemory {
            processes: of(|m| m.processes as u64) as usize,
            rss: of(|m| m.rss),
            pss: of(|m| m.pss),
            uss: of(|m| m.uss),
            private_dirty: of(|m| m.private_dirty),
        }
    }
}

/// The median of `values` (the upper one of an even count; 0 for none).
pub fn median(values: impl IntoIterator<Item = u64>) -> u64 {
    let mut values: Vec<u64> = values.into_iter().collect();
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// `root` and all its descendants, parents first.
pub fn tree(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let parent = stat_fields(&stat).get(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    found
}

pub fn tree_memory(root: u32) -> TreeMemory {
    tree_memory_by_part(root).0
}

/// The tree's memory, and its private dirty KiB by part: [the app's own process, WebKit's web process
/// (the page: its DOM, styles, script), WebKit's network process, any other]. One look at each process.
pub fn tree_memory_by_part(root: u32) -> (TreeMemory, [u64; 4]) {
    let (mut total, mut parts) = (TreeMemory::default(), [0; 4]);
    for pid in tree(root) {
        let memory = process_memory(pid);
        total.processes += 1;
        total.rss += memory.rss;
        total.pss += memory.pss;
        total.uss += memory.uss;
        total.private_dirty += memory.private_dirty;
        let name = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let part = match name.trim() {
            _ if pid == root => 0,
            web if web.starts_with("WebKitWebProces") => 1,
            network if network.starts_with("WebKitNetworkPr") => 2,
            _ => 3,
        };
        parts[part] += memory.private_dirty;
    }
    (total, parts)
}

fn process_memory(pid: u32) -> TreeMemory {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let field = |name: &str| -> u64 {
        rollup
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    TreeMemory {
        processes: 1,
        rss: field("Rss:"),
        pss: field("Pss:"),
        uss: field("Private_Clean:") + field("Private_Dirty:"),
        private_dirty: field("Private_Dirty:"),
    }
}

/// User + system CPU seconds of the whole tree (live processes).
pub fn tree_cpu(root: u32) -> f64 {
    tree(root)
        .into_iter()
        .map(|pid| cpu_ticks(&format!("/proc/{pid}/stat")))
        .sum::<u64>() as f64
        / TICKS_PER_SECOND
}

/// The processes running `program` (by their /proc/PID/exe).
pub fn running(program: &std::path::Path) -> Vec<u32> {
    let program = fs::canonicalize(program).unwrap_or_else(|_| program.to_path_buf());
    fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == program))
        .collect()
}

/// Time on the CPU (ns, from schedstat: finer than the 0.01 s ticks) of each live thread of `root`'s tree,
/// keyed by thread id, with the thread's name.
pub fn tree_threads_ns(root: u32) -> std::collections::BTreeMap<u32, (String, u64)> {
    tree(root)
        .into_iter()
        .flat_map(|pid| {
            fs::read_dir(format!("/proc/{pid}/task"))
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter_map(|task| {
            let tid = task.file_name().to_str()?.parse().ok()?;
            let comm = fs::read_to_string(task.path().join("comm")).ok()?;
            Some((tid, (comm.trim().to_owned(), run_ns(&task.path())?)))
        })
        .collect()
}

/// Time on the CPU (ns) of this process's threads named `name`.
pub fn thread_ns(name: &str) -> u64 {
    own_threads(name)
        .iter()
        .filter_map(|task| run_ns(task))
        .sum()
}

/// A thread's time on the CPU in ns: the first field of its schedstat.
fn run_ns(task: &std::path::Path) -> Option<u64> {
    fs::read_to_string(task.join("schedstat"))
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Per thread name, the CPU time (ns) between two `tree_threads_ns` snapshots, largest first (a thread
/// that started in between counts whole; one that ended in between is lost, which the tick figure keeps).
pub fn threads_delta_ns(
    before: &std::collections::BTreeMap<u32, (String, u64)>,
    after: &std::collections::BTreeMap<u32, (String, u64)>,
) -> Vec<(String, u64)> {
    let mut by_name: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for (tid, (name, ns)) in after {
        let earlier = before.get(tid).map_or(0, |(_, ns)| *ns);
        *by_name.entry(name.clone()).or_default() += ns.saturating_sub(earlier);
    }
    let mut sorted: Vec<(String, u64)> = by_name.into_iter().filter(|(_, ns)| *ns > 0).collect();
    sorted.sort_by_key(|(_, ns)| std::cmp::Reverse(*ns));
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_named_thread_is_found_with_its_cpu_time() {
        let busy = std::thread::Builder::new()
            .name("busy-measured".into())
            .spawn(|| {
                let (before, started) = (thread_ns("busy-measured"), std::time::Instant::now());
                while started.elapsed() < std::time::Duration::from_millis(50) {
                    std::hint::black_box(0u64);
                }
                let own = tree_threads_ns(std::process::id());
                (before, thread_ns("busy-measured"), own)
            })
            .unwrap();
        let (before, after, own) = busy.join().unwrap();
        assert!(after >= before + 10_000_000, "{before} → {after} ns");
        assert!(own
            .values()
            .any(|(name, ns)| name == "busy-measured" && *ns >= before + 10_000_000));
    }
}

//! The resident app's memory on Windows as Wine runs it: measured by scripts/windows/bench-resident.sh
//! inside the Windows chroot (there is no Windows here) and handed over in `ONSHI_BENCH_WINE` as
//! `wine-memory ours=PRIVATE,WORKING-SET,WRITTEN notepad=PRIVATE,WORKING-SET,WRITTEN ours-parts=PARTS
//! notepad-parts=PARTS check=OURS,FLOOR,ROUNDS wine=VERSION` (bytes; PARTS as [`Parts`] lists them, in
//! that order; `check`: `onshi.exe check` and its floor under Wine, medians in µs, from
//! scripts/windows/bench-check.sh).

/// One process's figures, in bytes, as GetProcessMemoryInfo reported them under Wine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WineMemory {
    pub private_bytes: u64,
    pub working_set: u64,
    /// Of the private bytes, the pages the process wrote (Private_Dirty); the rest were read from files
    /// only this process maps, its own program file above all. None in a line from before it was measured.
    pub written: Option<u64>,
}

/// Where one process's private pages lie (its /proc/PID/smaps, mapping by mapping), in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The program's own file (the .exe), pages read and pages written.
    pub image_read: u64,
    pub image_written: u64,
    /// Every other file it maps: Wine's DLLs and the Linux libraries under them.
    pub files_read: u64,
    pub files_written: u64,
    /// Memory backed by no file: heaps, thread stacks, Wine's per-thread memory (all written).
    pub anonymous: u64,
    /// Threads alive when measured.
    pub threads: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WineRow {
    pub ours: WineMemory,
    pub notepad: WineMemory,
    /// None in a line from before they were measured.
    pub parts: Option<(Parts, Parts)>,
    /// `onshi.exe check` against its floor under Wine; None in a line from before it was measured.
    pub check: Option<WineCheck>,
    pub wine_version: String,
}

/// `onshi.exe check --json` and its floor (crates/onshi-core/examples/check_floor.rs) under Wine: the
/// median wall time of each, in µs, over `rounds` runs each, alternating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WineCheck {
    pub ours_us: u64,
    pub floor_us: u64,
    pub rounds: u64,
}

/// Reads the line; None when a part is missing or not a number.
pub fn parse(line: &str) -> Option<WineRow> {
    let field = |name: &str| {
        line.split_whitespace()
            .find_map(|part| part.strip_prefix(name)?.strip_prefix('='))
    };
    let memory = |name: &str| {
        let mut parts = field(name)?.split(',');
        let private = parts.next()?.parse().ok()?;
        let working = parts.next()?.parse().ok()?;
        let written = match parts.next() {
            Some(written) => Some(written.parse().ok()?),
            None => None,
        };
        Some(WineMemory {
            private_bytes: private,
            working_set: working,
            written,
        })
    };
    let parts = |name: &str| -> Option<Option<Parts>> {
        let Some(text) = field(name) else {
            return Some(None);
        };
        let [image_read, image_written, files_read, files_written, anonymous, threads] =
            numbers(text)?[..]
        else {
            return None;
        };
        Some(Some(Parts {
            image_read,
            image_written,
            files_read,
            files_written,
            anonymous,
            threads,
        }))
    };
    let parts = match (parts("ours-parts")?, parts("notepad-parts")?) {
        (Some(ours), Some(notepad)) => Some((ours, notepad)),
        (None, None) => None,
        _ => return None,
    };
    let check = match field("check") {
        None => None,
        Some(text) => {
            let [ours_us, floor_us, rounds] = numbers(text)?[..] else {
                return None;
            };
            Some(WineCheck {
                ours_us,
                floor_us,
                rounds,
            })
        }
    };
    Some(WineRow {
        ours: memory("ours")?,
        notepad: memory("notepad")?,
        parts,
        check,
        wine_version: field("wine")?.to_owned(),
    })
}

/// "1,2,3" as numbers; None if one is not a number.
fn numbers(text: &str) -> Option<Vec<u64>> {
    text.split(',').map(|n| n.parse().ok()).collect()
}

impl WineRow {
    /// Ours ÷ notepad: every private byte.
    pub fn private_ratio(&self) -> f64 {
        self.ours.private_bytes as f64 / self.notepad.private_bytes.max(1) as f64
    }

    /// Ours ÷ notepad: the pages written, when both were measured.
    pub fn written_ratio(&self) -> Option<f64> {
        match (self.ours.written, self.notepad.written) {
            (Some(ours), Some(notepad)) => Some(ours as f64 / notepad.max(1) as f64),
            _ => None,
        }
    }
}

impl WineCheck {
    /// `onshi.exe check` ÷ its floor.
    pub fn ratio(&self) -> f64 {
        self.ours_us as f64 / self.floor_us.max(1) as f64
    }
}

/// The table of where the private bytes lie, both programs side by side.
fn parts_table(ours: &Parts, notepad: &Parts) -> String {
    let mib = |bytes: u64| format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0));
    let row = |label: &str, of: &dyn Fn(&Parts) -> String| {
        format!("| {label} | {} | {} |\n", of(ours), of(notepad))
    };
    [
        "| where the private bytes lie | onshi-assistant.exe | notepad.exe |\n| --- | --- | --- |\n"
            .to_owned(),
        row("its own program file, read", &|p| mib(p.image_read)),
        row("its own program file, written", &|p| mib(p.image_written)),
        row("other files (Wine's DLLs, Linux libraries), read", &|p| {
            mib(p.files_read)
        }),
        row("other files, written", &|p| mib(p.files_written)),
        row(
            "no file (heaps, thread stacks, Wine's per-thread memory), written",
            &|p| mib(p.anonymous),
        ),
        row("threads alive", &|p| p.threads.to_string()),
    ]
    .concat()
}

/// What the parts table shows, measured once per mapping (/proc/PID/smaps of both processes, Wine 10.0):
/// true of Wine rather than of one run, so said in words under the run's figures.
const PARTS_SAID: &str = "\n\
The program's own file, read: the app's code and constant data as its start touched them, mapped\n\
from the .exe and never written. Linux counts them as this process's own because no other process\n\
maps that file; Windows counts a program's mapped file as image pages, never as private bytes (its\n\
PrivateUsage, Task Manager's commit size), so this row is what Task Manager would leave out. Other\n\
files, read: Wine's DLLs that only this process loads (crypt32 and the gnutls library under it,\n\
winscard, cfgmgr32, …), pages no other process shares. No file: what the process wrote. Under Wine\n\
each thread's stack region holds about 1 MiB written (964 to 984 KiB each, notepad's one thread the\n\
same), so the threads alive explain most of the gap: the main thread, tao's wait thread for its event\n\
loop, the reader watch, the resident's thread and one tokio worker (Tauri's default has one per core;\n\
lib.rs gives it one). Tauri's generated context is built on a thread of its own with an 8 MiB stack,\n\
which ends at start but whose region stays (one more 964 KiB). Of the rest, Wine's own glibc heap is\n\
about 3 MiB in each program.\n";

/// Says which measure meets the goal (≤ 2×) and which does not; never folds one into the other.
fn verdict(private_ratio: f64, written_ratio: Option<f64>) -> String {
    let meets = |ratio: f64| if ratio <= 2.0 { "meet it" } else { "do not" };
    match written_ratio {
        Some(written) => format!(
            "The pages it wrote ({written:.2}×) {}; the private bytes as measured here, with the pages\n\
             read from files ({private_ratio:.2}×), {}. Windows maps a program's file and its DLLs as image\n\
             pages, which it does not count as private bytes (below), but this is Wine, not Windows: no\n\
             Windows figure is claimed.",
            meets(written),
            meets(private_ratio),
        ),
        None => format!(
            "The private bytes ({private_ratio:.2}×) {}; what it wrote was not measured.",
            meets(private_ratio)
        ),
    }
}

/// The report's section.
pub fn section(row: &WineRow) -> String {
    let (private_ratio, written_ratio) = (row.private_ratio(), row.written_ratio());
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let written = |bytes: Option<u64>| match bytes {
        Some(bytes) => format!("{:.1} MiB", mib(bytes)),
        None => "not measured".to_owned(),
    };
    format!(
        "## Resident on Windows, measured under Wine\n\n\
         onshi-assistant.exe (the Windows release build) started as at login (`--autostart`: the tray, the reader\n\
         watch on the rig's PaSoRi, no window and no WebView2), and Wine's own notepad.exe started beside it:\n\
         the floor any program pays under Wine. 10 s after the app's icon was up. Private bytes: the pages only\n\
         the Wine process running the program holds (Private_Clean + Private_Dirty of its smaps_rollup), as\n\
         Wine answers GetProcessMemoryInfo's PrivateUsage for another process with its whole address-space\n\
         reservation (128 TiB); working set: GetProcessMemoryInfo (tests/windows/private-bytes.c).\n\
         **Wine {wine}, not Windows**: Wine maps its own libraries into each process, so the figures say how\n\
         the app compares with a plain program there, not what Task Manager shows on a terminal.\n\
         Of the private bytes, the pages the process wrote (Private_Dirty: heap, thread stacks, Wine's own\n\
         per-thread memory) and the rest, pages read from files only this process maps, its own program\n\
         above all: Windows counts a program's own code as image pages, not private bytes.\n\n\
         | under Wine | private bytes | of which written | working set |\n| --- | --- | --- | --- |\n\
         | onshi-assistant.exe, resident | {ours_private:.1} MiB | {ours_written} | {ours_working:.1} MiB |\n\
         | notepad.exe (Wine's) | {notepad_private:.1} MiB | {notepad_written} | {notepad_working:.1} MiB |\n\
         | ours ÷ notepad | {private_ratio:.2}× | {written_ratio_text} | goal: ≤ 2× |\n\n\
         Goal (issue 31): the resident within 2× notepad's private bytes.\n{verdict}\n\
         {parts}{check}",
        check = row.check.map(check_section).unwrap_or_default(),
        written_ratio_text = match written_ratio {
            Some(ratio) => format!("{ratio:.2}×"),
            None => "not measured".to_owned(),
        },
        verdict = verdict(private_ratio, written_ratio),
        parts = match &row.parts {
            Some((ours, notepad)) => format!("\n{}{}", parts_table(ours, notepad), PARTS_SAID),
            None => String::new(),
        },
        wine = row.wine_version,
        ours_private = mib(row.ours.private_bytes),
        ours_working = mib(row.ours.working_set),
        notepad_private = mib(row.notepad.private_bytes),
        notepad_working = mib(row.notepad.working_set),
        ours_written = written(row.ours.written),
        notepad_written = written(row.notepad.written),
    )
}

/// `onshi.exe check` against its floor, under Wine.
fn check_section(check: WineCheck) -> String {
    format!(
        "\n## `onshi check` against its floor, under Wine\n\n\
         The same comparison as on Linux above, with both programs built for Windows: `onshi.exe check --json`\n\
         and the floor (`crates/onshi-core/examples/check_floor.rs` as an .exe: the rig's readers listed through\n\
         Wine's winscard, the same certificate's dates read), each started with `wine` {rounds} times,\n\
         alternating, the Wine server already running and the prefix set up as the usual terminal\n\
         (scripts/windows/bench-check.sh). Medians of the wall time. Each run pays Wine's own start, which\n\
         Windows does not: the ratio says what the check adds there, not how long it takes on a terminal.\n\n\
         | `onshi.exe check --json` | floor | ratio | goal |\n| --- | --- | --- | --- |\n\
         | {ours:.0} ms | {floor:.0} ms | {ratio:.2}× | ≤ 1.5× |\n",
        rounds = check.rounds,
        ratio = check.ratio(),
        ours = check.ours_us as f64 / 1000.0,
        floor = check.floor_us as f64 / 1000.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_chroot_line() {
        let row =
            parse("wine-memory ours=20971520,41943040 notepad=5242880,10485760 wine=10.0~repack-6")
                .unwrap();
        assert_eq!(row.ours.private_bytes, 20 * 1024 * 1024);
        assert_eq!(row.notepad.working_set, 10 * 1024 * 1024);
        assert_eq!(row.wine_version, "10.0~repack-6");
        assert!(section(&row)
            .contains("| onshi-assistant.exe, resident | 20.0 MiB | not measured | 40.0 MiB |"));
        let split = parse(
            "wine-memory ours=20971520,41943040,10485760 notepad=5242880,10485760,4194304 wine=10",
        )
        .unwrap();
        assert_eq!(split.ours.written, Some(10 * 1024 * 1024));
        assert!(section(&split)
            .contains("| onshi-assistant.exe, resident | 20.0 MiB | 10.0 MiB | 40.0 MiB |"));
        assert!(section(&split).contains("| ours ÷ notepad | 4.00× | 2.50× |"));
        assert!(section(&split).contains("The pages it wrote (2.50×) do not;"));
        assert_eq!(split.parts, None, "a line without parts");
        let with_parts = parse(
            "wine-memory ours=20971520,41943040,7340032 notepad=10485760,10485760,4194304 \
             ours-parts=11534336,0,2097152,1048576,6291456,5 notepad-parts=1048576,0,1048576,0,3145728,1 wine=10",
        )
        .unwrap();
        let (ours, notepad) = with_parts.parts.unwrap();
        assert_eq!(ours.image_read, 11 * 1024 * 1024);
        assert_eq!(ours.threads, 5);
        assert_eq!(notepad.anonymous, 3 * 1024 * 1024);
        let text = section(&with_parts);
        assert!(text.contains("The pages it wrote (1.75×) meet it;"));
        assert!(text.contains("read from files (2.00×), meet it."));
        assert!(text.contains("| its own program file, read | 11.0 MiB | 1.0 MiB |"));
        assert!(text.contains("| threads alive | 5 | 1 |"));
        assert_eq!(
            parse("wine-memory ours=1,2 notepad=1,2 ours-parts=1,2,3 notepad-parts=1,2,3,4,5,6 wine=10"),
            None,
            "parts cut short"
        );
        assert_eq!(
            parse("wine-memory ours=1,2 notepad=1,2 ours-parts=1,2,3,4,5,6 wine=10"),
            None,
            "parts for one program only"
        );
        assert_eq!(
            parse("wine-memory ours=1,2 wine=10"),
            None,
            "no notepad figure"
        );
        assert_eq!(parse("wine-memory ours=x,2 notepad=1,2 wine=10"), None);
        assert_eq!(with_parts.check, None, "a line without the check");
        let with_check =
            parse("wine-memory ours=1,2 notepad=1,2 check=412000,301000,15 wine=10").unwrap();
        assert_eq!(
            with_check.check,
            Some(WineCheck {
                ours_us: 412_000,
                floor_us: 301_000,
                rounds: 15
            })
        );
        assert!(section(&with_check).contains("| 412 ms | 301 ms | 1.37× | ≤ 1.5× |"));
        assert_eq!(
            parse("wine-memory ours=1,2 notepad=1,2 check=412000,301000 wine=10"),
            None,
            "the check cut short"
        );
    }
}
